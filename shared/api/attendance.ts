import { z } from 'zod';
import { mutation, query } from './define.js';
import { fileUpload, id, isoDate, listParams, optionalText, requiredText, type FileDownload, type Page } from './fields.js';
import { LOCALES } from '../domain/locale.js';
import {
  CALENDAR_KINDS,
  DAY_HALVES,
  DISCIPLINE_TYPES,
  LEAVE_TYPES,
  PUNCH_DIRECTIONS,
  PUNCH_SOURCES,
  type CalendarKind,
  type CalendarSource,
  type CorrectionStatus,
  type DayHalf,
  type DayVerdict,
  type DisciplineType,
  type LeaveStatus,
  type LeaveType,
  type MonthFigures,
  type PunchDirection,
  type PunchSource,
  type ScheduleRules,
} from '../domain/attendance/types.js';

/** Attendance, leave and discipline (工作纪律与考勤): the contract. Rules in shared/domain/attendance. */

const clockTime = () => z.string({ message: 'validation.required' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'validation.invalidTime' });
const minutes = (max: number) => z.number({ message: 'validation.invalidValue' }).int({ message: 'validation.invalidValue' }).min(0, { message: 'validation.invalidValue' }).max(max, { message: 'validation.invalidValue' });
/** 'YYYY-MM' of the years the calendar can hold (as `year` below). */
const month = () =>
  z
    .string({ message: 'validation.required' })
    .regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/, { message: 'validation.invalidMonth' });
const year = () => z.number({ message: 'validation.invalidValue' }).int().min(2000, { message: 'validation.invalidValue' }).max(2100, { message: 'validation.invalidValue' });
const recordVersion = () => z.number({ message: 'validation.invalidValue' }).int().min(1).optional();

/** The schedule's fields; the core checks their order (start < lunch start ≤ lunch end < end). */
export const scheduleRulesInput = z
  .object({
    workDays: z.array(z.number().int().min(1).max(7), { message: 'validation.invalidValue' }).min(1, { message: 'validation.noWorkDays' }).max(7),
    workStart: clockTime(),
    workEnd: clockTime(),
    lunchStart: clockTime(),
    lunchEnd: clockTime(),
    lateGraceMinutes: minutes(240),
    earlyGraceMinutes: minutes(240),
    halfDayMinutes: minutes(720),
    dayBoundary: clockTime(),
  })
  .strict();

export interface ScheduleVersion extends ScheduleRules {
  effectiveFrom: string;
}

export interface ScheduleRow {
  id: string;
  name: string;
  isDefault: boolean;
  /** The rules in effect today, and every version by date (newest first). */
  current: ScheduleVersion;
  versions: ScheduleVersion[];
  assignments: ScheduleAssignmentRow[];
  archived: boolean;
  version: number;
}

export interface ScheduleAssignmentRow {
  id: string;
  scheduleId: string;
  target: 'group' | 'employee';
  targetId: string;
  targetName: string;
  effectiveFrom: string;
}

export interface CalendarYear {
  year: number;
  /** Days that differ from the weekly rule (holidays, make-up workdays, HR's overrides). */
  days: { date: string; kind: CalendarKind; name: string; source: CalendarSource }[];
  /** False when the year has no holiday entries at all: no package has it yet, HR must add it. */
  hasHolidays: boolean;
}

export interface PunchRow {
  id: string;
  employeeId: string;
  employeeNo: string;
  employeeName: string;
  groupName: string | null;
  /** UTC instant. */
  punchedAt: string;
  /** The department-local day it belongs to (after the day boundary). */
  workDate: string;
  source: PunchSource;
  device: string | null;
  direction: PunchDirection | null;
}

/** The recognised columns of a punch file. */
export const PUNCH_FIELDS = ['employeeNo', 'dateTime', 'date', 'time', 'device', 'direction', 'name'] as const;
export type PunchField = (typeof PUNCH_FIELDS)[number];
export const punchMapping = z.partialRecord(z.enum(PUNCH_FIELDS), z.string().max(200)).optional();

