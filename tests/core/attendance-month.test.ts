import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE_RULES } from '../../shared/domain/attendance/types.js';
import { ADMIN, count, fails, fingerprint, login, ok } from './support/harness.js';
import { demoWorld } from './support/world.js';
import { attendanceOfficer, signInOfficer } from './support/attendance-world.js';

/**
 * Schedules, the calendar, clocking, the punch list and the month (report, person, lock) through
 * core.call, on both engines. The rules themselves are tested in tests/shared/attendance-rules.
 */

/** The department's wall time in Shanghai (UTC+8) as an instant. */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

/**
 * The demo world with its HR officer and staff1 (孙浩 YY007, 项目运营组) signed in. Tests move the
 * clock across weeks, past a session's life: `at` moves it and signs both in again.
 */
async function world() {
  const w = await demoWorld();
  await attendanceOfficer(w);
  const staffId = (await ok(w.core, w.admin, 'org.employees.list', { search: 'YY007' })).rows[0]!.id;
  const state = { officer: '', staff: '' };
  const at = async (local: string) => {
    w.clock.set(sh(local));
    state.officer = await signInOfficer(w);
    state.staff = await login(w.core, 'staff1');
  };
  await at('2026-03-02T09:00:00');
  /** Clocks staff1 at a Shanghai wall time. */
  const clockAt = async (local: string) => {
    await at(local);
    return ok(w.core, state.staff, 'attendance.clock', {});
  };
  return {
    ...w,
    get officer() {
      return state.officer;
    },
    get staff() {
      return state.staff;
    },
    staffId,
    at,
    clockAt,
  };
}

describe('work schedules', () => {
  it('starts with the default schedule and refuses rules out of order, next to the field', async () => {
    const w = await world();
    const [standard] = await ok(w.core, w.officer, 'attendance.schedules.list', {});
    expect(standard).toMatchObject({ isDefault: true, current: { ...DEFAULT_SCHEDULE_RULES, effectiveFrom: '2000-01-01' } });
    const before = await fingerprint(w.core);
    const bad = await fails(w.core, w.officer, 'attendance.schedules.create', { name: '夜班', rules: { ...DEFAULT_SCHEDULE_RULES, lunchStart: '08:00' }, effectiveFrom: '2026-03-01' });
    expect(bad).toMatchObject({ code: 'VALIDATION', fields: { 'rules.lunchStart': 'validation.lunchBeforeStart' } });
    expect((await fails(w.core, w.officer, 'attendance.schedules.create', { name: '夜班', rules: { ...DEFAULT_SCHEDULE_RULES, workStart: '9:00' }, effectiveFrom: '2026-03-01' })).code).toBe('VALIDATION');
    expect(await fingerprint(w.core)).toBe(before);
    expect((await fails(w.core, w.staff, 'attendance.schedules.create', { name: '夜班', rules: DEFAULT_SCHEDULE_RULES, effectiveFrom: '2026-03-01' })).code).toBe('FORBIDDEN');
  });

  it('applies a person’s schedule over the group’s over the default, each from its date', async () => {
    const w = await world();
    const late = await ok(w.core, w.officer, 'attendance.schedules.create', { name: '晚班', rules: { ...DEFAULT_SCHEDULE_RULES, workStart: '10:00', workEnd: '19:00' }, effectiveFrom: '2026-01-01' });
    await ok(w.core, w.officer, 'attendance.schedules.assign', { scheduleId: late.id, target: 'group', targetId: w.opsGroupId, effectiveFrom: '2026-02-16' });
    // 2026-02-03 09:30 (Tue): late by the default (09:00 + 10); 2026-02-25 09:30 (Wed): on time under 晚班 from 02-16.
    await w.clockAt('2026-02-03T09:30:00');
    await w.clockAt('2026-02-03T18:30:00');
    await w.clockAt('2026-02-25T09:30:00');
    await w.clockAt('2026-02-25T19:30:00');
    await w.at('2026-03-02T09:00:00');
    const month = await ok(w.core, w.officer, 'attendance.month.person', { month: '2026-02', employeeId: w.staffId });
    const day = (d: string) => month.days.find((x) => x.date === d)!;
    expect(day('2026-02-03')).toMatchObject({ kind: 'workday', lateMinutes: 30 });
    expect(day('2026-02-25')).toMatchObject({ kind: 'workday', lateMinutes: 0, earlyMinutes: 0 });
    expect(month.figures.lateCount).toBe(1);
  });

  it('refuses a version or assignment dated in or before a locked month', async () => {
    const w = await world();
    await w.at('2026-03-02T09:00:00');
    await ok(w.core, w.officer, 'attendance.month.lock', { month: '2026-01' });
    const [standard] = await ok(w.core, w.officer, 'attendance.schedules.list', {});
    const before = await fingerprint(w.core);
    const refused = await fails(w.core, w.officer, 'attendance.schedules.update', { id: standard!.id, rules: { ...DEFAULT_SCHEDULE_RULES, lateGraceMinutes: 0 }, effectiveFrom: '2025-12-01' });
    expect(refused).toMatchObject({ code: 'INVALID_STATE', message: 'error.monthLocked', fields: { effectiveFrom: 'validation.monthLocked' } });
    expect(await fingerprint(w.core)).toBe(before);
    const changed = await ok(w.core, w.officer, 'attendance.schedules.update', { id: standard!.id, rules: { ...DEFAULT_SCHEDULE_RULES, lateGraceMinutes: 0 }, effectiveFrom: '2026-02-01', version: standard!.version });
    expect(changed.versions.map((v) => [v.effectiveFrom, v.lateGraceMinutes])).toEqual([['2026-02-01', 0], ['2000-01-01', 10]]);
    expect((await fails(w.core, w.officer, 'attendance.schedules.update', { id: standard!.id, name: '改名', effectiveFrom: '2026-03-01', version: standard!.version })).code).toBe('CONFLICT');
  });
});

