import type { EntityManager } from 'typeorm';
import { sqlFor } from '../../db/sql.js';
import { SqlWhere } from '../../db/sql-where.js';
import { In, IsNull } from 'typeorm';
import type { GroupRow, PositionRow } from '../../../../shared/api/org.js';
import type { ParsedInputOf } from '../../../../shared/api/index.js';
import { AppError, assertVersion, conflict, fieldError, notFound } from '../../kernel/errors.js';
import type { Ctx } from '../../kernel/context.js';
import { addTimeline, diffFields } from '../../kernel/timeline.js';
import { getSetting, setSetting } from '../settings/store.js';
import { DeputyGroupEntity, EmployeeEntity, GroupEntity, PositionEntity, type GroupRecord, type PositionRecord } from './entities.js';

/** Department, groups, positions and deputy assignments: the structure managers maintain. */

/** Chinese titles in pinyin order (a few dozen positions: sorted here, not by a stored key). */
const byPinyin = new Intl.Collator('zh-CN').compare;

export async function getDepartment(ctx: Ctx): Promise<{ name: string }> {
  return { name: (await getSetting(ctx.manager, 'department.name')) ?? '' };
}

export async function updateDepartment(ctx: Ctx, input: ParsedInputOf<'org.department.update'>): Promise<{ name: string }> {
  const before = await getDepartment(ctx);
  await setSetting(ctx.manager, 'department.name', input.name, ctx.nowIso);
  await ctx.audit({ entity: 'department', recordId: null, action: 'update', before, after: { name: input.name } });
  return { name: input.name };
}

// ---- groups ---------------------------------------------------------------------------------

/** A record as the audit log keeps it: its fields, not its edit count. */
function snapshot<T extends { version: number }>(record: T): Omit<T, 'version'> {
  const { version: _version, ...fields } = record;
  return fields;
}

/**
 * The groups page (and the org chart's group panel): each group with its lead, deputies and active
 * members, on prepared statements (db/sql.ts): through the query builder the four reads cost
 * about 0.9 ms at 5,000 employees, most of it TypeORM's own work (issue 7).
 */
const GROUP_COLUMNS = `g.id AS "id", g.name AS "name", g.description AS "description", g.lead_employee_id AS "leadEmployeeId",
  l.name AS "leadName", g.sort_order AS "sortOrder", g.archived_at AS "archivedAt", g.version AS "version"`;
const GROUPS_FROM = 'FROM org_groups g LEFT JOIN org_employees l ON l.id = g.lead_employee_id';
const MEMBER_COUNTS = `SELECT e.group_id AS "groupId", COUNT(*) AS "n" FROM org_employees e
  WHERE e.group_id IS NOT NULL AND e.archived_at IS NULL AND e.status = 'active' GROUP BY e.group_id`;
/** Read from the few deputy rows and sorted here: ORDER BY name_pinyin made SQLite walk every employee. */
const DEPUTIES = `SELECT d.group_id AS "groupId", d.employee_id AS "employeeId", e.name AS "name", e.name_pinyin AS "key"
  FROM org_deputy_groups d JOIN org_employees e ON e.id = d.employee_id`;
/** Byte order, as the database sorts the pinyin keys (db/migrate.ts gives PostgreSQL the same). */
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type GroupListRow = Omit<GroupRow, 'deputies' | 'memberCount' | 'archived'> & { archivedAt: string | null; sortOrder: number | string };

export async function groupRows(manager: EntityManager, where: { includeArchived: boolean; ids?: string[] }): Promise<GroupRow[]> {
  const sql = sqlFor(manager);
  const filter = new SqlWhere();
  if (!where.includeArchived) filter.and('g.archived_at IS NULL');
  if (where.ids) filter.and(where.ids.length ? `g.id IN (${where.ids.map(() => '?').join(', ')})` : '1 = 0', ...where.ids);
  const groups = await sql.all<GroupListRow>(`SELECT ${GROUP_COLUMNS} ${GROUPS_FROM}${filter.sql} ORDER BY g.sort_order, g.name, g.id`, filter.params);
  if (groups.length === 0) return [];
  // A department has a handful of groups: all counts and deputies at once, picked out below.
  const counts = new Map((await sql.all<{ groupId: string; n: number | string }>(MEMBER_COUNTS)).map((c) => [c.groupId, Number(c.n)]));
  const deputies = (await sql.all<{ groupId: string; employeeId: string; name: string; key: string }>(DEPUTIES)).sort(
    (a, b) => byteOrder(a.key, b.key) || byteOrder(a.employeeId, b.employeeId),
  );
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    description: g.description,
    leadEmployeeId: g.leadEmployeeId,
    leadName: g.leadName ?? null,
    deputies: deputies.filter((d) => d.groupId === g.id).map((d) => ({ employeeId: d.employeeId, name: d.name })),
    memberCount: counts.get(g.id) ?? 0,
    sortOrder: Number(g.sortOrder),
    archived: g.archivedAt !== null,
    version: Number(g.version),
  }));
}

