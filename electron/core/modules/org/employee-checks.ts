import type { EntityManager } from 'typeorm';
import { contract } from '../../../../shared/api/index.js';
import { AppError } from '../../kernel/errors.js';
import type { Ctx } from '../../kernel/context.js';
import type { InputChecks } from '../../kernel/module.js';
import { EmployeeEntity, GroupEntity, PositionEntity } from './entities.js';

/**
 * Every problem of an employee's fields that the schema cannot see, because it depends on the
 * stored data: a taken employee number, a group, position or manager that does not exist (or is
 * archived), a manager chain that would loop, a leaving date missing or before the hire date.
 * They are collected, not thrown one by one, so a form shows all of them after one save.
 */
export interface CheckedFields {
  employeeNo?: string;
  positionId?: string | null;
  groupId?: string | null;
  managerId?: string | null;
  hireDate?: string;
  status?: string;
  leftDate?: string | null;
}

export async function storedFieldProblems(manager: EntityManager, f: CheckedFields, selfId: string | null): Promise<Record<string, string>> {
  const problems: Record<string, string> = {};
  const add = (field: string, key: string | null) => {
    if (key) problems[field] = key;
  };
  if (f.employeeNo !== undefined) add('employeeNo', await employeeNoProblem(manager, f.employeeNo, selfId));
  if (f.positionId) add('positionId', await referenceProblem(manager, PositionEntity, f.positionId, 'validation.unknownPosition'));
  if (f.groupId) add('groupId', await referenceProblem(manager, GroupEntity, f.groupId, 'validation.unknownGroup'));
  if (f.managerId) add('managerId', await managerProblem(manager, f.managerId, selfId));
  if (f.status === 'left' && !f.leftDate) add('leftDate', 'validation.required');
  else if (f.leftDate && f.hireDate && f.leftDate < f.hireDate) add('leftDate', 'validation.leftBeforeHire');
  return problems;
}

/**
 * The one error for a save with problems: CONFLICT when the only problem is a taken employee
 * number (someone else has it; nothing is wrong with the input as such), VALIDATION otherwise.
 */
export function fieldProblemsError(problems: Record<string, string>): AppError | null {
  const fields = Object.keys(problems);
  if (fields.length === 0) return null;
  if (fields.length === 1 && problems.employeeNo === 'validation.employeeNoTaken') return new AppError('CONFLICT', 'error.employeeNoTaken', problems);
  return new AppError('VALIDATION', 'error.validation', problems);
}

async function employeeNoProblem(manager: EntityManager, employeeNo: string, exceptId: string | null): Promise<string | null> {
  const qb = manager.getRepository(EmployeeEntity).createQueryBuilder('e').where('LOWER(e.employee_no) = LOWER(:no)', { no: employeeNo });
  if (exceptId) qb.andWhere('e.id <> :id', { id: exceptId });
  return (await qb.getCount()) > 0 ? 'validation.employeeNoTaken' : null;
}

async function referenceProblem(
  manager: EntityManager,
  entity: typeof GroupEntity | typeof PositionEntity,
  id: string,
  key: string,
): Promise<string | null> {
  const found = await manager.getRepository<{ id: string; archivedAt: string | null }>(entity).findOne({ where: { id } });
  return !found || found.archivedAt ? key : null;
}

async function managerProblem(manager: EntityManager, managerId: string, selfId: string | null): Promise<string | null> {
  if (managerId === selfId) return 'validation.managerIsSelf';
  const repo = manager.getRepository(EmployeeEntity);
  const m = await repo.findOne({ where: { id: managerId } });
  if (!m || m.archivedAt) return 'validation.unknownEmployee';
  // Walk up the chain: making someone report to their own report would loop the org chart.
  let cursor: string | null = m.managerId;
  for (let depth = 0; cursor && depth < 100; depth++) {
    if (cursor === selfId) return 'validation.managerCycle';
    cursor = (await repo.findOne({ where: { id: cursor }, select: { managerId: true } }))?.managerId ?? null;
  }
  return null;
}

/** The fields of a raw input that pass their own schema: those can be checked against the stored data. */
function validFields(method: 'org.employees.create' | 'org.employees.update', raw: Record<string, unknown>): CheckedFields & { id?: string } {
  const out: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(contract[method].input.shape)) {
    const parsed = schema.safeParse(raw[field]);
    if (parsed.success) out[field] = parsed.data;
  }
  return out;
}

/**
 * For a create or update whose input fails its schema: the stored-data problems of the fields
 * that are valid, so a duplicate 工号 is reported together with a malformed phone number.
 */
export const employeeInputChecks: InputChecks = {
  'org.employees.create': (ctx: Ctx, raw) => storedFieldProblems(ctx.manager, validFields('org.employees.create', raw), null),
  'org.employees.update': (ctx: Ctx, raw) => {
    const fields = validFields('org.employees.update', raw);
    return storedFieldProblems(ctx.manager, fields, fields.id ?? null);
  },
};