describe('the holiday calendar', () => {
  it('has the PRC holidays and make-up workdays built in, and HR changes a day', async () => {
    const w = await world();
    const year = await ok(w.core, w.staff, 'attendance.calendar.year', { year: 2026 });
    expect(year.hasHolidays).toBe(true);
    expect(year.days.find((d) => d.date === '2026-10-01')).toMatchObject({ kind: 'holiday', name: '国庆节', source: 'builtin' });
    expect(year.days.find((d) => d.date === '2026-02-28')).toMatchObject({ kind: 'workday', source: 'builtin' });
    expect((await ok(w.core, w.staff, 'attendance.calendar.year', { year: 2027 })).hasHolidays).toBe(false);
    const changed = await ok(w.core, w.officer, 'attendance.calendar.set', { date: '2026-12-31', kind: 'holiday', name: '公司年会' });
    expect(changed.days.find((d) => d.date === '2026-12-31')).toMatchObject({ kind: 'holiday', source: 'custom' });
    expect((await fails(w.core, w.staff, 'attendance.calendar.set', { date: '2026-12-30', kind: 'holiday' })).code).toBe('FORBIDDEN');
  });

  it('imports a year from CSV only when every row is good', async () => {
    const w = await world();
    const file = (text: string) => ({ fileName: '2027.csv', contentBase64: Buffer.from(text).toString('base64') });
    const before = await fingerprint(w.core);
    const bad = await ok(w.core, w.officer, 'attendance.calendar.import', file('date,kind,name\n2027-01-01,holiday,元旦\n2027-02-30,holiday,错\n2027-02-06,maybe,春节\n'));
    expect(bad).toEqual({ imported: 0, rejected: [{ row: 3, problem: 'badDate' }, { row: 4, problem: 'badKind' }] });
    expect(await fingerprint(w.core)).toBe(before);
    const good = await ok(w.core, w.officer, 'attendance.calendar.import', file('date,kind,name\n2027/1/1,holiday,元旦\n2027-02-07,班,春节\n'));
    expect(good).toEqual({ imported: 2, rejected: [] });
    const year = await ok(w.core, w.officer, 'attendance.calendar.year', { year: 2027 });
    expect(year.days).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦', source: 'import' },
      { date: '2027-02-07', kind: 'workday', name: '春节', source: 'import' },
    ]);
  });

  it('tells HR from November that next year is missing, and staff never', async () => {
    const w = await world();
    await w.at('2026-11-02T09:00:00');
    expect((await ok(w.core, w.officer, 'attendance.today', {})).nextYearCalendarMissing).toBe(true);
    expect((await ok(w.core, w.staff, 'attendance.today', {})).nextYearCalendarMissing).toBe(false);
    await w.at('2026-10-30T09:00:00');
    expect((await ok(w.core, w.officer, 'attendance.today', {})).nextYearCalendarMissing).toBe(false);
  });
});

