import { describe, expect, it } from 'vitest';
import { fails, fingerprint, ok } from './support/harness.js';
import { rows } from './support/engine.js';
import type { InputOf } from '../../shared/api/index.js';
import { attendancePeople, decide, leaveInput, submitLeave, type Account, type People } from './support/attendance-people.js';

/**
 * Who sees whose leave (issue 9 item 8) and the annual-leave balance (item 5). Staff see their
 * own; a lead the group; a deputy the groups assigned to them; HR and the manager everyone. The
 * reason is personal data: only the employee, HR, the manager and the approver deciding it read it.
 */

/** One leave each for staff1, 周敏 (filed by HR), staff2 and the manager. */
async function department() {
  const p = await attendancePeople();
  const leaves = {
    staff1: await submitLeave(p, 'staff1', { reason: '孙浩的事由' }),
    zhouMin: await submitLeave(p, 'hr', { startDate: '2026-03-11', endDate: '2026-03-11', reason: '周敏的事由' }, p.byNo('YY008')),
    staff2: await submitLeave(p, 'staff2', { type: 'sick', startDate: '2026-03-12', endDate: '2026-03-13', reason: '何佳的事由' }),
    manager: await submitLeave(p, 'manager', { type: 'annual', startDate: '2026-03-16', endDate: '2026-03-20', reason: '王建国的事由' }),
  };
  return { p, leaves };
}

const seen = async (p: People, as: Account) =>
  (await ok(p.core, p.token[as], 'attendance.leave.list', { sortField: 'startDate', sortOrder: 'asc' })).rows.map((r) => `${r.employeeName}:${r.reason ?? '-'}`);

describe('leave lists', () => {
  it('show each caller the people in their scope, and reasons only to those who may read them', async () => {
    const { p } = await department();
    expect(await seen(p, 'staff1')).toEqual(['孙浩:孙浩的事由']);
    expect(await seen(p, 'staff2')).toEqual(['何佳:何佳的事由']);
    // staff1 does not see the leave HR filed for a colleague of the same group.
    expect(await seen(p, 'lead1')).toEqual(['孙浩:-', '周敏:-']);
    expect(await seen(p, 'deputy1')).toEqual(['孙浩:-', '周敏:-']);
    expect(await seen(p, 'lead2')).toEqual(['何佳:-']);
    expect(await seen(p, 'deputy2')).toEqual(['何佳:-']);
    const all = ['孙浩:孙浩的事由', '周敏:周敏的事由', '何佳:何佳的事由', '王建国:王建国的事由'];
    expect(await seen(p, 'hr')).toEqual(all);
    expect(await seen(p, 'manager')).toEqual(all);
    // IT sees no attendance at all.
    expect((await ok(p.core, p.w.admin, 'attendance.leave.list', {})).total).toBe(0);
  });

  it('give one leave to those in scope, with the same reason rule', async () => {
    const { p, leaves } = await department();
    const outOfScope = { code: 'FORBIDDEN', message: 'error.outOfScope' };
    expect(await fails(p.core, p.token.staff1, 'attendance.leave.get', { id: leaves.zhouMin.id })).toEqual(outOfScope);
    expect(await fails(p.core, p.token.staff1, 'attendance.leave.get', { id: leaves.staff2.id })).toEqual(outOfScope);
    expect(await fails(p.core, p.token.lead1, 'attendance.leave.get', { id: leaves.staff2.id })).toEqual(outOfScope);
    expect(await fails(p.core, p.token.deputy2, 'attendance.leave.get', { id: leaves.staff1.id })).toEqual(outOfScope);
    expect((await ok(p.core, p.token.lead1, 'attendance.leave.get', { id: leaves.staff1.id })).reason).toBeNull();
    expect((await ok(p.core, p.token.deputy2, 'attendance.leave.get', { id: leaves.staff2.id })).reason).toBeNull();
    // The manager decides staff2's leave and reads why; HR decides the manager's.
    expect((await ok(p.core, p.token.manager, 'attendance.leave.get', { id: leaves.staff2.id })).reason).toBe('何佳的事由');
    expect((await ok(p.core, p.token.hr, 'attendance.leave.get', { id: leaves.manager.id })).reason).toBe('王建国的事由');
  });

  it('are paged on the server with their total, sorted, and filtered by person, group, status, type, year and name', async () => {
    const { p, leaves } = await department();
    await decide(p, 'manager', leaves.staff2.approvalRequestId, 'approve');
    const list = (input: InputOf<'attendance.leave.list'>) => ok(p.core, p.token.hr, 'attendance.leave.list', input);
    const page1 = await list({ pageSize: 3, sortField: 'startDate', sortOrder: 'desc' });
    expect([page1.total, page1.rows.map((r) => r.employeeName)]).toEqual([4, ['王建国', '何佳', '周敏']]);
    const page2 = await list({ pageSize: 3, page: 2, sortField: 'startDate', sortOrder: 'desc' });
    expect([page2.total, page2.rows.map((r) => r.employeeName)]).toEqual([4, ['孙浩']]);
    // Newest first unless sorted.
    expect((await list({})).rows.map((r) => r.employeeName)).toEqual(['王建国', '何佳', '周敏', '孙浩']);
    const names = async (input: InputOf<'attendance.leave.list'>) => {
      const page = await list(input);
      expect(page.total).toBe(page.rows.length);
      return page.rows.map((r) => r.employeeName);
    };
    expect(await names({ status: 'approved' })).toEqual(['何佳']);
    expect(await names({ type: 'annual' })).toEqual(['王建国']);
    expect(await names({ employeeId: p.employeeOf('staff1') })).toEqual(['孙浩']);
    expect(await names({ groupId: p.w.opsGroupId })).toEqual(['周敏', '孙浩']);
    expect(await names({ search: 'yy008' })).toEqual(['周敏']);
    expect(await names({ search: '何' })).toEqual(['何佳']);
    expect(await names({ year: 2025 })).toEqual([]);
    expect(await names({ year: 2026, status: 'pending', groupId: p.w.opsGroupId })).toEqual(['周敏', '孙浩']);
    // A filter does not widen a scope.
    expect((await ok(p.core, p.token.staff1, 'attendance.leave.list', { employeeId: p.employeeOf('staff2') })).total).toBe(0);
    expect((await ok(p.core, p.token.lead1, 'attendance.leave.list', { groupId: p.w.opsGroupId, status: 'pending' })).total).toBe(2);
  });
});

