import { scopeFor, type TablePermission } from '../../../shared/domain/permissions.js';
import type { Scope } from '../../../shared/domain/roles.js';
import { forbidden } from './errors.js';
import { requireActor, type Ctx } from './context.js';

/** Who or what a record belongs to, for scope checks. */
export interface RecordOwner {
  groupId?: string | null;
  employeeId?: string | null;
  userId?: string | null;
}

export function scopeOf(ctx: Ctx, permission: TablePermission): Scope | null {
  return ctx.actor ? scopeFor(ctx.actor.roles, permission) : null;
}

/**
 * The one rule for "own record": the record is the actor's own employee record (or belongs to
 * it), or belongs to the actor's account. Scope checks and modules that treat own records apart
 * (a user always sees their own contact details) all ask here.
 */
export function isOwnRecord(ctx: Ctx, owner: RecordOwner): boolean {
  const actor = requireActor(ctx);
  return (owner.employeeId != null && owner.employeeId === actor.employeeId) || (owner.userId != null && owner.userId === actor.userId);
}

/** Whether the actor's scope for `permission` reaches a record owned as described. */
export function reaches(ctx: Ctx, permission: TablePermission, owner: RecordOwner): boolean {
  const actor = requireActor(ctx);
  const scope = scopeFor(actor.roles, permission);
  if (scope === 'department') return true;
  const own = isOwnRecord(ctx, owner);
  if (scope === 'group') return own || (owner.groupId != null && actor.groupIds.includes(owner.groupId));
  if (scope === 'own') return own;
  return false;
}

export function assertReaches(ctx: Ctx, permission: TablePermission, owner: RecordOwner): void {
  if (!reaches(ctx, permission, owner)) throw forbidden('error.outOfScope');
}
