import type { ParsedInputOf } from '../../../../shared/api/index.js';
import type { MonthReport, MonthReportRow, PersonMonth } from '../../../../shared/api/attendance.js';
import type { CalendarKind, MonthFigures } from '../../../../shared/domain/attendance/types.js';
import { addFigures, emptyFigures, isWorkday, personMonth, type LeaveSpan } from '../../../../shared/domain/attendance/rules.js';
import { addDays, instantAt, monthDates } from '../../../../shared/domain/attendance/time.js';
import { todayBy } from './today.js';
import { MAX_LEAVE_DAYS } from './leave.js';
import type { Ctx } from '../../kernel/context.js';
import { requireActor } from '../../kernel/context.js';
import { invalidState } from '../../kernel/errors.js';
import { reaches } from '../../kernel/access.js';
import { sqlFor } from '../../db/sql.js';
import { SqlWhere } from '../../db/sql-where.js';
import { userNames } from '../../kernel/names.js';
import { readableSubject, visibleEmployeesWhere, type AttendanceSubject } from './access.js';
import { calendarEntries } from './calendar.js';
import { MonthLockEntity } from './entities.js';
import { loadScheduleBook, type ScheduleBook } from './schedules.js';
import { departmentTimeZone } from './settings.js';

/**
 * Monthly statistics (月度考勤统计): each person's figures by the rules of shared/domain/attendance
 * (the same function draws the person's calendar), the department's totals, and month locks. A
 * locked month answers from the figures stored when it was locked: it no longer changes, and the
 * performance module reads those.
 */

/** A person of the month: the subject's fields the rules and the report need. */
type MonthEmployee = Omit<AttendanceSubject, 'status'>;

/** Stored with a lock: every person's row as locked, with the group that scoped it. */
interface LockSnapshot {
  workdays: number;
  rows: (MonthReportRow & { groupId: string | null })[];
}

const EMPLOYEES = `SELECT e.id AS "id", e.employee_no AS "employeeNo", e.name AS "name", e.group_id AS "groupId", g.name AS "groupName",
  e.hire_date AS "hireDate", e.left_date AS "leftDate" FROM org_employees e LEFT JOIN org_groups g ON g.id = e.group_id`;
const LEAVES = `SELECT employee_id AS "employeeId", type AS "type", start_date AS "startDate", start_half AS "startHalf", end_date AS "endDate",
  end_half AS "endHalf" FROM att_leaves WHERE status IN ('approved', 'cancelling') AND start_date <= ? AND start_date >= ? AND end_date >= ?`;
const PUNCHES = 'SELECT employee_id AS "employeeId", punched_at AS "at" FROM att_punches WHERE punched_at >= ? AND punched_at < ?';

interface MonthBasics {
  timeZone: string;
  today: string;
  dates: string[];
  schedules: ScheduleBook;
  /** The calendar's entries for the month and a day either side. */
  calendar: Map<string, CalendarKind>;
}

interface MonthInputs extends MonthBasics {
  employees: MonthEmployee[];
}

/** What every month call needs once: the zone, today, the schedules and the calendar (five reads). */
async function monthBasics(ctx: Ctx, month: string): Promise<MonthBasics> {
  const dates = monthDates(month);
  const timeZone = await departmentTimeZone(ctx.manager);
  const schedules = await loadScheduleBook(ctx.manager);
  const calendar = await calendarEntries(ctx.manager, addDays(dates[0]!, -1), addDays(dates.at(-1)!, 1));
  const today = todayBy(ctx, timeZone, (date) => schedules(NOBODY, date));
  return { timeZone, today, dates, schedules, calendar };
}

/** Someone without an assignment: the default schedule. */
const NOBODY = { id: '', groupId: null };

