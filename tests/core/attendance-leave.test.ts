import { describe, expect, it } from 'vitest';
import { fails, fingerprint, ok } from './support/harness.js';
import { rows } from './support/engine.js';
import { upload } from './support/files.js';
import { attendancePeople, decide, leaveInput, lockMonth, submitLeave, unlockMonth, type People } from './support/attendance-people.js';

/**
 * Leave requests (请假, issue 9 item 5): submitted to the department head through the approvals
 * engine, approved or rejected there; cancelling an approved leave needs approval too. The clock
 * stands on Monday 2026-03-02, 09:00 in Shanghai.
 */

const auditOf = (p: People, recordId: string) =>
  rows<{ entity: string; action: string; label: string | null; b: string | null; a: string | null }>(
    p.core,
    'SELECT entity, action, record_label AS label, before_json AS b, after_json AS a FROM audit_log WHERE record_id = ? ORDER BY seq',
    [recordId],
  );
const get = (p: People, id: string) => ok(p.core, p.token.hr, 'attendance.leave.get', { id });
const requestsOf = (p: People, id: string) => ok(p.core, p.token.hr, 'approvals.forRecord', { entity: 'leave', recordId: id });

describe('leave requests', () => {
  it('go to the manager, who approves through approvals.decide; each step is on the timeline and in the audit log', async () => {
    const p = await attendancePeople();
    const leave = await submitLeave(p, 'staff1');
    expect(leave).toMatchObject({ employeeNo: 'YY007', employeeName: '孙浩', type: 'personal', days: 2, reason: '家中有事', status: 'pending' });
    const pending = await ok(p.core, p.token.manager, 'approvals.mine', { view: 'pending' });
    expect(pending.map((r) => [r.id, r.title, r.entity, r.canDecide])).toEqual([[leave.approvalRequestId, '请假 孙浩 2026-03-09–03-10', 'leave', true]]);
    expect(pending[0]!.steps.map((s) => s.approverRole)).toEqual(['manager']);
    // Nobody but the manager role decides it.
    for (const as of ['lead1', 'deputy1', 'hr'] as const) {
      expect(await fails(p.core, p.token[as], 'approvals.decide', { requestId: leave.approvalRequestId, decision: 'approve' })).toMatchObject({ code: 'FORBIDDEN' });
    }

    await decide(p, 'manager', leave.approvalRequestId, 'approve');
    expect(await ok(p.core, p.token.staff1, 'attendance.leave.get', { id: leave.id })).toMatchObject({ status: 'approved', approvalRequestId: null, reason: '家中有事' });
    const timeline = await ok(p.core, p.token.staff1, 'timeline.list', { entity: 'leave', recordId: leave.id });
    expect(timeline.map((t) => `${t.kind}:${t.body ?? ''}`).reverse()).toEqual(['created:', 'approval:requested', 'status:approved', 'approval:approve']);
    const audit = await auditOf(p, leave.id);
    expect(audit.map((r) => `${r.entity}.${r.action}`)).toEqual(['leave.create', 'leave.approve']);
    // Named without the kind of leave, and without the reason: IT reads the audit log.
    expect(audit.map((r) => r.label)).toEqual(['请假 孙浩 2026-03-09–03-10', '请假 孙浩 2026-03-09–03-10']);
    expect(JSON.parse(audit[0]!.a!)).toMatchObject({ employeeId: p.employeeOf('staff1'), type: 'personal', days: 2, status: 'pending' });
    expect(audit.some((r) => r.a?.includes('家中有事'))).toBe(false);
    expect(JSON.parse(audit[1]!.a!)).toEqual({ status: 'approved' });
  });

  it('rejected by the manager with a comment stay rejected and free their days', async () => {
    const p = await attendancePeople();
    const leave = await submitLeave(p, 'staff1');
    await decide(p, 'manager', leave.approvalRequestId, 'reject', '项目上线期间');
    expect(await get(p, leave.id)).toMatchObject({ status: 'rejected', approvalRequestId: null });
    expect(await fails(p.core, p.token.staff1, 'attendance.leave.cancel', { id: leave.id })).toEqual({ code: 'INVALID_STATE', message: 'error.leaveNotCancellable' });
    // The same days may be asked for again.
    expect((await submitLeave(p, 'staff1')).status).toBe('pending');
  });

  it('count whole and half days over workdays only, and store them', async () => {
    const p = await attendancePeople();
    const days = async (over: Parameters<typeof leaveInput>[1]) => (await submitLeave(p, 'staff1', over)).days;
    expect(await days({ startDate: '2026-03-09', startHalf: 'pm', endDate: '2026-03-10', endHalf: 'am' })).toBe(1);
    expect(await days({ startDate: '2026-03-11', startHalf: 'am', endDate: '2026-03-11', endHalf: 'am' })).toBe(0.5);
    expect(await days({ startDate: '2026-03-11', startHalf: 'pm', endDate: '2026-03-11', endHalf: 'pm' })).toBe(0.5);
    // Friday to Monday: the weekend takes nothing.
    expect(await days({ startDate: '2026-03-13', endDate: '2026-03-16' })).toBe(2);
    // Qingming (Sat 04-04 to Mon 04-06) is a holiday; Tue 04-07 is a workday.
    expect(await days({ startDate: '2026-04-03', endDate: '2026-04-07' })).toBe(2);
    const stored = await rows<{ h: number }>(p.core, 'SELECT half_days AS h FROM att_leaves ORDER BY start_date, start_half');
    expect(stored.map((r) => Number(r.h))).toEqual([2, 1, 1, 4, 4]);
  });

  it('refuse a wrong order, a span of no workday, a start in the past and an overlap, writing nothing', async () => {
    const p = await attendancePeople();
    await submitLeave(p, 'staff1', { startDate: '2026-03-09', endDate: '2026-03-10', endHalf: 'am' });
    const before = await fingerprint(p.core);
    const refused = (over: Parameters<typeof leaveInput>[1]) => fails(p.core, p.token.staff1, 'attendance.leave.create', leaveInput(p.employeeOf('staff1'), over));

    expect(await refused({ startDate: '2026-03-12', endDate: '2026-03-11' })).toEqual({ code: 'VALIDATION', message: 'error.validation', fields: { endDate: 'validation.endBeforeStart' } });
    expect(await refused({ startDate: '2026-03-12', startHalf: 'pm', endDate: '2026-03-12', endHalf: 'am' })).toMatchObject({ fields: { endDate: 'validation.endBeforeStart' } });
    expect(await refused({ startDate: '2026-03-12', endDate: '2027-03-20' })).toMatchObject({ fields: { endDate: 'validation.leaveTooLong' } });
    // A weekend only, a holiday only.
    expect(await refused({ startDate: '2026-03-07', endDate: '2026-03-08' })).toEqual({ code: 'VALIDATION', message: 'error.validation', fields: { endDate: 'validation.leaveNoWorkdays' } });
    expect(await refused({ startDate: '2026-04-04', endDate: '2026-04-06' })).toMatchObject({ fields: { endDate: 'validation.leaveNoWorkdays' } });
    // Submitted in advance: not starting before today (sick leave excepted, below).
    expect(await refused({ startDate: '2026-02-27', endDate: '2026-03-02' })).toMatchObject({ code: 'VALIDATION', fields: { startDate: 'validation.leaveInPast' } });
    // Overlapping the first leave's morning of 03-10; its afternoon is free.
    expect(await refused({ startDate: '2026-03-10', endDate: '2026-03-10' })).toEqual({
      code: 'VALIDATION',
      message: 'error.leaveOverlaps',
      fields: { startDate: 'validation.leaveOverlaps' },
      params: { startDate: '2026-03-09', endDate: '2026-03-10' },
    });
    expect(await refused({ startDate: '2026-03-02', endDate: '2026-03-20', type: 'sick' })).toMatchObject({ fields: { startDate: 'validation.leaveOverlaps' } });
    expect(await fingerprint(p.core)).toBe(before);

    expect((await submitLeave(p, 'staff1', { startDate: '2026-03-10', startHalf: 'pm', endDate: '2026-03-10' })).days).toBe(0.5);
    expect((await submitLeave(p, 'staff1', { type: 'sick', startDate: '2026-02-26', endDate: '2026-02-27', reason: '发烧' })).days).toBe(2);
  });

  it('are filed by the employee for themselves, or by HR and the manager for anyone (also without an account)', async () => {
    const p = await attendancePeople();
    const before = await fingerprint(p.core);
    for (const [as, no] of [['staff1', 'YY012'], ['lead1', 'YY007'], ['deputy1', 'YY008']] as const) {
      expect(await fails(p.core, p.token[as], 'attendance.leave.create', leaveInput(p.byNo(no)))).toEqual({ code: 'FORBIDDEN', message: 'error.outOfScope' });
    }
    expect(await fingerprint(p.core)).toBe(before);

    // 周敏 (YY008) has no account: HR files it, and may file it after the fact.
    const filed = await submitLeave(p, 'hr', { type: 'personal', startDate: '2026-02-25', endDate: '2026-02-25' }, p.byNo('YY008'));
    expect(filed).toMatchObject({ employeeName: '周敏', days: 1, status: 'pending' });
    await decide(p, 'manager', filed.approvalRequestId, 'approve');
    expect((await get(p, filed.id)).status).toBe('approved');
    const byManager = await submitLeave(p, 'manager', {}, p.byNo('YY008'));
    // The manager filed it, so the manager may not decide it: HR does.
    const [request] = await requestsOf(p, byManager.id);
    expect(request!.steps.map((s) => s.approverRole)).toEqual(['hr']);
  });

  it("of the manager himself go to HR, as he cannot approve his own", async () => {
    const p = await attendancePeople();
    const leave = await submitLeave(p, 'manager', { type: 'annual', reason: '休假' });
    expect((await requestsOf(p, leave.id))[0]!.steps.map((s) => s.approverRole)).toEqual(['hr']);
    expect(await fails(p.core, p.token.manager, 'approvals.decide', { requestId: leave.approvalRequestId, decision: 'approve' })).toEqual({ code: 'FORBIDDEN', message: 'error.cannotApproveOwn' });
    await decide(p, 'hr', leave.approvalRequestId, 'approve');
    expect((await get(p, leave.id)).status).toBe('approved');
  });

  it('are refused in a locked month, and not approved once their month is locked', async () => {
    const p = await attendancePeople();
    const pending = await submitLeave(p, 'staff1', { startDate: '2026-03-30', endDate: '2026-04-01' });
    await lockMonth(p, '2026-04');
    const before = await fingerprint(p.core);
    const locked = { code: 'INVALID_STATE', message: 'error.monthLocked', fields: { startDate: 'validation.monthLocked' } };
    expect(await fails(p.core, p.token.staff1, 'attendance.leave.create', leaveInput(p.employeeOf('staff1'), { startDate: '2026-04-08', endDate: '2026-04-08' }))).toEqual(locked);
    // A span reaching into the locked month, and HR filing late into it.
    expect(await fails(p.core, p.token.staff1, 'attendance.leave.create', leaveInput(p.employeeOf('staff1'), { startDate: '2026-03-31', endDate: '2026-04-02' }))).toEqual(locked);
    expect(await fails(p.core, p.token.manager, 'approvals.decide', { requestId: pending.approvalRequestId, decision: 'approve' })).toEqual({ code: 'INVALID_STATE', message: 'error.monthLocked' });
    expect(await fingerprint(p.core)).toBe(before);
    expect((await get(p, pending.id)).status).toBe('pending');
    // Rejecting changes no figure: allowed.
    await decide(p, 'manager', pending.approvalRequestId, 'reject');
    expect((await get(p, pending.id)).status).toBe('rejected');
  });
});

