import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE_RULES } from '../../shared/domain/attendance/types.js';
import { fails, fingerprint, login, ok } from './support/harness.js';
import { attendancePeople, decide, lockMonth, submitLeave } from './support/attendance-people.js';

/**
 * Cases a review found at the edges of the attendance rules: who decides a request about
 * themselves, locks across the day boundary, a schedule's first version, balances after the
 * calendar changed, archived people in past months, inputs outside the calendar's years.
 */

const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

describe('attendance at its edges', () => {
  it('does not let the manager decide a leave HR filed for him', async () => {
    const p = await attendancePeople();
    const leave = await submitLeave(p, 'hr', { startDate: '2026-03-16', endDate: '2026-03-16' }, p.employeeOf('manager'));
    const before = await fingerprint(p.core);
    const refused = await fails(p.core, p.token.manager, 'approvals.decide', { requestId: leave.approvalRequestId!, decision: 'approve' });
    expect(refused).toEqual({ code: 'FORBIDDEN', message: 'error.selfApproval' });
    expect(await fingerprint(p.core)).toBe(before);
  });

  it('checks a correction’s lock on the day it belongs to (02:00 is the evening before)', async () => {
    const p = await attendancePeople();
    await lockMonth(p, '2026-02');
    // Work day 2026-03-01 (Sunday) at 02:00 belongs to it, not to February; 2026-02-28 at 02:00 is refused.
    const refused = await fails(p.core, p.token.staff1, 'attendance.corrections.create', { date: '2026-02-28', time: '02:00', direction: 'out', reason: '加班忘记打卡' });
    expect(refused).toMatchObject({ code: 'INVALID_STATE', message: 'error.monthLocked' });
    const ok1 = await ok(p.core, p.token.staff1, 'attendance.corrections.create', { date: '2026-03-01', time: '23:30', direction: 'out', reason: '加班忘记打卡' });
    await decide(p, 'manager', ok1.approvalRequestId, 'approve');
    const punches = await ok(p.core, p.token.hr, 'attendance.punches.list', { employeeId: p.employeeOf('staff1') });
    expect(punches.rows.map((r) => [r.punchedAt, r.workDate, r.source])).toEqual([[sh('2026-03-01T23:30:00'), '2026-03-01', 'correction']]);
  });

  it('leaves earlier months to the default when a schedule’s first version changes', async () => {
    const p = await attendancePeople();
    p.clock.set(sh('2026-03-02T09:00:00'));
    const hr = await login(p.core, 'hr');
    const s = await ok(p.core, hr, 'attendance.schedules.create', { name: '全周', rules: DEFAULT_SCHEDULE_RULES, effectiveFrom: '2026-02-01' });
    await ok(p.core, hr, 'attendance.schedules.assign', { scheduleId: s.id, target: 'employee', targetId: p.employeeOf('staff1'), effectiveFrom: '2025-12-01' });
    await ok(p.core, hr, 'attendance.month.lock', { month: '2026-01' });
    const january = async () => (await ok(p.core, hr, 'attendance.month.person', { month: '2026-01', employeeId: p.employeeOf('staff1') })).days.filter((d) => d.kind === 'workday').length;
    const before = await january();
    await ok(p.core, hr, 'attendance.schedules.update', { id: s.id, rules: { ...DEFAULT_SCHEDULE_RULES, workDays: [1, 2, 3, 4, 5, 6, 7] }, effectiveFrom: '2026-02-01' });
    expect(await january()).toBe(before);
    // Moving the day boundary from 02-01 on changes 01-31's end: refused while January is locked.
    const moved = await fails(p.core, hr, 'attendance.schedules.update', { id: s.id, rules: { ...DEFAULT_SCHEDULE_RULES, dayBoundary: '05:00' }, effectiveFrom: '2026-02-01' });
    expect(moved).toMatchObject({ code: 'INVALID_STATE', fields: { effectiveFrom: 'validation.monthLocked' } });
  });

  it('keeps the last day of a month open until its day boundary has passed', async () => {
    const p = await attendancePeople();
    p.clock.set(sh('2026-03-01T00:30:00'));
    const hr = await login(p.core, 'hr');
    expect(await fails(p.core, hr, 'attendance.month.lock', { month: '2026-02' })).toMatchObject({ code: 'INVALID_STATE', message: 'error.monthNotOver' });
    p.clock.set(sh('2026-03-01T04:00:00'));
    expect((await ok(p.core, await login(p.core, 'hr'), 'attendance.month.lock', { month: '2026-02' })).locked).not.toBeNull();
  });

  it('counts annual leave over today’s calendar: a day made a holiday is no longer charged', async () => {
    const p = await attendancePeople();
    const leave = await submitLeave(p, 'staff1', { type: 'annual', startDate: '2026-03-12', endDate: '2026-03-12' });
    await decide(p, 'manager', leave.approvalRequestId, 'approve');
    const balance = () => ok(p.core, p.token.staff1, 'attendance.leave.balance', { employeeId: p.employeeOf('staff1'), year: 2026 });
    expect((await balance()).used).toBe(1);
    await ok(p.core, p.token.hr, 'attendance.calendar.set', { date: '2026-03-12', kind: 'holiday', name: '公司假日' });
    expect((await balance()).used).toBe(0);
  });

  it('keeps archived people in the months they worked', async () => {
    const p = await attendancePeople();
    const before = (await ok(p.core, p.token.hr, 'attendance.month.report', { month: '2026-02' })).employees.length;
    await ok(p.core, p.w.admin, 'org.employees.archive', { id: p.byNo('YY013') });
    expect((await ok(p.core, p.token.hr, 'attendance.month.report', { month: '2026-02' })).employees.length).toBe(before);
  });

  it('refuses months and calendar words outside what it knows, and a time zone change under a lock', async () => {
    const p = await attendancePeople();
    for (const month of ['0000-01', '1000-01', '9999-12', '2026-13']) {
      expect(await fails(p.core, p.token.hr, 'attendance.month.report', { month })).toMatchObject({ code: 'VALIDATION', fields: { month: 'validation.invalidMonth' } });
    }
    const file = { fileName: 'x.csv', contentBase64: Buffer.from('date,kind,name\n2027-01-02,constructor,x\n').toString('base64') };
    expect(await ok(p.core, p.token.hr, 'attendance.calendar.import', file)).toEqual({ imported: 0, rejected: [{ row: 2, problem: 'badKind' }] });
    await lockMonth(p, '2026-01');
    expect(await fails(p.core, p.token.hr, 'attendance.settings.update', { timeZone: 'Asia/Tokyo' })).toMatchObject({ code: 'INVALID_STATE', fields: { timeZone: 'validation.zoneWithLockedMonths' } });
  });
});
