import { datesBetween } from './time.js';
import type { DayHalf, LeaveType } from './types.js';

/**
 * Leave as the rules count it (请假, regulations 四.(二)): which halves of a day a leave covers,
 * how many half-days it takes, and the statutory annual-leave entitlement. Re-exported by
 * rules.ts, where the other modules import them from.
 */

/** An approved leave as the rules see it. */
export interface LeaveSpan {
  type: LeaveType;
  startDate: string;
  startHalf: DayHalf;
  endDate: string;
  endHalf: DayHalf;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Which halves of `date` a leave covers. */
export function leaveHalvesOn(leave: LeaveSpan, date: string): { am: boolean; pm: boolean } {
  if (date < leave.startDate || date > leave.endDate) return { am: false, pm: false };
  // A leave that starts in the afternoon leaves its first morning; one ending in the morning its last afternoon.
  return {
    am: !(date === leave.startDate && leave.startHalf === 'pm'),
    pm: !(date === leave.endDate && leave.endHalf === 'am'),
  };
}

/** Half-days a leave takes: the halves it covers on workdays (`isWorkdayOn` per date). */
export function leaveHalfDays(leave: LeaveSpan, isWorkdayOn: (date: string) => boolean): number {
  // Malformed dates take nothing rather than throw inside date arithmetic.
  if (!DATE.test(leave.startDate) || !DATE.test(leave.endDate)) return 0;
  let halves = 0;
  for (const date of datesBetween(leave.startDate, leave.endDate)) {
    if (!isWorkdayOn(date)) continue;
    const { am, pm } = leaveHalvesOn(leave, date);
    halves += (am ? 1 : 0) + (pm ? 1 : 0);
  }
  return halves;
}

/**
 * Statutory annual leave (职工带薪年休假条例) by full years of service on 1 January of `year`,
 * counted from the hire date: under 1 year 0, 1–9 years 5 days, 10–19 years 10, 20 and more 15.
 */
export function statutoryAnnualLeaveDays(hireDate: string, year: number): number {
  if (!DATE.test(hireDate) || !Number.isInteger(year)) return 0;
  const hireYear = Number(hireDate.slice(0, 4));
  // A year is full on its anniversary: hired on 1 January, the year is complete on the next 1 January.
  const years = year - hireYear - (hireDate.slice(5) > '01-01' ? 1 : 0);
  if (years < 1) return 0;
  if (years < 10) return 5;
  if (years < 20) return 10;
  return 15;
}
