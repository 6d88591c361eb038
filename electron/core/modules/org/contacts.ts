import type { SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import type { EmployeeRow } from '../../../../shared/api/org.js';
import { scopeFor } from '../../../../shared/domain/permissions.js';
import { isOwnRecord } from '../../kernel/access.js';
import { requireActor, type Ctx } from '../../kernel/context.js';
import type { FieldChange } from '../../kernel/timeline.js';
import { likeClause } from '../../kernel/listing.js';

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
 * otherwise typing a number would tell whose it is. `param` holds the LIKE pattern.
 */
export function contactSearch<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, reach: ContactReach, param: string): string {
  const matches = `(${likeClause('e.phone', param)} OR ${likeClause('e.email', param)})`;
  if (reach.all) return matches;
  const visible: string[] = [];
  if (reach.ownEmployeeId) {
    qb.setParameter('contactOwnId', reach.ownEmployeeId);
    visible.push('e.id = :contactOwnId');
  }
  if (reach.groupIds.length) {
    qb.setParameter('contactGroupIds', reach.groupIds);
    visible.push('e.group_id IN (:...contactGroupIds)');
  }
  return visible.length ? `(${matches} AND (${visible.join(' OR ')}))` : '1 = 0';
}
