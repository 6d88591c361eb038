import type { Page, ParsedInputOf } from '../../../../shared/api/index.js';
import type { PunchRow } from '../../../../shared/api/attendance.js';
import type { PunchDirection, PunchSource } from '../../../../shared/domain/attendance/types.js';
import { addDays, instantAt } from '../../../../shared/domain/attendance/time.js';
import { workDateOf } from '../../../../shared/domain/attendance/work-date.js';
import type { Ctx } from '../../kernel/context.js';
import { sqlFor } from '../../db/sql.js';
import { SqlWhere } from '../../db/sql-where.js';
import { visibleEmployeesWhere } from './access.js';
import { defaultRulesOn, scheduleResolver } from './schedules.js';
import { departmentTimeZone } from './settings.js';

/**
 * The punch list (打卡记录): server-side paging over the punches in the caller's scope. A 01:30
 * punch is listed, and filtered, with the evening before (the day boundary).
 */

const FROM = 'FROM att_punches p JOIN org_employees e ON e.id = p.employee_id LEFT JOIN org_groups g ON g.id = e.group_id';
const COLUMNS = `p.id AS "id", p.employee_id AS "employeeId", e.employee_no AS "employeeNo", e.name AS "employeeName", e.group_id AS "groupId",
  g.name AS "groupName", p.punched_at AS "punchedAt", p.source AS "source", p.device AS "device", p.direction AS "direction"`;
/**
 * Each sort with its tie-breakers, all in one index: (punched_at, employee_id) is unique and
 * indexed, so the first page of a million punches is read from the index, not sorted.
 */
const ORDERS = {
  punchedAt: (dir: string) => `p.punched_at ${dir}, p.employee_id ${dir}`,
  employeeNo: (dir: string) => `e.employee_no ${dir}, p.punched_at ${dir}`,
} as const;

type StoredPunch = Omit<PunchRow, 'workDate' | 'source' | 'direction'> & { groupId: string | null; source: PunchSource; direction: PunchDirection | null };

export async function listPunches(ctx: Ctx, input: ParsedInputOf<'attendance.punches.list'>): Promise<Page<PunchRow>> {
  const timeZone = await departmentTimeZone(ctx.manager);
  const defaultRules = await defaultRulesOn(ctx.manager);
  const defaultBoundary = (date: string) => defaultRules(date).dayBoundary;
  const scope = visibleEmployeesWhere(ctx, 'e');
  const where = new SqlWhere();
  // The count joins the employee only when something filters on it (61 ms → 0.4 ms at 1M punches).
  const needsEmployee = scope.params.length > 0 || scope.sql !== '1 = 1' || !!input.groupId || !!input.search;
  if (needsEmployee) where.and(scope.sql, ...scope.params);
  if (input.employeeId) where.and('p.employee_id = ?', input.employeeId);
  if (input.groupId) where.and('e.group_id = ?', input.groupId);
  if (input.source) where.and('p.source = ?', input.source);
  if (input.from) where.and('p.punched_at >= ?', instantAt(input.from, defaultBoundary(input.from), timeZone));
  if (input.to) {
    const next = addDays(input.to, 1);
    where.and('p.punched_at < ?', instantAt(next, defaultBoundary(next), timeZone));
  }
  if (input.search) where.and('(e.employee_no = ? OR e.name = ?)', input.search, input.search);
  // Newest first unless the caller sorts: the list people open is "what came in lately".
  const field = (input.sortField ?? 'punchedAt') as keyof typeof ORDERS;
  const dir = input.sortField ? (input.sortOrder === 'desc' ? 'DESC' : 'ASC') : 'DESC';
  const sql = sqlFor(ctx.manager);
  const countFrom = needsEmployee ? 'FROM att_punches p JOIN org_employees e ON e.id = p.employee_id' : 'FROM att_punches p';
  const total = await sql.count(`SELECT COUNT(*) AS n ${countFrom}${where.sql}`, where.params);
  if (total === 0) return { rows: [], total, page: input.page, pageSize: input.pageSize };
  const rows = await sql.all<StoredPunch>(`SELECT ${COLUMNS} ${FROM}${where.sql} ORDER BY ${ORDERS[field](dir)} LIMIT ? OFFSET ?`, [
    ...where.params,
    input.pageSize,
    (input.page - 1) * input.pageSize,
  ]);
  return { rows: await withWorkDates(ctx, rows, timeZone), total, page: input.page, pageSize: input.pageSize };
}

/**
 * Each punch's day by its person's own schedule (a 05:00 punch of someone whose day starts at
 * 06:00 belongs to the day before), as their month calendar shows it. The date filters above use
 * the default schedule's boundary: one range for everyone keeps the query on its index.
 */
async function withWorkDates(ctx: Ctx, rows: StoredPunch[], timeZone: string): Promise<PunchRow[]> {
  const people = [...new Map(rows.map((r) => [r.employeeId, { id: r.employeeId, groupId: r.groupId }])).values()];
  const rulesOn = await scheduleResolver(ctx.manager, people, '', '');
  return rows.map(({ groupId: _g, ...r }) => ({ ...r, workDate: workDateOf(r.punchedAt, timeZone, (date) => rulesOn(r.employeeId, date).dayBoundary) }));
}
