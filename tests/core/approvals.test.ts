import { describe, expect, it } from 'vitest';
import { MODULES } from '../../electron/core/api.js';
import { requestApproval, type ApprovalHooks, type ApprovalStepSpec } from '../../electron/core/kernel/approvals.js';
import { AppError } from '../../electron/core/kernel/errors.js';
import { addTimeline } from '../../electron/core/kernel/timeline.js';
import type { ModuleDefinition } from '../../electron/core/kernel/module.js';
import { count, fails, fingerprint, login, ok } from './support/harness.js';
import { demoWorld, type World } from './support/world.js';

/** A module that reacts to decisions on employee records, as a business module would. */
function hookedModule() {
  const calls: string[] = [];
  const control: { fail: Error | null } = { fail: null };
  const hooks: ApprovalHooks = {
    async onApproved(ctx, request) {
      calls.push(`approved:${request.status}`);
      await addTimeline(ctx, { entity: 'employee', recordId: request.recordId, kind: 'status', body: 'hook: transferred' });
      if (control.fail) throw control.fail;
    },
    async onRejected(_ctx, request, comment) {
      calls.push(`rejected:${request.status}:${comment}`);
    },
    async onCancelled(_ctx, request) {
      calls.push(`cancelled:${request.status}`);
    },
  };
  const module: ModuleDefinition = { name: 'test', handlers: {}, approvalHooks: { employee: hooks } };
  return { module, calls, control };
}

async function setup() {
  const hooked = hookedModule();
  const w = await demoWorld({ modules: [...MODULES, hooked.module] });
  const tokens: Record<string, string> = {};
  for (const name of ['lead1', 'deputy1', 'deputy2', 'manager', 'staff1']) tokens[name] = await login(w.core, name);
  const users = (await ok(w.core, w.admin, 'users.list', { pageSize: 50 })).rows;
  const userId = (username: string) => users.find((u) => u.username === username)!.id;
  return { ...hooked, w, tokens, userId };
}

function request(w: World, requester: string, steps: ApprovalStepSpec[], recordId = w.employeeId, title = '调岗申请') {
  return w.core.runInternal('test.requestApproval', requester, (ctx) => requestApproval(ctx, { entity: 'employee', recordId, title, steps }));
}

async function notifications(w: World, token: string) {
  return (await ok(w.core, token, 'notifications.list', { pageSize: 50 })).rows.map((n) => `${n.titleKey}:${n.params.title}`);
}

