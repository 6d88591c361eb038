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

/** Whether the actor's scope for `permission` reaches a record owned as described. */
export function reaches(ctx: Ctx, permission: TablePermission, owner: RecordOwner): boolean {
  const actor = requireActor(ctx);
  const scope = scopeFor(actor.roles, permission);
  if (scope === 'department') return true;
  const own =
    (owner.employeeId != null && owner.employeeId === actor.employeeId) || (owner.userId != null && owner.userId === actor.userId);
  if (scope === 'group') return own || (owner.groupId != null && actor.groupIds.includes(owner.groupId));
  if (scope === 'own') return own;
  return false;
}

export function assertReaches(ctx: Ctx, permission: TablePermission, owner: RecordOwner): void {
  if (!reaches(ctx, permission, owner)) throw forbidden('error.outOfScope');
}
