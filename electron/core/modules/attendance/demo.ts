import { In } from 'typeorm';
import type { DayHalf, LeaveType } from '../../../../shared/domain/attendance/types.js';
import { isWorkday } from '../../../../shared/domain/attendance/rules.js';
import { addDays, datesBetween, instantAt, todayIn } from '../../../../shared/domain/attendance/time.js';
import type { Actor, Ctx } from '../../kernel/context.js';
import { decide } from '../../kernel/approvals.js';
import { sqlFor } from '../../db/sql.js';
import { loadActor } from '../auth/actor.js';
import { UserEntity } from '../auth/entities.js';
import { EmployeeEntity } from '../org/entities.js';
import { setEntitlement } from './balance.js';
import { calendarEntries } from './calendar.js';
import { createCorrection } from './corrections.js';
import { commentDiscipline, createDiscipline } from './discipline.js';
import { cancelLeave, createLeave } from './leave.js';
import { defaultRulesOn } from './schedules.js';
import { departmentTimeZone } from './settings.js';

/**
 * The demo department's attendance (called by setup's seedDemo after the org demo): the last three
 * months of punches for its 25 people up to yesterday (mostly on time, some late, early or
 * forgotten), a few leave requests in every state, a correction waiting for the manager, two
 * discipline records (one commented by the employee) and an annual-leave figure set by HR.
 *
 * Requests go through the module's own handlers and the approvals engine, acting as the people
 * who would make them (HR files leave for colleagues without an account, the manager decides),
 * so they carry their approval requests, timelines, notifications and audit rows. The punches
 * are bulk data: multi-row INSERTs on either engine, with one audit row for the lot; their times
 * vary by a small seeded generator, so every demo department looks the same for the same day.
 */

interface DemoPerson {
  id: string;
  no: string;
  hireDate: string;
  userId: string | null;
}

/** Leave requests of the demo, by employee number, at today's workdays (-1: the last before today, 1: the next); filed by HR unless `by`. */
const LEAVES: { no: string; type: LeaveType; from: number; days: number; half?: DayHalf; by?: 'staff1'; outcome: 'approve' | 'reject' | 'withdraw' | 'pending' | 'cancelling'; reason: string }[] = [
  { no: 'YY021', type: 'compensatory', from: -40, days: 1, outcome: 'approve', reason: '元旦值班调休' },
  { no: 'YY008', type: 'annual', from: -30, days: 2, outcome: 'approve', reason: '回老家探亲' },
  { no: 'YY013', type: 'sick', from: -12, days: 1, outcome: 'approve', reason: '感冒发烧，医院就诊' },
  { no: 'YY018', type: 'personal', from: -5, days: 1, half: 'pm', outcome: 'approve', reason: '办理个人证件' },
  { no: 'YY019', type: 'personal', from: 3, days: 1, outcome: 'reject', reason: '家中有事' },
  { no: 'YY009', type: 'annual', from: 4, days: 2, outcome: 'pending', reason: '年假出游' },
  { no: 'YY014', type: 'personal', from: 5, days: 1, outcome: 'withdraw', reason: '搬家' },
  { no: 'YY007', type: 'personal', from: 7, days: 1, half: 'am', by: 'staff1', outcome: 'pending', reason: '孩子学校家长会' },
  { no: 'YY020', type: 'annual', from: 10, days: 1, outcome: 'cancelling', reason: '年假休息' },
];

/** staff3 (林峰) was late once and comments on the record; staff1 (孙浩) forgot a check-out and asks for a correction. */
const LATE_NO = 'YY017';
const LATE_DAY = -8;
const FORGOT_NO = 'YY007';
const FORGOT_DAY = -3;

/** mulberry32: the same demo for the same seed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The same day `n` months earlier (the month's last day when it has no such day). */
function monthsBefore(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 - n, 1));
  const days = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return `${first.toISOString().slice(0, 8)}${String(Math.min(d, days)).padStart(2, '0')}`;
}

