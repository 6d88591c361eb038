import type { DayHalf, DisciplineType, LeaveType, PunchDirection } from '../../../../shared/domain/attendance/types.js';

/**
 * How leave, corrections and discipline records are named in approval titles, notifications and
 * the audit log's record labels ("事假 孙浩 2026-03-09–03-10"). Stored with the audit row and the
 * approval request, so in the department's language (Chinese), as the employee labels are.
 */
export const LEAVE_TYPE_NAMES: Record<LeaveType, string> = {
  personal: '事假',
  sick: '病假',
  annual: '年假',
  compensatory: '调休',
  marriage: '婚假',
  bereavement: '丧假',
  maternity: '产假',
  paternity: '陪产假',
};

export const DISCIPLINE_TYPE_NAMES: Record<DisciplineType, string> = {
  late: '迟到',
  early: '早退',
  absent: '旷工',
  offTask: '工作时间做无关事',
  process: '违反流程',
  leak: '泄密',
  insubordination: '不服从安排',
  other: '其他',
};

const DIRECTION_NAMES: Record<PunchDirection, string> = { in: '上班', out: '下班' };
const HALF_NAMES: Record<DayHalf, string> = { am: '上午', pm: '下午' };

const nameOf = <K extends string>(table: Record<K, string>, key: string): string => (Object.hasOwn(table, key) ? table[key as K] : key);

/** "2026-03-09–03-10", "2026-12-30–2027-01-04", one day as "2026-03-09", a half day as "2026-03-09 上午". */
export function leaveSpanText(l: { startDate: string; startHalf: string; endDate: string; endHalf: string }): string {
  if (l.startDate === l.endDate) {
    const half = l.startHalf === l.endHalf ? ` ${nameOf(HALF_NAMES, l.startHalf)}` : '';
    return `${l.startDate}${half}`;
  }
  const end = l.endDate.slice(0, 4) === l.startDate.slice(0, 4) ? l.endDate.slice(5) : l.endDate;
  return `${l.startDate}–${end}`;
}


/**
 * A leave or discipline record as the audit log, approval titles and notifications name it:
 * without its kind (病假 says something about someone's health, 泄密 about their conduct), since
 * IT reads the audit log, where approval requests are recorded with their titles. The record
 * itself shows the kind to those who may read it.
 */
export function leaveRecordLabel(l: { startDate: string; startHalf: string; endDate: string; endHalf: string }, employeeName: string): string {
  return `请假 ${employeeName} ${leaveSpanText(l)}`;
}

/** The title of a request to cancel an approved leave. */
export function leaveCancelLabel(l: { startDate: string; startHalf: string; endDate: string; endHalf: string }, employeeName: string): string {
  return `撤销${leaveRecordLabel(l, employeeName)}`;
}

export function disciplineRecordLabel(d: { date: string }, employeeName: string): string {
  return `违纪记录 ${employeeName} ${d.date}`;
}

export function correctionLabelText(c: { workDate: string; time: string; direction: string }, employeeName: string): string {
  return `补卡 ${employeeName} ${c.workDate} ${c.time} ${nameOf(DIRECTION_NAMES, c.direction)}`;
}

