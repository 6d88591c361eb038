import type { EmployeeRow } from '../../../../shared/api/org.js';
import { scopeFor } from '../../../../shared/domain/permissions.js';
import { isOwnRecord } from '../../kernel/access.js';
import { requireActor, type Ctx } from '../../kernel/context.js';
import type { FieldChange } from '../../kernel/timeline.js';
import type { SqlValue } from '../../db/sql.js';
import { likeSql } from '../../db/sql-where.js';

/**
 * Who sees a colleague's phone, email and login name (PIPL: contact details only for those who
 * need them). With org.contacts or org.write department-wide: everyone's. Group-wide (a lead, a
 * deputy): the members of their groups. Everyone: their own record. Nobody else: the core leaves
 * the fields out (null, with `contactsHidden`) of lists, details, pickers, exports and timelines.
 */
export interface ContactReach {
  all: boolean;
  /** Groups whose members' contact details the caller sees. */
  groupIds: string[];
  /** The caller's own employee record, whose details they always see. */
  ownEmployeeId: string | null;
}

/** The employee fields that are contact details. */
export const CONTACT_FIELDS = ['phone', 'email'] as const;

export function contactReach(ctx: Ctx): ContactReach {
  const actor = requireActor(ctx);
  const scopes = [scopeFor(actor.roles, 'org.contacts'), scopeFor(actor.roles, 'org.write')];
  return {
    all: scopes.includes('department'),
    groupIds: scopes.includes('group') ? actor.groupIds : [],
    ownEmployeeId: actor.employeeId,
  };
}

/** Whether the caller sees the contact details of this employee. */
export function seesContacts(ctx: Ctx, reach: ContactReach, employee: { id: string; groupId: string | null }): boolean {
  if (reach.all || isOwnRecord(ctx, { employeeId: employee.id })) return true;
  return employee.groupId !== null && reach.groupIds.includes(employee.groupId);
}

export function redactRow<T extends EmployeeRow>(ctx: Ctx, reach: ContactReach, row: T): T {
  if (seesContacts(ctx, reach, row)) return { ...row, contactsHidden: false };
  return { ...row, phone: null, email: null, contactsHidden: true };
}

/** Contact-field changes on an employee's timeline, values left out for callers who may not see them. */
export function redactChanges(ctx: Ctx, employee: { id: string; groupId: string | null }, changes: FieldChange[]): FieldChange[] {
  if (seesContacts(ctx, contactReach(ctx), employee)) return changes;
  return changes.map((c) => ((CONTACT_FIELDS as readonly string[]).includes(c.field) ? { field: c.field, from: null, to: null, hidden: true as const } : c));
}

/**
 * The search condition on phone and email, limited to the rows whose details the caller sees:
 * otherwise typing a number would tell whose it is. `pattern` is the LIKE pattern (containsPattern).
 */
export function contactSearch(reach: ContactReach, pattern: string): { sql: string; params: SqlValue[] } {
  const phone = likeSql('e.phone', pattern);
  const email = likeSql('e.email', pattern);
  const matches = { sql: `(${phone.sql} OR ${email.sql})`, params: [pattern, pattern] };
  if (reach.all) return matches;
  const visible: { sql: string; params: SqlValue[] }[] = [];
  if (reach.ownEmployeeId) visible.push({ sql: 'e.id = ?', params: [reach.ownEmployeeId] });
  if (reach.groupIds.length) visible.push({ sql: `e.group_id IN (${reach.groupIds.map(() => '?').join(', ')})`, params: reach.groupIds });
  if (!visible.length) return { sql: '1 = 0', params: [] };
  return { sql: `(${matches.sql} AND (${visible.map((v) => v.sql).join(' OR ')}))`, params: [...matches.params, ...visible.flatMap((v) => v.params)] };
}
