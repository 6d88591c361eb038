import { cachedInstant, judgeWorkday } from './day.js';
import { leaveHalvesOn, type LeaveSpan } from './leave.js';
import { addDays, monthDates, weekdayOf } from './time.js';
import { LEAVE_TYPES, type CalendarKind, type DayKind, type DayVerdict, type LeaveType, type MonthFigures, type ScheduleRules } from './types.js';

/**
 * The attendance rules of issue 9 ("The rules"), pure functions: one implementation for the
 * monthly report, the person's calendar, the CLI report and the export. One workday is judged in
 * day.ts; leave halves and the annual-leave entitlement are in leave.ts (re-exported here).
 */

export { leaveHalfDays, leaveHalvesOn, statutoryAnnualLeaveDays, type LeaveSpan } from './leave.js';

export interface PersonMonthInput {
  /** 'YYYY-MM'. */
  month: string;
  timeZone: string;
  /** Department-local date: days on or after it are 'future' (shown, not judged, not counted). */
  today: string;
  employment: { hireDate: string; leftDate: string | null };
  /** The calendar's entries for the month (and a day either side); absent dates follow the weekly rule. */
  calendar: ReadonlyMap<string, CalendarKind>;
  /**
   * The schedule rules in effect for this person on a date. Asked for every date of the month and
   * for the first day of the next month (whose day boundary ends the month's last day).
   */
  rulesOn: (date: string) => ScheduleRules;
  /** UTC instants ('YYYY-MM-DDTHH:MM:SS.sssZ'), covering the month and a day either side, any order. */
  punches: readonly string[];
  /** Approved leaves overlapping the month. */
  leaves: readonly LeaveSpan[];
}

export function emptyFigures(): MonthFigures {
  return {
    workdays: 0,
    presentDays: 0,
    lateCount: 0,
    lateMinutes: 0,
    earlyCount: 0,
    earlyMinutes: 0,
    absentDays: 0,
    missingPunches: 0,
    leaveDays: Object.fromEntries(LEAVE_TYPES.map((type) => [type, 0])) as Record<LeaveType, number>,
  };
}

/** Whether a date is a workday: calendar entry first (holiday: no; workday: yes), else the weekly rule. */
export function isWorkday(date: string, rules: ScheduleRules, entry: CalendarKind | undefined): boolean {
  if (entry === 'holiday') return false;
  if (entry === 'workday') return true;
  return rules.workDays.includes(weekdayOf(date));
}

/** Adds figures (the department's totals). */
export function addFigures(a: MonthFigures, b: MonthFigures): MonthFigures {
  const sum = emptyFigures();
  for (const type of LEAVE_TYPES) sum.leaveDays[type] = (a.leaveDays[type] ?? 0) + (b.leaveDays[type] ?? 0);
  return {
    ...sum,
    workdays: a.workdays + b.workdays,
    presentDays: a.presentDays + b.presentDays,
    lateCount: a.lateCount + b.lateCount,
    lateMinutes: a.lateMinutes + b.lateMinutes,
    earlyCount: a.earlyCount + b.earlyCount,
    earlyMinutes: a.earlyMinutes + b.earlyMinutes,
    absentDays: a.absentDays + b.absentDays,
    missingPunches: a.missingPunches + b.missingPunches,
  };
}

export function personMonth(input: PersonMonthInput): { days: DayVerdict[]; figures: MonthFigures } {
  const dates = monthDates(input.month);
  const punches = sortedUnique(input.punches);
  const first = dates[0] as string;
  const last = dates[dates.length - 1] as string;
  const leaves = input.leaves.filter((l) => l.endDate >= first && l.startDate <= last && (LEAVE_TYPES as readonly string[]).includes(l.type));
  const figures = emptyFigures();
  const days: DayVerdict[] = [];
  // Day windows tile: each day runs from its boundary to the next day's, so every punch has one day.
  let rules = input.rulesOn(first);
  let from = cachedInstant(first, rules.dayBoundary, input.timeZone).iso;
  let next = 0;
  for (let i = 0; i < dates.length; i++) {
    const date = dates[i] as string;
    const nextDate = dates[i + 1] ?? addDays(date, 1);
    const nextRules = input.rulesOn(nextDate);
    const to = cachedInstant(nextDate, nextRules.dayBoundary, input.timeZone).iso;
    while (next < punches.length && (punches[next] as string) < from) next++;
    const start = next;
    while (next < punches.length && (punches[next] as string) < to) next++;
    days.push(judgeDay(input, date, rules, punches.slice(start, next), leaves, figures));
    rules = nextRules;
    from = to;
  }
  const leaveTotal = LEAVE_TYPES.reduce((n, type) => n + figures.leaveDays[type], 0);
  figures.presentDays = figures.workdays - figures.absentDays - leaveTotal;
  return { days, figures };
}

