import crypto from 'node:crypto';
import { DEFAULT_SCHEDULE_ID } from '../../../electron/core/db/migrations/0011-attendance.js';
import { addFigures, emptyFigures, isWorkday, personMonth, type LeaveSpan } from '../../../shared/domain/attendance/rules.js';
import { addDays, instantAt, monthDates, todayIn } from '../../../shared/domain/attendance/time.js';
import { workDateOf } from '../../../shared/domain/attendance/work-date.js';
import type { CalendarKind, MonthFigures, ScheduleRules } from '../../../shared/domain/attendance/types.js';
import type { RawSql } from './engines.js';
import type { AttendanceSubject } from '../../../electron/core/modules/attendance/access.js';

/**
 * The raw-SQL twins of the attendance benchmarks: the statements that load the same rows as the
 * core's handlers (electron/core/modules/attendance/month.ts, punches.ts, clock.ts), run on the
 * raw connection, then the same pure rules (shared/domain/attendance/rules.ts personMonth). What
 * the core adds beyond them (session, permission, scope, settings, lock and schedule lookups,
 * validation, transaction, audit) is its overhead. The data set has only the default schedule, so
 * the twins read its versions alone.
 */
const TIME_ZONE = 'Asia/Shanghai';

const EMPLOYEES = `SELECT e.id AS "id", e.employee_no AS "employeeNo", e.name AS "name", e.group_id AS "groupId", g.name AS "groupName",
  e.hire_date AS "hireDate", e.left_date AS "leftDate" FROM org_employees e LEFT JOIN org_groups g ON g.id = e.group_id`;
const MONTH_EMPLOYEES = `${EMPLOYEES} WHERE e.archived_at IS NULL AND e.hire_date <= ? AND (e.left_date IS NULL OR e.left_date >= ?) ORDER BY e.employee_no`;
const ONE_EMPLOYEE = `${EMPLOYEES} WHERE e.id = ?`;
const LEAVES = `SELECT employee_id AS "employeeId", type AS "type", start_date AS "startDate", start_half AS "startHalf", end_date AS "endDate",
  end_half AS "endHalf" FROM att_leaves WHERE status IN ('approved', 'cancelling') AND start_date <= ? AND end_date >= ?`;
const PUNCHES = 'SELECT employee_id AS "employeeId", punched_at AS "at" FROM att_punches WHERE punched_at >= ? AND punched_at < ?';
const CALENDAR = 'SELECT date AS "date", kind AS "kind" FROM att_calendar_days WHERE date >= ? AND date <= ?';
const RULES = `SELECT effective_from AS "effectiveFrom", work_days AS "workDays", work_start AS "workStart", work_end AS "workEnd", lunch_start AS "lunchStart",
  lunch_end AS "lunchEnd", late_grace_minutes AS "lateGraceMinutes", early_grace_minutes AS "earlyGraceMinutes", half_day_minutes AS "halfDayMinutes",
  day_boundary AS "dayBoundary" FROM att_schedule_rules WHERE schedule_id = ? ORDER BY effective_from`;

/** The month's people, as the core's month reads them. */
type Employee = Omit<AttendanceSubject, 'status'>;

type StoredRules = Omit<ScheduleRules, 'workDays'> & { effectiveFrom: string; workDays: string };

/** The default schedule's version on each date. */
async function rulesOnDate(raw: RawSql): Promise<(date: string) => ScheduleRules> {
  const versions = (await raw.all<StoredRules>(RULES, [DEFAULT_SCHEDULE_ID])).map((r) => ({
    ...r,
    workDays: r.workDays.split(',').map(Number),
    lateGraceMinutes: Number(r.lateGraceMinutes),
    earlyGraceMinutes: Number(r.earlyGraceMinutes),
    halfDayMinutes: Number(r.halfDayMinutes),
  }));
  return (date) => {
    let found = versions[0]!;
    for (const v of versions) if (v.effectiveFrom <= date) found = v;
    return found;
  };
}

