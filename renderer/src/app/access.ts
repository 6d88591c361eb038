import { can, scopeFor, type PermissionKey, type TablePermission } from '../../../shared/domain/permissions';
import { useSession } from '../stores/session';

/**
 * What the signed-in user may do, from the same permission table the core enforces. The UI only
 * hides what is not allowed; the core decides.
 */
export function useCan(): (permission: PermissionKey) => boolean {
  const roles = useSession((s) => s.user?.roles ?? []);
  return (permission) => can(roles, permission);
}

/** Mirrors the core's scope check (kernel/access.ts) for one record: department, own group(s), or own. */
export function useReaches(): (permission: TablePermission, owner: { groupId?: string | null; employeeId?: string | null }) => boolean {
  const user = useSession((s) => s.user);
  return (permission, owner) => {
    if (!user) return false;
    const scope = scopeFor(user.roles, permission);
    const own = owner.employeeId != null && owner.employeeId === user.employeeId;
    if (scope === 'department') return true;
    if (scope === 'group') return own || (owner.groupId != null && user.groupIds.includes(owner.groupId));
    return scope === 'own' && own;
  };
}