/** People employed during the month in the caller's scope (or everyone, for a lock), by employee number. */
async function monthEmployees(ctx: Ctx, dates: string[], filter: { groupId?: string; employeeId?: string; everyone?: boolean }): Promise<MonthEmployee[]> {
  // Employment decides who counts, archived or not: archiving hides a person from today's lists, not from the months they worked.
  const where = new SqlWhere().and('e.hire_date <= ?', dates.at(-1)!).and('(e.left_date IS NULL OR e.left_date >= ?)', dates[0]!);
  if (!filter.everyone) {
    const scope = visibleEmployeesWhere(ctx, 'e');
    where.and(scope.sql, ...scope.params);
  }
  if (filter.groupId) where.and('e.group_id = ?', filter.groupId);
  if (filter.employeeId) where.and('e.id = ?', filter.employeeId);
  return sqlFor(ctx.manager).all<MonthEmployee>(`${EMPLOYEES}${where.sql} ORDER BY e.employee_no`, where.params);
}

/** Every person's days and figures: two more reads for the whole department, then the rules in memory. */
async function computeMonth(ctx: Ctx, month: string, inputs: MonthInputs, employeeId?: string) {
  const { dates, timeZone, employees, calendar, schedules } = inputs;
  const sql = sqlFor(ctx.manager);
  const [first, last] = [dates[0]!, dates.at(-1)!];
  // A day either side: a day's window starts at its boundary (04:00 by default) in the department's zone.
  const range = [instantAt(addDays(first, -1), '00:00', timeZone), instantAt(addDays(last, 2), '00:00', timeZone)];
  const punchRows = employeeId
    ? await sql.all<{ employeeId: string; at: string }>(`${PUNCHES} AND employee_id = ?`, [...range, employeeId])
    : await sql.all<{ employeeId: string; at: string }>(PUNCHES, range);
  // A leave spans at most MAX_LEAVE_DAYS: the lower bound on start_date makes this an index range.
  const leaveParams = [last, addDays(first, -MAX_LEAVE_DAYS), first];
  const leaveRows = await sql.all<LeaveSpan & { employeeId: string }>(employeeId ? `${LEAVES} AND employee_id = ?` : LEAVES, employeeId ? [...leaveParams, employeeId] : leaveParams);
  const punches = groupBy(punchRows, (r) => r.employeeId, (r) => r.at);
  const leaves = groupBy(leaveRows, (r) => r.employeeId, (r) => r as LeaveSpan);
  return employees.map((e) => ({
    employee: e,
    ...personMonth({
      month,
      timeZone,
      today: inputs.today,
      employment: { hireDate: e.hireDate, leftDate: e.leftDate },
      calendar,
      rulesOn: (date) => schedules(e, date),
      punches: punches.get(e.id) ?? [],
      leaves: leaves.get(e.id) ?? [],
    }),
  }));
}

function groupBy<T, V>(rows: readonly T[], key: (r: T) => string, value: (r: T) => V): Map<string, V[]> {
  const map = new Map<string, V[]>();
  for (const r of rows) {
    const k = key(r);
    const list = map.get(k);
    if (list) list.push(value(r));
    else map.set(k, [value(r)]);
  }
  return map;
}


/** Workdays of the month by the default schedule and the calendar: the department's figure. */
function departmentWorkdays(basics: MonthBasics): number {
  return basics.dates.filter((d) => isWorkday(d, basics.schedules(NOBODY, d), basics.calendar.get(d))).length;
}

const asOfDay = (today: string, dates: string[]) => (today <= dates.at(-1)! ? (today < dates[0]! ? dates[0]! : today) : addDays(dates.at(-1)!, 1));

const reportRow = (e: MonthEmployee, figures: MonthFigures): MonthReportRow & { groupId: string | null } => ({
  employeeId: e.id,
  employeeNo: e.employeeNo,
  name: e.name,
  groupName: e.groupName,
  groupId: e.groupId,
  ...figures,
});

async function lockOf(ctx: Ctx, month: string) {
  return ctx.manager.getRepository(MonthLockEntity).findOne({ where: { month } });
}

function withoutGroupId({ groupId: _g, ...row }: MonthReportRow & { groupId: string | null }): MonthReportRow {
  return row;
}