export type PunchProblem = 'unknownEmployee' | 'badTime' | 'duplicateExisting' | 'duplicateInFile' | 'monthLocked' | 'outOfScope' | 'missingEmployeeNo';

export interface PunchImportPreview {
  fileName: string;
  headers: string[];
  /** Which header was taken for each field (recognised, from a preset, or as passed). */
  mapping: Partial<Record<PunchField, string>>;
  /** The file cannot be read, or needed columns are not found: nothing can be imported. */
  fileProblem: 'unreadable' | 'empty' | 'unmapped' | 'tooManyRows' | null;
  totalRows: number;
  validCount: number;
  duplicateCount: number;
  /** The first rows with a problem (up to 500), and the first rows as read (up to 20). */
  problems: { row: number; problem: PunchProblem; employeeNo: string; value: string }[];
  sample: { row: number; employeeNo: string; punchedAt: string | null }[];
}

/** The CLI's `attendance import --json` prints this object as it is. */
export interface PunchImportResult {
  imported: number;
  duplicates: number;
  rejected: { row: number; problem: string }[];
}

export interface LeaveRow {
  id: string;
  employeeId: string;
  employeeNo: string;
  employeeName: string;
  type: LeaveType;
  startDate: string;
  startHalf: DayHalf;
  endDate: string;
  endHalf: DayHalf;
  /** Workdays covered, halves included. */
  days: number;
  /** null when the caller may not read it (personal data). */
  reason: string | null;
  /** Why it was asked to be cancelled; null when none, or when the caller may not read the reason. */
  cancelReason: string | null;
  status: LeaveStatus;
  /** The open approval request (submission or cancellation), when there is one. */
  approvalRequestId: string | null;
  createdAt: string;
}

export interface LeaveBalance {
  employeeId: string;
  year: number;
  /** Annual leave for the year: HR's figure, else the statutory default by years of service. */
  entitlement: number;
  entitlementSource: 'hr' | 'statutory';
  /** Approved (and awaiting approval) annual leave in the year. */
  used: number;
  pending: number;
  remaining: number;
}

export interface CorrectionRow {
  id: string;
  employeeId: string;
  employeeName: string;
  date: string;
  time: string;
  direction: PunchDirection;
  reason: string | null;
  status: CorrectionStatus;
  approvalRequestId: string | null;
  createdAt: string;
}

export interface DisciplineRow {
  id: string;
  employeeId: string;
  employeeNo: string;
  employeeName: string;
  type: DisciplineType;
  date: string;
  description: string;
  recordedByName: string;
  employeeComment: string | null;
  createdAt: string;
}

export interface MonthReportRow extends MonthFigures {
  employeeId: string;
  employeeNo: string;
  name: string;
  groupName: string | null;
}

export interface MonthReport {
  month: string;
  /** Workdays of the month by the department's default schedule and calendar. */
  workdays: number;
  /** Figures cover the days before this one (the month so far); the last day + 1 for a past month. */
  asOf: string;
  locked: { at: string; byName: string } | null;
  employees: MonthReportRow[];
  totals: MonthFigures;
}

export interface PersonMonth {
  month: string;
  employee: { id: string; employeeNo: string; name: string; groupName: string | null };
  days: DayVerdict[];
  figures: MonthFigures;
  locked: boolean;
}

export interface AttendanceToday {
  /** The department-local date and the caller's punches of it (empty without a linked employee). */
  date: string;
  employeeId: string | null;
  punches: string[];
  /** Next year's calendar has no holidays yet (shown to HR and the manager from November). */
  nextYearCalendarMissing: boolean;
  timeZone: string;
}