const between = (random: () => number, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const H = 3600;
const M = 60;

export async function seedAttendanceDemo(ctx: Ctx): Promise<{ punches: number; leaves: number }> {
  const timeZone = await departmentTimeZone(ctx.manager);
  const today = todayIn(timeZone, ctx.now);
  const people = await demoPeople(ctx);
  const byNo = new Map(people.map((p) => [p.no, p]));
  const workdays = await workdaysAround(ctx, addDays(today, -92), addDays(today, 40));
  const past = workdays.filter((d) => d < today);
  const future = workdays.filter((d) => d > today);
  const dayAt = (n: number) => (n < 0 ? past[past.length + n] : future[n - 1]);
  const as = await actors(ctx, people);

  const onLeave = new Map<string, DayHalf | 'day'>();
  for (const l of LEAVES) {
    const person = byNo.get(l.no);
    const start = dayAt(l.from);
    const end = dayAt(l.from + l.days - 1);
    if (!person || !start || !end || start < person.hireDate) continue;
    if (l.outcome === 'approve' || l.outcome === 'cancelling') for (let i = 0; i < l.days; i++) onLeave.set(`${l.no} ${dayAt(l.from + i)}`, l.half ?? 'day');
    await leaveRequest(ctx, as, person, { ...l, start, end });
  }

  const start = monthsBefore(today, 3);
  const punches = punchRows(ctx, people, past.filter((d) => d >= start), timeZone, onLeave, as.hr.userId, { late: `${LATE_NO} ${dayAt(LATE_DAY)}`, forgot: `${FORGOT_NO} ${dayAt(FORGOT_DAY)}` });
  await insertPunches(ctx, punches);
  await ctx.audit({ entity: 'punch', recordId: null, action: 'seedDemo', after: { punches: punches.length, from: start, to: addDays(today, -1) } });

  await extras(ctx, as, byNo, { lateDay: dayAt(LATE_DAY), forgotDay: dayAt(FORGOT_DAY), year: Number(today.slice(0, 4)) });
  return { punches: punches.length, leaves: LEAVES.length };
}

async function demoPeople(ctx: Ctx): Promise<DemoPerson[]> {
  const employees = await ctx.manager.getRepository(EmployeeEntity).find({ order: { employeeNo: 'ASC' } });
  const users = await ctx.manager.getRepository(UserEntity).find({ where: { employeeId: In(employees.map((e) => e.id)) } });
  return employees.map((e) => ({ id: e.id, no: e.employeeNo, hireDate: e.hireDate, userId: users.find((u) => u.employeeId === e.id)?.id ?? null }));
}

/** The default schedule's workdays by the department's calendar. */
async function workdaysAround(ctx: Ctx, from: string, to: string): Promise<string[]> {
  const calendar = await calendarEntries(ctx.manager, from, to);
  const rulesOn = await defaultRulesOn(ctx.manager);
  return datesBetween(from, to).filter((d) => isWorkday(d, rulesOn(d), calendar.get(d)));
}

type Actors = Record<'hr' | 'manager' | 'staff1' | 'staff3', Actor>;

/** The demo's accounts as the handlers see a signed-in user. */
async function actors(ctx: Ctx, people: DemoPerson[]): Promise<Actors> {
  const users = await ctx.manager.getRepository(UserEntity).find({ where: { username: In(['hr', 'manager', 'staff1', 'staff3']) } });
  const load = async (username: string) => {
    const user = users.find((u) => u.username === username);
    const actor = user ? await loadActor(ctx.manager, user.id) : null;
    if (!actor) throw new Error(`the org demo has no account ${username} (${people.length} people)`);
    return actor;
  };
  return { hr: await load('hr'), manager: await load('manager'), staff1: await load('staff1'), staff3: await load('staff3') };
}

const acting = (ctx: Ctx, actor: Actor): Ctx => ({ ...ctx, actor });

/** One leave request as the employee or HR files it, then the manager's decision or the employee's withdrawal. */
async function leaveRequest(ctx: Ctx, as: Actors, person: DemoPerson, l: (typeof LEAVES)[number] & { start: string; end: string }): Promise<void> {
  const filer = acting(ctx, l.by ? as[l.by] : as.hr);
  const manager = acting(ctx, as.manager);
  const half = l.half ?? null;
  const leave = await createLeave(filer, {
    employeeId: person.id,
    type: l.type,
    startDate: l.start,
    startHalf: half ?? 'am',
    endDate: l.end,
    endHalf: half ?? 'pm',
    reason: l.reason,
  });
  if (l.outcome === 'pending') return;
  if (l.outcome === 'withdraw') {
    await cancelLeave(filer, { id: leave.id, reason: '计划有变' });
    return;
  }
  const reject = l.outcome === 'reject';
  await decide(manager, { requestId: leave.approvalRequestId!, decision: reject ? 'reject' : 'approve', ...(reject ? { comment: '项目上线周，请改期' } : {}) });
  if (l.outcome === 'cancelling') await cancelLeave(filer, { id: leave.id, reason: '行程取消' });
}

interface Special {
  late: string;
  forgot: string;
}

/** Shanghai has no daylight saving; elsewhere the day's offset at noon is used for all its punches (a demo). */
function punchRows(ctx: Ctx, people: DemoPerson[], dates: string[], timeZone: string, onLeave: Map<string, DayHalf | 'day'>, hrUserId: string, special: Special): unknown[][] {
  const rows: unknown[][] = [];
  const random = generator(20_260_302);
  for (const date of dates) {
    const base = Date.parse(instantAt(date, '12:00', timeZone)) - 12 * H * 1000;
    for (const p of people) {
      if (date < p.hireDate) continue;
      const key = `${p.no} ${date}`;
      const leave = onLeave.get(key);
      if (leave === 'day') continue;
      const r = random();
      if (!leave && r < 0.008) continue; // absent
      let inAt = leave === 'am' ? between(random, 12 * H + 45 * M, 12 * H + 58 * M) : random() < 0.06 ? between(random, 9 * H + 11 * M, 9 * H + 45 * M) : between(random, 8 * H + 25 * M, 9 * H + 8 * M);
      const outAt = leave === 'pm' ? between(random, 12 * H, 12 * H + 10 * M) : random() < 0.04 ? between(random, 17 * H + 15 * M, 17 * H + 58 * M) : between(random, 18 * H, 18 * H + 50 * M);
      if (key === special.late) inAt = 9 * H + 42 * M + 10;
      const forgot = key === special.forgot ? 'out' : r > 0.985 ? 'in' : r > 0.97 ? 'out' : null;
      const app = p.userId !== null;
      for (const [seconds, side] of [[inAt, 'in'], [outAt, 'out']] as const) {
        if (forgot === side) continue;
        const ms = base + seconds * 1000;
        const at = new Date(ms).toISOString();
        rows.push(app ? [ctx.services.newId(), p.id, at, 'app', null, null, null, p.userId, at] : [ctx.services.newId(), p.id, at, 'import', '1', null, null, hrUserId, new Date(ms + 86_400_000).toISOString()]);
      }
    }
  }
  return rows;
}

const PUNCH_COLUMNS = 'INSERT INTO att_punches (id, employee_id, punched_at, source, device, direction, correction_id, created_by, created_at) VALUES ';
/** 300 rows of 9 values: well inside both engines' limits on bound values per statement. */
const ROWS_PER_INSERT = 300;

async function insertPunches(ctx: Ctx, rows: unknown[][]): Promise<void> {
  const sql = sqlFor(ctx.manager);
  const one = '(?, ?, ?, ?, ?, ?, ?, ?, ?)';
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    await sql.run(PUNCH_COLUMNS + chunk.map(() => one).join(', '), chunk.flat() as (string | null)[]);
  }
}