describe('approvals', () => {
  it('runs a two-step approval: by role, then by a named user', async () => {
    const { w, tokens, userId, calls } = await setup();
    const req = await request(w, 'lead1', [{ role: 'deputy' }, { userId: userId('manager') }]);

    const pendingFor = async (name: string) => (await ok(w.core, tokens[name]!, 'approvals.mine', { view: 'pending' })).map((r) => r.id);
    expect(await pendingFor('deputy1')).toEqual([req.id]);
    expect(await pendingFor('deputy2')).toEqual([req.id]);
    expect(await pendingFor('manager')).toEqual([]);
    expect(await notifications(w, tokens.deputy1!)).toEqual(['notify.approvalRequested:调岗申请']);
    expect(await notifications(w, tokens.manager!)).toEqual([]);
    const [mine] = await ok(w.core, tokens.lead1!, 'approvals.mine', { view: 'requested' });
    expect(mine).toMatchObject({ id: req.id, status: 'pending', requestedByName: '陈静', canDecide: false });
    expect(mine!.steps.map((s) => [s.approverRole, s.approverName, s.status])).toEqual([
      ['deputy', null, 'pending'],
      [null, '王建国', 'waiting'],
    ]);

    const notYours = { code: 'FORBIDDEN', message: 'error.notYourApproval' };
    expect(await fails(w.core, tokens.manager!, 'approvals.decide', { requestId: req.id, decision: 'approve' })).toEqual(notYours);
    expect(await fails(w.core, tokens.staff1!, 'approvals.decide', { requestId: req.id, decision: 'approve' })).toEqual(notYours);

    const afterFirst = await ok(w.core, tokens.deputy1!, 'approvals.decide', { requestId: req.id, decision: 'approve', comment: '同意' });
    expect(afterFirst.status).toBe('pending');
    expect(afterFirst.steps.map((s) => [s.status, s.decidedByName, s.comment])).toEqual([
      ['approved', '李晓梅', '同意'],
      ['pending', null, null],
    ]);
    expect(await pendingFor('deputy2')).toEqual([]);
    expect(await pendingFor('manager')).toEqual([req.id]);
    expect(await notifications(w, tokens.manager!)).toEqual(['notify.approvalRequested:调岗申请']);
    expect((await ok(w.core, tokens.deputy1!, 'approvals.mine', { view: 'decided' })).map((r) => r.id)).toEqual([req.id]);
    expect(await fails(w.core, tokens.deputy2!, 'approvals.decide', { requestId: req.id, decision: 'approve' })).toEqual(notYours);
    expect(calls).toEqual([]);

    const done = await ok(w.core, tokens.manager!, 'approvals.decide', { requestId: req.id, decision: 'approve' });
    expect(done).toMatchObject({ status: 'approved', decidedAt: w.clock.now().toISOString(), canDecide: false });
    expect(calls).toEqual(['approved:approved']);
    expect(await notifications(w, tokens.lead1!)).toEqual(['notify.approvalApproved:调岗申请']);
    expect(await fails(w.core, tokens.manager!, 'approvals.decide', { requestId: req.id, decision: 'approve' })).toEqual({
      code: 'INVALID_STATE',
      message: 'error.approvalNotPending',
    });

    const timeline = await ok(w.core, w.admin, 'timeline.list', { entity: 'employee', recordId: w.employeeId });
    expect(timeline.filter((t) => t.kind !== 'created').map((t) => `${t.kind} ${t.body}`).reverse()).toEqual([
      'approval requested',
      'approval approve: 同意',
      'status hook: transferred',
      'approval approve',
    ]);
    expect((await ok(w.core, w.admin, 'approvals.forRecord', { entity: 'employee', recordId: w.employeeId })).map((r) => r.status)).toEqual(['approved']);
    expect(await count(w.core, 'audit_log', "entity = 'approval'")).toBe(3);
  });

  it('never lets a requester approve their own request', async () => {
    const { w, tokens } = await setup();
    const req = await request(w, 'deputy1', [{ role: 'deputy' }]);
    expect(await notifications(w, tokens.deputy1!)).toEqual([]);
    expect((await ok(w.core, tokens.deputy1!, 'approvals.mine', { view: 'pending' })).length).toBe(0);
    const before = await fingerprint(w.core);
    expect(await fails(w.core, tokens.deputy1!, 'approvals.decide', { requestId: req.id, decision: 'approve' })).toEqual({
      code: 'FORBIDDEN',
      message: 'error.cannotApproveOwn',
    });
    expect(await fingerprint(w.core)).toBe(before);
    expect((await ok(w.core, tokens.deputy2!, 'approvals.decide', { requestId: req.id, decision: 'approve' })).status).toBe('approved');
  });

  it('requires a comment to reject, and a rejection skips the later steps', async () => {
    const { w, tokens, userId, calls } = await setup();
    const req = await request(w, 'lead1', [{ role: 'deputy' }, { userId: userId('manager') }]);
    const before = await fingerprint(w.core);
    for (const comment of [undefined, '', '   ']) {
      expect(await fails(w.core, tokens.deputy2!, 'approvals.decide', { requestId: req.id, decision: 'reject', comment })).toEqual({
        code: 'VALIDATION',
        message: 'error.validation',
        fields: { comment: 'validation.rejectNeedsComment' },
      });
    }
    expect(await fingerprint(w.core)).toBe(before);
    const rejected = await ok(w.core, tokens.deputy2!, 'approvals.decide', { requestId: req.id, decision: 'reject', comment: '人手不足' });
    expect(rejected.status).toBe('rejected');
    expect(rejected.steps.map((s) => s.status)).toEqual(['rejected', 'skipped']);
    expect(calls).toEqual(['rejected:rejected:人手不足']);
    expect(await notifications(w, tokens.lead1!)).toEqual(['notify.approvalRejected:调岗申请']);
    expect(await notifications(w, tokens.manager!)).toEqual([]);
    const timeline = await ok(w.core, w.admin, 'timeline.list', { entity: 'employee', recordId: w.employeeId });
    expect(timeline[0]!.body).toBe('reject: 人手不足');
  });

  it('runs the hooks in the decision transaction: a failing hook undoes the decision', async () => {
    const { w, tokens, calls, control } = await setup();
    const req = await request(w, 'lead1', [{ role: 'deputy' }]);
    for (const [error, code] of [
      [new AppError('INVALID_STATE', 'error.recordChanged'), 'INVALID_STATE'],
      [new Error('module bug'), 'INTERNAL'],
    ] as const) {
      control.fail = error;
      const before = await fingerprint(w.core);
      expect((await fails(w.core, tokens.deputy1!, 'approvals.decide', { requestId: req.id, decision: 'approve' })).code).toBe(code);
      expect(await fingerprint(w.core)).toBe(before); // the step, request, hook's timeline entry, notification, audit: all undone
    }
    expect(calls).toEqual(['approved:approved', 'approved:approved']);
    control.fail = null;
    expect((await ok(w.core, tokens.deputy1!, 'approvals.decide', { requestId: req.id, decision: 'approve' })).status).toBe('approved');
    const timeline = await ok(w.core, w.admin, 'timeline.list', { entity: 'employee', recordId: w.employeeId });
    expect(timeline.filter((t) => t.body === 'hook: transferred')).toHaveLength(1);
  });

  it('lets only the requester cancel a pending request', async () => {
    const { w, tokens, calls } = await setup();
    const req = await request(w, 'lead1', [{ role: 'deputy' }]);
    expect(await fails(w.core, tokens.deputy1!, 'approvals.cancel', { requestId: req.id })).toEqual({
      code: 'FORBIDDEN',
      message: 'error.onlyRequesterCancels',
    });
    const cancelled = await ok(w.core, tokens.lead1!, 'approvals.cancel', { requestId: req.id });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.steps.map((s) => s.status)).toEqual(['skipped']);
    expect(calls).toEqual(['cancelled:cancelled']);
    expect((await ok(w.core, tokens.deputy1!, 'approvals.mine', { view: 'pending' })).length).toBe(0);
    const notPending = { code: 'INVALID_STATE', message: 'error.approvalNotPending' };
    expect(await fails(w.core, tokens.lead1!, 'approvals.cancel', { requestId: req.id })).toEqual(notPending);
    expect(await fails(w.core, tokens.deputy1!, 'approvals.decide', { requestId: req.id, decision: 'approve' })).toEqual(notPending);
  });

  it('refuses a second pending request on the same record', async () => {
    const { w, tokens } = await setup();
    const first = await request(w, 'lead1', [{ role: 'deputy' }]);
    const before = await fingerprint(w.core);
    await expect(request(w, 'staff1', [{ role: 'manager' }])).rejects.toMatchObject({ code: 'INVALID_STATE', messageKey: 'error.approvalAlreadyPending' });
    expect(await fingerprint(w.core)).toBe(before);
    await ok(w.core, tokens.deputy1!, 'approvals.decide', { requestId: first.id, decision: 'reject', comment: '再议' });
    const second = await request(w, 'staff1', [{ role: 'manager' }]);
    expect((await ok(w.core, w.admin, 'approvals.forRecord', { entity: 'employee', recordId: w.employeeId })).map((r) => [r.id, r.status]).sort()).toEqual(
      [
        [first.id, 'rejected'],
        [second.id, 'pending'],
      ].sort(),
    );
  });

  it('counts what waits for each user on the home page', async () => {
    const { w, tokens } = await setup();
    const empty = await ok(w.core, tokens.deputy1!, 'home.summary', {});
    expect(empty.counts).toEqual({ pendingApprovals: 0, dueReminders: 0, unreadNotifications: 0 });
    const req = await request(w, 'lead1', [{ role: 'deputy' }], w.employeeId, '加薪申请');
    const home = await ok(w.core, tokens.deputy1!, 'home.summary', {});
    expect(home.counts).toEqual({ pendingApprovals: 1, dueReminders: 0, unreadNotifications: 1 });
    expect(home.pendingApprovals.map((r) => [r.title, r.canDecide])).toEqual([['加薪申请', true]]);
    expect(home.notifications.map((n) => n.titleKey)).toEqual(['notify.approvalRequested']);
    await ok(w.core, tokens.deputy2!, 'approvals.decide', { requestId: req.id, decision: 'approve' });
    expect((await ok(w.core, tokens.deputy1!, 'home.summary', {})).counts.pendingApprovals).toBe(0);
    expect((await ok(w.core, tokens.lead1!, 'home.summary', {})).counts).toEqual({ pendingApprovals: 0, dueReminders: 0, unreadNotifications: 1 });
  });
});
