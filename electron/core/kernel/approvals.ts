import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { ApprovalRequestView, ApprovalStatus, ApprovalStepStatus } from '../../../shared/api/kernel.js';
import type { ParsedInputOf } from '../../../shared/api/index.js';
import type { RecordType } from '../../../shared/domain/records.js';
import type { Role } from '../../../shared/domain/roles.js';
import { AppError, forbidden, notFound } from './errors.js';
import { requireActor, type Actor, type Ctx } from './context.js';
import { ApprovalRequestEntity, ApprovalStepEntity, type ApprovalRequestRecord, type ApprovalStepRecord } from './entities.js';
import { recordAccessFor } from './module.js';
import { userNames } from './names.js';
import { notify } from './notifications.js';
import { addTimeline } from './timeline.js';
import { UserRoleEntity } from '../modules/auth/entities.js';

/**
 * The generic approvals engine (我的审批): a request on any record, decided by one or more steps in
 * order, each step by a role (anyone holding it) or by a named user. Modules react to the outcome
 * through hooks that run in the same transaction as the decision.
 */
export interface ApprovalStepSpec {
  role?: Role;
  userId?: string;
}

export interface ApprovalHooks {
  onApproved?(ctx: Ctx, request: ApprovalRequestRecord): Promise<void>;
  onRejected?(ctx: Ctx, request: ApprovalRequestRecord, comment: string | null): Promise<void>;
  onCancelled?(ctx: Ctx, request: ApprovalRequestRecord): Promise<void>;
}

export async function requestApproval(
  ctx: Ctx,
  r: { entity: RecordType; recordId: string; title: string; steps: ApprovalStepSpec[] },
): Promise<ApprovalRequestRecord> {
  const actor = requireActor(ctx);
  if (r.steps.length === 0 || r.steps.some((s) => (s.role === undefined) === (s.userId === undefined))) {
    throw new Error('Each approval step names exactly one role or one user');
  }
  const requests = ctx.manager.getRepository(ApprovalRequestEntity);
  const open = await requests.count({ where: { entity: r.entity, recordId: r.recordId, status: 'pending' } });
  if (open > 0) throw new AppError('INVALID_STATE', 'error.approvalAlreadyPending');
  const request: ApprovalRequestRecord = {
    id: ctx.services.newId(),
    entity: r.entity,
    recordId: r.recordId,
    title: r.title,
    status: 'pending',
    requestedBy: actor.userId,
    createdAt: ctx.nowIso,
    decidedAt: null,
  };
  await requests.insert(request);
  const steps: ApprovalStepRecord[] = r.steps.map((s, i) => ({
    id: ctx.services.newId(),
    requestId: request.id,
    seq: i + 1,
    approverRole: s.role ?? null,
    approverUserId: s.userId ?? null,
    status: i === 0 ? 'pending' : 'waiting',
    decidedBy: null,
    decidedAt: null,
    comment: null,
  }));
  await ctx.manager.getRepository(ApprovalStepEntity).insert(steps);
  await addTimeline(ctx, { entity: r.entity, recordId: r.recordId, kind: 'approval', body: 'requested' });
  await ctx.audit({ entity: 'approval', recordId: request.id, action: 'request', after: { ...request, steps: r.steps } });
  await notifyApprovers(ctx, request, steps[0]!);
  return request;
}

async function usersOfStep(manager: EntityManager, step: ApprovalStepRecord): Promise<string[]> {
  if (step.approverUserId) return [step.approverUserId];
  const rows = await manager
    .getRepository(UserRoleEntity)
    .createQueryBuilder('r')
    .innerJoin('users', 'u', 'u.id = r.user_id')
    .where('r.role = :role AND u.disabled = 0', { role: step.approverRole })
    .getMany();
  return rows.map((r) => r.userId);
}

async function notifyApprovers(ctx: Ctx, request: ApprovalRequestRecord, step: ApprovalStepRecord): Promise<void> {
  const users = (await usersOfStep(ctx.manager, step)).filter((id) => id !== request.requestedBy);
  await notify(ctx, users, {
    kind: 'approval',
    titleKey: 'notify.approvalRequested',
    params: { title: request.title },
    entity: request.entity as RecordType,
    recordId: request.recordId,
  });
}