describe('clocking in and out', () => {
  it('takes the time from the core, once per second, and lists it for the day it belongs to', async () => {
    const w = await world();
    const first = await w.clockAt('2026-03-02T08:55:12.345');
    expect(first).toEqual({ punchedAt: '2026-03-02T00:55:12.000Z', workDate: '2026-03-02', punches: ['2026-03-02T00:55:12.000Z'] });
    expect((await w.clockAt('2026-03-02T08:55:12.900')).punches).toHaveLength(1);
    // 01:30 the next night is before the 04:00 day boundary: still the 2nd.
    const late = await w.clockAt('2026-03-03T01:30:00');
    expect(late.workDate).toBe('2026-03-02');
    expect(late.punches).toHaveLength(2);
    expect((await ok(w.core, w.staff, 'attendance.today', {})).punches).toHaveLength(2);
    const list = await ok(w.core, w.staff, 'attendance.punches.list', {});
    expect(list.total).toBe(2);
    expect(list.rows.map((r) => [r.workDate, r.source])).toEqual([['2026-03-02', 'app'], ['2026-03-02', 'app']]);
  });

  it('refuses an account without an employee, and writes nothing', async () => {
    const w = await world();
    const admin = await login(w.core, ADMIN.username, ADMIN.password);
    const before = await fingerprint(w.core);
    expect(await fails(w.core, admin, 'attendance.clock', {})).toEqual({ code: 'FORBIDDEN', message: 'error.noLinkedEmployee' });
    expect(await fingerprint(w.core)).toBe(before);
  });

  it('uses the department’s time zone, not the computer’s', async () => {
    const w = await world();
    await ok(w.core, w.officer, 'attendance.settings.update', { timeZone: 'America/Los_Angeles' });
    await w.at('2026-03-03T10:00:00'); // 18:00 on the 2nd in Los Angeles, 10:00 on the 3rd in Shanghai
    expect((await ok(w.core, w.staff, 'attendance.clock', {})).workDate).toBe('2026-03-02');
    expect((await fails(w.core, w.officer, 'attendance.settings.update', { timeZone: 'Mars/Olympus' })).fields).toEqual({ timeZone: 'validation.invalidTimeZone' });
  });
});

describe('the punch list', () => {
  it('shows staff their own punches, a lead the group, HR everyone', async () => {
    const w = await world();
    await w.clockAt('2026-03-02T08:50:00');
    const lead = await login(w.core, 'lead1'); // 项目运营组, with staff1
    const lead2 = await login(w.core, 'lead2'); // 数据分析组
    const staff2 = await login(w.core, 'staff2');
    await ok(w.core, staff2, 'attendance.clock', {});
    expect((await ok(w.core, w.officer, 'attendance.punches.list', {})).total).toBe(2);
    expect((await ok(w.core, lead, 'attendance.punches.list', {})).rows.map((r) => r.employeeNo)).toEqual(['YY007']);
    expect((await ok(w.core, lead2, 'attendance.punches.list', {})).rows.map((r) => r.employeeNo)).toEqual(['YY012']);
    expect((await ok(w.core, w.staff, 'attendance.punches.list', {})).rows.map((r) => r.employeeNo)).toEqual(['YY007']);
    expect((await ok(w.core, w.officer, 'attendance.punches.list', { from: '2026-03-03' })).total).toBe(0);
    expect((await ok(w.core, w.officer, 'attendance.punches.list', { groupId: w.opsGroupId, from: '2026-03-02', to: '2026-03-02' })).total).toBe(1);
    expect((await fails(w.core, await login(w.core, ADMIN.username, ADMIN.password), 'attendance.punches.list', {})).code).toBe('FORBIDDEN');
  });
});

