import type { Ctx } from '../../kernel/context.js';
import { requireActor } from '../../kernel/context.js';
import { forbidden, notFound } from '../../kernel/errors.js';
import { reaches, scopeOf } from '../../kernel/access.js';
import { sqlFor } from '../../db/sql.js';

/**
 * Who sees whose attendance (issue 9 item 8): staff their own punches, leave and figures; a lead
 * or deputy the groups in their scope; HR and the manager the department. Every attendance read
 * and write about a person asks here, so the lists, the month report and the calendar agree.
 */

export interface AttendanceSubject {
  id: string;
  employeeNo: string;
  name: string;
  groupId: string | null;
  groupName: string | null;
  hireDate: string;
  leftDate: string | null;
  status: string;
}

const SUBJECT = `SELECT e.id AS "id", e.employee_no AS "employeeNo", e.name AS "name", e.group_id AS "groupId", g.name AS "groupName",
  e.hire_date AS "hireDate", e.left_date AS "leftDate", e.status AS "status"
  FROM org_employees e LEFT JOIN org_groups g ON g.id = e.group_id WHERE e.id = ?`;

/** The employee an attendance call is about; NOT_FOUND when there is none. */
export async function attendanceSubject(ctx: Ctx, employeeId: string): Promise<AttendanceSubject> {
  const e = await sqlFor(ctx.manager).get<AttendanceSubject>(SUBJECT, [employeeId]);
  if (!e) throw notFound();
  return e;
}

/** Whether the caller may read this person's attendance (own record always). */
export function mayReadAttendance(ctx: Ctx, e: { id: string; groupId: string | null }): boolean {
  return reaches(ctx, 'attendance.read', { employeeId: e.id, groupId: e.groupId });
}

/** The subject, when the caller may read their attendance: FORBIDDEN (outOfScope) otherwise. */
export async function readableSubject(ctx: Ctx, employeeId: string): Promise<AttendanceSubject> {
  const e = await attendanceSubject(ctx, employeeId);
  if (!mayReadAttendance(ctx, e) && !isSelf(ctx, e.id)) throw forbidden('error.outOfScope');
  return e;
}

export function isSelf(ctx: Ctx, employeeId: string): boolean {
  return requireActor(ctx).employeeId === employeeId;
}

/** HR and the manager act for anyone (file leave for someone without an account, record a correction). */
export function managesAttendance(ctx: Ctx): boolean {
  return scopeOf(ctx, 'attendance.manage') === 'department';
}

/** The caller's own employee record, for self-service calls; FORBIDDEN (noLinkedEmployee) without one. */
export function ownEmployeeId(ctx: Ctx): string {
  const employeeId = requireActor(ctx).employeeId;
  if (!employeeId) throw forbidden('error.noLinkedEmployee');
  return employeeId;
}

/**
 * The rows of a list the caller may see, as a SQL condition on an employee table alias:
 * everything for the department scope, the caller's groups and own record for the group scope,
 * the own record otherwise. `params` are appended in order.
 */
export function visibleEmployeesWhere(ctx: Ctx, alias: string): { sql: string; params: string[] } {
  const actor = requireActor(ctx);
  const scope = scopeOf(ctx, 'attendance.read');
  if (scope === 'department') return { sql: '1 = 1', params: [] };
  const own = actor.employeeId ? [actor.employeeId] : [];
  const groups = scope === 'group' ? actor.groupIds : [];
  if (own.length === 0 && groups.length === 0) return { sql: '1 = 0', params: [] };
  const parts: string[] = [];
  if (own.length) parts.push(`${alias}.id = ?`);
  if (groups.length) parts.push(`${alias}.group_id IN (${groups.map(() => '?').join(', ')})`);
  return { sql: `(${parts.join(' OR ')})`, params: [...own, ...groups] };
}
