import { IsNull } from 'typeorm';
import type { EmployeeDetail } from '../../../../shared/api/org.js';
import type { ParsedInputOf } from '../../../../shared/api/index.js';
import type { EmployeeStatus } from '../../../../shared/domain/org.js';
import { namePinyinKey } from './name-pinyin.js';
import { AppError, assertVersion, notFound } from '../../kernel/errors.js';
import type { Ctx } from '../../kernel/context.js';
import { assertReaches } from '../../kernel/access.js';
import { addTimeline, diffFields } from '../../kernel/timeline.js';
import { assertMayWriteEmployee } from './access.js';
import { fieldProblemsError, storedFieldProblems } from './employee-checks.js';
import { employeeDetail } from './employee-query.js';
import { employeeRecord, insertEmployeeRecord, writeEmployeeRecord } from './employee-store.js';
import { EmployeeEntity, GroupEntity, type EmployeeRecord } from './entities.js';

/** Changing employees: create (form and import), update, archive and restore. */

/** An employee's fields as the form and the import give them (the phone number already checked). */
export type EmployeeValues = Omit<ParsedInputOf<'org.employees.create'>, 'phoneKind'>;

/** The record as the audit log keeps it: the derived pinyin key is not something anyone changed. */
function audited(e: EmployeeRecord): Omit<EmployeeRecord, 'namePinyin' | 'version'> {
  const { namePinyin: _derived, version: _version, ...rest } = e;
  return rest;
}

/** Throws every stored-data problem of the fields at once (see employee-checks.ts). */
async function assertFieldsFit(ctx: Ctx, fields: Parameters<typeof storedFieldProblems>[1], selfId: string | null): Promise<void> {
  const error = fieldProblemsError(await storedFieldProblems(ctx.manager, fields, selfId));
  if (error) throw error;
}

/** Inserts a validated employee; used by the form, the import and the demo data. */
export async function insertEmployee(ctx: Ctx, f: EmployeeValues, status: EmployeeStatus = 'active', leftDate: string | null = null): Promise<EmployeeRecord> {
  const employee: EmployeeRecord = {
    id: ctx.services.newId(),
    employeeNo: f.employeeNo,
    name: f.name,
    namePinyin: namePinyinKey(f.name),
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
    version: 1,
  };
  await insertEmployeeRecord(ctx.manager, employee);
  await addTimeline(ctx, { entity: 'employee', recordId: employee.id, kind: 'created' });
  await ctx.audit({ entity: 'employee', recordId: employee.id, action: 'create', after: audited(employee) });
  return employee;
}

export async function createEmployee(ctx: Ctx, input: ParsedInputOf<'org.employees.create'>): Promise<EmployeeDetail> {
  assertReaches(ctx, 'org.write', { groupId: input.groupId });
  await assertFieldsFit(ctx, input, null);
  const employee = await insertEmployee(ctx, input);
  return employeeDetail(ctx, employee.id);
}

/** The employee to change, if the caller's org.write reaches it (its group, or their own record). */
async function loadForWrite(ctx: Ctx, id: string): Promise<EmployeeRecord> {
  const employee = await employeeRecord(ctx.manager, id);
  if (!employee) throw notFound();
  assertMayWriteEmployee(ctx, employee);
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
  assertVersion(before.version, input.version);
  // Moving a record into a group needs that group in scope, own record or not.
  if (input.groupId !== before.groupId) assertReaches(ctx, 'org.write', { groupId: input.groupId });
  await assertFieldsFit(ctx, input, input.id);
  const after: EmployeeRecord = {
    ...before,
    employeeNo: input.employeeNo,
    name: input.name,
    // The sort key only when the name changed (pinyin-pro is the costliest step of a save).
    namePinyin: input.name === before.name ? before.namePinyin : namePinyinKey(input.name),
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
  if (changes.length === 0) return employeeDetail(ctx, before.id);
  const changed = changes.map((c) => c.field as keyof EmployeeRecord);
  await writeEmployeeRecord(ctx.manager, after, after.namePinyin === before.namePinyin ? changed : [...changed, 'namePinyin']);
  const statusChange = changes.find((c) => c.field === 'status');
  if (statusChange) await addTimeline(ctx, { entity: 'employee', recordId: before.id, kind: 'status', body: String(statusChange.to) });
  const fieldChanges = changes.filter((c) => c.field !== 'status');
  if (fieldChanges.length) await addTimeline(ctx, { entity: 'employee', recordId: before.id, kind: 'fields', changes: fieldChanges });
  await ctx.audit({ entity: 'employee', recordId: before.id, action: 'update', before: audited(before), after: audited(after) });
  return employeeDetail(ctx, before.id);
}

/** Archiving hides an employee from lists and pickers; nothing is deleted (ARCHITECTURE "Data"). */
export async function setEmployeeArchived(ctx: Ctx, id: string, archived: boolean): Promise<EmployeeDetail> {
  const employee = await loadForWrite(ctx, id);
  if ((employee.archivedAt !== null) === archived) throw new AppError('INVALID_STATE', archived ? 'error.alreadyArchived' : 'error.notArchived');
  if (archived) {
    const led = await ctx.manager.getRepository(GroupEntity).find({ where: { leadEmployeeId: id, archivedAt: IsNull() }, order: { sortOrder: 'ASC' } });
    // Name the group(s): the user has to go there and choose another lead first.
    const separator = ctx.actor?.locale === 'en-US' ? ', ' : '、';
    if (led.length > 0) throw new AppError('INVALID_STATE', 'error.employeeLeadsGroup', undefined, { group: led.map((g) => g.name).join(separator) });
  }
  const archivedAt = archived ? ctx.nowIso : null;
  await ctx.manager.getRepository(EmployeeEntity).update({ id }, { archivedAt, updatedAt: ctx.nowIso, version: () => 'version + 1' });
  await addTimeline(ctx, { entity: 'employee', recordId: id, kind: 'status', body: archived ? 'archived' : 'restored' });
  await ctx.audit({ entity: 'employee', recordId: id, action: archived ? 'archive' : 'restore', before: { archivedAt: employee.archivedAt }, after: { archivedAt } });
  return employeeDetail(ctx, id);
}
