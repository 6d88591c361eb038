import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

/** Tables of migration 0011 (attendance). Day counts are half-days; instants UTC text. */

export interface ScheduleRecord {
  id: string;
  name: string;
  isDefault: boolean;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}
export const ScheduleEntity = new EntitySchema<ScheduleRecord>({
  name: 'AttSchedule',
  tableName: 'att_schedules',
  columns: {
    id: col.id(),
    name: col.text('name'),
    isDefault: col.bool('is_default'),
    archivedAt: col.instant('archived_at', true),
    createdAt: col.instant('created_at'),
    updatedAt: col.instant('updated_at'),
    version: col.version(),
  },
});

export interface ScheduleRuleRecord {
  id: string;
  scheduleId: string;
  effectiveFrom: string;
  /** ISO weekdays, comma-separated: "1,2,3,4,5". */
  workDays: string;
  workStart: string;
  workEnd: string;
  lunchStart: string;
  lunchEnd: string;
  lateGraceMinutes: number;
  earlyGraceMinutes: number;
  halfDayMinutes: number;
  dayBoundary: string;
  createdAt: string;
}
export const ScheduleRuleEntity = new EntitySchema<ScheduleRuleRecord>({
  name: 'AttScheduleRule',
  tableName: 'att_schedule_rules',
  columns: {
    id: col.id(),
    scheduleId: col.ref('schedule_id'),
    effectiveFrom: col.date('effective_from'),
    workDays: col.text('work_days'),
    workStart: col.text('work_start'),
    workEnd: col.text('work_end'),
    lunchStart: col.text('lunch_start'),
    lunchEnd: col.text('lunch_end'),
    lateGraceMinutes: col.int('late_grace_minutes'),
    earlyGraceMinutes: col.int('early_grace_minutes'),
    halfDayMinutes: col.int('half_day_minutes'),
    dayBoundary: col.text('day_boundary'),
    createdAt: col.instant('created_at'),
  },
});

export interface ScheduleAssignmentRecord {
  id: string;
  scheduleId: string;
  employeeId: string | null;
  groupId: string | null;
  effectiveFrom: string;
  createdAt: string;
}
export const ScheduleAssignmentEntity = new EntitySchema<ScheduleAssignmentRecord>({
  name: 'AttScheduleAssignment',
  tableName: 'att_schedule_assignments',
  columns: {
    id: col.id(),
    scheduleId: col.ref('schedule_id'),
    employeeId: col.ref('employee_id', true),
    groupId: col.ref('group_id', true),
    effectiveFrom: col.date('effective_from'),
    createdAt: col.instant('created_at'),
  },
});

export interface CalendarDayRecord {
  date: string;
  kind: string;
  name: string;
  source: string;
  updatedAt: string;
}
export const CalendarDayEntity = new EntitySchema<CalendarDayRecord>({
  name: 'AttCalendarDay',
  tableName: 'att_calendar_days',
  columns: {
    date: { ...col.date('date'), primary: true },
    kind: col.text('kind'),
    name: col.text('name'),
    source: col.text('source'),
    updatedAt: col.instant('updated_at'),
  },
});

export interface PunchRecord {
  id: string;
  employeeId: string;
  punchedAt: string;
  source: string;
  device: string | null;
  direction: string | null;
  correctionId: string | null;
  createdBy: string | null;
  createdAt: string;
}
export const PunchEntity = new EntitySchema<PunchRecord>({
  name: 'AttPunch',
  tableName: 'att_punches',
  columns: {
    id: col.id(),
    employeeId: col.ref('employee_id'),
    punchedAt: col.instant('punched_at'),
    source: col.text('source'),
    device: col.text('device', true),
    direction: col.text('direction', true),
    correctionId: col.ref('correction_id', true),
    createdBy: col.ref('created_by', true),
    createdAt: col.instant('created_at'),
  },
});

export interface ImportPresetRecord {
  name: string;
  mapping: string;
  updatedAt: string;
}
export const ImportPresetEntity = new EntitySchema<ImportPresetRecord>({
  name: 'AttImportPreset',
  tableName: 'att_import_presets',
  columns: { name: { ...col.text('name'), primary: true }, mapping: col.longText('mapping'), updatedAt: col.instant('updated_at') },
});