/** Whether `actor` may decide `step`. A requester never approves their own request. */
export function mayDecide(actor: Actor, request: ApprovalRequestRecord, step: ApprovalStepRecord | undefined): boolean {
  if (!step || step.status !== 'pending' || request.status !== 'pending') return false;
  if (request.requestedBy === actor.userId) return false;
  if (step.approverUserId) return step.approverUserId === actor.userId;
  return step.approverRole !== null && (actor.roles as string[]).includes(step.approverRole);
}

async function loadRequest(ctx: Ctx, id: string): Promise<{ request: ApprovalRequestRecord; steps: ApprovalStepRecord[] }> {
  const request = await ctx.manager.getRepository(ApprovalRequestEntity).findOne({ where: { id } });
  if (!request) throw notFound();
  const steps = await ctx.manager.getRepository(ApprovalStepEntity).find({ where: { requestId: id }, order: { seq: 'ASC' } });
  return { request, steps };
}

export async function decide(ctx: Ctx, input: ParsedInputOf<'approvals.decide'>): Promise<ApprovalRequestView> {
  const actor = requireActor(ctx);
  const { request, steps } = await loadRequest(ctx, input.requestId);
  if (request.status !== 'pending') throw new AppError('INVALID_STATE', 'error.approvalNotPending');
  const current = steps.find((s) => s.status === 'pending');
  if (!mayDecide(actor, request, current)) {
    throw request.requestedBy === actor.userId ? forbidden('error.cannotApproveOwn') : forbidden('error.notYourApproval');
  }
  const step = current!;
  const stepRepo = ctx.manager.getRepository(ApprovalStepEntity);
  const requestRepo = ctx.manager.getRepository(ApprovalRequestEntity);
  const comment = input.comment ?? null;
  const decided: Partial<ApprovalStepRecord> = { decidedBy: actor.userId, decidedAt: ctx.nowIso, comment };
  const hooks = ctx.services.hooks.approvalHooks[request.entity as RecordType];
  let outcome: ApprovalStatus = 'pending';

  if (input.decision === 'approve') {
    await stepRepo.update({ id: step.id }, { ...decided, status: 'approved' });
    const next = steps.find((s) => s.seq > step.seq && s.status === 'waiting');
    if (next) {
      await stepRepo.update({ id: next.id }, { status: 'pending' });
      await notifyApprovers(ctx, request, next);
    } else {
      outcome = 'approved';
    }
  } else {
    await stepRepo.update({ id: step.id }, { ...decided, status: 'rejected' });
    await stepRepo.update({ requestId: request.id, status: 'waiting' }, { status: 'skipped' });
    outcome = 'rejected';
  }
  if (outcome !== 'pending') {
    await requestRepo.update({ id: request.id }, { status: outcome, decidedAt: ctx.nowIso });
    const final = { ...request, status: outcome, decidedAt: ctx.nowIso };
    if (outcome === 'approved') await hooks?.onApproved?.(ctx, final);
    else await hooks?.onRejected?.(ctx, final, comment);
    await notify(ctx, [request.requestedBy], {
      kind: 'approval',
      titleKey: outcome === 'approved' ? 'notify.approvalApproved' : 'notify.approvalRejected',
      params: { title: request.title },
      entity: request.entity as RecordType,
      recordId: request.recordId,
    });
  }
  await addTimeline(ctx, {
    entity: request.entity as RecordType,
    recordId: request.recordId,
    kind: 'approval',
    body: comment ? `${input.decision}: ${comment}` : input.decision,
  });
  await ctx.audit({ entity: 'approval', recordId: request.id, action: input.decision, before: { status: step.status }, after: { step: step.seq, comment, outcome } });
  return (await views(ctx, [request.id]))[0]!;
}

export async function cancel(ctx: Ctx, input: ParsedInputOf<'approvals.cancel'>): Promise<ApprovalRequestView> {
  const actor = requireActor(ctx);
  const { request } = await loadRequest(ctx, input.requestId);
  if (request.requestedBy !== actor.userId) throw forbidden('error.onlyRequesterCancels');
  if (request.status !== 'pending') throw new AppError('INVALID_STATE', 'error.approvalNotPending');
  await ctx.manager.getRepository(ApprovalRequestEntity).update({ id: request.id }, { status: 'cancelled', decidedAt: ctx.nowIso });
  await ctx.manager.getRepository(ApprovalStepEntity).update({ requestId: request.id, status: In(['pending', 'waiting']) }, { status: 'skipped' });
  await ctx.services.hooks.approvalHooks[request.entity as RecordType]?.onCancelled?.(ctx, { ...request, status: 'cancelled' });
  await addTimeline(ctx, { entity: request.entity as RecordType, recordId: request.recordId, kind: 'approval', body: 'cancelled' });
  await ctx.audit({ entity: 'approval', recordId: request.id, action: 'cancel', before: { status: 'pending' }, after: { status: 'cancelled' } });
  return (await views(ctx, [request.id]))[0]!;
}

