import type { CorrectionRow } from '../../../../shared/api/attendance.js';
import type { OutputOf, ParsedInputOf } from '../../../../shared/api/index.js';
import type { CorrectionStatus, PunchDirection } from '../../../../shared/domain/attendance/types.js';
import { addDays, instantAt, todayIn } from '../../../../shared/domain/attendance/time.js';
import { scheduleResolver } from './schedules.js';
import { requestApproval, type ApprovalHooks } from '../../kernel/approvals.js';
import { requireActor, type Ctx } from '../../kernel/context.js';
import { fieldError, forbidden, notFound } from '../../kernel/errors.js';
import { addTimeline } from '../../kernel/timeline.js';
import { sqlFor } from '../../db/sql.js';
import { attendanceSubject, isSelf, managesAttendance, mayReadAttendance, ownEmployeeId } from './access.js';
import { assertNotSubject, decidesNow, departmentHeadSteps, openRequests, type OpenRequest } from './approvers.js';
import { CorrectionEntity, type CorrectionRecord } from './entities.js';
import { correctionLabelText } from './labels.js';
import { assertDatesOpen } from './locks.js';
import { pageTail, personWhere, sortDirection } from './person-lists.js';
import { departmentTimeZone } from './settings.js';

/**
 * Punch corrections (补卡申请, issue 9 item 3): a forgotten punch asked for with a date, time,
 * direction and reason, approved by the department head through the approvals engine. The
 * approval adds the punch, marked as a correction (source 'correction', linked both ways); when
 * a punch already stands at that instant the correction is approved without a second one.
 * Withdrawn by its requester through approvals.cancel.
 */

export interface StoredCorrection {
  id: string;
  employeeId: string;
  employeeName: string;
  groupId: string | null;
  workDate: string;
  time: string;
  direction: PunchDirection;
  reason: string;
  status: CorrectionStatus;
  requestedBy: string;
  createdAt: string;
}

const COLUMNS = `c.id AS "id", c.employee_id AS "employeeId", e.name AS "employeeName", e.group_id AS "groupId", c.work_date AS "workDate",
  c.time AS "time", c.direction AS "direction", c.reason AS "reason", c.status AS "status", c.requested_by AS "requestedBy", c.created_at AS "createdAt"`;
const FROM = 'FROM att_corrections c JOIN org_employees e ON e.id = c.employee_id';
const ONE = `SELECT ${COLUMNS} ${FROM} WHERE c.id = ?`;

export async function storedCorrection(ctx: Ctx, id: string): Promise<StoredCorrection> {
  const row = await sqlFor(ctx.manager).get<StoredCorrection>(ONE, [id]);
  if (!row) throw notFound();
  return row;
}

/** As for leave: the employee, attendance.read's reach, the requester, the approver deciding it now. */
function mayRead(ctx: Ctx, c: StoredCorrection, open: OpenRequest | undefined): boolean {
  return isSelf(ctx, c.employeeId) || mayReadAttendance(ctx, { id: c.employeeId, groupId: c.groupId }) || c.requestedBy === requireActor(ctx).userId || decidesNow(ctx, open);
}

export function mayActOnCorrection(ctx: Ctx, c: StoredCorrection): boolean {
  return isSelf(ctx, c.employeeId) || c.requestedBy === requireActor(ctx).userId || managesAttendance(ctx);
}

export async function readableCorrection(ctx: Ctx, id: string): Promise<{ correction: StoredCorrection; open: OpenRequest | undefined }> {
  const correction = await storedCorrection(ctx, id);
  const open = (await openRequests(ctx, 'punchCorrection', [id])).get(id);
  if (!mayRead(ctx, correction, open)) throw forbidden('error.outOfScope');
  return { correction, open };
}