async function groupRow(manager: EntityManager, id: string): Promise<GroupRow> {
  const [row] = await groupRows(manager, { includeArchived: true, ids: [id] });
  if (!row) throw notFound();
  return row;
}

async function assertGroupNameFree(manager: EntityManager, name: string, exceptId: string | null): Promise<void> {
  const qb = manager
    .getRepository(GroupEntity)
    .createQueryBuilder('g')
    .where('LOWER(g.name) = LOWER(:name) AND g.archived_at IS NULL', { name });
  if (exceptId) qb.andWhere('g.id <> :id', { id: exceptId });
  if ((await qb.getCount()) > 0) throw conflict('error.nameTaken', { name: 'validation.nameTaken' });
}

async function assertActiveEmployee(manager: EntityManager, id: string | null, field: string): Promise<void> {
  if (!id) return;
  const e = await manager.getRepository(EmployeeEntity).findOne({ where: { id } });
  if (!e || e.archivedAt || e.status !== 'active') throw fieldError(field, 'validation.unknownEmployee');
}

export async function createGroup(ctx: Ctx, input: ParsedInputOf<'org.groups.create'>): Promise<GroupRow> {
  await assertGroupNameFree(ctx.manager, input.name, null);
  await assertActiveEmployee(ctx.manager, input.leadEmployeeId, 'leadEmployeeId');
  const repo = ctx.manager.getRepository(GroupEntity);
  const max = await repo.createQueryBuilder('g').select('MAX(g.sort_order)', 'm').getRawOne<{ m: number | null }>();
  const group: GroupRecord = {
    id: ctx.services.newId(),
    name: input.name,
    description: input.description ?? '',
    leadEmployeeId: input.leadEmployeeId,
    sortOrder: (max?.m ?? 0) + 1,
    archivedAt: null,
    createdAt: ctx.nowIso,
    updatedAt: ctx.nowIso,
    version: 1,
  };
  await repo.insert(group);
  await addTimeline(ctx, { entity: 'group', recordId: group.id, kind: 'created' });
  await ctx.audit({ entity: 'group', recordId: group.id, action: 'create', after: snapshot(group) });
  return groupRow(ctx.manager, group.id);
}

export async function updateGroup(ctx: Ctx, input: ParsedInputOf<'org.groups.update'>): Promise<GroupRow> {
  const repo = ctx.manager.getRepository(GroupEntity);
  const before = await repo.findOne({ where: { id: input.id } });
  if (!before) throw notFound();
  if (before.archivedAt) throw new AppError('INVALID_STATE', 'error.archived');
  assertVersion(before.version, input.version);
  await assertGroupNameFree(ctx.manager, input.name, input.id);
  await assertActiveEmployee(ctx.manager, input.leadEmployeeId, 'leadEmployeeId');
  const after: GroupRecord = { ...before, name: input.name, description: input.description ?? '', leadEmployeeId: input.leadEmployeeId, updatedAt: ctx.nowIso };
  await repo.save(after);
  const changes = diffFields(before, after, ['name', 'description', 'leadEmployeeId']);
  if (changes.length) await addTimeline(ctx, { entity: 'group', recordId: before.id, kind: 'fields', changes });
  await ctx.audit({ entity: 'group', recordId: before.id, action: 'update', before: snapshot(before), after: snapshot(after) });
  return groupRow(ctx.manager, before.id);
}

