import type { CalendarKind, DayHalf, DayVerdict, LeaveType, MonthFigures, ScheduleRules } from './types.js';

/**
 * The attendance rules of issue 9 ("The rules"), pure functions: one implementation for the
 * monthly report, the person's calendar, the CLI report and the export.
 * STUB: implemented by the domain-rules work (see the issue text for every rule).
 */

/** An approved leave as the rules see it. */
export interface LeaveSpan {
  type: LeaveType;
  startDate: string;
  startHalf: DayHalf;
  endDate: string;
  endHalf: DayHalf;
}

export interface PersonMonthInput {
  /** 'YYYY-MM'. */
  month: string;
  timeZone: string;
  /** Department-local date: days on or after it are 'future' (shown, not judged, not counted). */
  today: string;
  employment: { hireDate: string; leftDate: string | null };
  /** The calendar's entries for the month (and a day either side); absent dates follow the weekly rule. */
  calendar: ReadonlyMap<string, CalendarKind>;
  /** The schedule rules in effect for this person on a date. */
  rulesOn: (date: string) => ScheduleRules;
  /** UTC instants ('YYYY-MM-DDTHH:MM:SS.sssZ'), covering the month and a day either side, any order. */
  punches: readonly string[];
  /** Approved leaves overlapping the month. */
  leaves: readonly LeaveSpan[];
}

export function emptyFigures(): MonthFigures {
  throw new Error('not implemented');
}

/** Whether a date is a workday: calendar entry first (holiday: no; workday: yes), else the weekly rule. */
export function isWorkday(date: string, rules: ScheduleRules, entry: CalendarKind | undefined): boolean {
  void date; void rules; void entry;
  throw new Error('not implemented');
}

export function personMonth(input: PersonMonthInput): { days: DayVerdict[]; figures: MonthFigures } {
  void input;
  throw new Error('not implemented');
}

/** Adds figures (the department's totals). */
export function addFigures(a: MonthFigures, b: MonthFigures): MonthFigures {
  void a; void b;
  throw new Error('not implemented');
}

/** Which halves of `date` a leave covers. */
export function leaveHalvesOn(leave: LeaveSpan, date: string): { am: boolean; pm: boolean } {
  void leave; void date;
  throw new Error('not implemented');
}

/** Half-days a leave takes: the halves it covers on workdays (`isWorkdayOn` per date). */
export function leaveHalfDays(leave: LeaveSpan, isWorkdayOn: (date: string) => boolean): number {
  void leave; void isWorkdayOn;
  throw new Error('not implemented');
}

/**
 * Statutory annual leave (职工带薪年休假条例) by full years of service on 1 January of `year`,
 * counted from the hire date: under 1 year 0, 1–9 years 5 days, 10–19 years 10, 20 and more 15.
 */
export function statutoryAnnualLeaveDays(hireDate: string, year: number): number {
  void hireDate; void year;
  throw new Error('not implemented');
}
