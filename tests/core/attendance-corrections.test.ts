import { describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/api/index.js';
import { fails, fingerprint, ok } from './support/harness.js';
import { exec, rows } from './support/engine.js';
import { attendancePeople, decide, lockMonth, type Account, type People } from './support/attendance-people.js';

/**
 * Punch corrections (补卡申请, issue 9 item 3): approved by the department head through the
 * approvals engine, the approved punch is added and marked as a correction. The clock stands on
 * Monday 2026-03-02, 09:00 in Shanghai (01:00 UTC).
 */

const input = (over: Partial<InputOf<'attendance.corrections.create'>> = {}): InputOf<'attendance.corrections.create'> => ({
  date: '2026-02-27',
  time: '09:00',
  direction: 'in',
  reason: '忘记打卡',
  ...over,
});
const ask = (p: People, as: Account, over: Partial<InputOf<'attendance.corrections.create'>> = {}) => ok(p.core, p.token[as], 'attendance.corrections.create', input(over));
const punchesOf = (p: People, employeeId: string) =>
  rows<{ at: string; source: string; direction: string | null; correction: string | null }>(
    p.core,
    'SELECT punched_at AS "at", source AS "source", direction AS "direction", correction_id AS "correction" FROM att_punches WHERE employee_id = ? ORDER BY punched_at',
    [employeeId],
  );
const stored = async (p: People, id: string) =>
  (await rows<{ status: string; punchId: string | null }>(p.core, 'SELECT status AS "status", punch_id AS "punchId" FROM att_corrections WHERE id = ?', [id]))[0]!;

describe('punch corrections', () => {
  it('approved by the manager add the punch, marked as a correction and linked both ways', async () => {
    const p = await attendancePeople();
    const me = p.employeeOf('staff1');
    const c = await ask(p, 'staff1');
    expect(c).toMatchObject({ employeeId: me, employeeName: '孙浩', date: '2026-02-27', time: '09:00', direction: 'in', reason: '忘记打卡', status: 'pending' });
    const [request] = await ok(p.core, p.token.manager, 'approvals.mine', { view: 'pending' });
    expect([request!.id, request!.title, request!.entity]).toEqual([c.approvalRequestId, '补卡 孙浩 2026-02-27 09:00 上班', 'punchCorrection']);
    expect(await punchesOf(p, me)).toEqual([]);

    await decide(p, 'manager', c.approvalRequestId, 'approve');
    expect(await punchesOf(p, me)).toEqual([{ at: '2026-02-27T01:00:00.000Z', source: 'correction', direction: 'in', correction: c.id }]);
    const punchId = (await rows<{ id: string }>(p.core, 'SELECT id AS "id" FROM att_punches WHERE correction_id = ?', [c.id]))[0]!.id;
    expect(await stored(p, c.id)).toEqual({ status: 'approved', punchId });
    const listed = await ok(p.core, p.token.staff1, 'attendance.corrections.list', {});
    expect(listed.rows.map((r) => [r.id, r.status, r.approvalRequestId])).toEqual([[c.id, 'approved', null]]);
    const timeline = await ok(p.core, p.token.staff1, 'timeline.list', { entity: 'punchCorrection', recordId: c.id });
    expect(timeline.map((t) => `${t.kind}:${t.body ?? ''}`).reverse()).toEqual(['created:', 'approval:requested', 'status:approved', 'approval:approve']);
    const audit = await rows<{ entity: string; action: string; label: string | null }>(
      p.core,
      "SELECT entity, action, record_label AS label FROM audit_log WHERE entity IN ('punchCorrection', 'punch') ORDER BY seq",
    );
    expect(audit).toEqual([
      { entity: 'punchCorrection', action: 'create', label: '补卡 孙浩 2026-02-27 09:00 上班' },
      { entity: 'punch', action: 'create', label: null },
      { entity: 'punchCorrection', action: 'approve', label: '补卡 孙浩 2026-02-27 09:00 上班' },
    ]);
  });

  it('approved where a punch already stands add none and link none', async () => {
    const p = await attendancePeople();
    const me = p.employeeOf('staff1');
    await exec(p.core, "INSERT INTO att_punches (id, employee_id, punched_at, source, created_at) VALUES (?, ?, '2026-02-26T10:00:00.000Z', 'import', ?)", [
      '01a00000-0000-7000-8000-00000000aaaa',
      me,
      '2026-02-27T00:00:00.000Z',
    ]);
    const c = await ask(p, 'staff1', { date: '2026-02-26', time: '18:00', direction: 'out' });
    await decide(p, 'manager', c.approvalRequestId, 'approve');
    expect(await stored(p, c.id)).toEqual({ status: 'approved', punchId: null });
    expect((await punchesOf(p, me)).map((r) => r.source)).toEqual(['import']);
  });

  it('rejected or withdrawn add nothing', async () => {
    const p = await attendancePeople();
    const me = p.employeeOf('staff1');
    const rejected = await ask(p, 'staff1');
    await decide(p, 'manager', rejected.approvalRequestId, 'reject', '当天有打卡记录');
    const withdrawn = await ask(p, 'staff1', { time: '18:30', direction: 'out' });
    await ok(p.core, p.token.staff1, 'approvals.cancel', { requestId: withdrawn.approvalRequestId! });
    expect([(await stored(p, rejected.id)).status, (await stored(p, withdrawn.id)).status]).toEqual(['rejected', 'cancelled']);
    expect(await punchesOf(p, me)).toEqual([]);
    const statuses = async (status: 'rejected' | 'cancelled' | 'pending') => (await ok(p.core, p.token.hr, 'attendance.corrections.list', { status })).rows.map((r) => r.id);
    expect([await statuses('rejected'), await statuses('cancelled'), await statuses('pending')]).toEqual([[rejected.id], [withdrawn.id], []]);
  });

  it('are refused for a day outside employment, in the future or in a locked month, and for others but by HR; writing nothing', async () => {
    const p = await attendancePeople();
    const before = await fingerprint(p.core);
    const refused = (over: Partial<InputOf<'attendance.corrections.create'>>, as: Account = 'staff1') => fails(p.core, p.token[as], 'attendance.corrections.create', input(over));
    // 孙浩 joined 2020-08-17.
    expect(await refused({ date: '2020-08-16' })).toEqual({ code: 'VALIDATION', message: 'error.validation', fields: { date: 'validation.outsideEmployment' } });
    expect(await refused({ date: '2026-03-03' })).toEqual({ code: 'VALIDATION', message: 'error.validation', fields: { date: 'validation.futureDate' } });
    // Today, but later than now (09:00): not yet.
    expect(await refused({ date: '2026-03-02', time: '09:01' })).toEqual({ code: 'VALIDATION', message: 'error.validation', fields: { time: 'validation.futureTime' } });
    expect(await refused({ time: '25:00' })).toMatchObject({ code: 'VALIDATION', fields: { time: 'validation.invalidTime' } });
    for (const as of ['staff1', 'lead1', 'deputy1'] as const) {
      expect(await refused({ employeeId: p.byNo('YY008') }, as)).toEqual({ code: 'FORBIDDEN', message: 'error.outOfScope' });
    }
    expect(await fails(p.core, p.w.admin, 'attendance.corrections.create', input())).toEqual({ code: 'FORBIDDEN', message: 'error.noLinkedEmployee' });
    await lockMonth(p, '2026-02');
    const locked = await fingerprint(p.core);
    expect(await refused({})).toEqual({ code: 'INVALID_STATE', message: 'error.monthLocked', fields: { date: 'validation.monthLocked' } });
    expect(await fingerprint(p.core)).toBe(locked);
    await exec(p.core, "DELETE FROM att_month_locks WHERE month = '2026-02'");
    expect(await fingerprint(p.core)).toBe(before);

    // Today up to now is fine; HR asks for 周敏, who has no account.
    expect((await ask(p, 'staff1', { date: '2026-03-02', time: '09:00' })).status).toBe('pending');
    expect((await ask(p, 'hr', { employeeId: p.byNo('YY008') })).employeeName).toBe('周敏');
  });

  it('are not approved once their month is locked', async () => {
    const p = await attendancePeople();
    const c = await ask(p, 'staff1');
    await lockMonth(p, '2026-02');
    const before = await fingerprint(p.core);
    expect(await fails(p.core, p.token.manager, 'approvals.decide', { requestId: c.approvalRequestId, decision: 'approve' })).toEqual({ code: 'INVALID_STATE', message: 'error.monthLocked' });
    expect(await fingerprint(p.core)).toBe(before);
    expect(await punchesOf(p, p.employeeOf('staff1'))).toEqual([]);
  });

  it('are listed by scope, with reasons for the employee, HR and the manager only', async () => {
    const p = await attendancePeople();
    const mine = await ask(p, 'staff1', { reason: '孙浩忘带工牌' });
    const other = await ask(p, 'staff2', { date: '2026-02-26', reason: '何佳忘带工牌' });
    await ask(p, 'hr', { employeeId: p.byNo('YY008'), date: '2026-02-25', reason: '周敏忘带工牌' });
    const seen = async (as: Account) =>
      (await ok(p.core, p.token[as], 'attendance.corrections.list', { sortField: 'date', sortOrder: 'desc' })).rows.map((r) => `${r.employeeName}:${r.reason ?? '-'}`);
    expect(await seen('staff1')).toEqual(['孙浩:孙浩忘带工牌']);
    expect(await seen('staff2')).toEqual(['何佳:何佳忘带工牌']);
    expect(await seen('lead1')).toEqual(['孙浩:-', '周敏:-']);
    expect(await seen('deputy2')).toEqual(['何佳:-']);
    expect(await seen('hr')).toEqual(['孙浩:孙浩忘带工牌', '何佳:何佳忘带工牌', '周敏:周敏忘带工牌']);
    const page = await ok(p.core, p.token.manager, 'attendance.corrections.list', { pageSize: 2, page: 2, sortField: 'date', sortOrder: 'asc' });
    expect([page.total, page.rows.map((r) => r.employeeName)]).toEqual([3, ['孙浩']]);
    expect((await ok(p.core, p.token.manager, 'attendance.corrections.list', { groupId: p.w.opsGroupId })).total).toBe(2);
    expect((await ok(p.core, p.token.manager, 'attendance.corrections.list', { search: '何佳' })).rows.map((r) => r.id)).toEqual([other.id]);

    const ref = { entity: 'punchCorrection' as const, recordId: mine.id };
    expect((await ok(p.core, p.token.lead1, 'approvals.forRecord', ref)).map((r) => r.title)).toEqual(['补卡 孙浩 2026-02-27 09:00 上班']);
    expect(await fails(p.core, p.token.staff2, 'timeline.list', ref)).toEqual({ code: 'FORBIDDEN', message: 'error.outOfScope' });
    expect(await fails(p.core, p.token.deputy2, 'approvals.forRecord', ref)).toEqual({ code: 'FORBIDDEN', message: 'error.outOfScope' });
  });
});
