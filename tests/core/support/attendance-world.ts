import type { ApiContract, InputOf } from '../../../shared/api/index.js';
import { DEFAULT_SCHEDULE_RULES } from '../../../shared/domain/attendance/types.js';
import { addDays } from '../../../shared/domain/attendance/time.js';
import { login, ok } from './harness.js';
import { newEmployee, type World } from './world.js';

/**
 * Valid inputs of the attendance methods (spread into VALID_INPUT of world.ts), and the account
 * they are valid for: the administrator is IT and sees no attendance (personal data), so these
 * calls are made by an "attendance officer" — HR and manager, linked to the world's employee
 * (YY008, 项目运营组) so self-service calls (clock, own leave, corrections) have someone to act for.
 */
type AttendanceMethod = Extract<keyof ApiContract, `attendance.${string}`>;
type Factory<M extends AttendanceMethod> = (w: World) => InputOf<M> | Promise<InputOf<M>>;

const officers = new WeakMap<World, Promise<string>>();
const officerNames = new WeakMap<World, string>();

/** Signs the officer in again (a test that moves the clock far outlives a session). */
export async function signInOfficer(w: World): Promise<string> {
  await attendanceOfficer(w);
  return (await ok(w.core, null, 'auth.login', { username: officerNames.get(w)!, password: 'Changed-pass-2' })).token;
}

/** The officer's session token, created once per world. */
export function attendanceOfficer(w: World): Promise<string> {
  let token = officers.get(w);
  if (!token) {
    token = (async () => {
      const username = `officer${w.seq()}`;
      officerNames.set(w, username);
      await ok(w.core, w.admin, 'users.create', { username, displayName: '考勤专员', password: 'Temp-pass-1', roles: ['hr', 'manager'], employeeId: w.employeeId });
      const { token: t } = await ok(w.core, null, 'auth.login', { username, password: 'Temp-pass-1' });
      await ok(w.core, t, 'auth.changePassword', { currentPassword: 'Temp-pass-1', newPassword: 'Changed-pass-2' });
      return t;
    })();
    officers.set(w, token);
  }
  return token;
}

/** Who makes a valid call of `method` in the shared tests: the officer for attendance, else the admin. */
export async function callerFor(w: World, method: string): Promise<string> {
  return method.startsWith('attendance.') ? attendanceOfficer(w) : w.admin;
}

/** A Wednesday from June 2026 on, a different one each call (2026-10-07 is a holiday: skipped). */
function freshWorkday(w: World): string {
  for (;;) {
    const date = addDays('2026-06-03', 7 * w.seq());
    if (date !== '2026-10-07') return date;
  }
}

/** A past month not locked yet, a different one each call (back from 2025-12). */
function freshPastMonth(w: World): string {
  const n = w.seq();
  const y = 2025 - Math.floor(n / 12);
  return `${y}-${String(12 - (n % 12)).padStart(2, '0')}`;
}

const csv = (name: string, text: string) => ({ fileName: name, contentBase64: Buffer.from(text, 'utf8').toString('base64') });

function punchFile(w: World) {
  const n = w.seq();
  const minute = String(n % 60).padStart(2, '0');
  const second = String(Math.floor(n / 60) % 60).padStart(2, '0');
  return csv(`punches-${n}.csv`, `工号,日期时间\nYY008,2026-02-26 08:${minute}:${second}\n`);
}

async function newSchedule(w: World) {
  return ok(w.core, await attendanceOfficer(w), 'attendance.schedules.create', { name: `早班${w.seq()}`, rules: DEFAULT_SCHEDULE_RULES, effectiveFrom: '2026-04-01' });
}

async function newLeave(w: World) {
  const date = freshWorkday(w);
  return ok(w.core, await attendanceOfficer(w), 'attendance.leave.create', { employeeId: w.employeeId, type: 'personal', startDate: date, startHalf: 'pm', endDate: date, endHalf: 'pm', reason: '家中有事' });
}

