/**
 * Attendance, leave and discipline (工作纪律与考勤, regulations section 四): the words of the
 * domain, shared by the core, the renderer and the CLI. The rules that turn punches into
 * figures are pure functions beside this file (rules.ts), one implementation for the monthly
 * report and the person's calendar.
 */

/** Leave kinds of 四.(二), by the contract's codes (CLI report keys use the same codes). */
export const LEAVE_TYPES = ['personal', 'sick', 'annual', 'compensatory', 'marriage', 'bereavement', 'maternity', 'paternity'] as const;
export type LeaveType = (typeof LEAVE_TYPES)[number];

/** am: from work start to lunch start; pm: from lunch end to work end. */
export const DAY_HALVES = ['am', 'pm'] as const;
export type DayHalf = (typeof DAY_HALVES)[number];

/** Where a leave request stands. `cancelling`: approved, and a cancellation waits for approval. */
export const LEAVE_STATUSES = ['pending', 'approved', 'rejected', 'cancelling', 'cancelled'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];

/** Discipline rules of 四.(一). */
export const DISCIPLINE_TYPES = ['late', 'early', 'absent', 'offTask', 'process', 'leak', 'insubordination', 'other'] as const;
export type DisciplineType = (typeof DISCIPLINE_TYPES)[number];

/** How a punch got in: clocked in the app, imported from a punch machine's file, or an approved correction (补卡). */
export const PUNCH_SOURCES = ['app', 'import', 'correction'] as const;
export type PunchSource = (typeof PUNCH_SOURCES)[number];

export const PUNCH_DIRECTIONS = ['in', 'out'] as const;
export type PunchDirection = (typeof PUNCH_DIRECTIONS)[number];

export const CORRECTION_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

/**
 * A day of the department's calendar that differs from the schedule's weekly rule: a statutory
 * or company holiday on a weekday, or a make-up workday (调休上班) on a weekend. `normal` is an
 * HR override that takes a built-in entry back to the weekly rule.
 */
export const CALENDAR_KINDS = ['holiday', 'workday', 'normal'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];
export type CalendarSource = 'builtin' | 'custom' | 'import';

export interface CalendarDay {
  /** YYYY-MM-DD, a day of the department's time zone. */
  date: string;
  kind: CalendarKind;
  name: string;
}

/** 'HH:MM', 24-hour, a time of day in the department's time zone. */
export type ClockTime = string;

/**
 * The working-time rules of a schedule (作息制度) from one date on. Minutes are whole minutes;
 * weekdays are ISO numbers, 1 = Monday … 7 = Sunday.
 */
export interface ScheduleRules {
  workDays: number[];
  workStart: ClockTime;
  workEnd: ClockTime;
  lunchStart: ClockTime;
  lunchEnd: ClockTime;
  lateGraceMinutes: number;
  earlyGraceMinutes: number;
  /** Late or early by more than this: half a day absent instead of a late / early leave. */
  halfDayMinutes: number;
  /** A punch before this time belongs to the previous day. */
  dayBoundary: ClockTime;
}

export const DEFAULT_SCHEDULE_RULES: ScheduleRules = {
  workDays: [1, 2, 3, 4, 5],
  workStart: '09:00',
  workEnd: '18:00',
  lunchStart: '12:00',
  lunchEnd: '13:00',
  lateGraceMinutes: 10,
  earlyGraceMinutes: 0,
  halfDayMinutes: 120,
  dayBoundary: '04:00',
};

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** A figure in days may be a half: stored and computed in half-days, shown as days. */
export type HalfDays = number;

/** What a person's month adds up to (月度考勤统计), in the contract's report field names. */
export interface MonthFigures {
  workdays: number;
  presentDays: number;
  lateCount: number;
  lateMinutes: number;
  earlyCount: number;
  earlyMinutes: number;
  absentDays: number;
  missingPunches: number;
  leaveDays: Record<LeaveType, number>;
}

/** A day's verdict for the person's calendar. */
export type DayKind = 'workday' | 'restday' | 'holiday' | 'notEmployed' | 'future';
export interface DayVerdict {
  date: string;
  kind: DayKind;
  /** UTC instants of the day's punches (duplicates removed), in order. */
  punches: string[];
  checkIn: string | null;
  checkOut: string | null;
  lateMinutes: number;
  earlyMinutes: number;
  /** 0, 0.5 or 1. */
  absentDays: number;
  missingPunches: number;
  leave: { type: LeaveType; days: number } | null;
}