const leaveFields = {
  employeeId: id(),
  type: z.enum(LEAVE_TYPES, { message: 'validation.required' }),
  startDate: isoDate(),
  startHalf: z.enum(DAY_HALVES).default('am'),
  endDate: isoDate(),
  endHalf: z.enum(DAY_HALVES).default('pm'),
  reason: requiredText(500),
};

const scope = { employeeId: id().optional(), groupId: id().optional() };

export const attendanceContract = {
  'attendance.settings.get': query<{ timeZone: string }>()({ input: z.object({}).strict(), permission: 'attendance.read' }),
  'attendance.settings.update': mutation<{ timeZone: string }>()({
    input: z.object({ timeZone: z.string().min(1).max(64) }).strict(),
    permission: 'attendance.manage',
  }),

  'attendance.schedules.list': query<ScheduleRow[]>()({ input: z.object({ includeArchived: z.boolean().default(false) }).strict(), permission: 'attendance.read' }),
  'attendance.schedules.create': mutation<ScheduleRow>()({
    input: z.object({ name: requiredText(50), rules: scheduleRulesInput, effectiveFrom: isoDate() }).strict(),
    permission: 'attendance.manage',
  }),
  /** New rules from a date on (a new version); a date inside a locked month is refused. */
  'attendance.schedules.update': mutation<ScheduleRow>()({
    input: z.object({ id: id(), name: requiredText(50).optional(), rules: scheduleRulesInput.optional(), effectiveFrom: isoDate(), version: recordVersion() }).strict(),
    permission: 'attendance.manage',
  }),
  'attendance.schedules.assign': mutation<ScheduleRow>()({
    input: z.object({ scheduleId: id(), target: z.enum(['group', 'employee']), targetId: id(), effectiveFrom: isoDate() }).strict(),
    permission: 'attendance.manage',
  }),
  'attendance.schedules.unassign': mutation<ScheduleRow>()({ input: z.object({ assignmentId: id() }).strict(), permission: 'attendance.manage' }),

  'attendance.calendar.year': query<CalendarYear>()({ input: z.object({ year: year() }).strict(), permission: 'attendance.read' }),
  'attendance.calendar.set': mutation<CalendarYear>()({
    input: z.object({ date: isoDate(), kind: z.enum(CALENDAR_KINDS), name: optionalText(50) }).strict(),
    permission: 'attendance.manage',
  }),
  /** A CSV of `date,kind,name` (kind holiday | workday); every row checked before any is stored. */
  'attendance.calendar.import': mutation<{ imported: number; rejected: { row: number; problem: string }[] }>()({
    input: fileUpload(),
    permission: 'attendance.manage',
  }),

  'attendance.today': query<AttendanceToday>()({ input: z.object({}).strict(), permission: 'session' }),
  /** Clocks the caller in or out now, by the core's clock. */
  'attendance.clock': mutation<{ punchedAt: string; workDate: string; punches: string[] }>()({ input: z.object({}).strict(), permission: 'session' }),

  'attendance.punches.list': query<Page<PunchRow>>()({
    input: z
      .object({
        ...listParams(['punchedAt', 'employeeNo']),
        ...scope,
        from: isoDate().optional(),
        to: isoDate().optional(),
        source: z.enum(PUNCH_SOURCES).optional(),
      })
      .strict(),
    permission: 'attendance.read',
  }),
  'attendance.import.preview': query<PunchImportPreview>()({
    input: fileUpload().extend({ mapping: punchMapping }),
    permission: 'attendance.manage',
    transaction: 'handler',
  }),
  'attendance.import.commit': mutation<PunchImportResult>()({
    input: fileUpload().extend({ mapping: punchMapping, dryRun: z.boolean().default(false) }),
    permission: 'attendance.manage',
    transaction: 'handler',
  }),
  'attendance.import.presets': query<{ name: string; mapping: Partial<Record<PunchField, string>> }[]>()({ input: z.object({}).strict(), permission: 'attendance.manage' }),
  'attendance.import.savePreset': mutation<{ name: string; mapping: Partial<Record<PunchField, string>> }[]>()({
    input: z.object({ name: requiredText(50), mapping: z.partialRecord(z.enum(PUNCH_FIELDS), z.string().max(200)) }).strict(),
    permission: 'attendance.manage',
  }),

  'attendance.corrections.create': mutation<CorrectionRow>()({
    input: z.object({ employeeId: id().optional(), date: isoDate(), time: clockTime(), direction: z.enum(PUNCH_DIRECTIONS), reason: requiredText(500) }).strict(),
    permission: 'session',
  }),
  'attendance.corrections.list': query<Page<CorrectionRow>>()({
    input: z.object({ ...listParams(['date', 'createdAt']), ...scope, status: z.enum(['pending', 'approved', 'rejected', 'cancelled']).optional() }).strict(),
    permission: 'session',
  }),

  /** Submits a leave request to the department head (approvals engine). HR may file for anyone. */
  'attendance.leave.create': mutation<LeaveRow>()({ input: z.object(leaveFields).strict(), permission: 'session' }),
  'attendance.leave.list': query<Page<LeaveRow>>()({
    input: z
      .object({
        ...listParams(['startDate', 'createdAt']),
        ...scope,
        status: z.enum(['pending', 'approved', 'rejected', 'cancelling', 'cancelled']).optional(),
        type: z.enum(LEAVE_TYPES).optional(),
        year: year().optional(),
      })
      .strict(),
    permission: 'session',
  }),
  'attendance.leave.get': query<LeaveRow>()({ input: z.object({ id: id() }).strict(), permission: 'session' }),
  /** Pending: withdrawn at once. Approved: a cancellation request goes to the department head. */
  'attendance.leave.cancel': mutation<LeaveRow>()({ input: z.object({ id: id(), reason: optionalText(500) }).strict(), permission: 'session' }),
  'attendance.leave.balance': query<LeaveBalance>()({ input: z.object({ employeeId: id(), year: year() }).strict(), permission: 'session' }),
  'attendance.entitlements.set': mutation<LeaveBalance>()({
    input: z.object({ employeeId: id(), year: year(), days: z.number().min(0).max(365).multipleOf(0.5, { message: 'validation.halfDays' }) }).strict(),
    permission: 'attendance.manage',
  }),

  'attendance.discipline.create': mutation<DisciplineRow>()({
    input: z.object({ employeeId: id(), type: z.enum(DISCIPLINE_TYPES, { message: 'validation.required' }), date: isoDate(), description: requiredText(2000) }).strict(),
    permission: 'attendance.discipline',
  }),
  'attendance.discipline.list': query<Page<DisciplineRow>>()({
    input: z.object({ ...listParams(['date', 'createdAt']), ...scope, type: z.enum(DISCIPLINE_TYPES).optional() }).strict(),
    permission: 'session',
  }),
  /** The employee's own comment on a record about them. */
  'attendance.discipline.comment': mutation<DisciplineRow>()({ input: z.object({ id: id(), comment: requiredText(2000) }).strict(), permission: 'session' }),

  'attendance.month.report': query<MonthReport>()({ input: z.object({ month: month(), groupId: id().optional() }).strict(), permission: 'attendance.read' }),
  'attendance.month.person': query<PersonMonth>()({ input: z.object({ month: month(), employeeId: id() }).strict(), permission: 'session' }),
  'attendance.month.lock': mutation<MonthReport>()({ input: z.object({ month: month() }).strict(), permission: 'attendance.manage' }),
  'attendance.month.unlock': mutation<MonthReport>()({ input: z.object({ month: month(), reason: requiredText(500) }).strict(), permission: 'attendance.manage' }),
  'attendance.month.export': query<FileDownload>()({
    input: z.object({ month: month(), groupId: id().optional(), locale: z.enum(LOCALES).default('zh-CN') }).strict(),
    permission: 'attendance.read',
  }),
};