/** The correction, the discipline records and HR's entitlement. */
async function extras(ctx: Ctx, as: Actors, byNo: Map<string, DemoPerson>, at: { lateDay: string | undefined; forgotDay: string | undefined; year: number }): Promise<void> {
  const staff1 = byNo.get(FORGOT_NO);
  if (staff1 && at.forgotDay) {
    await createCorrection(acting(ctx, as.staff1), { employeeId: staff1.id, date: at.forgotDay, time: '18:05', direction: 'out', reason: '下班时手机没电，忘记打卡' });
  }
  const manager = acting(ctx, as.manager);
  const late = byNo.get(LATE_NO);
  if (late && at.lateDay) {
    const record = await createDiscipline(manager, { employeeId: late.id, type: 'late', date: at.lateDay, description: '上班迟到42分钟，未提前向组长报备。' });
    await commentDiscipline(acting(ctx, as.staff3), { id: record.id, comment: '当天地铁故障，已补交说明，今后提前出门。' });
  }
  const offTask = byNo.get('YY016');
  if (offTask && at.lateDay) {
    await createDiscipline(manager, { employeeId: offTask.id, type: 'offTask', date: at.lateDay, description: '工作时间长时间浏览购物网站，经提醒后改正。' });
  }
  const lead = byNo.get('YY004');
  if (lead) await setEntitlement(acting(ctx, as.hr), { employeeId: lead.id, year: at.year, days: 7 });
}
