import type { Page, ParsedInputOf } from '../../../../shared/api/index.js';
import type { PunchRow } from '../../../../shared/api/attendance.js';
import type { PunchDirection, PunchSource } from '../../../../shared/domain/attendance/types.js';
import { addDays, instantAt } from '../../../../shared/domain/attendance/time.js';
import { workDateOf } from '../../../../shared/domain/attendance/work-date.js';
import type { Ctx } from '../../kernel/context.js';
import { sqlFor } from '../../db/sql.js';
import { SqlWhere } from '../../db/sql-where.js';
import { visibleEmployeesWhere } from './access.js';
import { defaultRulesOn } from './schedules.js';
import { departmentTimeZone } from './settings.js';

/**
 * The punch list (打卡记录): server-side paging over the punches in the caller's scope. Dates are
 * days of the department's default schedule (from its day boundary to the next), so a 01:30
 * punch is listed, and filtered, with the evening before.
 */

const FROM = 'FROM att_punches p JOIN org_employees e ON e.id = p.employee_id LEFT JOIN org_groups g ON g.id = e.group_id';
const COLUMNS = `p.id AS "id", p.employee_id AS "employeeId", e.employee_no AS "employeeNo", e.name AS "employeeName", g.name AS "groupName",
  p.punched_at AS "punchedAt", p.source AS "source", p.device AS "device", p.direction AS "direction"`;
const SORTS = { punchedAt: 'p.punched_at', employeeNo: 'e.employee_no' } as const;

type StoredPunch = Omit<PunchRow, 'workDate' | 'source' | 'direction'> & { source: PunchSource; direction: PunchDirection | null };

export async function listPunches(ctx: Ctx, input: ParsedInputOf<'attendance.punches.list'>): Promise<Page<PunchRow>> {
  const timeZone = await departmentTimeZone(ctx.manager);
  const rulesOn = await defaultRulesOn(ctx.manager);
  const boundaryOn = (date: string) => rulesOn(date).dayBoundary;
  const scope = visibleEmployeesWhere(ctx, 'e');
  const where = new SqlWhere().and(scope.sql, ...scope.params);
  if (input.employeeId) where.and('p.employee_id = ?', input.employeeId);
  if (input.groupId) where.and('e.group_id = ?', input.groupId);
  if (input.source) where.and('p.source = ?', input.source);
  if (input.from) where.and('p.punched_at >= ?', instantAt(input.from, boundaryOn(input.from), timeZone));
  if (input.to) {
    const next = addDays(input.to, 1);
    where.and('p.punched_at < ?', instantAt(next, boundaryOn(next), timeZone));
  }
  if (input.search) where.and('(e.employee_no = ? OR e.name = ?)', input.search, input.search);
  // Newest first unless the caller sorts: the list people open is "what came in lately".
  const field = (input.sortField ?? 'punchedAt') as keyof typeof SORTS;
  const dir = input.sortField ? (input.sortOrder === 'desc' ? 'DESC' : 'ASC') : 'DESC';
  const order = `${SORTS[field]} ${dir}, p.punched_at ${dir}, p.id ${dir}`;
  const sql = sqlFor(ctx.manager);
  const total = await sql.count(`SELECT COUNT(*) AS n ${FROM}${where.sql}`, where.params);
  const rows = await sql.all<StoredPunch>(`SELECT ${COLUMNS} ${FROM}${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`, [...where.params, input.pageSize, (input.page - 1) * input.pageSize]);
  return { rows: rows.map((r) => ({ ...r, workDate: workDateOf(r.punchedAt, timeZone, boundaryOn) })), total, page: input.page, pageSize: input.pageSize };
}
