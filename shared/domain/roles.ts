/** Roles from the regulations, section 二 (FEATURES.md "Roles"). One user may hold several. */
export const ROLES = ['admin', 'manager', 'deputy', 'lead', 'staff', 'hr'] as const;
export type Role = (typeof ROLES)[number];

/**
 * How far a permission reaches. Ordered from narrow to wide so the widest grant wins.
 * own: records of the user's own employee; group: the groups the user leads or manages (分管);
 * department: everything.
 */
export const SCOPES = ['own', 'group', 'department'] as const;
export type Scope = (typeof SCOPES)[number];

export function widerScope(a: Scope | null, b: Scope | null): Scope | null {
  if (a === null) return b;
  if (b === null) return a;
  return SCOPES.indexOf(a) >= SCOPES.indexOf(b) ? a : b;
}
