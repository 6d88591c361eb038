import { widerScope, type Role, type Scope } from './roles.js';

/**
 * The permission table. The core checks every call against it; the renderer reads the same
 * table only to hide what a user may not do.
 *
 * `public`: no session needed (setup, login). `session`: any signed-in user, acting on own data.
 */
export const PERMISSION_TABLE = {
  'users.manage': { admin: 'department' },
  'settings.manage': { admin: 'department', manager: 'department' },
  'org.read': {
    admin: 'department',
    manager: 'department',
    deputy: 'department',
    lead: 'department',
    staff: 'department',
    hr: 'department',
  },
  // Employee records: HR keeps personnel files; a deputy edits the groups they manage.
  'org.write': { admin: 'department', manager: 'department', hr: 'department', deputy: 'group' },
  // Colleagues' phone numbers, emails and login names (PIPL: only for those who need them). A lead
  // and a deputy reach the members of their groups; everyone sees their own (see org/access.ts).
  // Exporting the employee list needs it too: the file would carry the same details.
  'org.contacts': { admin: 'department', manager: 'department', hr: 'department', deputy: 'group', lead: 'group' },
  // Department structure: groups, positions and duties, deputy assignments.
  'org.structure': { admin: 'department', manager: 'department' },
  'audit.read': { admin: 'department', manager: 'department' },
  // Backups and restores: IT, and managers who carry the department's data offline.
  'backup.manage': { admin: 'department', manager: 'department' },
  // Attendance (四): punches, leave and monthly figures are personal data. Staff see their own, a
  // lead or deputy their groups, HR and the manager the department; IT (admin) none of it.
  'attendance.read': { manager: 'department', hr: 'department', deputy: 'group', lead: 'group', staff: 'own' },
  // Schedules, the holiday calendar, punch imports, entitlements and month locks.
  'attendance.manage': { manager: 'department', hr: 'department' },
  // Recording a discipline case (违纪记录) about someone in reach.
  'attendance.discipline': { manager: 'department', hr: 'department', deputy: 'group', lead: 'group' },
} as const satisfies Record<string, Partial<Record<Role, Scope>>>;

export type TablePermission = keyof typeof PERMISSION_TABLE;
export type PermissionKey = TablePermission | 'public' | 'session';

export const TABLE_PERMISSIONS = Object.keys(PERMISSION_TABLE) as TablePermission[];

/** The widest scope any of `roles` grants for `permission`, or null when none does. */
export function scopeFor(roles: readonly Role[], permission: TablePermission): Scope | null {
  const grants: Partial<Record<Role, Scope>> = PERMISSION_TABLE[permission];
  let best: Scope | null = null;
  for (const role of roles) best = widerScope(best, grants[role] ?? null);
  return best;
}

export function can(roles: readonly Role[], permission: PermissionKey): boolean {
  if (permission === 'public' || permission === 'session') return true;
  return scopeFor(roles, permission) !== null;
}