export interface LeaveRecord {
  id: string;
  employeeId: string;
  type: string;
  startDate: string;
  startHalf: string;
  endDate: string;
  endHalf: string;
  halfDays: number;
  reason: string;
  status: string;
  /** Why an approved leave is being, or was, cancelled (personal data like the reason). */
  cancelReason: string | null;
  requestedBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}
export const LeaveEntity = new EntitySchema<LeaveRecord>({
  name: 'AttLeave',
  tableName: 'att_leaves',
  columns: {
    id: col.id(),
    employeeId: col.ref('employee_id'),
    type: col.text('type'),
    startDate: col.date('start_date'),
    startHalf: col.text('start_half'),
    endDate: col.date('end_date'),
    endHalf: col.text('end_half'),
    halfDays: col.int('half_days'),
    reason: col.longText('reason'),
    status: col.text('status'),
    cancelReason: col.longText('cancel_reason', true),
    requestedBy: col.ref('requested_by'),
    createdAt: col.instant('created_at'),
    updatedAt: col.instant('updated_at'),
    version: col.version(),
  },
});

export interface EntitlementRecord {
  employeeId: string;
  year: number;
  halfDays: number;
  updatedAt: string;
}
export const EntitlementEntity = new EntitySchema<EntitlementRecord>({
  name: 'AttLeaveEntitlement',
  tableName: 'att_leave_entitlements',
  columns: {
    employeeId: { ...col.ref('employee_id'), primary: true },
    year: { ...col.int('year'), primary: true },
    halfDays: col.int('half_days'),
    updatedAt: col.instant('updated_at'),
  },
});

export interface CorrectionRecord {
  id: string;
  employeeId: string;
  workDate: string;
  time: string;
  direction: string;
  reason: string;
  status: string;
  punchId: string | null;
  requestedBy: string;
  createdAt: string;
  updatedAt: string;
}
export const CorrectionEntity = new EntitySchema<CorrectionRecord>({
  name: 'AttCorrection',
  tableName: 'att_corrections',
  columns: {
    id: col.id(),
    employeeId: col.ref('employee_id'),
    workDate: col.date('work_date'),
    time: col.text('time'),
    direction: col.text('direction'),
    reason: col.longText('reason'),
    status: col.text('status'),
    punchId: col.ref('punch_id', true),
    requestedBy: col.ref('requested_by'),
    createdAt: col.instant('created_at'),
    updatedAt: col.instant('updated_at'),
  },
});

export interface DisciplineRecord {
  id: string;
  employeeId: string;
  type: string;
  date: string;
  description: string;
  recordedBy: string;
  employeeComment: string | null;
  commentedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
export const DisciplineEntity = new EntitySchema<DisciplineRecord>({
  name: 'AttDiscipline',
  tableName: 'att_discipline',
  columns: {
    id: col.id(),
    employeeId: col.ref('employee_id'),
    type: col.text('type'),
    date: col.date('date'),
    description: col.longText('description'),
    recordedBy: col.ref('recorded_by'),
    employeeComment: col.longText('employee_comment', true),
    commentedAt: col.instant('commented_at', true),
    createdAt: col.instant('created_at'),
    updatedAt: col.instant('updated_at'),
  },
});

export interface MonthLockRecord {
  month: string;
  lockedAt: string;
  lockedBy: string;
  /** The MonthReport's rows as locked (JSON): what the performance module reads. */
  snapshot: string;
}
export const MonthLockEntity = new EntitySchema<MonthLockRecord>({
  name: 'AttMonthLock',
  tableName: 'att_month_locks',
  columns: {
    month: { ...col.text('month'), primary: true },
    lockedAt: col.instant('locked_at'),
    lockedBy: col.ref('locked_by'),
    snapshot: col.longText('snapshot'),
  },
});

export const attendanceEntities = [
  ScheduleEntity,
  ScheduleRuleEntity,
  ScheduleAssignmentEntity,
  CalendarDayEntity,
  PunchEntity,
  ImportPresetEntity,
  LeaveEntity,
  EntitlementEntity,
  CorrectionEntity,
  DisciplineEntity,
  MonthLockEntity,
];
