import { defineHandlers } from '../../kernel/registry.js';
import type { ModuleDefinition } from '../../kernel/module.js';
import { getAttendanceSettings, updateAttendanceSettings } from './settings.js';
import { assignSchedule, createSchedule, listSchedules, unassignSchedule, updateSchedule } from './schedules.js';
import { calendarYear, importCalendar, setCalendarDay } from './calendar.js';
import { attendanceToday, clockPunch } from './clock.js';
import { listPunches } from './punches.js';
import { importCommit, importPresets, importPreview, savePreset } from './import.js';
import { createCorrection, listCorrections } from './corrections.js';
import { cancelLeave, createLeave, getLeave, listLeave } from './leave.js';
import { leaveBalance, setEntitlement } from './balance.js';
import { commentDiscipline, createDiscipline, listDiscipline } from './discipline.js';
import { lockMonth, monthReport, personMonthOf, unlockMonth } from './month.js';
import { exportMonth } from './month-export.js';
import { attendanceApprovalHooks, attendanceRecordAccess } from './records.js';

/** 工作纪律与考勤: schedules, the holiday calendar, punches, leave, corrections, discipline, monthly figures. */
export const attendanceModule: ModuleDefinition = {
  name: 'attendance',
  handlers: defineHandlers({
    'attendance.settings.get': getAttendanceSettings,
    'attendance.settings.update': updateAttendanceSettings,
    'attendance.schedules.list': listSchedules,
    'attendance.schedules.create': createSchedule,
    'attendance.schedules.update': updateSchedule,
    'attendance.schedules.assign': assignSchedule,
    'attendance.schedules.unassign': unassignSchedule,
    'attendance.calendar.year': calendarYear,
    'attendance.calendar.set': setCalendarDay,
    'attendance.calendar.import': importCalendar,
    'attendance.today': attendanceToday,
    'attendance.clock': clockPunch,
    'attendance.punches.list': listPunches,
    'attendance.import.preview': importPreview,
    'attendance.import.commit': importCommit,
    'attendance.import.presets': importPresets,
    'attendance.import.savePreset': savePreset,
    'attendance.corrections.create': createCorrection,
    'attendance.corrections.list': listCorrections,
    'attendance.leave.create': createLeave,
    'attendance.leave.list': listLeave,
    'attendance.leave.get': getLeave,
    'attendance.leave.cancel': cancelLeave,
    'attendance.leave.balance': leaveBalance,
    'attendance.entitlements.set': setEntitlement,
    'attendance.discipline.create': createDiscipline,
    'attendance.discipline.list': listDiscipline,
    'attendance.discipline.comment': commentDiscipline,
    'attendance.month.report': monthReport,
    'attendance.month.person': personMonthOf,
    'attendance.month.lock': lockMonth,
    'attendance.month.unlock': unlockMonth,
    'attendance.month.export': exportMonth,
  }),
  recordAccess: attendanceRecordAccess,
  approvalHooks: attendanceApprovalHooks,
};