describe('cancelling leave', () => {
  it('withdraws a pending request at once', async () => {
    const p = await attendancePeople();
    const leave = await submitLeave(p, 'staff1');
    const cancelled = await ok(p.core, p.token.staff1, 'attendance.leave.cancel', { id: leave.id, reason: '事情已处理' });
    expect(cancelled).toMatchObject({ status: 'cancelled', approvalRequestId: null });
    expect((await requestsOf(p, leave.id)).map((r) => [r.status, r.steps.map((s) => s.status)])).toEqual([['cancelled', ['skipped']]]);
    expect(await ok(p.core, p.token.manager, 'approvals.mine', { view: 'pending' })).toEqual([]);
    expect((await auditOf(p, leave.id)).map((r) => [r.action, r.a ? (JSON.parse(r.a) as unknown) : null])).toEqual([
      ['create', expect.objectContaining({ status: 'pending' })],
      ['cancel', { status: 'cancelled', cancelReasonGiven: true }],
    ]);
    // Its days are free again.
    expect((await submitLeave(p, 'staff1')).status).toBe('pending');
  });

  it('of a pending request through approvals.cancel by the requester cancels the leave too', async () => {
    const p = await attendancePeople();
    const leave = await submitLeave(p, 'staff1');
    await ok(p.core, p.token.staff1, 'approvals.cancel', { requestId: leave.approvalRequestId! });
    expect((await get(p, leave.id)).status).toBe('cancelled');
  });

  it('of an approved leave asks the manager: approved it is cancelled, rejected or withdrawn it stands', async () => {
    const p = await attendancePeople();
    const approved = async () => {
      const leave = await submitLeave(p, 'staff1', { type: 'annual', startDate: '2026-03-16', endDate: '2026-03-17', reason: '探亲' });
      await decide(p, 'manager', leave.approvalRequestId, 'approve');
      return leave;
    };
    const balance = async () => (await ok(p.core, p.token.staff1, 'attendance.leave.balance', { employeeId: p.employeeOf('staff1'), year: 2026 })).used;

    const first = await approved();
    const cancelling = await ok(p.core, p.token.staff1, 'attendance.leave.cancel', { id: first.id, reason: '行程取消' });
    expect(cancelling.status).toBe('cancelling');
    const [request] = (await ok(p.core, p.token.manager, 'approvals.mine', { view: 'pending' })).filter((r) => r.id === cancelling.approvalRequestId);
    expect(request!.title).toBe('撤销请假 孙浩 2026-03-16–03-17');
    // Still approved until decided: its days still count, and cannot be asked for again.
    expect(await balance()).toBe(2);
    expect(await fails(p.core, p.token.staff1, 'attendance.leave.cancel', { id: first.id })).toEqual({ code: 'INVALID_STATE', message: 'error.leaveNotCancellable' });
    expect(await fails(p.core, p.token.staff1, 'attendance.leave.create', leaveInput(p.employeeOf('staff1'), { startDate: '2026-03-17', endDate: '2026-03-17' }))).toMatchObject({
      message: 'error.leaveOverlaps',
    });
    await decide(p, 'manager', cancelling.approvalRequestId, 'approve');
    expect((await get(p, first.id)).status).toBe('cancelled');
    expect(await balance()).toBe(0);

    const second = await approved();
    const again = await ok(p.core, p.token.staff1, 'attendance.leave.cancel', { id: second.id });
    await decide(p, 'manager', again.approvalRequestId, 'reject', '已安排顶岗，请按原计划休假');
    expect((await get(p, second.id)).status).toBe('approved');

    const withdrawn = await ok(p.core, p.token.staff1, 'attendance.leave.cancel', { id: second.id });
    await ok(p.core, p.token.staff1, 'approvals.cancel', { requestId: withdrawn.approvalRequestId! });
    expect((await get(p, second.id)).status).toBe('approved');
    expect(await balance()).toBe(2);
    const timeline = await ok(p.core, p.token.staff1, 'timeline.list', { entity: 'leave', recordId: second.id });
    expect(timeline.filter((t) => t.kind === 'status').map((t) => t.body).reverse()).toEqual(['approved', 'cancelling', 'approved', 'cancelling', 'approved']);
    expect((await auditOf(p, second.id)).filter((r) => r.entity === 'leave').map((r) => r.action)).toEqual(['create', 'approve', 'requestCancel', 'reject', 'requestCancel', 'cancel']);
  });

  it('is for the employee, the one who filed it and HR; not in a locked month', async () => {
    const p = await attendancePeople();
    const leave = await submitLeave(p, 'staff1');
    const before = await fingerprint(p.core);
    for (const as of ['lead1', 'deputy1', 'staff2'] as const) {
      expect(await fails(p.core, p.token[as], 'attendance.leave.cancel', { id: leave.id })).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await fingerprint(p.core)).toBe(before);
    expect((await ok(p.core, p.token.hr, 'attendance.leave.cancel', { id: leave.id })).status).toBe('cancelled');

    const approved = await submitLeave(p, 'staff1', { startDate: '2026-03-23', endDate: '2026-03-23' });
    await decide(p, 'manager', approved.approvalRequestId, 'approve');
    await lockMonth(p, '2026-03');
    const locked = await fingerprint(p.core);
    expect(await fails(p.core, p.token.staff1, 'attendance.leave.cancel', { id: approved.id })).toEqual({ code: 'INVALID_STATE', message: 'error.monthLocked' });
    expect(await fingerprint(p.core)).toBe(locked);
    await unlockMonth(p, '2026-03');
    const cancelling = await ok(p.core, p.token.staff1, 'attendance.leave.cancel', { id: approved.id });
    // Locked while the cancellation waits: it is not approved either.
    await lockMonth(p, '2026-03');
    expect(await fails(p.core, p.token.manager, 'approvals.decide', { requestId: cancelling.approvalRequestId, decision: 'approve' })).toMatchObject({ message: 'error.monthLocked' });
    expect((await get(p, approved.id)).status).toBe('cancelling');
  });
});

