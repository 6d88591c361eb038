import type { LeaveRow } from '../../../../shared/api/attendance.js';
import type { DayHalf, LeaveStatus, LeaveType } from '../../../../shared/domain/attendance/types.js';
import { addDays } from '../../../../shared/domain/attendance/time.js';
import { requireActor, type Ctx } from '../../kernel/context.js';
import { forbidden, notFound } from '../../kernel/errors.js';
import { addTimeline } from '../../kernel/timeline.js';
import { sqlFor } from '../../db/sql.js';
import { isSelf, managesAttendance, mayReadAttendance } from './access.js';
import { decidesNow, openRequests, type OpenRequest } from './approvers.js';

/**
 * Leave requests as stored and as a caller may see them: one row with its employee, who may read
 * or act on it, the reason only for those who need it (personal data), and its status changes.
 */

export interface StoredLeave {
  id: string;
  employeeId: string;
  employeeNo: string;
  employeeName: string;
  groupId: string | null;
  type: LeaveType;
  startDate: string;
  startHalf: DayHalf;
  endDate: string;
  endHalf: DayHalf;
  halfDays: number;
  reason: string;
  status: LeaveStatus;
  cancelReason: string | null;
  requestedBy: string;
  createdAt: string;
}

export const LEAVE_COLUMNS = `l.id AS "id", l.employee_id AS "employeeId", e.employee_no AS "employeeNo", e.name AS "employeeName", e.group_id AS "groupId",
  l.type AS "type", l.start_date AS "startDate", l.start_half AS "startHalf", l.end_date AS "endDate", l.end_half AS "endHalf",
  l.half_days AS "halfDays", l.reason AS "reason", l.status AS "status", l.cancel_reason AS "cancelReason", l.requested_by AS "requestedBy", l.created_at AS "createdAt"`;
export const LEAVE_FROM = 'FROM att_leaves l JOIN org_employees e ON e.id = l.employee_id';
const ONE_LEAVE = `SELECT ${LEAVE_COLUMNS} ${LEAVE_FROM} WHERE l.id = ?`;

export async function storedLeave(ctx: Ctx, id: string): Promise<StoredLeave> {
  const row = await sqlFor(ctx.manager).get<StoredLeave>(ONE_LEAVE, [id]);
  if (!row) throw notFound();
  return { ...row, halfDays: Number(row.halfDays) };
}

/** The employee, HR or the manager, or whoever decides its open request: they read the reason. */
function seesReason(ctx: Ctx, leave: StoredLeave, open: OpenRequest | undefined): boolean {
  return isSelf(ctx, leave.employeeId) || managesAttendance(ctx) || decidesNow(ctx, open);
}

/** Reads a leave: the employee, attendance.read's reach, whoever filed it, and the approver deciding it now. */
function mayRead(ctx: Ctx, leave: StoredLeave, open: OpenRequest | undefined): boolean {
  return (
    isSelf(ctx, leave.employeeId) ||
    mayReadAttendance(ctx, { id: leave.employeeId, groupId: leave.groupId }) ||
    leave.requestedBy === requireActor(ctx).userId ||
    decidesNow(ctx, open)
  );
}

/** Cancels it or attaches a file (a sick note) to it: the employee, whoever filed it, HR and the manager. */
export function mayActOnLeave(ctx: Ctx, leave: StoredLeave): boolean {
  return isSelf(ctx, leave.employeeId) || leave.requestedBy === requireActor(ctx).userId || managesAttendance(ctx);
}

/** The leave if the caller may read it: NOT_FOUND, or FORBIDDEN (outOfScope). */
export async function readableLeave(ctx: Ctx, id: string): Promise<{ leave: StoredLeave; open: OpenRequest | undefined }> {
  const leave = await storedLeave(ctx, id);
  const open = (await openRequests(ctx, 'leave', [leave.id])).get(leave.id);
  if (!mayRead(ctx, leave, open)) throw forbidden('error.outOfScope');
  return { leave, open };
}