export async function setGroupArchived(ctx: Ctx, id: string, archived: boolean): Promise<GroupRow> {
  const repo = ctx.manager.getRepository(GroupEntity);
  const group = await repo.findOne({ where: { id } });
  if (!group) throw notFound();
  if ((group.archivedAt !== null) === archived) throw new AppError('INVALID_STATE', archived ? 'error.alreadyArchived' : 'error.notArchived');
  if (archived) {
    const members = await ctx.manager.getRepository(EmployeeEntity).count({ where: { groupId: id, archivedAt: IsNull(), status: 'active' } });
    if (members > 0) throw new AppError('INVALID_STATE', 'error.groupHasMembers');
  } else {
    await assertGroupNameFree(ctx.manager, group.name, id);
  }
  const archivedAt = archived ? ctx.nowIso : null;
  await repo.update({ id }, { archivedAt, updatedAt: ctx.nowIso });
  await addTimeline(ctx, { entity: 'group', recordId: id, kind: 'status', body: archived ? 'archived' : 'restored' });
  await ctx.audit({ entity: 'group', recordId: id, action: archived ? 'archive' : 'restore', before: { archivedAt: group.archivedAt }, after: { archivedAt } });
  return groupRow(ctx.manager, id);
}

// ---- positions ------------------------------------------------------------------------------

const POSITION_COUNTS = `SELECT e.position_id AS "positionId", COUNT(*) AS "n" FROM org_employees e
  WHERE e.position_id IS NOT NULL AND e.archived_at IS NULL AND e.status = 'active' GROUP BY e.position_id`;

export async function positionRows(manager: EntityManager, includeArchived: boolean, ids?: string[]): Promise<PositionRow[]> {
  const positions = (
    await manager.getRepository(PositionEntity).find({
      where: { ...(includeArchived ? {} : { archivedAt: IsNull() }), ...(ids ? { id: In(ids) } : {}) },
    })
  ).sort((a, b) => a.level - b.level || byPinyin(a.title, b.title));
  if (positions.length === 0) return [];
  // Counted from the partial index of active employees (migration 0010).
  const counts = await sqlFor(manager).all<{ positionId: string; n: number | string }>(POSITION_COUNTS);
  return positions.map((p) => ({
    id: p.id,
    title: p.title,
    level: p.level,
    duties: p.duties,
    employeeCount: Number(counts.find((c) => c.positionId === p.id)?.n ?? 0),
    archived: p.archivedAt !== null,
    version: p.version,
  }));
}

async function positionRow(manager: EntityManager, id: string): Promise<PositionRow> {
  const [row] = await positionRows(manager, true, [id]);
  if (!row) throw notFound();
  return row;
}

async function assertTitleFree(manager: EntityManager, title: string, exceptId: string | null): Promise<void> {
  const qb = manager
    .getRepository(PositionEntity)
    .createQueryBuilder('p')
    .where('LOWER(p.title) = LOWER(:title) AND p.archived_at IS NULL', { title });
  if (exceptId) qb.andWhere('p.id <> :id', { id: exceptId });
  if ((await qb.getCount()) > 0) throw conflict('error.nameTaken', { title: 'validation.nameTaken' });
}

export async function createPosition(ctx: Ctx, input: ParsedInputOf<'org.positions.create'>): Promise<PositionRow> {
  await assertTitleFree(ctx.manager, input.title, null);
  const position: PositionRecord = {
    id: ctx.services.newId(),
    title: input.title,
    level: input.level,
    duties: input.duties ?? '',
    archivedAt: null,
    createdAt: ctx.nowIso,
    updatedAt: ctx.nowIso,
    version: 1,
  };
  await ctx.manager.getRepository(PositionEntity).insert(position);
  await addTimeline(ctx, { entity: 'position', recordId: position.id, kind: 'created' });
  await ctx.audit({ entity: 'position', recordId: position.id, action: 'create', after: snapshot(position) });
  return positionRow(ctx.manager, position.id);
}

