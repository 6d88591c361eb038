import type { EntityManager } from 'typeorm';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../../../shared/domain/locale.js';
import { ROLES, type Role } from '../../../../shared/domain/roles.js';
import type { Actor } from '../../kernel/context.js';
import { sqlFor } from '../../db/sql.js';

/**
 * Who is calling: loaded for every call that carries a session, so on prepared statements
 * (db/sql.ts) rather than TypeORM's repository, whose query building cost several times the SQL
 * (issue 7: two statements of ~0.1 ms on every call).
 */
export const asLocale = (s: string): Locale => ((LOCALES as readonly string[]).includes(s) ? (s as Locale) : DEFAULT_LOCALE);
export const asRoles = (rows: { role: string }[]): Role[] => ROLES.filter((r) => rows.some((row) => row.role === r));

interface ActorRow {
  id: string;
  username: string;
  displayName: string;
  employeeId: string | null;
  disabled: number | boolean;
  locale: string;
  mustChangePassword: number | boolean;
}

const USER = `SELECT id AS "id", username AS "username", display_name AS "displayName", employee_id AS "employeeId",
  disabled AS "disabled", locale AS "locale", must_change_password AS "mustChangePassword" FROM users WHERE id = ?`;
const ROLES_OF = 'SELECT role AS "role" FROM user_roles WHERE user_id = ?';
const DEPUTY_GROUPS = 'SELECT group_id AS "id" FROM org_deputy_groups WHERE employee_id = ?';
/** A lead's scope: the groups they lead, and their own group. */
const LEAD_GROUPS = `SELECT id AS "id" FROM org_groups WHERE lead_employee_id = ?
  UNION SELECT group_id AS "id" FROM org_employees WHERE id = ? AND group_id IS NOT NULL`;

/** The signed-in user with roles and group scope; null when the account is gone or disabled. */
export async function loadActor(manager: EntityManager, userId: string): Promise<Actor | null> {
  const sql = sqlFor(manager);
  const user = await sql.get<ActorRow>(USER, [userId]);
  if (!user || Boolean(user.disabled)) return null;
  const roles = asRoles(await sql.all<{ role: string }>(ROLES_OF, [userId]));
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles,
    employeeId: user.employeeId,
    locale: asLocale(user.locale),
    mustChangePassword: Boolean(user.mustChangePassword),
    groupIds: await scopeGroups(manager, roles, user.employeeId),
  };
}

/** The groups in a user's "group" scope: led groups and own group for leads, 分管 groups for deputies. */
export async function scopeGroups(manager: EntityManager, roles: Role[], employeeId: string | null): Promise<string[]> {
  if (!employeeId) return [];
  const sql = sqlFor(manager);
  const ids = new Set<string>();
  if (roles.includes('deputy')) for (const g of await sql.all<{ id: string }>(DEPUTY_GROUPS, [employeeId])) ids.add(g.id);
  if (roles.includes('lead')) for (const g of await sql.all<{ id: string }>(LEAD_GROUPS, [employeeId, employeeId])) ids.add(g.id);
  return [...ids];
}