export async function monthReport(ctx: Ctx, input: ParsedInputOf<'attendance.month.report'>): Promise<MonthReport> {
  const basics = await monthBasics(ctx, input.month);
  const lock = await lockOf(ctx, input.month);
  if (lock) {
    const snapshot = JSON.parse(lock.snapshot) as LockSnapshot;
    const rows = snapshot.rows.filter((r) => (!input.groupId || r.groupId === input.groupId) && reaches(ctx, 'attendance.read', { employeeId: r.employeeId, groupId: r.groupId }));
    const byName = (await userNames(ctx.manager, [lock.lockedBy])).get(lock.lockedBy) ?? '';
    return {
      month: input.month,
      workdays: snapshot.workdays,
      asOf: addDays(basics.dates.at(-1)!, 1),
      locked: { at: lock.lockedAt, byName },
      employees: rows.map(withoutGroupId),
      totals: rows.reduce<MonthFigures>((sum, r) => addFigures(sum, figuresOf(r)), emptyFigures()),
    };
  }
  const employees = await monthEmployees(ctx, basics.dates, { groupId: input.groupId });
  const people = await computeMonth(ctx, input.month, { ...basics, employees });
  const rows = people.map((p) => reportRow(p.employee, p.figures));
  return {
    month: input.month,
    workdays: departmentWorkdays(basics),
    asOf: asOfDay(basics.today, basics.dates),
    locked: null,
    employees: rows.map(withoutGroupId),
    totals: people.reduce<MonthFigures>((sum, p) => addFigures(sum, p.figures), emptyFigures()),
  };
}

export async function personMonthOf(ctx: Ctx, input: ParsedInputOf<'attendance.month.person'>): Promise<PersonMonth> {
  const subject = await readableSubject(ctx, input.employeeId);
  const basics = await monthBasics(ctx, input.month);
  const employee: MonthEmployee = { ...subject };
  const [person] = await computeMonth(ctx, input.month, { ...basics, employees: [employee] }, subject.id);
  const lock = await lockOf(ctx, input.month);
  const locked = lock ? (JSON.parse(lock.snapshot) as LockSnapshot).rows.find((r) => r.employeeId === subject.id) : undefined;
  return {
    month: input.month,
    employee: { id: subject.id, employeeNo: subject.employeeNo, name: subject.name, groupName: subject.groupName },
    days: person!.days,
    figures: locked ? figuresOf(locked) : person!.figures,
    locked: lock !== null,
  };
}

function figuresOf(row: MonthReportRow & { groupId?: string | null }): MonthFigures {
  const { employeeId: _i, employeeNo: _n, name: _m, groupName: _g, groupId: _gi, ...figures } = row;
  return figures;
}

/** Locks a month that is over, storing every person's figures as they stand. */
export async function lockMonth(ctx: Ctx, input: ParsedInputOf<'attendance.month.lock'>): Promise<MonthReport> {
  const basics = await monthBasics(ctx, input.month);
  if (basics.today <= basics.dates.at(-1)!) throw invalidState('error.monthNotOver');
  if (await lockOf(ctx, input.month)) throw invalidState('error.monthAlreadyLocked');
  const employees = await monthEmployees(ctx, basics.dates, { everyone: true });
  const people = await computeMonth(ctx, input.month, { ...basics, employees });
  const snapshot: LockSnapshot = { workdays: departmentWorkdays(basics), rows: people.map((p) => reportRow(p.employee, p.figures)) };
  await ctx.manager.getRepository(MonthLockEntity).insert({ month: input.month, lockedAt: ctx.nowIso, lockedBy: requireActor(ctx).userId, snapshot: JSON.stringify(snapshot) });
  await ctx.audit({ entity: 'attendanceMonth', recordId: null, action: 'lock', after: { month: input.month, employees: snapshot.rows.length } });
  return monthReport(ctx, { month: input.month });
}

/** Unlocks a month with a reason (audited): its figures follow the data again. */
export async function unlockMonth(ctx: Ctx, input: ParsedInputOf<'attendance.month.unlock'>): Promise<MonthReport> {
  const lock = await lockOf(ctx, input.month);
  if (!lock) throw invalidState('error.monthNotLocked');
  await ctx.manager.getRepository(MonthLockEntity).delete({ month: input.month });
  await ctx.audit({ entity: 'attendanceMonth', recordId: null, action: 'unlockMonth', before: { month: input.month, lockedAt: lock.lockedAt }, after: { month: input.month, reason: input.reason } });
  return monthReport(ctx, { month: input.month });
}