/**
 * A leave's attachments (a sick note), timeline and approvals: for those who read its reason, and
 * whoever filed it. A lead sees the leave in the group's list, not the diagnosis behind it.
 */
export async function assertReadsLeaveDetails(ctx: Ctx, id: string): Promise<void> {
  const { leave, open } = await readableLeave(ctx, id);
  if (!seesReason(ctx, leave, open) && leave.requestedBy !== requireActor(ctx).userId) throw forbidden('error.outOfScope');
}

function toRow(ctx: Ctx, leave: StoredLeave, open: OpenRequest | undefined): LeaveRow {
  return {
    id: leave.id,
    employeeId: leave.employeeId,
    employeeNo: leave.employeeNo,
    employeeName: leave.employeeName,
    type: leave.type,
    startDate: leave.startDate,
    startHalf: leave.startHalf,
    endDate: leave.endDate,
    endHalf: leave.endHalf,
    days: Number(leave.halfDays) / 2,
    reason: seesReason(ctx, leave, open) ? leave.reason : null,
    cancelReason: seesReason(ctx, leave, open) ? leave.cancelReason : null,
    status: leave.status,
    approvalRequestId: open?.request.id ?? null,
    createdAt: leave.createdAt,
  };
}

/** Rows of a page, with their open requests in two queries. */
export async function leaveRows(ctx: Ctx, leaves: StoredLeave[]): Promise<LeaveRow[]> {
  const open = await openRequests(ctx, 'leave', leaves.map((l) => l.id));
  return leaves.map((l) => toRow(ctx, l, open.get(l.id)));
}

export async function leaveView(ctx: Ctx, id: string): Promise<LeaveRow> {
  const { leave, open } = await readableLeave(ctx, id);
  return toRow(ctx, leave, open);
}

/** The leave as the audit log keeps it (days, not half-days). */
export function auditedLeave(l: Omit<StoredLeave, 'employeeNo' | 'employeeName' | 'groupId' | 'createdAt' | 'id'>) {
  return {
    employeeId: l.employeeId,
    type: l.type,
    startDate: l.startDate,
    startHalf: l.startHalf,
    endDate: l.endDate,
    endHalf: l.endHalf,
    days: l.halfDays / 2,
    // The reason (a diagnosis, a family matter) stays in the record: IT reads the audit log.
    status: l.status,
    requestedBy: l.requestedBy,
  };
}

const SET_STATUS = 'UPDATE att_leaves SET status = ?, cancel_reason = COALESCE(?, cancel_reason), updated_at = ?, version = version + 1 WHERE id = ? AND status = ?';

/**
 * Moves a leave from its status to `to`, with a timeline entry and an audit row. The cancellation
 * reason is kept with the leave, in neither of those: leads read the timeline and IT the audit
 * log, and neither sees reasons.
 */
export async function setLeaveStatus(ctx: Ctx, leave: StoredLeave, to: LeaveStatus, action: string, cancelReason?: string): Promise<void> {
  const { changes } = await sqlFor(ctx.manager).run(SET_STATUS, [to, cancelReason ?? null, ctx.nowIso, leave.id, leave.status]);
  if (changes !== 1) throw new Error(`leave ${leave.id} was not ${leave.status}`);
  await addTimeline(ctx, { entity: 'leave', recordId: leave.id, kind: 'status', body: to });
  // The cancellation reason is recorded as given, not as text: IT reads the audit log, and only
  // those who read the leave's own reason should read it.
  await ctx.audit({ entity: 'leave', recordId: leave.id, action, before: { status: leave.status }, after: { status: to, ...(cancelReason ? { cancelReasonGiven: true } : {}) } });
}

/** The first day of every month a span touches: what assertDatesOpen needs to see its months. */
export function monthsOf(startDate: string, endDate: string): string[] {
  const months: string[] = [];
  for (let d = `${startDate.slice(0, 7)}-01`; d <= endDate; d = addDays(`${d.slice(0, 7)}-28`, 4).slice(0, 7) + '-01') months.push(d);
  return months;
}
