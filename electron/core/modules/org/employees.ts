import type { EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import type { EmployeeDetail, EmployeeRow } from '../../../../shared/api/org.js';
import type { Page } from '../../../../shared/api/fields.js';
import type { ParsedInputOf } from '../../../../shared/api/index.js';
import type { EmployeeStatus, Gender } from '../../../../shared/domain/org.js';
import { AppError, conflict, fieldError, notFound } from '../../kernel/errors.js';
import type { Ctx } from '../../kernel/context.js';
import { assertReaches } from '../../kernel/access.js';
import { containsPattern, likeClause, pageOf } from '../../kernel/listing.js';
import { addTimeline, diffFields } from '../../kernel/timeline.js';
import { UserEntity } from '../auth/entities.js';
import { DeputyGroupEntity, EmployeeEntity, GroupEntity, PositionEntity, type EmployeeRecord } from './entities.js';

const SORT_COLUMNS: Record<string, string> = {
  employeeNo: 'e.employee_no',
  name: 'e.name',
  hireDate: 'e.hire_date',
  groupName: 'g.name',
  positionTitle: 'p.title',
  status: 'e.status',
};

type ListFilters = Pick<ParsedInputOf<'org.employees.list'>, 'groupId' | 'positionId' | 'status' | 'includeArchived' | 'search'>;

/** The employee list query with its joins and filters; shared by the paged list and the export. */
export function employeeQuery(manager: EntityManager, f: ListFilters) {
  const qb = manager
    .getRepository(EmployeeEntity)
    .createQueryBuilder('e')
    .leftJoin('org_groups', 'g', 'g.id = e.group_id')
    .leftJoin('org_positions', 'p', 'p.id = e.position_id')
    .leftJoin('org_employees', 'm', 'm.id = e.manager_id')
    .select([
      'e.id AS "id"',
      'e.employee_no AS "employeeNo"',
      'e.name AS "name"',
      'e.gender AS "gender"',
      'e.position_id AS "positionId"',
      'p.title AS "positionTitle"',
      'e.group_id AS "groupId"',
      'g.name AS "groupName"',
      'e.manager_id AS "managerId"',
      'm.name AS "managerName"',
      'e.hire_date AS "hireDate"',
      'e.phone AS "phone"',
      'e.email AS "email"',
      'e.status AS "status"',
      'e.left_date AS "leftDate"',
      'e.archived_at AS "archivedAt"',
    ]);
  if (!f.includeArchived) qb.andWhere('e.archived_at IS NULL');
  if (f.groupId) qb.andWhere('e.group_id = :groupId', { groupId: f.groupId });
  if (f.positionId) qb.andWhere('e.position_id = :positionId', { positionId: f.positionId });
  if (f.status) qb.andWhere('e.status = :status', { status: f.status });
  if (f.search) {
    qb.andWhere(
      `(${likeClause('e.name', 's')} OR ${likeClause('e.employee_no', 's')} OR ${likeClause('e.phone', 's')} OR ${likeClause('e.email', 's')})`,
      { s: containsPattern(f.search) },
    );
  }
  return qb;
}

export function toEmployeeRow(r: Record<string, unknown>): EmployeeRow {
  return {
    id: r.id as string,
    employeeNo: r.employeeNo as string,
    name: r.name as string,
    gender: r.gender as Gender,
    positionId: (r.positionId as string | null) ?? null,
    positionTitle: (r.positionTitle as string | null) ?? null,
    groupId: (r.groupId as string | null) ?? null,
    groupName: (r.groupName as string | null) ?? null,
    managerId: (r.managerId as string | null) ?? null,
    managerName: (r.managerName as string | null) ?? null,
    hireDate: r.hireDate as string,
    phone: (r.phone as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    status: r.status as EmployeeStatus,
    leftDate: (r.leftDate as string | null) ?? null,
    archived: r.archivedAt !== null && r.archivedAt !== undefined,
  };
}

export async function listEmployees(ctx: Ctx, input: ParsedInputOf<'org.employees.list'>): Promise<Page<EmployeeRow>> {
  const qb = employeeQuery(ctx.manager, input);
  const order = input.sortOrder === 'desc' ? 'DESC' : 'ASC';
  qb.orderBy(SORT_COLUMNS[input.sortField ?? 'employeeNo']!, order).addOrderBy('e.id', order);
  const { total, raw } = await pageOf(qb, input.page, input.pageSize);
  return { rows: raw.map(toEmployeeRow), total, page: input.page, pageSize: input.pageSize };
}

export async function employeeDetail(manager: EntityManager, id: string): Promise<EmployeeDetail> {
  const raw = await employeeQuery(manager, { includeArchived: true })
    .addSelect(['p.duties AS "duties"', 'e.created_at AS "createdAt"', 'e.updated_at AS "updatedAt"'])
    .andWhere('e.id = :id', { id })
    .getRawOne<Record<string, unknown>>();
  if (!raw) throw notFound();
  const reports = await manager.getRepository(EmployeeEntity).find({
    where: { managerId: id, archivedAt: IsNull() },
    select: { id: true, name: true, employeeNo: true },
    order: { employeeNo: 'ASC' },
  });
  const managedGroups = await manager
    .getRepository(DeputyGroupEntity)
    .createQueryBuilder('d')
    .innerJoin('org_groups', 'g', 'g.id = d.group_id')
    .select(['g.id AS "id"', 'g.name AS "name"'])
    .where('d.employee_id = :id', { id })
    .getRawMany<{ id: string; name: string }>();
  const account = await manager.getRepository(UserEntity).findOne({ where: { employeeId: id }, select: { id: true, username: true } });
  return {
    ...toEmployeeRow(raw),
    duties: (raw.duties as string | null) ?? null,
    reports,
    managedGroups,
    userAccount: account ? { id: account.id, username: account.username } : null,
    createdAt: raw.createdAt as string,
    updatedAt: raw.updatedAt as string,
  };
}

export async function getEmployee(ctx: Ctx, input: ParsedInputOf<'org.employees.get'>): Promise<EmployeeDetail> {
  return employeeDetail(ctx.manager, input.id);
}

type EmployeeFields = ParsedInputOf<'org.employees.create'>;

/** Checks what the schema cannot: referenced records exist and are active, no manager loops. */
async function assertReferences(manager: EntityManager, f: EmployeeFields, selfId: string | null): Promise<void> {
  if (f.positionId) {
    const p = await manager.getRepository(PositionEntity).findOne({ where: { id: f.positionId } });
    if (!p || p.archivedAt) throw fieldError('positionId', 'validation.unknownPosition');
  }
  if (f.groupId) {
    const g = await manager.getRepository(GroupEntity).findOne({ where: { id: f.groupId } });
    if (!g || g.archivedAt) throw fieldError('groupId', 'validation.unknownGroup');
  }
  if (f.managerId) {
    if (f.managerId === selfId) throw fieldError('managerId', 'validation.managerIsSelf');
    const repo = manager.getRepository(EmployeeEntity);
    const m = await repo.findOne({ where: { id: f.managerId } });
    if (!m || m.archivedAt) throw fieldError('managerId', 'validation.unknownEmployee');
    // Walk up the chain: making someone report to their own report would loop the org chart.
    let cursor: string | null = m.managerId;
    for (let depth = 0; cursor && depth < 100; depth++) {
      if (cursor === selfId) throw fieldError('managerId', 'validation.managerCycle');
      cursor = (await repo.findOne({ where: { id: cursor }, select: { managerId: true } }))?.managerId ?? null;
    }
  }
}

async function assertEmployeeNoFree(manager: EntityManager, employeeNo: string, exceptId: string | null): Promise<void> {
  const qb = manager.getRepository(EmployeeEntity).createQueryBuilder('e').where('LOWER(e.employee_no) = LOWER(:no)', { no: employeeNo });
  if (exceptId) qb.andWhere('e.id <> :id', { id: exceptId });
  if ((await qb.getCount()) > 0) throw conflict('error.employeeNoTaken', { employeeNo: 'validation.employeeNoTaken' });
}

/** Inserts a validated employee; used by the form and by the import. */
export async function insertEmployee(ctx: Ctx, f: EmployeeFields, status: EmployeeStatus = 'active', leftDate: string | null = null): Promise<EmployeeRecord> {
  const employee: EmployeeRecord = {
    id: ctx.services.newId(),
    employeeNo: f.employeeNo,
    name: f.name,
    gender: f.gender,
    positionId: f.positionId,
    groupId: f.groupId,
    managerId: f.managerId,
    hireDate: f.hireDate,
    phone: f.phone ?? null,
    email: f.email ?? null,
    status,
    leftDate: status === 'left' ? leftDate : null,
    archivedAt: null,
    createdAt: ctx.nowIso,
    updatedAt: ctx.nowIso,
  };
  await ctx.manager.getRepository(EmployeeEntity).insert(employee);
  await addTimeline(ctx, { entity: 'employee', recordId: employee.id, kind: 'created' });
  await ctx.audit({ entity: 'employee', recordId: employee.id, action: 'create', after: employee });
  return employee;
}

export async function createEmployee(ctx: Ctx, input: ParsedInputOf<'org.employees.create'>): Promise<EmployeeDetail> {
  assertReaches(ctx, 'org.write', { groupId: input.groupId });
  await assertEmployeeNoFree(ctx.manager, input.employeeNo, null);
  await assertReferences(ctx.manager, input, null);
  const employee = await insertEmployee(ctx, input);
  return employeeDetail(ctx.manager, employee.id);
}

async function loadForWrite(ctx: Ctx, id: string): Promise<EmployeeRecord> {
  const employee = await ctx.manager.getRepository(EmployeeEntity).findOne({ where: { id } });
  if (!employee) throw notFound();
  assertReaches(ctx, 'org.write', { groupId: employee.groupId });
  return employee;
}

const TRACKED_FIELDS: (keyof EmployeeRecord & string)[] = [
  'employeeNo',
  'name',
  'gender',
  'positionId',
  'groupId',
  'managerId',
  'hireDate',
  'phone',
  'email',
  'status',
  'leftDate',
];

export async function updateEmployee(ctx: Ctx, input: ParsedInputOf<'org.employees.update'>): Promise<EmployeeDetail> {
  const before = await loadForWrite(ctx, input.id);
  if (before.archivedAt) throw new AppError('INVALID_STATE', 'error.archived');
  assertReaches(ctx, 'org.write', { groupId: input.groupId });
  if (input.status === 'left' && !input.leftDate) throw fieldError('leftDate', 'validation.required');
  if (input.leftDate && input.leftDate < input.hireDate) throw fieldError('leftDate', 'validation.leftBeforeHire');
  await assertEmployeeNoFree(ctx.manager, input.employeeNo, input.id);
  await assertReferences(ctx.manager, input, input.id);
  const after: EmployeeRecord = {
    ...before,
    employeeNo: input.employeeNo,
    name: input.name,
    gender: input.gender,
    positionId: input.positionId,
    groupId: input.groupId,
    managerId: input.managerId,
    hireDate: input.hireDate,
    phone: input.phone ?? null,
    email: input.email ?? null,
    status: input.status,
    leftDate: input.status === 'left' ? (input.leftDate ?? null) : null,
    updatedAt: ctx.nowIso,
  };
  const changes = diffFields(before, after, TRACKED_FIELDS);
  if (changes.length === 0) return employeeDetail(ctx.manager, before.id);
  await ctx.manager.getRepository(EmployeeEntity).save(after);
  const statusChange = changes.find((c) => c.field === 'status');
  if (statusChange) await addTimeline(ctx, { entity: 'employee', recordId: before.id, kind: 'status', body: String(statusChange.to) });
  const fieldChanges = changes.filter((c) => c.field !== 'status');
  if (fieldChanges.length) await addTimeline(ctx, { entity: 'employee', recordId: before.id, kind: 'fields', changes: fieldChanges });
  await ctx.audit({ entity: 'employee', recordId: before.id, action: 'update', before, after });
  return employeeDetail(ctx.manager, before.id);
}

/** Archiving hides an employee from lists and pickers; nothing is deleted (ARCHITECTURE "Data"). */
export async function setEmployeeArchived(ctx: Ctx, id: string, archived: boolean): Promise<EmployeeDetail> {
  const employee = await loadForWrite(ctx, id);
  if ((employee.archivedAt !== null) === archived) throw new AppError('INVALID_STATE', archived ? 'error.alreadyArchived' : 'error.notArchived');
  if (archived) {
    const leads = await ctx.manager.getRepository(GroupEntity).count({ where: { leadEmployeeId: id, archivedAt: IsNull() } });
    if (leads > 0) throw new AppError('INVALID_STATE', 'error.employeeLeadsGroup');
  }
  const archivedAt = archived ? ctx.nowIso : null;
  await ctx.manager.getRepository(EmployeeEntity).update({ id }, { archivedAt, updatedAt: ctx.nowIso });
  await addTimeline(ctx, { entity: 'employee', recordId: id, kind: 'status', body: archived ? 'archived' : 'restored' });
  await ctx.audit({ entity: 'employee', recordId: id, action: archived ? 'archive' : 'restore', before: { archivedAt: employee.archivedAt }, after: { archivedAt } });
  return employeeDetail(ctx.manager, id);
}
