import type { EntityManager } from 'typeorm';
import { contract } from '../../../../shared/api/index.js';
import { AppError } from '../../kernel/errors.js';
import type { Ctx } from '../../kernel/context.js';
import type { InputChecks } from '../../kernel/module.js';
import { sqlFor } from '../../db/sql.js';

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
  if (f.positionId) add('positionId', await referenceProblem(manager, 'position', f.positionId, 'validation.unknownPosition'));
  if (f.groupId) add('groupId', await referenceProblem(manager, 'group', f.groupId, 'validation.unknownGroup'));
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

/** Served by the unique index on LOWER(employee_no) (migration 0008). */
const NUMBER_TAKEN = "SELECT COUNT(*) AS n FROM org_employees WHERE LOWER(employee_no) = LOWER(?) AND id <> ?";

async function employeeNoProblem(manager: EntityManager, employeeNo: string, exceptId: string | null): Promise<string | null> {
  return (await sqlFor(manager).count(NUMBER_TAKEN, [employeeNo, exceptId ?? ''])) > 0 ? 'validation.employeeNoTaken' : null;
}

/** Whether a group or position can be chosen: it exists and is not archived. */
const REFERENCE = {
  group: 'SELECT archived_at AS "archivedAt" FROM org_groups WHERE id = ?',
  position: 'SELECT archived_at AS "archivedAt" FROM org_positions WHERE id = ?',
};

async function referenceProblem(manager: EntityManager, table: keyof typeof REFERENCE, id: string, key: string): Promise<string | null> {
  const found = await sqlFor(manager).get<{ archivedAt: string | null }>(REFERENCE[table], [id]);
  return !found || found.archivedAt ? key : null;
}

const MANAGER = 'SELECT archived_at AS "archivedAt" FROM org_employees WHERE id = ?';
/**
 * Whether `self` is among the managers above `manager` (the chain walked up in one statement,
 * at most 100 levels; portable WITH RECURSIVE): making someone report to their own report would
 * loop the org chart. Before, each level was a query of its own.
 */
const IN_CHAIN = `WITH RECURSIVE chain(id, depth) AS (
    SELECT manager_id, 1 FROM org_employees WHERE id = ?
    UNION ALL SELECT e.manager_id, c.depth + 1 FROM org_employees e JOIN chain c ON e.id = c.id WHERE c.depth < 100
  ) SELECT COUNT(*) AS n FROM chain WHERE id = ?`;

async function managerProblem(manager: EntityManager, managerId: string, selfId: string | null): Promise<string | null> {
  if (managerId === selfId) return 'validation.managerIsSelf';
  const sql = sqlFor(manager);
  const m = await sql.get<{ archivedAt: string | null }>(MANAGER, [managerId]);
  if (!m || m.archivedAt) return 'validation.unknownEmployee';
  if (selfId && (await sql.count(IN_CHAIN, [managerId, selfId])) > 0) return 'validation.managerCycle';
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