describe('annual leave balance', () => {
  const balanceOf = (p: People, as: Account, employeeId: string, year = 2026) => ok(p.core, p.token[as], 'attendance.leave.balance', { employeeId, year });

  it('is the statutory entitlement less approved and pending annual leave; more than it is refused', async () => {
    const p = await attendancePeople();
    const me = p.employeeOf('staff1');
    // 孙浩 joined 2020-08-17: five full years on 2026-01-01, five days; the manager (2015) ten.
    expect(await balanceOf(p, 'staff1', me)).toEqual({ employeeId: me, year: 2026, entitlement: 5, entitlementSource: 'statutory', used: 0, pending: 0, remaining: 5 });
    expect((await balanceOf(p, 'manager', p.employeeOf('manager'))).entitlement).toBe(10);
    const week = await submitLeave(p, 'staff1', { type: 'annual', startDate: '2026-03-09', endDate: '2026-03-13' });
    expect(await balanceOf(p, 'staff1', me)).toMatchObject({ used: 0, pending: 5, remaining: 0 });
    // Other kinds of leave do not touch it.
    await submitLeave(p, 'staff1', { type: 'personal', startDate: '2026-03-16', endDate: '2026-03-16' });

    const before = await fingerprint(p.core);
    expect(await fails(p.core, p.token.staff1, 'attendance.leave.create', leaveInput(me, { type: 'annual', startDate: '2026-03-17', endDate: '2026-03-17', endHalf: 'am' }))).toEqual({
      code: 'VALIDATION',
      message: 'error.overBalance',
      fields: { endDate: 'validation.overBalance' },
      params: { year: 2026, remaining: 0, requested: 0.5 },
    });
    expect(await fingerprint(p.core)).toBe(before);

    await decide(p, 'manager', week.approvalRequestId, 'approve');
    expect(await balanceOf(p, 'staff1', me)).toMatchObject({ used: 5, pending: 0, remaining: 0 });
    const set = await ok(p.core, p.token.hr, 'attendance.entitlements.set', { employeeId: me, year: 2026, days: 7.5 });
    expect(set).toMatchObject({ entitlement: 7.5, entitlementSource: 'hr', used: 5, remaining: 2.5 });
    expect(await fails(p.core, p.token.staff1, 'attendance.leave.create', leaveInput(me, { type: 'annual', startDate: '2026-03-17', endDate: '2026-03-19' }))).toMatchObject({
      params: { year: 2026, remaining: 2.5, requested: 3 },
    });
    expect((await submitLeave(p, 'staff1', { type: 'annual', startDate: '2026-03-17', endDate: '2026-03-19', endHalf: 'am' })).days).toBe(2.5);
    expect(await balanceOf(p, 'staff1', me)).toMatchObject({ entitlement: 7.5, used: 5, pending: 2.5, remaining: 0 });
  });

  it('counts a leave across New Year in each of its years', async () => {
    const p = await attendancePeople();
    const he = p.employeeOf('staff2');
    await ok(p.core, p.token.hr, 'attendance.entitlements.set', { employeeId: he, year: 2026, days: 1 });
    // Wed 2026-12-30 to Mon 2027-01-04: two workdays in 2026, two in 2027 (no 2027 calendar yet: 1 January counts).
    const span = { type: 'annual' as const, startDate: '2026-12-30', endDate: '2027-01-04' };
    expect(await fails(p.core, p.token.staff2, 'attendance.leave.create', leaveInput(he, span))).toMatchObject({ params: { year: 2026, remaining: 1, requested: 2 } });
    await ok(p.core, p.token.hr, 'attendance.entitlements.set', { employeeId: he, year: 2026, days: 2 });
    const leave = await submitLeave(p, 'staff2', span);
    expect(leave.days).toBe(4);
    await decide(p, 'manager', leave.approvalRequestId, 'approve');
    expect(await balanceOf(p, 'staff2', he, 2026)).toMatchObject({ entitlement: 2, entitlementSource: 'hr', used: 2, remaining: 0 });
    expect(await balanceOf(p, 'staff2', he, 2027)).toMatchObject({ entitlement: 5, entitlementSource: 'statutory', used: 2, remaining: 3 });
  });

  it('is read by the employee and those whose attendance scope reaches them; set by HR and the manager, audited', async () => {
    const p = await attendancePeople();
    const staff1 = p.employeeOf('staff1');
    for (const as of ['staff1', 'lead1', 'deputy1', 'hr', 'manager'] as const) expect((await balanceOf(p, as, staff1)).entitlement).toBe(5);
    for (const as of ['staff2', 'lead2', 'deputy2'] as const) {
      expect(await fails(p.core, p.token[as], 'attendance.leave.balance', { employeeId: staff1, year: 2026 })).toEqual({ code: 'FORBIDDEN', message: 'error.outOfScope' });
    }
    const before = await fingerprint(p.core);
    for (const as of ['staff1', 'lead1', 'deputy1'] as const) {
      expect(await fails(p.core, p.token[as], 'attendance.entitlements.set', { employeeId: staff1, year: 2026, days: 20 })).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await fails(p.core, p.token.hr, 'attendance.entitlements.set', { employeeId: staff1, year: 2026, days: 2.25 })).toMatchObject({ code: 'VALIDATION', fields: { days: 'validation.halfDays' } });
    expect(await fingerprint(p.core)).toBe(before);

    await ok(p.core, p.token.hr, 'attendance.entitlements.set', { employeeId: staff1, year: 2026, days: 6 });
    await ok(p.core, p.token.manager, 'attendance.entitlements.set', { employeeId: staff1, year: 2026, days: 6.5 });
    const stored = await rows<{ h: number }>(p.core, 'SELECT half_days AS h FROM att_leave_entitlements WHERE employee_id = ? AND year = ?', [staff1, 2026]);
    expect(stored.map((r) => Number(r.h))).toEqual([13]);
    const audit = await rows<{ action: string; b: string | null; a: string }>(p.core, "SELECT action, before_json AS b, after_json AS a FROM audit_log WHERE entity = 'entitlement' ORDER BY seq");
    expect(audit.map((r) => [r.action, r.b ? (JSON.parse(r.b) as unknown) : null, JSON.parse(r.a) as unknown])).toEqual([
      ['set', null, { employeeId: staff1, year: 2026, days: 6 }],
      ['set', { employeeId: staff1, year: 2026, days: 6 }, { employeeId: staff1, year: 2026, days: 6.5 }],
    ]);
  });
});