function groupBy<T, V>(rows: readonly T[], key: (r: T) => string, value: (r: T) => V): Map<string, V[]> {
  const map = new Map<string, V[]>();
  for (const r of rows) {
    const list = map.get(key(r));
    if (list) list.push(value(r));
    else map.set(key(r), [value(r)]);
  }
  return map;
}

async function monthOf(raw: RawSql, month: string, employees: Employee[], employeeId: string | null) {
  const dates = monthDates(month);
  const [first, last] = [dates[0]!, dates.at(-1)!];
  const calendar = new Map((await raw.all<{ date: string; kind: CalendarKind }>(CALENDAR, [addDays(first, -1), addDays(last, 1)])).map((r) => [r.date, r.kind]));
  const rulesOn = await rulesOnDate(raw);
  const range = [instantAt(addDays(first, -1), '00:00', TIME_ZONE), instantAt(addDays(last, 2), '00:00', TIME_ZONE)];
  const punchRows = await raw.all<{ employeeId: string; at: string }>(employeeId ? `${PUNCHES} AND employee_id = ?` : PUNCHES, employeeId ? [...range, employeeId] : range);
  const leaveRows = await raw.all<LeaveSpan & { employeeId: string }>(employeeId ? `${LEAVES} AND employee_id = ?` : LEAVES, employeeId ? [last, first, employeeId] : [last, first]);
  const punches = groupBy(punchRows, (r) => r.employeeId, (r) => r.at);
  const leaves = groupBy(leaveRows, (r) => r.employeeId, (r) => r as LeaveSpan);
  const today = todayIn(TIME_ZONE, new Date());
  const people = employees.map((e) => ({
    employee: e,
    ...personMonth({ month, timeZone: TIME_ZONE, today, employment: { hireDate: e.hireDate, leftDate: e.leftDate }, calendar, rulesOn, punches: punches.get(e.id) ?? [], leaves: leaves.get(e.id) ?? [] }),
  }));
  const workdays = dates.filter((d) => isWorkday(d, rulesOn(d), calendar.get(d))).length;
  return { people, workdays };
}

/** attendance.month.report's figures: the department's people of the month, their punches and leave, the rules. */
export async function rawMonthReport(raw: RawSql, month: string): Promise<{ workdays: number; rows: number; totals: MonthFigures }> {
  const dates = monthDates(month);
  const employees = await raw.all<Employee>(MONTH_EMPLOYEES, [dates.at(-1)!, dates[0]!]);
  const { people, workdays } = await monthOf(raw, month, employees, null);
  return { workdays, rows: people.length, totals: people.reduce<MonthFigures>((sum, p) => addFigures(sum, p.figures), emptyFigures()) };
}

/** attendance.month.person: one person, their punches and leave, the rules (days and figures). */
export async function rawPersonMonth(raw: RawSql, month: string, employeeId: string) {
  const employees = await raw.all<Employee>(ONE_EMPLOYEE, [employeeId]);
  const { people } = await monthOf(raw, month, employees, employeeId);
  return people[0]!;
}

const PUNCH_FROM = 'FROM att_punches p JOIN org_employees e ON e.id = p.employee_id LEFT JOIN org_groups g ON g.id = e.group_id';
const PUNCH_COLUMNS = `p.id AS "id", p.employee_id AS "employeeId", e.employee_no AS "employeeNo", e.name AS "employeeName", g.name AS "groupName",
  p.punched_at AS "punchedAt", p.source AS "source", p.device AS "device", p.direction AS "direction"`;
const PUNCH_WHERE = ' WHERE e.group_id = ? AND p.punched_at >= ? AND p.punched_at < ?';

/** attendance.punches.list for a group and a date range, newest first: the page, its total, each row's work date. */
export async function rawPunchPage(raw: RawSql, groupId: string, from: string, to: string, pageSize = 20) {
  const range = [groupId, instantAt(from, '04:00', TIME_ZONE), instantAt(addDays(to, 1), '04:00', TIME_ZONE)];
  const [{ n }] = (await raw.all<{ n: number | string }>(`SELECT COUNT(*) AS n ${PUNCH_FROM}${PUNCH_WHERE}`, range)) as [{ n: number | string }];
  const rows = await raw.all<{ punchedAt: string }>(`SELECT ${PUNCH_COLUMNS} ${PUNCH_FROM}${PUNCH_WHERE} ORDER BY p.punched_at DESC, p.punched_at DESC, p.id DESC LIMIT ? OFFSET ?`, [...range, pageSize, 0]);
  return { total: Number(n), rows: rows.map((r) => ({ ...r, workDate: workDateOf(r.punchedAt, TIME_ZONE, () => '04:00') })) };
}

