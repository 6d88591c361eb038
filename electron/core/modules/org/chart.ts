import { IsNull } from 'typeorm';
import type { OrgChart, OrgChartNode } from '../../../../shared/api/org.js';
import type { Ctx } from '../../kernel/context.js';
import { getSetting } from '../settings/store.js';
import { contactReach } from './contacts.js';
import { employeeFilter, employeeRowsRaw, toEmployeeRow } from './employee-query.js';
import { groupRows } from './structure.js';
import { PositionEntity } from './entities.js';

/**
 * The org chart: active employees as a reporting tree (manager -> reports). People without a
 * manager are roots, the department manager first (lowest position level).
 */
export async function orgChart(ctx: Ctx): Promise<OrgChart> {
  const raw = await employeeRowsRaw(ctx.manager, employeeFilter({ includeArchived: false, status: 'active' }, contactReach(ctx)), 'e.employee_no');
  const rows = raw.map(toEmployeeRow);
  const levels = new Map(
    (await ctx.manager.getRepository(PositionEntity).find({ where: { archivedAt: IsNull() } })).map((p) => [p.id, p.level]),
  );
  const nodes = new Map<string, OrgChartNode>(
    rows.map((r) => [r.id, { employeeId: r.id, name: r.name, positionTitle: r.positionTitle, groupName: r.groupName, children: [] }]),
  );
  const roots: OrgChartNode[] = [];
  for (const r of rows) {
    const parent = r.managerId ? nodes.get(r.managerId) : undefined;
    (parent ? parent.children : roots).push(nodes.get(r.id)!);
  }
  const positionOf = new Map(rows.map((r) => [r.id, r.positionId]));
  const level = (n: OrgChartNode) => levels.get(positionOf.get(n.employeeId) ?? '') ?? 99;
  roots.sort((a, b) => level(a) - level(b));
  const groups = await groupRows(ctx.manager, { includeArchived: false });
  return {
    departmentName: (await getSetting(ctx.manager, 'department.name')) ?? '',
    roots,
    groups: groups.map((g) => ({ id: g.id, name: g.name, leadName: g.leadName, deputyNames: g.deputies.map((d) => d.name), memberCount: g.memberCount })),
  };
}