function toRow(ctx: Ctx, c: StoredCorrection, open: OpenRequest | undefined): CorrectionRow {
  const seesReason = isSelf(ctx, c.employeeId) || managesAttendance(ctx) || decidesNow(ctx, open);
  return {
    id: c.id,
    employeeId: c.employeeId,
    employeeName: c.employeeName,
    date: c.workDate,
    time: c.time,
    direction: c.direction,
    reason: seesReason ? c.reason : null,
    status: c.status,
    approvalRequestId: open?.request.id ?? null,
    createdAt: c.createdAt,
  };
}

async function correctionView(ctx: Ctx, id: string): Promise<CorrectionRow> {
  const { correction, open } = await readableCorrection(ctx, id);
  return toRow(ctx, correction, open);
}

/**
 * The instant a correction stands for. `date` is the work day it belongs to: a time before that
 * day's boundary (a 02:00 check-out after a late evening) is on the next calendar date, so the
 * punch lands in the day, and the month, that was checked against the lock.
 */
async function correctionInstant(ctx: Ctx, employee: { id: string; groupId: string | null }, date: string, time: string): Promise<string> {
  const timeZone = await departmentTimeZone(ctx.manager);
  const boundary = (await scheduleResolver(ctx.manager, [employee], date, date))(employee.id, date).dayBoundary;
  return instantAt(time < boundary ? addDays(date, 1) : date, time, timeZone);
}

/** The date is a day of employment, not after the department's today; the instant is not in the future; the month is open. */
async function assertPunchAllowed(ctx: Ctx, e: { id: string; groupId: string | null; hireDate: string; leftDate: string | null }, date: string, time: string): Promise<void> {
  if (date < e.hireDate || (e.leftDate !== null && date > e.leftDate)) throw fieldError('date', 'validation.outsideEmployment');
  const timeZone = await departmentTimeZone(ctx.manager);
  if (date > todayIn(timeZone, ctx.now)) throw fieldError('date', 'validation.futureDate');
  if ((await correctionInstant(ctx, e, date, time)) > ctx.nowIso) throw fieldError('time', 'validation.futureTime');
  await assertDatesOpen(ctx, [date], 'date');
}

/** Own correction, or anyone's when HR or the manager asks for it. */
export async function createCorrection(ctx: Ctx, input: ParsedInputOf<'attendance.corrections.create'>): Promise<OutputOf<'attendance.corrections.create'>> {
  const actor = requireActor(ctx);
  const employeeId = input.employeeId ?? ownEmployeeId(ctx);
  if (employeeId !== actor.employeeId && !managesAttendance(ctx)) throw forbidden('error.outOfScope');
  const e = await attendanceSubject(ctx, employeeId);
  await assertPunchAllowed(ctx, e, input.date, input.time);
  const correction: CorrectionRecord = {
    id: ctx.services.newId(),
    employeeId: e.id,
    workDate: input.date,
    time: input.time,
    direction: input.direction,
    reason: input.reason,
    status: 'pending',
    punchId: null,
    requestedBy: actor.userId,
    createdAt: ctx.nowIso,
    updatedAt: ctx.nowIso,
  };
  await ctx.manager.getRepository(CorrectionEntity).insert(correction);
  await addTimeline(ctx, { entity: 'punchCorrection', recordId: correction.id, kind: 'created' });
  // The reason stays in the record: IT reads the audit log.
  const { id: _id, punchId: _punch, createdAt: _c, updatedAt: _u, reason: _r, ...audited } = correction;
  await ctx.audit({ entity: 'punchCorrection', recordId: correction.id, action: 'create', after: audited });
  await requestApproval(ctx, { entity: 'punchCorrection', recordId: correction.id, title: correctionLabelText(correction, e.name), steps: await departmentHeadSteps(ctx, e.id) });
  return correctionView(ctx, correction.id);
}

const SORT_COLUMNS: Record<string, string> = { date: 'c.work_date', createdAt: 'c.created_at' };