export async function updatePosition(ctx: Ctx, input: ParsedInputOf<'org.positions.update'>): Promise<PositionRow> {
  const repo = ctx.manager.getRepository(PositionEntity);
  const before = await repo.findOne({ where: { id: input.id } });
  if (!before) throw notFound();
  if (before.archivedAt) throw new AppError('INVALID_STATE', 'error.archived');
  assertVersion(before.version, input.version);
  await assertTitleFree(ctx.manager, input.title, input.id);
  const after: PositionRecord = { ...before, title: input.title, level: input.level, duties: input.duties ?? '', updatedAt: ctx.nowIso };
  await repo.save(after);
  const changes = diffFields(before, after, ['title', 'level', 'duties']);
  if (changes.length) await addTimeline(ctx, { entity: 'position', recordId: before.id, kind: 'fields', changes });
  await ctx.audit({ entity: 'position', recordId: before.id, action: 'update', before: snapshot(before), after: snapshot(after) });
  return positionRow(ctx.manager, before.id);
}

export async function setPositionArchived(ctx: Ctx, id: string, archived: boolean): Promise<PositionRow> {
  const repo = ctx.manager.getRepository(PositionEntity);
  const position = await repo.findOne({ where: { id } });
  if (!position) throw notFound();
  if ((position.archivedAt !== null) === archived) throw new AppError('INVALID_STATE', archived ? 'error.alreadyArchived' : 'error.notArchived');
  if (archived) {
    const holders = await ctx.manager.getRepository(EmployeeEntity).count({ where: { positionId: id, archivedAt: IsNull(), status: 'active' } });
    if (holders > 0) throw new AppError('INVALID_STATE', 'error.positionHasEmployees');
  } else {
    await assertTitleFree(ctx.manager, position.title, id);
  }
  const archivedAt = archived ? ctx.nowIso : null;
  await repo.update({ id }, { archivedAt, updatedAt: ctx.nowIso });
  await addTimeline(ctx, { entity: 'position', recordId: id, kind: 'status', body: archived ? 'archived' : 'restored' });
  await ctx.audit({ entity: 'position', recordId: id, action: archived ? 'archive' : 'restore', before: { archivedAt: position.archivedAt }, after: { archivedAt } });
  return positionRow(ctx.manager, id);
}

// ---- deputies (分管) -------------------------------------------------------------------------

export async function listDeputies(ctx: Ctx): Promise<{ employeeId: string; name: string; groupIds: string[] }[]> {
  const rows = await ctx.manager
    .getRepository(DeputyGroupEntity)
    .createQueryBuilder('d')
    .innerJoin('org_employees', 'e', 'e.id = d.employee_id')
    .select(['d.employee_id AS "employeeId"', 'e.name AS "name"', 'd.group_id AS "groupId"'])
    .orderBy('e.name_pinyin')
    .getRawMany<{ employeeId: string; name: string; groupId: string }>();
  const byEmployee = new Map<string, { employeeId: string; name: string; groupIds: string[] }>();
  for (const r of rows) {
    const entry = byEmployee.get(r.employeeId) ?? { employeeId: r.employeeId, name: r.name, groupIds: [] };
    entry.groupIds.push(r.groupId);
    byEmployee.set(r.employeeId, entry);
  }
  return [...byEmployee.values()];
}

export async function assignDeputy(ctx: Ctx, input: ParsedInputOf<'org.deputies.assign'>): Promise<{ employeeId: string; groupIds: string[] }> {
  await assertActiveEmployee(ctx.manager, input.employeeId, 'employeeId');
  const groupIds = [...new Set(input.groupIds)];
  if (groupIds.length) {
    const found = await ctx.manager.getRepository(GroupEntity).count({ where: { id: In(groupIds), archivedAt: IsNull() } });
    if (found !== groupIds.length) throw fieldError('groupIds', 'validation.unknownGroup');
  }
  const repo = ctx.manager.getRepository(DeputyGroupEntity);
  const before = (await repo.find({ where: { employeeId: input.employeeId } })).map((d) => d.groupId);
  await repo.delete({ employeeId: input.employeeId });
  if (groupIds.length) await repo.insert(groupIds.map((groupId) => ({ employeeId: input.employeeId, groupId })));
  await addTimeline(ctx, { entity: 'employee', recordId: input.employeeId, kind: 'fields', changes: [{ field: 'managedGroups', from: before, to: groupIds }] });
  await ctx.audit({ entity: 'employee', recordId: input.employeeId, action: 'assignDeputy', before: { groupIds: before }, after: { groupIds } });
  return { employeeId: input.employeeId, groupIds };
}