describe('a leave record', () => {
  it('has a timeline, approvals and attachments (a sick note) for those who read its reason, files for those who act on it', async () => {
    const p = await attendancePeople();
    const leave = await submitLeave(p, 'staff1', { type: 'sick', startDate: '2026-03-02', endDate: '2026-03-02', reason: '感冒' });
    const ref = { entity: 'leave' as const, recordId: leave.id };
    const note = await ok(p.core, p.token.staff1, 'attachments.upload', { ...ref, file: upload('病假条.txt', '医院证明') });
    expect(note.fileName).toBe('病假条.txt');
    for (const as of ['staff1', 'hr', 'manager'] as const) {
      expect((await ok(p.core, p.token[as], 'timeline.list', ref)).length).toBeGreaterThan(0);
      expect(await ok(p.core, p.token[as], 'attachments.list', ref)).toHaveLength(1);
      expect(await ok(p.core, p.token[as], 'approvals.forRecord', ref)).toHaveLength(1);
    }
    // The lead and the deputy see the leave in their group's list, without its reason: nor its note.
    expect((await ok(p.core, p.token.lead1, 'attendance.leave.get', { id: leave.id })).reason).toBeNull();
    for (const as of ['lead1', 'deputy1', 'staff2', 'lead2', 'deputy2'] as const) {
      expect(await fails(p.core, p.token[as], 'attachments.download', { id: note.id })).toMatchObject({ code: 'FORBIDDEN' });
      expect(await fails(p.core, p.token[as], 'timeline.list', ref)).toEqual({ code: 'FORBIDDEN', message: 'error.outOfScope' });
      expect(await fails(p.core, p.token[as], 'approvals.forRecord', ref)).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await fails(p.core, p.token.lead1, 'attachments.upload', { ...ref, file: upload('x.txt', 'x') })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await fails(p.core, p.token.staff1, 'attendance.leave.get', { id: p.employeeOf('staff1') })).toEqual({ code: 'NOT_FOUND', message: 'error.notFound' });
  });
});