export async function listCorrections(ctx: Ctx, input: ParsedInputOf<'attendance.corrections.list'>): Promise<OutputOf<'attendance.corrections.list'>> {
  const { where, joinsEmployee } = personWhere(ctx, input, 'c.employee_id');
  if (input.status) where.and('c.status = ?', input.status);
  const dir = sortDirection(input);
  const column = input.sortField ? SORT_COLUMNS[input.sortField] : undefined;
  const order = column ? `${column} ${dir}, c.id ${dir}` : 'c.work_date DESC, c.id DESC';
  const sql = sqlFor(ctx.manager);
  const total = await sql.count(`SELECT COUNT(*) AS n FROM att_corrections c${joinsEmployee ? ' JOIN org_employees e ON e.id = c.employee_id' : ''}${where.sql}`, where.params);
  const tail = pageTail(input);
  const raw = total === 0 ? [] : await sql.all<StoredCorrection>(`SELECT ${COLUMNS} ${FROM}${where.sql} ORDER BY ${order}${tail.sql}`, [...where.params, ...tail.params]);
  const open = await openRequests(ctx, 'punchCorrection', raw.map((c) => c.id));
  return { rows: raw.map((c) => toRow(ctx, c, open.get(c.id))), total, page: input.page, pageSize: input.pageSize };
}

const SET_STATUS = 'UPDATE att_corrections SET status = ?, punch_id = ?, updated_at = ? WHERE id = ? AND status = ?';
const PUNCH_AT = 'SELECT id AS "id" FROM att_punches WHERE employee_id = ? AND punched_at = ?';
const INSERT_PUNCH = `INSERT INTO att_punches (id, employee_id, punched_at, source, device, direction, correction_id, created_by, created_at)
  VALUES (?, ?, ?, 'correction', NULL, ?, ?, ?, ?)`;

/** The approved correction's punch, unless one already stands at that instant (then none is linked). */
async function addCorrectionPunch(ctx: Ctx, c: StoredCorrection): Promise<string | null> {
  const punchedAt = await correctionInstant(ctx, { id: c.employeeId, groupId: c.groupId }, c.workDate, c.time);
  const sql = sqlFor(ctx.manager);
  if (await sql.get(PUNCH_AT, [c.employeeId, punchedAt])) return null;
  const id = ctx.services.newId();
  await sql.run(INSERT_PUNCH, [id, c.employeeId, punchedAt, c.direction, c.id, c.requestedBy, ctx.nowIso]);
  await ctx.audit({ entity: 'punch', recordId: id, action: 'create', after: { employeeId: c.employeeId, punchedAt, source: 'correction', direction: c.direction, correctionId: c.id } });
  return id;
}

async function decided(ctx: Ctx, id: string, to: CorrectionStatus, action: string): Promise<void> {
  const c = await storedCorrection(ctx, id);
  if (c.status !== 'pending') return;
  if (to !== 'cancelled') assertNotSubject(ctx, c.employeeId);
  let punchId: string | null = null;
  if (to === 'approved') {
    // The punch changes its month's figures: not in a locked month.
    await assertDatesOpen(ctx, [c.workDate]);
    punchId = await addCorrectionPunch(ctx, c);
  }
  await sqlFor(ctx.manager).run(SET_STATUS, [to, punchId, ctx.nowIso, c.id, 'pending']);
  await addTimeline(ctx, { entity: 'punchCorrection', recordId: c.id, kind: 'status', body: to });
  await ctx.audit({ entity: 'punchCorrection', recordId: c.id, action, before: { status: 'pending' }, after: { status: to } });
}

export const correctionApprovalHooks: ApprovalHooks = {
  onApproved: (ctx, request) => decided(ctx, request.recordId, 'approved', 'approve'),
  onRejected: (ctx, request) => decided(ctx, request.recordId, 'rejected', 'reject'),
  onCancelled: (ctx, request) => decided(ctx, request.recordId, 'cancelled', 'cancel'),
};
