import { describe, expect, it } from 'vitest';
import { count, login, ok } from './support/harness.js';
import { demoWorld } from './support/world.js';
import { rows } from './support/engine.js';

/**
 * The demo department's attendance (electron/core/modules/attendance/demo.ts), on both engines:
 * three months of punches up to yesterday, leave in every state through the approvals engine, a
 * correction waiting for the manager, two discipline records and HR's entitlement. The demo
 * clock is Monday 2026-03-02, 09:00 in Shanghai.
 */
/** The demo as the app seeds it (the core tests' harness leaves its attendance out by default). */
const demo = () => demoWorld({ demoAttendance: true });

describe('the demo department’s attendance', () => {
  it('has three months of punches, mostly on time, and nothing from today on', async () => {
    const w = await demo();
    const punches = await count(w.core, 'att_punches');
    // 25 people, about 60 workdays, two punches a day, minus leave and forgotten punches.
    expect(punches).toBeGreaterThan(2500);
    expect(punches).toBeLessThan(3200);
    const range = await rows<{ first: string; last: string }>(w.core, 'SELECT MIN(punched_at) AS "first", MAX(punched_at) AS "last" FROM att_punches');
    expect(range[0]!.first >= '2025-12-01T16:00:00.000Z').toBe(true);
    expect(range[0]!.last < '2026-03-01T16:00:00.000Z').toBe(true);
    const hr = await login(w.core, 'hr');
    const report = await ok(w.core, hr, 'attendance.month.report', { month: '2026-02' });
    expect(report.employees).toHaveLength(25);
    expect(report.totals.presentDays).toBeGreaterThan(report.totals.workdays * 0.9);
    expect(report.totals.lateCount).toBeGreaterThan(0);
    expect(report.totals.lateCount).toBeLessThan(report.totals.workdays * 0.15);
    expect(report.totals.missingPunches).toBeGreaterThan(0);
    expect(report.totals.leaveDays.personal).toBe(0.5);
  });

  it('has leave in every state, a pending correction, two discipline records and an HR entitlement', async () => {
    const w = await demo();
    const statuses = await rows<{ status: string; n: number | string }>(w.core, 'SELECT status AS "status", COUNT(*) AS "n" FROM att_leaves GROUP BY status ORDER BY status');
    expect(statuses.map((s) => s.status)).toEqual(['approved', 'cancelled', 'cancelling', 'pending', 'rejected']);
    const manager = await login(w.core, 'manager');
    const inbox = await ok(w.core, manager, 'approvals.mine', { view: 'pending' });
    // Two leave requests, one cancellation and staff1's correction wait for the department head.
    expect(inbox.map((r) => r.entity).sort()).toEqual(['leave', 'leave', 'leave', 'punchCorrection']);
    const staff1 = await login(w.core, 'staff1');
    const corrections = await ok(w.core, staff1, 'attendance.corrections.list', {});
    expect(corrections.rows).toMatchObject([{ status: 'pending', direction: 'out', time: '18:05' }]);
    const staff3 = await login(w.core, 'staff3');
    expect((await ok(w.core, staff3, 'attendance.discipline.list', {})).rows).toMatchObject([{ type: 'late', employeeComment: expect.any(String) }]);
    const hr = await login(w.core, 'hr');
    expect((await ok(w.core, hr, 'attendance.discipline.list', {})).total).toBe(2);
    const lead = (await ok(w.core, w.admin, 'org.employees.list', { search: 'YY004' })).rows[0]!;
    expect(await ok(w.core, hr, 'attendance.leave.balance', { employeeId: lead.id, year: 2026 })).toMatchObject({ entitlement: 7, entitlementSource: 'hr' });
  });

  it('keeps the audit chain intact', async () => {
    const w = await demo();
    expect(await ok(w.core, w.admin, 'audit.verify', {})).toMatchObject({ ok: true });
  });
});
