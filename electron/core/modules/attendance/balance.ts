import type { LeaveBalance } from '../../../../shared/api/attendance.js';
import type { OutputOf, ParsedInputOf } from '../../../../shared/api/index.js';
import { leaveHalfDays, statutoryAnnualLeaveDays, type LeaveSpan } from '../../../../shared/domain/attendance/rules.js';
import type { Ctx } from '../../kernel/context.js';
import { AppError } from '../../kernel/errors.js';
import { sqlFor } from '../../db/sql.js';
import { attendanceSubject, readableSubject, type AttendanceSubject } from './access.js';
import { workdayChecker } from './calendar.js';
import { EntitlementEntity } from './entities.js';

/**
 * Annual leave (年假) per person and year: HR's figure, else the statutory days by years of service,
 * less the annual leave approved (or approved and awaiting a cancellation) and awaiting approval
 * in that year. A leave crossing New Year counts in each year with the workdays it has there.
 * Stored and computed in half-days.
 */

/** Workdays of this person from..to: their schedule and the calendar, and only while employed. */
export async function employedWorkdays(ctx: Ctx, e: AttendanceSubject, from: string, to: string): Promise<(date: string) => boolean> {
  const isWorkday = await workdayChecker(ctx.manager, e, from, to);
  return (date) => date >= e.hireDate && (e.leftDate === null || date <= e.leftDate) && isWorkday(date);
}

/** The part of a span inside `year` (null when it has none). */
export function clipToYear<T extends Omit<LeaveSpan, 'type'>>(span: T, year: number): T | null {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  if (span.endDate < first || span.startDate > last) return null;
  return {
    ...span,
    ...(span.startDate < first ? { startDate: first, startHalf: 'am' } : {}),
    ...(span.endDate > last ? { endDate: last, endHalf: 'pm' } : {}),
  };
}

export function yearsOf(span: { startDate: string; endDate: string }): number[] {
  const years: number[] = [];
  for (let y = Number(span.startDate.slice(0, 4)); y <= Number(span.endDate.slice(0, 4)); y++) years.push(y);
  return years;
}

interface AnnualHalves {
  entitlement: number;
  source: 'hr' | 'statutory';
  used: number;
  pending: number;
}

const ANNUAL_IN_YEAR = `SELECT type AS "type", start_date AS "startDate", start_half AS "startHalf", end_date AS "endDate", end_half AS "endHalf",
  half_days AS "halfDays", status AS "status" FROM att_leaves
  WHERE employee_id = ? AND type = 'annual' AND status IN ('pending', 'approved', 'cancelling') AND start_date <= ? AND end_date >= ?`;

async function annualHalves(ctx: Ctx, e: AttendanceSubject, year: number): Promise<AnnualHalves> {
  const set = await ctx.manager.getRepository(EntitlementEntity).findOne({ where: { employeeId: e.id, year } });
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const leaves = await sqlFor(ctx.manager).all<LeaveSpan & { halfDays: number; status: string }>(ANNUAL_IN_YEAR, [e.id, last, first]);
  // Counted over today's calendar, not the days stored at submission: a day HR later made a
  // holiday is no longer charged, as the month's figures no longer count it.
  const isWorkday = leaves.length ? await employedWorkdays(ctx, e, first, last) : () => false;
  const halves = { used: 0, pending: 0 };
  for (const l of leaves) halves[l.status === 'pending' ? 'pending' : 'used'] += leaveHalfDays(clipToYear(l, year)!, isWorkday);
  return set ? { entitlement: set.halfDays, source: 'hr', ...halves } : { entitlement: statutoryAnnualLeaveDays(e.hireDate, year) * 2, source: 'statutory', ...halves };
}

function balanceOf(employeeId: string, year: number, h: AnnualHalves): LeaveBalance {
  return {
    employeeId,
    year,
    entitlement: h.entitlement / 2,
    entitlementSource: h.source,
    used: h.used / 2,
    pending: h.pending / 2,
    remaining: (h.entitlement - h.used - h.pending) / 2,
  };
}

/**
 * Refuses annual leave beyond the balance of any year it falls in: VALIDATION error.overBalance,
 * on endDate, with the year, the days remaining and the days asked for.
 */
export async function assertWithinBalance(ctx: Ctx, e: AttendanceSubject, span: LeaveSpan, isWorkday: (date: string) => boolean): Promise<void> {
  for (const year of yearsOf(span)) {
    const requested = leaveHalfDays(clipToYear(span, year)!, isWorkday);
    if (requested === 0) continue;
    const h = await annualHalves(ctx, e, year);
    const remaining = h.entitlement - h.used - h.pending;
    if (requested > remaining) {
      throw new AppError('VALIDATION', 'error.overBalance', { endDate: 'validation.overBalance' }, { year, remaining: Math.max(remaining, 0) / 2, requested: requested / 2 });
    }
  }
}

/** Own balance, or anyone's within attendance.read's reach. */
export async function leaveBalance(ctx: Ctx, input: ParsedInputOf<'attendance.leave.balance'>): Promise<OutputOf<'attendance.leave.balance'>> {
  const e = await readableSubject(ctx, input.employeeId);
  return balanceOf(e.id, input.year, await annualHalves(ctx, e, input.year));
}

/** HR's figure for a person's year (replaces the statutory default). Years are not locked like months. */
export async function setEntitlement(ctx: Ctx, input: ParsedInputOf<'attendance.entitlements.set'>): Promise<OutputOf<'attendance.entitlements.set'>> {
  const e = await attendanceSubject(ctx, input.employeeId);
  const repo = ctx.manager.getRepository(EntitlementEntity);
  const before = await repo.findOne({ where: { employeeId: e.id, year: input.year } });
  const halfDays = Math.round(input.days * 2);
  if (before) await repo.update({ employeeId: e.id, year: input.year }, { halfDays, updatedAt: ctx.nowIso });
  else await repo.insert({ employeeId: e.id, year: input.year, halfDays, updatedAt: ctx.nowIso });
  await ctx.audit({
    entity: 'entitlement',
    recordId: e.id,
    action: 'set',
    before: before ? { employeeId: e.id, year: input.year, days: before.halfDays / 2 } : undefined,
    after: { employeeId: e.id, year: input.year, days: halfDays / 2 },
  });
  return balanceOf(e.id, input.year, await annualHalves(ctx, e, input.year));
}
