import type { AttendanceToday } from '../../../../shared/api/attendance.js';
import { instantAt, addDays, todayIn } from '../../../../shared/domain/attendance/time.js';
import { workDateOf } from '../../../../shared/domain/attendance/work-date.js';
import type { Ctx } from '../../kernel/context.js';
import { requireActor } from '../../kernel/context.js';
import { invalidState } from '../../kernel/errors.js';
import { sqlFor } from '../../db/sql.js';
import { attendanceSubject, managesAttendance, ownEmployeeId } from './access.js';
import { yearHasHolidays } from './calendar.js';
import { assertDatesOpen } from './locks.js';
import { scheduleResolver } from './schedules.js';
import { departmentTimeZone } from './settings.js';

/**
 * Clocking in and out in the app (打卡): one click; the time is the core's clock, never the page's.
 * A punch is a punch: which one is the check-in is decided by the rules (first-in / last-out).
 */

const DAY_PUNCHES = 'SELECT punched_at AS "at" FROM att_punches WHERE employee_id = ? AND punched_at >= ? AND punched_at < ? ORDER BY punched_at';
const INSERT = `INSERT INTO att_punches (id, employee_id, punched_at, source, device, direction, correction_id, created_by, created_at)
  VALUES (?, ?, ?, 'app', NULL, NULL, NULL, ?, ?)`;

/** The instant with its milliseconds dropped: punch machines and the unique rule count in seconds. */
const toSecond = (iso: string) => `${iso.slice(0, 19)}.000Z`;

interface Day {
  workDate: string;
  punches: string[];
}

async function dayOf(ctx: Ctx, employee: { id: string; groupId: string | null }, instant: string): Promise<Day> {
  const timeZone = await departmentTimeZone(ctx.manager);
  const rulesOn = await scheduleResolver(ctx.manager, [employee], '', '');
  const boundaryOn = (date: string) => rulesOn(employee.id, date).dayBoundary;
  const workDate = workDateOf(instant, timeZone, boundaryOn);
  const from = instantAt(workDate, boundaryOn(workDate), timeZone);
  const next = addDays(workDate, 1);
  const to = instantAt(next, boundaryOn(next), timeZone);
  const rows = await sqlFor(ctx.manager).all<{ at: string }>(DAY_PUNCHES, [employee.id, from, to]);
  return { workDate, punches: rows.map((r) => r.at) };
}

/** From November the State Council's notice for next year is due: HR is told until it is in. */
async function calendarMissing(ctx: Ctx): Promise<boolean> {
  if (!managesAttendance(ctx)) return false;
  const today = todayIn(await departmentTimeZone(ctx.manager), ctx.now);
  const year = Number(today.slice(0, 4));
  if (!(await yearHasHolidays(ctx.manager, year))) return true;
  return Number(today.slice(5, 7)) >= 11 && !(await yearHasHolidays(ctx.manager, year + 1));
}

export async function attendanceToday(ctx: Ctx): Promise<AttendanceToday> {
  const timeZone = await departmentTimeZone(ctx.manager);
  const employeeId = requireActor(ctx).employeeId;
  const nextYearCalendarMissing = await calendarMissing(ctx);
  if (!employeeId) return { date: todayIn(timeZone, ctx.now), employeeId: null, punches: [], nextYearCalendarMissing, timeZone };
  const employee = await attendanceSubject(ctx, employeeId);
  const day = await dayOf(ctx, employee, ctx.nowIso);
  return { date: day.workDate, employeeId, punches: day.punches, nextYearCalendarMissing, timeZone };
}

/** Clocks the caller now. A second click within the same second is the same punch. */
export async function clockPunch(ctx: Ctx): Promise<{ punchedAt: string; workDate: string; punches: string[] }> {
  const employee = await attendanceSubject(ctx, ownEmployeeId(ctx));
  if (employee.status !== 'active') throw invalidState('error.employeeNotActive');
  const punchedAt = toSecond(ctx.nowIso);
  const before = await dayOf(ctx, employee, punchedAt);
  await assertDatesOpen(ctx, [before.workDate]);
  // The day's punches were just read in this transaction: one there at this second is this click's twin.
  if (!before.punches.includes(punchedAt)) {
    const id = ctx.services.newId();
    await sqlFor(ctx.manager).run(INSERT, [id, employee.id, punchedAt, requireActor(ctx).userId, ctx.nowIso]);
    await ctx.audit({ entity: 'punch', recordId: id, action: 'clock', after: { employeeId: employee.id, punchedAt, workDate: before.workDate } });
  }
  const punches = before.punches.includes(punchedAt) ? before.punches : [...before.punches, punchedAt].sort();
  return { punchedAt, workDate: before.workDate, punches };
}