describe('the month', () => {
  it('adds up the department, each within scope, and locks a finished month', async () => {
    const w = await world();
    // staff1 in February 2026: on time on the 2nd, late 09:10:01 on the 3rd, one punch on the 4th.
    await w.clockAt('2026-02-02T08:59:59');
    await w.clockAt('2026-02-02T18:00:00');
    await w.clockAt('2026-02-03T09:10:01');
    await w.clockAt('2026-02-03T18:01:00');
    await w.clockAt('2026-02-04T08:30:00');
    await w.at('2026-03-02T09:00:00');
    const report = await ok(w.core, w.officer, 'attendance.month.report', { month: '2026-02' });
    // February 2026: 20 weekdays, less 02-16..20 and 02-23 (Spring Festival), plus the make-up Saturdays 02-14 and 02-28.
    expect(report.workdays).toBe(16);
    const row = report.employees.find((e) => e.employeeNo === 'YY007')!;
    expect(row).toMatchObject({ workdays: 16, lateCount: 1, lateMinutes: 10, missingPunches: 1, absentDays: 13, presentDays: 3 });
    expect(report.employees.length).toBe(25);
    expect(report.totals.workdays).toBe(report.employees.reduce((s, e) => s + e.workdays, 0));
    expect((await ok(w.core, w.staff, 'attendance.month.report', { month: '2026-02' })).employees.map((e) => e.employeeNo)).toEqual(['YY007']);
    const lead = await login(w.core, 'lead1');
    expect(new Set((await ok(w.core, lead, 'attendance.month.report', { month: '2026-02' })).employees.map((e) => e.groupName))).toEqual(new Set(['项目运营组']));

    expect((await fails(w.core, w.officer, 'attendance.month.lock', { month: '2026-03' })).message).toBe('error.monthNotOver');
    const locked = await ok(w.core, w.officer, 'attendance.month.lock', { month: '2026-02' });
    expect(locked.locked).toMatchObject({ byName: '考勤专员' });
    expect(locked.employees).toEqual(report.employees);
    // Locked: the calendar cannot change under it, and the figures stay.
    expect((await fails(w.core, w.officer, 'attendance.calendar.set', { date: '2026-02-10', kind: 'holiday', name: '停电' })).message).toBe('error.monthLocked');
    expect((await fails(w.core, w.officer, 'attendance.month.lock', { month: '2026-02' })).message).toBe('error.monthAlreadyLocked');
    const person = await ok(w.core, w.staff, 'attendance.month.person', { month: '2026-02', employeeId: w.staffId });
    expect(person).toMatchObject({ locked: true, figures: { lateCount: 1, absentDays: 13 } });
    const audit = await count(w.core, 'audit_log', "entity = 'attendanceMonth'");
    await ok(w.core, w.officer, 'attendance.month.unlock', { month: '2026-02', reason: '补录病假' });
    expect(await count(w.core, 'audit_log', "entity = 'attendanceMonth'")).toBe(audit + 1);
    expect((await ok(w.core, w.officer, 'attendance.month.report', { month: '2026-02' })).locked).toBeNull();
  });

  it('does not count days from today on, nor days before the hire date', async () => {
    const w = await world();
    await w.at('2026-03-11T10:00:00');
    const report = await ok(w.core, w.officer, 'attendance.month.report', { month: '2026-03' });
    expect(report.asOf).toBe('2026-03-11');
    expect(report.workdays).toBe(22);
    const row = report.employees.find((e) => e.employeeNo === 'YY007')!;
    expect(row.workdays).toBe(7); // 2..6 and 9..10
    // 曹宇 YY024 was hired 2025-09-01; nobody in the demo joins mid-month, so check person month of one who left: none either.
    const person = await ok(w.core, w.officer, 'attendance.month.person', { month: '2026-03', employeeId: w.staffId });
    expect(person.days.filter((d) => d.kind === 'future').length).toBe(21);
    expect((await fails(w.core, w.staff, 'attendance.month.person', { month: '2026-03', employeeId: (await ok(w.core, w.officer, 'org.employees.list', { search: 'YY012' })).rows[0]!.id })).code).toBe('FORBIDDEN');
  });
});