/** Builds views for several requests with a fixed number of queries. */
export async function views(ctx: Ctx, ids: string[]): Promise<ApprovalRequestView[]> {
  if (ids.length === 0) return [];
  const requests = await ctx.manager.getRepository(ApprovalRequestEntity).find({ where: { id: In(ids) }, order: { createdAt: 'DESC' } });
  const steps = await ctx.manager.getRepository(ApprovalStepEntity).find({ where: { requestId: In(ids) }, order: { seq: 'ASC' } });
  const names = await userNames(ctx.manager, [
    ...requests.map((r) => r.requestedBy),
    ...steps.map((s) => s.approverUserId),
    ...steps.map((s) => s.decidedBy),
  ]);
  return requests.map((r) => {
    const own = steps.filter((s) => s.requestId === r.id);
    return {
      id: r.id,
      entity: r.entity as RecordType,
      recordId: r.recordId,
      title: r.title,
      status: r.status as ApprovalStatus,
      requestedById: r.requestedBy,
      requestedByName: names.get(r.requestedBy) ?? '',
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
      canDecide: ctx.actor ? mayDecide(ctx.actor, r, own.find((s) => s.status === 'pending')) : false,
      steps: own.map((s) => ({
        id: s.id,
        seq: s.seq,
        approverRole: s.approverRole as Role | null,
        approverUserId: s.approverUserId,
        approverName: s.approverUserId ? (names.get(s.approverUserId) ?? null) : null,
        status: s.status as ApprovalStepStatus,
        decidedByName: s.decidedBy ? (names.get(s.decidedBy) ?? null) : null,
        decidedAt: s.decidedAt,
        comment: s.comment,
      })),
    };
  });
}

/** Requests waiting for this user: the current step names them or one of their roles. */
export async function pendingForActor(ctx: Ctx, limit = 200): Promise<string[]> {
  const actor = requireActor(ctx);
  const qb = ctx.manager
    .getRepository(ApprovalStepEntity)
    .createQueryBuilder('s')
    .innerJoin('approval_requests', 'r', 'r.id = s.request_id')
    .select('s.request_id', 'id')
    .where("s.status = 'pending' AND r.status = 'pending' AND r.requested_by <> :me", { me: actor.userId })
    .andWhere(actor.roles.length > 0 ? '(s.approver_user_id = :me OR s.approver_role IN (:...roles))' : 's.approver_user_id = :me', {
      me: actor.userId,
      roles: actor.roles,
    })
    .orderBy('r.created_at', 'DESC')
    .limit(limit);
  return (await qb.getRawMany<{ id: string }>()).map((r) => r.id);
}

export async function mine(ctx: Ctx, input: ParsedInputOf<'approvals.mine'>): Promise<ApprovalRequestView[]> {
  const actor = requireActor(ctx);
  if (input.view === 'pending') return views(ctx, await pendingForActor(ctx));
  if (input.view === 'requested') {
    const rows = await ctx.manager.getRepository(ApprovalRequestEntity).find({
      where: { requestedBy: actor.userId },
      order: { createdAt: 'DESC' },
      take: 200,
      select: { id: true },
    });
    return views(ctx, rows.map((r) => r.id));
  }
  const decided = await ctx.manager
    .getRepository(ApprovalStepEntity)
    .createQueryBuilder('s')
    .select('DISTINCT s.request_id', 'id')
    .addSelect('MAX(s.decided_at)', 'at')
    .where('s.decided_by = :me', { me: actor.userId })
    .groupBy('s.request_id')
    .orderBy('at', 'DESC')
    .limit(200)
    .getRawMany<{ id: string }>();
  return views(ctx, decided.map((r) => r.id));
}

export async function forRecord(ctx: Ctx, input: ParsedInputOf<'approvals.forRecord'>): Promise<ApprovalRequestView[]> {
  await recordAccessFor(ctx, input.entity).assertRead(ctx, input.recordId);
  const rows = await ctx.manager.getRepository(ApprovalRequestEntity).find({
    where: { entity: input.entity, recordId: input.recordId },
    select: { id: true },
  });
  return views(ctx, rows.map((r) => r.id));
}
