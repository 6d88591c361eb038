import type { OutputOf, ParsedInputOf } from '../../../../shared/api/index.js';
import { leaveHalfDays, type LeaveSpan } from '../../../../shared/domain/attendance/rules.js';
import { addDays, todayIn } from '../../../../shared/domain/attendance/time.js';
import type { ApprovalHooks } from '../../kernel/approvals.js';
import { requestApproval } from '../../kernel/approvals.js';
import { requireActor, type Ctx } from '../../kernel/context.js';
import { AppError, fieldError, forbidden, invalidState } from '../../kernel/errors.js';
import { addTimeline } from '../../kernel/timeline.js';
import { sqlFor } from '../../db/sql.js';
import { attendanceSubject, managesAttendance, type AttendanceSubject } from './access.js';
import { assertNotSubject, departmentHeadSteps, withdrawRequest } from './approvers.js';
import { assertWithinBalance, employedWorkdays } from './balance.js';
import { LeaveEntity, type LeaveRecord } from './entities.js';
import { leaveCancelLabel, leaveRecordLabel } from './labels.js';
import { LEAVE_COLUMNS, LEAVE_FROM, auditedLeave, leaveRows, leaveView, mayActOnLeave, monthsOf, readableLeave, setLeaveStatus, storedLeave, type StoredLeave } from './leave-store.js';
import { assertDatesOpen } from './locks.js';
import { pageTail, personWhere, sortDirection } from './person-lists.js';
import { departmentTimeZone } from './settings.js';

/**
 * Leave requests (请假, regulations 四.(二)2): submitted to the department head through the
 * approvals engine, approved or rejected there; an approved leave is cancelled only through a
 * second approval (撤销请假). Statuses: pending → approved | rejected | cancelled;
 * approved → cancelling → cancelled (approved) | approved (rejected or withdrawn).
 *
 * "Submitted in advance": a leave may not start before the department's today, except sick leave
 * (one is ill first and asks after) and any leave HR or the manager files (they record what
 * happened). Locked months refuse every kind.
 */

/** A leave is at most a year long (maternity leave, the longest, is under half of one). */
export const MAX_LEAVE_DAYS = 366;

/** Half-days as an ordered key: a span is start..end of these, inclusive. */
const at = (date: string, half: string) => `${date}${half === 'am' ? 0 : 1}`;

const OVERLAPPING = `SELECT start_date AS "startDate", start_half AS "startHalf", end_date AS "endDate", end_half AS "endHalf" FROM att_leaves
  WHERE employee_id = ? AND status IN ('pending', 'approved', 'cancelling') AND start_date <= ? AND end_date >= ?`;

/** Refuses a leave that shares a half-day with another open or approved leave of the same person. */
async function assertNoOverlap(ctx: Ctx, employeeId: string, span: LeaveSpan): Promise<void> {
  const others = await sqlFor(ctx.manager).all<Omit<LeaveSpan, 'type'>>(OVERLAPPING, [employeeId, span.endDate, span.startDate]);
  const clash = others.find((o) => at(o.startDate, o.startHalf) <= at(span.endDate, span.endHalf) && at(span.startDate, span.startHalf) <= at(o.endDate, o.endHalf));
  if (clash) throw new AppError('VALIDATION', 'error.leaveOverlaps', { startDate: 'validation.leaveOverlaps' }, { startDate: clash.startDate, endDate: clash.endDate });
}

/** The checks of a new leave that need no stored leave: who, order, length, in advance, open months. */
async function assertSpanAllowed(ctx: Ctx, span: LeaveSpan): Promise<void> {
  if (at(span.startDate, span.startHalf) > at(span.endDate, span.endHalf)) throw fieldError('endDate', 'validation.endBeforeStart');
  if (span.endDate > addDays(span.startDate, MAX_LEAVE_DAYS - 1)) throw fieldError('endDate', 'validation.leaveTooLong');
  const today = todayIn(await departmentTimeZone(ctx.manager), ctx.now);
  if (span.startDate < today && span.type !== 'sick' && !managesAttendance(ctx)) throw fieldError('startDate', 'validation.leaveInPast');
  await assertDatesOpen(ctx, monthsOf(span.startDate, span.endDate), 'startDate');
}

async function insertLeave(ctx: Ctx, e: AttendanceSubject, span: LeaveSpan, halfDays: number, reason: string): Promise<LeaveRecord> {
  const leave: LeaveRecord = {
    id: ctx.services.newId(),
    employeeId: e.id,
    ...span,
    halfDays,
    reason,
    status: 'pending',
    cancelReason: null,
    requestedBy: requireActor(ctx).userId,
    createdAt: ctx.nowIso,
    updatedAt: ctx.nowIso,
    version: 1,
  };
  await ctx.manager.getRepository(LeaveEntity).insert(leave);
  await addTimeline(ctx, { entity: 'leave', recordId: leave.id, kind: 'created' });
  await ctx.audit({ entity: 'leave', recordId: leave.id, action: 'create', after: auditedLeave({ ...leave, type: span.type, startHalf: span.startHalf, endHalf: span.endHalf, status: 'pending' }) });
  return leave;
}

