import { App, Tag } from 'antd';
import { useCallback } from 'react';
import dayjs from 'dayjs';
import type { CorrectionStatus, DayHalf, DisciplineType, LeaveStatus, LeaveType, PunchDirection, PunchSource } from '../../../../../shared/domain/attendance/types';
import { DEFAULT_TIME_ZONE, DISCIPLINE_TYPES, LEAVE_TYPES } from '../../../../../shared/domain/attendance/types';
import { localDateTime } from '../../../../../shared/domain/attendance/time';
import { scopeFor } from '../../../../../shared/domain/permissions';
import { ApiCallError } from '../../../api/client';
import { useErrorHandler } from '../../../api/errors';
import { useApiQuery } from '../../../api/hooks';
import { useT, type Translate } from '../../../i18n';
import { useSession } from '../../../stores/session';

/**
 * What the attendance pages share: the department's date and time zone (times are shown in it,
 * never in the computer's), day counts that may be halves, and the words of the domain's codes.
 */

/** Today's date, punches and time zone of the department, from the core (any signed-in user). */
export function useAttendanceToday() {
  return useApiQuery('attendance.today', {});
}

/** The department's time zone and today's date there (the computer's date until the core answers). */
export function useDepartmentDay(): { timeZone: string; today: string } {
  const today = useAttendanceToday().data;
  return { timeZone: today?.timeZone ?? DEFAULT_TIME_ZONE, today: today?.date ?? dayjs().format('YYYY-MM-DD') };
}

/** A punch's wall-clock time in the department's zone: HH:MM, or HH:MM:SS where seconds matter (lateness is judged to the second). */
export const timeOf = (instant: string, timeZone: string, seconds = false) => localDateTime(instant, timeZone).time.slice(0, seconds ? 8 : 5);
export const dateTimeOf = (instant: string, timeZone: string) => {
  const l = localDateTime(instant, timeZone);
  return `${l.date} ${l.time.slice(0, 5)}`;
};

/** A figure in days: whole, or with its half (1.5). */
export const formatDays = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** 'YYYY-MM' moved by `delta` months. */
export const shiftMonth = (month: string, delta: number) => dayjs(`${month}-01`).add(delta, 'month').format('YYYY-MM');

/** Whether the user reaches more than their own attendance (a lead, deputy, HR or the manager): lists then filter by person. */
export function useSeesOthers(): boolean {
  const roles = useSession((s) => s.user?.roles ?? []);
  const scope = scopeFor(roles, 'attendance.read');
  return scope === 'group' || scope === 'department';
}

export const leaveTypeOptions = (t: Translate) => LEAVE_TYPES.map((v) => ({ value: v, label: t(`attendance.leaveType.${v}`) }));
export const disciplineTypeOptions = (t: Translate) => DISCIPLINE_TYPES.map((v) => ({ value: v, label: t(`attendance.disciplineType.${v}`) }));
export const halfOptions = (t: Translate) => (['am', 'pm'] as const).map((v) => ({ value: v, label: t(`attendance.half.${v}`) }));

/** A leave's span as read: "2026-11-05 上午 至 2026-11-06 下午". */
export function leavePeriod(t: Translate, l: { startDate: string; startHalf: DayHalf; endDate: string; endHalf: DayHalf }): string {
  return t('attendance.leave.period', { start: l.startDate, startHalf: t(`attendance.half.${l.startHalf}`), end: l.endDate, endHalf: t(`attendance.half.${l.endHalf}`) });
}

const LEAVE_COLORS: Record<LeaveStatus, string> = { pending: 'processing', approved: 'success', rejected: 'error', cancelling: 'warning', cancelled: 'default' };
const CORRECTION_COLORS: Record<CorrectionStatus, string> = { pending: 'processing', approved: 'success', rejected: 'error', cancelled: 'default' };

export function LeaveStatusTag({ status }: { status: LeaveStatus }) {
  const t = useT();
  return <Tag color={LEAVE_COLORS[status]}>{t(`attendance.leaveStatus.${status}`)}</Tag>;
}

export function CorrectionStatusTag({ status }: { status: CorrectionStatus }) {
  const t = useT();
  return <Tag color={CORRECTION_COLORS[status]}>{t(`attendance.correctionStatus.${status}`)}</Tag>;
}

export function LeaveTypeText({ type }: { type: LeaveType }) {
  const t = useT();
  return <>{t(`attendance.leaveType.${type}`)}</>;
}

export function DisciplineTypeTag({ type }: { type: DisciplineType }) {
  const t = useT();
  return <Tag color={type === 'leak' || type === 'absent' ? 'red' : 'orange'}>{t(`attendance.disciplineType.${type}`)}</Tag>;
}

const SOURCE_COLORS: Record<PunchSource, string> = { app: 'blue', import: 'default', correction: 'purple' };

export function PunchSourceTag({ source }: { source: PunchSource }) {
  const t = useT();
  return <Tag color={SOURCE_COLORS[source]}>{t(`attendance.source.${source}`)}</Tag>;
}

export const directionText = (t: Translate, d: PunchDirection | null) => (d ? t(`attendance.direction.${d}`) : '—');

/**
 * Errors of a file upload, which has no form to mark: a field's message (the file too large,
 * too many rows) is said instead of "check the fields marked in red".
 */
export function useUploadErrorHandler(): (err: unknown) => void {
  const t = useT();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  return useCallback(
    (err: unknown) => {
      const field = err instanceof ApiCallError && err.error.fields ? Object.values(err.error.fields)[0] : undefined;
      if (field) void message.error(t(field));
      else onError(err);
    },
    [message, onError, t],
  );
}