/** A case about the officer's own employee, recorded by the department manager (nobody records one about themselves). */
async function newDiscipline(w: World) {
  const manager = await login(w.core, 'manager');
  return ok(w.core, manager, 'attendance.discipline.create', { employeeId: w.employeeId, type: 'late', date: '2026-02-26', description: '迟到 20 分钟' });
}

export const ATTENDANCE_INPUT: { [M in AttendanceMethod]: Factory<M> } = {
  'attendance.settings.get': () => ({}),
  'attendance.settings.update': () => ({ timeZone: 'Asia/Shanghai' }),
  'attendance.schedules.list': () => ({}),
  'attendance.schedules.create': (w) => ({ name: `晚班${w.seq()}`, rules: { ...DEFAULT_SCHEDULE_RULES, workStart: '10:00', workEnd: '19:00' }, effectiveFrom: '2026-04-01' }),
  'attendance.schedules.update': async (w) => ({ id: (await newSchedule(w)).id, rules: { ...DEFAULT_SCHEDULE_RULES, lateGraceMinutes: 5 }, effectiveFrom: '2026-05-01' }),
  'attendance.schedules.assign': async (w) => ({ scheduleId: (await newSchedule(w)).id, target: 'group', targetId: w.opsGroupId, effectiveFrom: '2026-04-01' }),
  'attendance.schedules.unassign': async (w) => {
    const s = await ok(w.core, await attendanceOfficer(w), 'attendance.schedules.assign', { scheduleId: (await newSchedule(w)).id, target: 'employee', targetId: w.employeeId, effectiveFrom: '2026-04-01' });
    return { assignmentId: s.assignments[0]!.id };
  },
  'attendance.calendar.year': () => ({ year: 2026 }),
  'attendance.calendar.set': () => ({ date: '2026-12-31', kind: 'holiday', name: '公司年会' }),
  'attendance.calendar.import': () => csv('2027.csv', 'date,kind,name\n2027-01-01,holiday,元旦\n'),
  'attendance.today': () => ({}),
  'attendance.clock': () => ({}),
  'attendance.punches.list': () => ({ pageSize: 5 }),
  'attendance.import.preview': (w) => punchFile(w),
  'attendance.import.commit': (w) => punchFile(w),
  'attendance.import.presets': () => ({}),
  'attendance.import.savePreset': (w) => ({ name: `考勤机${w.seq()}`, mapping: { employeeNo: '人员', dateTime: '时间' } }),
  'attendance.corrections.create': () => ({ date: '2026-02-27', time: '09:00', direction: 'in', reason: '忘记打卡' }),
  'attendance.corrections.list': () => ({}),
  'attendance.leave.create': (w) => {
    const date = freshWorkday(w);
    return { employeeId: w.employeeId, type: 'personal', startDate: date, startHalf: 'am', endDate: date, endHalf: 'am', reason: '办理证件' };
  },
  'attendance.leave.list': () => ({}),
  'attendance.leave.get': async (w) => ({ id: (await newLeave(w)).id }),
  'attendance.leave.cancel': async (w) => ({ id: (await newLeave(w)).id }),
  'attendance.leave.balance': (w) => ({ employeeId: w.employeeId, year: 2026 }),
  'attendance.entitlements.set': (w) => ({ employeeId: w.employeeId, year: 2026, days: 7.5 }),
  'attendance.discipline.create': async (w) => ({ employeeId: (await newEmployee(w)).id, type: 'early', date: '2026-02-25', description: '提前 30 分钟离岗' }),
  'attendance.discipline.list': () => ({}),
  'attendance.discipline.comment': async (w) => ({ id: (await newDiscipline(w)).id, comment: '当天地铁故障' }),
  'attendance.month.report': () => ({ month: '2026-02' }),
  'attendance.month.person': (w) => ({ month: '2026-02', employeeId: w.employeeId }),
  'attendance.month.lock': (w) => ({ month: freshPastMonth(w) }),
  'attendance.month.unlock': async (w) => {
    const month = freshPastMonth(w);
    await ok(w.core, await attendanceOfficer(w), 'attendance.month.lock', { month });
    return { month, reason: '补录病假' };
  },
  'attendance.month.export': () => ({ month: '2026-02' }),
};