/** The kind of a day that is not judged, or null for a workday to judge. */
function unjudgedKind(input: PersonMonthInput, date: string, rules: ScheduleRules): DayKind | null {
  if (date >= input.today) return 'future';
  const { hireDate, leftDate } = input.employment;
  if (date < hireDate || (leftDate !== null && date > leftDate)) return 'notEmployed';
  const entry = input.calendar.get(date);
  if (entry === 'holiday') return 'holiday';
  return isWorkday(date, rules, entry) ? null : 'restday';
}

/** One day's verdict; a workday's figures are added to `figures` (present days are derived at the end). */
function judgeDay(input: PersonMonthInput, date: string, rules: ScheduleRules, punches: string[], leaves: readonly LeaveSpan[], figures: MonthFigures): DayVerdict {
  const verdict: DayVerdict = { date, kind: 'workday', punches, checkIn: null, checkOut: null, lateMinutes: 0, earlyMinutes: 0, absentDays: 0, missingPunches: 0, leave: null };
  const kind = unjudgedKind(input, date, rules);
  if (kind !== null) return { ...verdict, kind };

  figures.workdays += 1;
  const { am, pm } = leaveTypesOn(leaves, date);
  if (am) figures.leaveDays[am] += 0.5;
  if (pm) figures.leaveDays[pm] += 0.5;
  // DayVerdict has room for one type: the morning's (a day's two halves rarely differ); its days are that type's halves.
  const shown = am ?? pm;
  if (shown) verdict.leave = { type: shown, days: ((am === shown ? 1 : 0) + (pm === shown ? 1 : 0)) / 2 };
  if (am && pm) return verdict;

  const judged = judgeWorkday(date, rules, input.timeZone, punches, { am: am !== null, pm: pm !== null });
  figures.absentDays += judged.absentDays;
  figures.missingPunches += judged.missingPunches;
  if (judged.lateMinutes > 0) {
    figures.lateCount += 1;
    figures.lateMinutes += judged.lateMinutes;
  }
  if (judged.earlyMinutes > 0) {
    figures.earlyCount += 1;
    figures.earlyMinutes += judged.earlyMinutes;
  }
  return { ...verdict, ...judged };
}

/** The leave type covering each half of a date (the first leave found, when two overlap). */
function leaveTypesOn(leaves: readonly LeaveSpan[], date: string): { am: LeaveType | null; pm: LeaveType | null } {
  let am: LeaveType | null = null;
  let pm: LeaveType | null = null;
  for (const leave of leaves) {
    const halves = leaveHalvesOn(leave, date);
    if (halves.am && am === null) am = leave.type;
    if (halves.pm && pm === null) pm = leave.type;
  }
  return { am, pm };
}

const EXPLICIT_OFFSET = /(Z|[+-]\d\d:?\d\d)$/;

/**
 * The punches in the stored shape, sorted and without duplicates, so that text order is time
 * order. Other ISO shapes with an offset are rewritten; unreadable ones, and ones without an
 * offset (Date.parse would read them in the computer's zone), are left out rather than throw.
 */
function sortedUnique(punches: readonly string[]): string[] {
  const list: string[] = [];
  for (const p of punches) {
    if (p.length === 24 && p.endsWith('Z')) list.push(p);
    else if (EXPLICIT_OFFSET.test(p)) {
      const ms = Date.parse(p);
      if (!Number.isNaN(ms)) list.push(new Date(ms).toISOString());
    }
  }
  list.sort();
  return list.filter((p, i) => i === 0 || p !== list[i - 1]);
}