/**
 * A scratch copy of the audit log's shape for the clock's twin: its audit-sized row goes there,
 * so the core's own chain is not broken by rows it did not write (it would record an incident
 * in every later call).
 */
export const SCRATCH_AUDIT = 'bench_audit_log';
export async function createScratchAudit(raw: RawSql): Promise<void> {
  await raw.all(`CREATE TABLE ${SCRATCH_AUDIT} AS SELECT * FROM audit_log WHERE 1 = 0`);
  await raw.all(`CREATE UNIQUE INDEX ix_${SCRATCH_AUDIT}_seq ON ${SCRATCH_AUDIT} (seq)`);
  await raw.all(`INSERT INTO ${SCRATCH_AUDIT} SELECT * FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)`);
}
export const dropScratchAudit = (raw: RawSql) => raw.all(`DROP TABLE ${SCRATCH_AUDIT}`);

const SUBJECT = `SELECT e.id AS "id", e.group_id AS "groupId", e.status AS "status" FROM org_employees e LEFT JOIN org_groups g ON g.id = e.group_id WHERE e.id = ?`;
const DAY_PUNCHES = 'SELECT punched_at AS "at" FROM att_punches WHERE employee_id = ? AND punched_at >= ? AND punched_at < ? ORDER BY punched_at';
const LOCKED = 'SELECT month AS "month" FROM att_month_locks WHERE month = ?';
const EXISTS = 'SELECT id AS "id" FROM att_punches WHERE employee_id = ? AND punched_at = ?';
const INSERT = `INSERT INTO att_punches (id, employee_id, punched_at, source, device, direction, correction_id, created_by, created_at)
  VALUES (?, ?, ?, 'app', NULL, NULL, NULL, ?, ?)`;
const HEAD = `SELECT seq AS "seq", hash AS "hash" FROM ${SCRATCH_AUDIT} ORDER BY seq DESC LIMIT 1`;
const AUDIT = `INSERT INTO ${SCRATCH_AUDIT} (id, seq, at, user_id, username, method, entity, record_id, action, before_json, after_json, record_label, chain, prev_hash, hash)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** attendance.clock: the person, the day's punches, the month's lock, the punch and its audit row, one transaction. */
export function rawClock(raw: RawSql, employeeId: string, userId: string, at: Date): Promise<void> {
  return raw.transaction(async () => {
    await raw.all(SUBJECT, [employeeId]);
    const punchedAt = `${at.toISOString().slice(0, 19)}.000Z`;
    const workDate = workDateOf(punchedAt, TIME_ZONE, () => '04:00');
    await raw.all(DAY_PUNCHES, [employeeId, instantAt(workDate, '04:00', TIME_ZONE), instantAt(addDays(workDate, 1), '04:00', TIME_ZONE)]);
    await raw.all(LOCKED, [workDate.slice(0, 7)]);
    if ((await raw.all(EXISTS, [employeeId, punchedAt])).length) return;
    const id = crypto.randomUUID();
    await raw.all(INSERT, [id, employeeId, punchedAt, userId, at.toISOString()]);
    const [head] = await raw.all<{ seq: number | string; hash: string }>(HEAD);
    const after = JSON.stringify({ employeeId, punchedAt, workDate });
    const hash = crypto.createHmac('sha256', 'k').update(head!.hash).update(after).digest('hex');
    await raw.all(AUDIT, [crypto.randomUUID(), Number(head!.seq) + 1, at.toISOString(), userId, 'clock', 'attendance.clock', 'punch', id, 'clock', null, after, null, 1, head!.hash, hash]);
  });
}
