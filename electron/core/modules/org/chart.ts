import type { OrgChart, OrgChartNode } from '../../../../shared/api/org.js';
import type { ParsedInputOf } from '../../../../shared/api/index.js';
import type { Ctx } from '../../kernel/context.js';
import { notFound } from '../../kernel/errors.js';
import { sqlFor } from '../../db/sql.js';
import { getSetting } from '../settings/store.js';
import { groupRows } from './structure.js';

/**
 * The org chart: active employees as a reporting tree (manager -> reports), served a level at a
 * time so that it opens at once with 20,000 people: org.chart sends the roots and their reports,
 * org.chart.reports one more level when the user opens a node, org.chart.path the managers to
 * open to show someone found by search. Everyone without an active manager is a root (a manager
 * who left or was archived leaves their reports at the top), the department manager first (lowest
 * level of a position still in use).
 */

/** In the chart: not archived and still working here. */
const active = (alias: string) => `${alias}.archived_at IS NULL AND ${alias}.status = 'active'`;

/** A node's fields; reports counted on the manager_id index. */
const NODE = `SELECT e.id AS "employeeId", e.name AS "name", p.title AS "positionTitle", g.name AS "groupName",
  (SELECT COUNT(*) FROM org_employees r WHERE r.manager_id = e.id AND ${active('r')}) AS "reportCount"
  FROM org_employees e LEFT JOIN org_positions p ON p.id = e.position_id LEFT JOIN org_groups g ON g.id = e.group_id`;

const ROOTS = `${NODE} WHERE ${active('e')}
  AND (e.manager_id IS NULL OR NOT EXISTS (SELECT 1 FROM org_employees m WHERE m.id = e.manager_id AND ${active('m')}))
  ORDER BY COALESCE(CASE WHEN p.archived_at IS NULL THEN p.level END, 99), e.employee_no, e.id`;

const REPORTS = `${NODE} WHERE ${active('e')} AND e.manager_id = ? ORDER BY e.employee_no, e.id`;

/** Reports of several managers at once (the second level), by manager. */
const reportsOfMany = (n: number) =>
  `${NODE.replace('SELECT e.id', 'SELECT e.manager_id AS "managerId", e.id')} WHERE ${active('e')} AND e.manager_id IN (${Array(n).fill('?').join(', ')}) ORDER BY e.employee_no, e.id`;

/** The chain of managers above someone, nearest first, while they are in the chart (at most 100 levels). */
const MANAGERS_ABOVE = `WITH RECURSIVE up(id, depth) AS (
    SELECT manager_id, 1 FROM org_employees WHERE id = ?
    UNION ALL SELECT e.manager_id, u.depth + 1 FROM org_employees e JOIN up u ON e.id = u.id WHERE u.depth < 100
  ) SELECT up.id AS "id", up.depth AS "depth", CASE WHEN ${active('e')} THEN 1 ELSE 0 END AS "active"
  FROM up JOIN org_employees e ON e.id = up.id ORDER BY up.depth`;

const IS_IN_CHART = `SELECT COUNT(*) AS n FROM org_employees e WHERE e.id = ? AND ${active('e')}`;

type NodeRow = Omit<OrgChartNode, 'children' | 'reportCount'> & { reportCount: number | string };
const toNode = (r: NodeRow): OrgChartNode => ({ employeeId: r.employeeId, name: r.name, positionTitle: r.positionTitle, groupName: r.groupName, reportCount: Number(r.reportCount), children: [] });

/** SQLite allows 32,766 parameters; the second level is asked for in slices well below that. */
const SLICE = 500;

export async function orgChart(ctx: Ctx): Promise<OrgChart> {
  const sql = sqlFor(ctx.manager);
  const roots = (await sql.all<NodeRow>(ROOTS)).map(toNode);
  const byId = new Map(roots.map((n) => [n.employeeId, n]));
  const managers = roots.filter((n) => n.reportCount > 0).map((n) => n.employeeId);
  for (let i = 0; i < managers.length; i += SLICE) {
    const slice = managers.slice(i, i + SLICE);
    for (const r of await sql.all<NodeRow & { managerId: string }>(reportsOfMany(slice.length), slice)) byId.get(r.managerId)!.children.push(toNode(r));
  }
  const groups = await groupRows(ctx.manager, { includeArchived: false });
  return {
    departmentName: (await getSetting(ctx.manager, 'department.name')) ?? '',
    roots,
    groups: groups.map((g) => ({ id: g.id, name: g.name, leadName: g.leadName, deputyNames: g.deputies.map((d) => d.name), memberCount: g.memberCount })),
  };
}

/** A manager's reports; none for someone not in the chart (their reports are roots there). */
export async function chartReports(ctx: Ctx, input: ParsedInputOf<'org.chart.reports'>): Promise<OrgChartNode[]> {
  const sql = sqlFor(ctx.manager);
  if ((await sql.count(IS_IN_CHART, [input.managerId])) === 0) return [];
  return (await sql.all<NodeRow>(REPORTS, [input.managerId])).map(toNode);
}

/**
 * The managers to open, root first, to show an active employee: the chain above them up to the
 * first manager who is not in the chart (who left or was archived: the chain above them is not shown).
 */
export async function chartPath(ctx: Ctx, input: ParsedInputOf<'org.chart.path'>): Promise<{ managerIds: string[] }> {
  const sql = sqlFor(ctx.manager);
  if ((await sql.count(IS_IN_CHART, [input.employeeId])) === 0) throw notFound();
  const chain = await sql.all<{ id: string; active: number | boolean }>(MANAGERS_ABOVE, [input.employeeId]);
  const shown: string[] = [];
  for (const m of chain) {
    if (!Number(m.active)) break;
    shown.push(m.id);
  }
  return { managerIds: shown.reverse() };
}
