import { In } from 'typeorm';
import type { RecordType } from '../../../../shared/domain/records.js';
import type { Role } from '../../../../shared/domain/roles.js';
import { forbidden } from '../../kernel/errors.js';
import { requireActor, type Ctx } from '../../kernel/context.js';
import { mayDecide, type ApprovalStepSpec } from '../../kernel/approvals.js';
import { ApprovalRequestEntity, ApprovalStepEntity, type ApprovalRequestRecord, type ApprovalStepRecord } from '../../kernel/entities.js';
import { addTimeline } from '../../kernel/timeline.js';
import { sqlFor } from '../../db/sql.js';

/**
 * Who decides a leave request or a punch correction (四.(二)2: "向部门负责人请假"): the department
 * head, i.e. the manager role. Nobody decides a request about themselves or one they filed
 * (kernel/approvals.ts mayDecide refuses the requester): when no other enabled account holds the
 * manager role (the manager asking for their own leave), HR decides instead; when there is no HR
 * account either, the request still goes to the manager role and waits for another manager.
 */
const APPROVER_ROLES = `SELECT u.id AS "userId", u.employee_id AS "employeeId", r.role AS "role"
  FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.role IN ('manager', 'hr') AND u.disabled = 0`;

export async function departmentHeadSteps(ctx: Ctx, subjectEmployeeId: string): Promise<ApprovalStepSpec[]> {
  const actor = requireActor(ctx);
  const holders = await sqlFor(ctx.manager).all<{ userId: string; employeeId: string | null; role: Role }>(APPROVER_ROLES);
  const others = (role: Role) => holders.some((h) => h.role === role && h.userId !== actor.userId && h.employeeId !== subjectEmployeeId);
  if (others('manager')) return [{ role: 'manager' }];
  if (others('hr')) return [{ role: 'hr' }];
  return [{ role: 'manager' }];
}

/**
 * Refuses a decision by the person the request is about. A role step ("the manager") reaches
 * every holder of the role; when HR files leave for the manager, the manager holds it too, and the
 * kernel only stops the requester deciding (FORBIDDEN error.selfApproval).
 */
export function assertNotSubject(ctx: Ctx, subjectEmployeeId: string): void {
  if (requireActor(ctx).employeeId === subjectEmployeeId) throw forbidden('error.selfApproval');
}

export interface OpenRequest {
  request: ApprovalRequestRecord;
  /** The step waiting for a decision now. */
  step: ApprovalStepRecord | undefined;
}

/** The pending approval request of each record (at most one each: requestApproval refuses a second), in two queries. */
export async function openRequests(ctx: Ctx, entity: RecordType, recordIds: readonly string[]): Promise<Map<string, OpenRequest>> {
  const open = new Map<string, OpenRequest>();
  if (recordIds.length === 0) return open;
  const requests = await ctx.manager.getRepository(ApprovalRequestEntity).find({ where: { entity, recordId: In([...new Set(recordIds)]), status: 'pending' } });
  if (requests.length === 0) return open;
  const steps = await ctx.manager.getRepository(ApprovalStepEntity).find({ where: { requestId: In(requests.map((r) => r.id)), status: 'pending' } });
  for (const request of requests) open.set(request.recordId, { request, step: steps.find((s) => s.requestId === request.id) });
  return open;
}

/** Whether the caller decides the open request now (they may then read what it is about, the reason included). */
export function decidesNow(ctx: Ctx, open: OpenRequest | undefined): boolean {
  return open !== undefined && ctx.actor !== null && mayDecide(ctx.actor, open.request, open.step);
}

/**
 * Withdraws a pending request as approvals.cancel does (request cancelled, its open steps skipped,
 * on the record's timeline and in the audit log), for a withdrawal the module allows to more than
 * the requester: the employee the leave is about, or HR. No hook runs: the caller changes its
 * record itself, in the same transaction.
 */
export async function withdrawRequest(ctx: Ctx, request: ApprovalRequestRecord): Promise<void> {
  await ctx.manager.getRepository(ApprovalRequestEntity).update({ id: request.id }, { status: 'cancelled', decidedAt: ctx.nowIso });
  await ctx.manager.getRepository(ApprovalStepEntity).update({ requestId: request.id, status: In(['pending', 'waiting']) }, { status: 'skipped' });
  await addTimeline(ctx, { entity: request.entity as RecordType, recordId: request.recordId, kind: 'approval', body: 'cancelled' });
  await ctx.audit({ entity: 'approval', recordId: request.id, action: 'cancel', before: { status: 'pending' }, after: { status: 'cancelled' } });
}