/** One's own leave, or anyone's when HR or the manager files it (also for someone without an account). */
export async function createLeave(ctx: Ctx, input: ParsedInputOf<'attendance.leave.create'>): Promise<OutputOf<'attendance.leave.create'>> {
  if (input.employeeId !== requireActor(ctx).employeeId && !managesAttendance(ctx)) throw forbidden('error.outOfScope');
  const e = await attendanceSubject(ctx, input.employeeId);
  const span: LeaveSpan = { type: input.type, startDate: input.startDate, startHalf: input.startHalf, endDate: input.endDate, endHalf: input.endHalf };
  await assertSpanAllowed(ctx, span);
  const isWorkday = await employedWorkdays(ctx, e, span.startDate, span.endDate);
  const halfDays = leaveHalfDays(span, isWorkday);
  if (halfDays === 0) throw fieldError('endDate', 'validation.leaveNoWorkdays');
  await assertNoOverlap(ctx, e.id, span);
  if (span.type === 'annual') await assertWithinBalance(ctx, e, span, isWorkday);
  const leave = await insertLeave(ctx, e, span, halfDays, input.reason);
  await requestApproval(ctx, { entity: 'leave', recordId: leave.id, title: leaveRecordLabel(span, e.name), steps: await departmentHeadSteps(ctx, e.id) });
  return leaveView(ctx, leave.id);
}

const SORT_COLUMNS: Record<string, string> = { startDate: 'l.start_date', createdAt: 'l.created_at' };

/** The leave the caller may see, newest first unless sorted; filtered by person, group, status and year. */
export async function listLeave(ctx: Ctx, input: ParsedInputOf<'attendance.leave.list'>): Promise<OutputOf<'attendance.leave.list'>> {
  const { where, joinsEmployee } = personWhere(ctx, input, 'l.employee_id');
  if (input.status) where.and('l.status = ?', input.status);
  if (input.type) where.and('l.type = ?', input.type);
  if (input.year) where.and('l.start_date <= ? AND l.end_date >= ?', `${input.year}-12-31`, `${input.year}-01-01`);
  const dir = sortDirection(input);
  const column = input.sortField ? SORT_COLUMNS[input.sortField] : undefined;
  const order = column ? `${column} ${dir}, l.id ${dir}` : 'l.start_date DESC, l.id DESC';
  const sql = sqlFor(ctx.manager);
  const total = await sql.count(`SELECT COUNT(*) AS n FROM att_leaves l${joinsEmployee ? ' JOIN org_employees e ON e.id = l.employee_id' : ''}${where.sql}`, where.params);
  const tail = pageTail(input);
  const raw = total === 0 ? [] : await sql.all<StoredLeave>(`SELECT ${LEAVE_COLUMNS} ${LEAVE_FROM}${where.sql} ORDER BY ${order}${tail.sql}`, [...where.params, ...tail.params]);
  return { rows: await leaveRows(ctx, raw), total, page: input.page, pageSize: input.pageSize };
}

export async function getLeave(ctx: Ctx, input: ParsedInputOf<'attendance.leave.get'>): Promise<OutputOf<'attendance.leave.get'>> {
  return leaveView(ctx, input.id);
}

/**
 * Pending: the request is withdrawn and the leave cancelled at once. Approved: a cancellation
 * goes to the department head (the leave is `cancelling` until decided). A leave in a locked
 * month is not cancelled: its month's figures no longer change.
 */
export async function cancelLeave(ctx: Ctx, input: ParsedInputOf<'attendance.leave.cancel'>): Promise<OutputOf<'attendance.leave.cancel'>> {
  const { leave, open } = await readableLeave(ctx, input.id);
  if (!mayActOnLeave(ctx, leave)) throw forbidden();
  const reason = input.reason || undefined;
  if (leave.status === 'pending') {
    if (open) await withdrawRequest(ctx, open.request);
    await setLeaveStatus(ctx, leave, 'cancelled', 'cancel', reason);
  } else if (leave.status === 'approved') {
    await assertDatesOpen(ctx, monthsOf(leave.startDate, leave.endDate));
    await setLeaveStatus(ctx, leave, 'cancelling', 'requestCancel', reason);
    await requestApproval(ctx, { entity: 'leave', recordId: leave.id, title: leaveCancelLabel(leave, leave.employeeName), steps: await departmentHeadSteps(ctx, leave.employeeId) });
  } else {
    throw invalidState('error.leaveNotCancellable');
  }
  return leaveView(ctx, leave.id);
}

/** The decision on a leave's open request: its submission while `pending`, its cancellation while `cancelling`. */
async function decided(ctx: Ctx, leaveId: string, outcome: 'approve' | 'reject' | 'cancel'): Promise<void> {
  const leave = await storedLeave(ctx, leaveId);
  if (leave.status !== 'pending' && leave.status !== 'cancelling') return;
  if (outcome !== 'cancel') assertNotSubject(ctx, leave.employeeId);
  const submission = leave.status === 'pending';
  // Approving either changes the month's figures: not in a locked month.
  if (outcome === 'approve') await assertDatesOpen(ctx, monthsOf(leave.startDate, leave.endDate));
  const to = outcome === 'approve' ? (submission ? 'approved' : 'cancelled') : submission ? (outcome === 'reject' ? 'rejected' : 'cancelled') : 'approved';
  await setLeaveStatus(ctx, leave, to, outcome);
}

export const leaveApprovalHooks: ApprovalHooks = {
  onApproved: (ctx, request) => decided(ctx, request.recordId, 'approve'),
  onRejected: (ctx, request) => decided(ctx, request.recordId, 'reject'),
  onCancelled: (ctx, request) => decided(ctx, request.recordId, 'cancel'),
};

/** Whether the caller may cancel, or attach files to, this leave (records.ts). */
export async function assertMayActOnLeave(ctx: Ctx, id: string): Promise<StoredLeave> {
  const { leave } = await readableLeave(ctx, id);
  if (!mayActOnLeave(ctx, leave)) throw forbidden();
  return leave;
}
