import type { RecordAccess } from '../../kernel/module.js';
import { forbidden, notFound } from '../../kernel/errors.js';
import { assertReaches, type RecordOwner } from '../../kernel/access.js';
import { scopeFor } from '../../../../shared/domain/permissions.js';
import { requireActor, type Ctx } from '../../kernel/context.js';
import { redactChanges } from './contacts.js';
import { sqlFor } from '../../db/sql.js';
import { employeeRecord } from './employee-store.js';
import { EmployeeEntity } from './entities.js';

/**
 * Who an employee record belongs to, for every scope check on it: its group, and the employee
 * themselves, so it is the own record of the user linked to it (kernel/access.ts isOwnRecord).
 * Editing the record (loadForWrite), attaching files to it and reading its contact details all
 * ask with this owner, so they cannot disagree about what "own" is.
 */
export function employeeOwner(e: { id: string; groupId: string | null }): RecordOwner {
  return { groupId: e.groupId, employeeId: e.id };
}

/** Refuses a caller whose org.write does not reach this employee (FORBIDDEN). */
export function assertMayWriteEmployee(ctx: Ctx, e: { id: string; groupId: string | null }): void {
  if (scopeFor(requireActor(ctx).roles, 'org.write') === null) throw forbidden();
  assertReaches(ctx, 'org.write', employeeOwner(e));
}

const EMPLOYEE_LABEL = 'SELECT name AS "name", employee_no AS "employeeNo" FROM org_employees WHERE id = ?';

/** Everyone in the department may read organisation records; writing follows org.write / org.structure. */
export const employeeAccess: RecordAccess = {
  async assertRead(ctx, id) {
    if (!(await ctx.manager.getRepository(EmployeeEntity).exists({ where: { id } }))) throw notFound();
    if (scopeFor(requireActor(ctx).roles, 'org.read') === null) throw forbidden();
  },
  async assertWrite(ctx, id) {
    const e = await employeeRecord(ctx.manager, id);
    if (!e) throw notFound();
    assertMayWriteEmployee(ctx, e);
  },
  async label(ctx, id) {
    // Every audit row about an employee asks for it: one prepared statement.
    const e = await sqlFor(ctx.manager).get<{ name: string; employeeNo: string }>(EMPLOYEE_LABEL, [id]);
    return e ? `${e.name} (${e.employeeNo})` : '';
  },
  // A phone number changed on the timeline is a contact detail like the one on the record.
  async visibleChanges(ctx, id, changes) {
    const e = await employeeRecord(ctx.manager, id);
    return e ? redactChanges(ctx, e, changes) : changes;
  },
};

function structureAccess(exists: (ctx: Parameters<RecordAccess['assertRead']>[0], id: string) => Promise<string | null>): RecordAccess {
  return {
    async assertRead(ctx, id) {
      if ((await exists(ctx, id)) === null) throw notFound();
      if (scopeFor(requireActor(ctx).roles, 'org.read') === null) throw forbidden();
    },
    async assertWrite(ctx, id) {
      if ((await exists(ctx, id)) === null) throw notFound();
      if (scopeFor(requireActor(ctx).roles, 'org.structure') === null) throw forbidden();
    },
    async label(ctx, id) {
      return (await exists(ctx, id)) ?? '';
    },
  };
}

// Asked for every group or position an audit page names (labels of before/after values): prepared statements.
const GROUP_NAME = 'SELECT name AS "label" FROM org_groups WHERE id = ?';
const POSITION_TITLE = 'SELECT title AS "label" FROM org_positions WHERE id = ?';
const labelFrom = (text: string) => async (ctx: Parameters<RecordAccess['label']>[0], id: string) =>
  (await sqlFor(ctx.manager).get<{ label: string }>(text, [id]))?.label ?? null;

export const groupAccess = structureAccess(labelFrom(GROUP_NAME));
export const positionAccess = structureAccess(labelFrom(POSITION_TITLE));
