import { intBetween, pick } from '../harness/random.js';
import { LEAVE_TYPE_NAMES } from '../../../electron/core/modules/attendance/labels.js';

/**
 * The attendance of the benchmark department as plain rows (no database here): who took which
 * leave, who punched when, the corrections of forgotten punches and the discipline cases. One
 * seeded random source drives everything, in a fixed order, so every run makes the same rows.
 *
 * Times are Asia/Shanghai wall times. Shanghai is UTC+8 all year (no daylight saving since 1991),
 * so a wall time is an instant by subtracting 8 hours: plain arithmetic instead of instantAt
 * (shared/domain/attendance/time.ts), which a million punches would spend seconds in.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const H = 3600;
const M = 60;

export interface Day {
  date: string;
  /** The instant of local midnight, in ms. */
  ms: number;
  workday: boolean;
}

export interface Person {
  id: string;
  employeeNo: string;
  name: string;
  gender: string;
  groupName: string;
  /** Indexes into the days: first and last day employed (inclusive). */
  first: number;
  last: number;
  userId: string | null;
  hireDate: string;
  /** How often this person is late / leaves early (some people more than others). */
  lateRate: number;
  earlyRate: number;
  /** Days on approved leave: the halves taken. */
  leave: Map<number, 'am' | 'pm' | 'day'>;
}

export interface Actors {
  hrUserId: string;
  managerUserId: string;
}

/** Rows in the column order of the INSERTs in attendance.ts. */
export interface Rows {
  punches: unknown[][];
  leaves: unknown[][];
  requests: unknown[][];
  steps: unknown[][];
  corrections: unknown[][];
  discipline: unknown[][];
  entitlements: unknown[][];
}

export const emptyRows = (): Rows => ({ punches: [], leaves: [], requests: [], steps: [], corrections: [], discipline: [], entitlements: [] });

/** A UUIDv7-shaped id from a time and a counter: time-ordered like the core's ids, and the same every run. */
let sequence = 0;
export function idAt(ms: number): string {
  const t = Math.max(0, ms).toString(16).padStart(12, '0');
  const s = (++sequence).toString(16).padStart(18, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${s.slice(0, 3)}-8${s.slice(3, 6)}-${s.slice(6, 18)}`;
}
export function resetIds(): void {
  sequence = 0;
}

const iso = (ms: number) => new Date(ms).toISOString();
/** The instant of a local wall time `seconds` after the day's midnight (may run past 24:00). */
const at = (day: Day, seconds: number) => day.ms + seconds * 1000;

export function dayList(from: string, to: string, calendar: ReadonlyMap<string, string>): Day[] {
  const days: Day[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += DAY_MS) {
    const date = new Date(ms).toISOString().slice(0, 10);
    const weekday = new Date(ms).getUTCDay();
    const entry = calendar.get(date);
    const workday = entry === 'holiday' ? false : entry === 'workday' ? true : weekday >= 1 && weekday <= 5;
    days.push({ date, ms: ms - SHANGHAI_OFFSET_MS, workday });
  }
  return days;
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
const exponential = (random: () => number, mean: number) => -Math.log(1 - random()) * mean;
const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, v)));

// ---------- leave ----------

const REASONS: Record<string, string[]> = {
  personal: ['家中有事需要处理', '办理个人证件', '孩子学校家长会', '搬家'],
  sick: ['感冒发烧，需就医', '肠胃不适，医院复查', '牙科治疗'],
  annual: ['年假出游', '回老家探亲', '年假休息'],
  compensatory: ['上月加班调休', '周末值班调休'],
  marriage: ['结婚'],
  bereavement: ['直系亲属丧事'],
  maternity: ['生育'],
  paternity: ['配偶生育，陪产'],
};

function leaveType(random: () => number, gender: string): string {
  const r = random();
  if (r < 0.33) return 'annual';
  if (r < 0.58) return 'personal';
  if (r < 0.78) return 'sick';
  if (r < 0.95) return 'compensatory';
  if (r < 0.97) return 'bereavement';
  if (r < 0.985) return 'marriage';
  return gender === 'female' ? 'maternity' : 'paternity';
}

/** Workdays the leave covers. */
function leaveLength(random: () => number, type: string): number {
  if (type === 'maternity') return intBetween(random, 65, 75);
  if (type === 'paternity') return intBetween(random, 10, 15);
  if (type === 'marriage') return intBetween(random, 3, 10);
  if (type === 'bereavement') return intBetween(random, 1, 3);
  const r = random();
  return r < 0.75 ? 1 : r < 0.94 ? intBetween(random, 2, 3) : intBetween(random, 4, 8);
}

interface LeavePlan {
  status: 'pending' | 'approved' | 'rejected' | 'cancelling' | 'cancelled';
  /** Whether to count it on the person's days (approved, or approved and being cancelled). */
  taken: boolean;
}

function pastStatus(random: () => number): LeavePlan {
  const r = random();
  if (r < 0.86) return { status: 'approved', taken: true };
  if (r < 0.92) return { status: 'rejected', taken: false };
  if (r < 0.995) return { status: 'cancelled', taken: false };
  return { status: 'pending', taken: false };
}

function futureStatus(random: () => number): LeavePlan {
  const r = random();
  if (r < 0.6) return { status: 'pending', taken: false };
  if (r < 0.93) return { status: 'approved', taken: true };
  return { status: 'cancelling', taken: true };
}

/**
 * About ten leave requests a person a year, none overlapping: half days, single days, a few longer
 * ones; decided by the department head through the approvals engine (a request and its step; a
 * cancellation is a second request). `future` leaves (after the history) wait for approval.
 */
export function planLeaves(random: () => number, p: Person, days: Day[], historyEnd: number, actors: Actors, rows: Rows): void {
  const workdays: number[] = [];
  for (let d = p.first; d <= p.last; d++) if (days[d]!.workday) workdays.push(d);
  const inHistory = workdays.filter((d) => d <= historyEnd).length;
  const count = Math.round((inHistory / 245) * 11.5 * (0.6 + 0.8 * random()));
  const busy = new Set<number>();
  const tries = count + (p.last > historyEnd ? 1 : 0);
  for (let n = 0; n < tries; n++) {
    const future = n >= count;
    const pool = future ? workdays.filter((d) => d > historyEnd) : workdays;
    if (pool.length === 0 || (future && random() < 0.3)) continue;
    const type = leaveType(random, p.gender);
    const length = future ? Math.min(leaveLength(random, type), 3) : leaveLength(random, type);
    const startAt = intBetween(random, 0, pool.length - 1);
    const span = pool.slice(startAt, startAt + length);
    if (span.length < length || span.some((d) => busy.has(d)) || (!future && span.at(-1)! > historyEnd)) continue;
    for (const d of span) busy.add(d);
    const half = length === 1 && random() < 0.3 ? (random() < 0.55 ? 'am' : 'pm') : null;
    const startHalf = half ?? (length > 1 && random() < 0.05 ? 'pm' : 'am');
    const endHalf = half ?? (length > 1 && random() < 0.05 ? 'am' : 'pm');
    const plan = future ? futureStatus(random) : pastStatus(random);
    addLeave(random, p, days, span, { type, startHalf, endHalf, plan }, actors, rows);
  }
}

function addLeave(
  random: () => number,
  p: Person,
  days: Day[],
  span: number[],
  l: { type: string; startHalf: string; endHalf: string; plan: LeavePlan },
  actors: Actors,
  rows: Rows,
): void {
  const start = span[0]!;
  const end = span.at(-1)!;
  const halfDays = span.length * 2 - (l.startHalf === 'pm' ? 1 : 0) - (l.endHalf === 'am' ? 1 : 0);
  if (l.plan.taken) {
    for (const d of span) {
      const am = !(d === start && l.startHalf === 'pm');
      const pm = !(d === end && l.endHalf === 'am');
      p.leave.set(d, am && pm ? 'day' : am ? 'am' : 'pm');
    }
  }
  const created = at(days[start]!, 10 * H) - intBetween(random, 1, 10) * DAY_MS + intBetween(random, 0, 7 * H) * 1000;
  const decided = created + intBetween(random, 20 * M, 30 * H) * 1000;
  const status = l.plan.status;
  const id = idAt(created);
  const requester = p.userId ?? actors.hrUserId;
  const updated = status === 'pending' ? created : decided;
  rows.leaves.push([id, p.id, l.type, days[start]!.date, l.startHalf, days[end]!.date, l.endHalf, halfDays, pick(random, REASONS[l.type]!), status, requester, iso(created), iso(updated), status === 'pending' ? 1 : 2]);
  const title = `${p.name} ${(LEAVE_TYPE_NAMES as Record<string, string>)[l.type]} ${days[start]!.date}${end === start ? '' : ` 至 ${days[end]!.date}`}`;
  const withdrawn = status === 'cancelled' && random() < 0.5;
  const submission = status === 'pending' ? 'pending' : status === 'rejected' ? 'rejected' : withdrawn ? 'cancelled' : 'approved';
  approval(rows, { entity: 'leave', recordId: id, title, status: submission, requester, created, decided, manager: actors.managerUserId });
  if (status === 'cancelling' || (status === 'cancelled' && !withdrawn)) {
    const asked = decided + intBetween(random, 1, 5) * DAY_MS;
    approval(rows, { entity: 'leave', recordId: id, title: `撤销 ${title}`, status: status === 'cancelling' ? 'pending' : 'approved', requester, created: asked, decided: asked + 3 * H * 1000, manager: actors.managerUserId });
  }
}

function approval(
  rows: Rows,
  a: { entity: string; recordId: string; title: string; status: string; requester: string; created: number; decided: number; manager: string },
): void {
  const id = idAt(a.created);
  const open = a.status === 'pending';
  rows.requests.push([id, a.entity, a.recordId, a.title, a.status, a.requester, iso(a.created), open ? null : iso(a.decided)]);
  const step = a.status === 'cancelled' ? 'skipped' : a.status;
  const decidedBy = open || a.status === 'cancelled' ? null : a.manager;
  const comment = a.status === 'rejected' ? '与项目上线时间冲突，请调整时间' : null;
  rows.steps.push([idAt(a.created), id, 1, 'manager', null, step, decidedBy, decidedBy ? iso(a.decided) : null, comment]);
}

// ---------- punches ----------

/** Check-in, seconds after local midnight: most before 09:00, some late, a few over the half-day threshold. */
function checkIn(random: () => number, p: Person): number {
  const r = random();
  if (r < 0.0005) return 9 * H + 10 * M; // on the grace boundary: on time
  if (r < 0.001) return 9 * H + 10 * M + 1; // one second later: late
  if (r < 0.0025) return intBetween(random, 11 * H + 10 * M, 12 * H + 40 * M); // half a day absent
  if (random() < p.lateRate) return clamp(9 * H + 10 * M + 1 + exponential(random, 14 * M), 9 * H + 10 * M + 1, 11 * H);
  return clamp(8 * H + 38 * M + normal(random) * 9 * M, 7 * H + 20 * M, 9 * H + 10 * M);
}

/** Check-out: mostly a little after 18:00, some overtime, rarely past midnight, some early. */
function checkOut(random: () => number, p: Person): number {
  const r = random();
  if (r < 0.0005) return 18 * H; // on time to the second
  if (r < 0.001) return 18 * H - 1; // one second early
  if (r < 0.002) return intBetween(random, 24 * H + 10 * M, 27 * H + 30 * M); // after midnight, before the 04:00 boundary
  if (r < 0.06) return intBetween(random, 19 * H + 30 * M, 22 * H + 30 * M);
  if (random() < p.earlyRate) return clamp(18 * H - 1 - exponential(random, 20 * M), 14 * H, 18 * H - 1);
  return clamp(18 * H + Math.abs(normal(random)) * 20 * M, 18 * H, 19 * H + 30 * M);
}

function punchRow(p: Person, day: Day, seconds: number, actors: Actors, correctionId: string | null = null): unknown[] {
  const ms = at(day, seconds);
  if (correctionId) return [idAt(ms), p.id, iso(ms), 'correction', null, null, correctionId, actors.managerUserId, iso(ms + 2 * DAY_MS)];
  // From 2025 people with an account clock in the app; before, and without one, the machine's export.
  const app = p.userId !== null && day.date >= '2025-01-01';
  return app ? [idAt(ms), p.id, iso(ms), 'app', null, null, null, p.userId, iso(ms)] : [idAt(ms), p.id, iso(ms), 'import', '1', null, null, actors.hrUserId, iso(day.ms + DAY_MS + 9.5 * H * 1000)];
}

const DISCIPLINE_TEXT: Record<string, string> = {
  late: '上班迟到超过半小时，未提前报备。',
  early: '未经批准提前离岗。',
  absent: '无故缺勤一天，未请假。',
  offTask: '工作时间处理与工作无关的事务。',
  process: '未按流程提交项目变更单。',
  insubordination: '不服从组长的工作安排。',
  other: '违反部门保密和办公规定。',
};

function discipline(random: () => number, p: Person, day: Day, type: string, actors: Actors, rows: Rows): void {
  const created = at(day, 17 * H) + intBetween(random, 0, 3) * DAY_MS;
  const comment = random() < 0.2 ? '已知悉，今后注意。' : null;
  rows.discipline.push([idAt(created), p.id, type, day.date, DISCIPLINE_TEXT[type], actors.managerUserId, comment, comment ? iso(created + DAY_MS) : null, iso(created), iso(comment ? created + DAY_MS : created)]);
}

/** A forgotten punch, sometimes fixed by a correction request (补卡): approved, rejected or still waiting. */
function correction(random: () => number, p: Person, day: Day, direction: 'in' | 'out', seconds: number, recent: boolean, actors: Actors, rows: Rows): void {
  if (random() >= 0.35) return;
  const time = `${String(Math.floor(seconds / H)).padStart(2, '0')}:${String(Math.floor((seconds % H) / M)).padStart(2, '0')}`;
  const created = at(day, 20 * H) + intBetween(random, 0, 2) * DAY_MS;
  const status = recent ? 'pending' : random() < 0.85 ? 'approved' : 'rejected';
  const id = idAt(created);
  const punch = status === 'approved' ? punchRow(p, day, seconds, actors, id) : null;
  const requester = p.userId ?? actors.hrUserId;
  rows.corrections.push([id, p.id, day.date, time, direction, direction === 'in' ? '早上忘记打卡' : '下班忘记打卡', status, punch ? punch[0] : null, requester, iso(created), iso(status === 'pending' ? created : created + DAY_MS)]);
  if (punch) rows.punches.push(punch);
  approval(rows, { entity: 'punchCorrection', recordId: id, title: `${p.name} 补卡 ${day.date} ${time}`, status, requester, created, decided: created + DAY_MS, manager: actors.managerUserId });
}

/**
 * One person's workday: a check-in and a check-out with their noise (late, early, a forgotten
 * punch, a double punch on the machine, now and then a whole day absent); a half-day leave moves
 * the punches to the other half.
 */
export function workday(random: () => number, p: Person, d: number, day: Day, recent: boolean, actors: Actors, rows: Rows): void {
  const leave = p.leave.get(d);
  if (leave === 'day') return;
  if (!leave && random() < 0.003) {
    if (random() < 0.4) discipline(random, p, day, 'absent', actors, rows);
    return;
  }
  const inAt = leave === 'am' ? clamp(12 * H + 50 * M + normal(random) * 4 * M, 12 * H + 30 * M, 13 * H + 10 * M) : checkIn(random, p);
  const outAt = leave === 'pm' ? clamp(12 * H + Math.abs(normal(random)) * 5 * M, 12 * H, 12 * H + 30 * M) : checkOut(random, p);
  const r = random();
  const forgot = r < 0.01 ? 'in' : r < 0.022 ? 'out' : null;
  if (forgot !== 'in') rows.punches.push(punchRow(p, day, inAt, actors));
  if (forgot !== 'in' && random() < 0.025) rows.punches.push(punchRow(p, day, inAt + intBetween(random, 2, 45), actors));
  if (forgot !== 'out' && outAt > inAt + 60) {
    rows.punches.push(punchRow(p, day, outAt, actors));
    if (random() < 0.008) rows.punches.push(punchRow(p, day, outAt + intBetween(random, 3, 30), actors));
  }
  // The corrected time is the schedule's (09:00 / 18:00; 13:00 / 12:00 beside a half-day leave).
  if (forgot === 'in') correction(random, p, day, 'in', leave === 'am' ? 13 * H : 9 * H, recent, actors, rows);
  if (forgot === 'out') correction(random, p, day, 'out', leave === 'pm' ? 12 * H : 18 * H, recent, actors, rows);
  if (inAt > 9 * H + 40 * M && inAt < 11 * H && random() < 0.05) discipline(random, p, day, 'late', actors, rows);
  if (outAt < 17 * H + 30 * M && !leave && random() < 0.05) discipline(random, p, day, 'early', actors, rows);
  if (random() < 0.0002) discipline(random, p, day, pick(random, ['offTask', 'process', 'insubordination', 'other']), actors, rows);
}

/** Overtime on a weekend or a holiday now and then: kept and shown, counted nowhere. */
export function restDay(random: () => number, p: Person, day: Day, actors: Actors, rows: Rows): void {
  if (random() >= 0.012) return;
  rows.punches.push(punchRow(p, day, intBetween(random, 9 * H + 30 * M, 11 * H), actors));
  rows.punches.push(punchRow(p, day, intBetween(random, 15 * H, 18 * H + 30 * M), actors));
}

/** Statutory annual leave by full years of service on 1 January (1–9: 5 days, 10–19: 10, 20+: 15). */
function statutoryDays(hireDate: string, year: number): number {
  const [y, m, d] = hireDate.split('-').map(Number) as [number, number, number];
  const years = year - y - (m > 1 || d > 1 ? 1 : 0);
  return years < 1 ? 0 : years < 10 ? 5 : years < 20 ? 10 : 15;
}

/** HR's own figure for some people in some years (a few days above the statutory one). */
export function entitlements(random: () => number, p: Person, days: Day[], rows: Rows): void {
  const firstYear = Number(days[p.first]!.date.slice(0, 4));
  const lastYear = Number(days[p.last]!.date.slice(0, 4));
  for (let year = firstYear; year <= lastYear; year++) {
    if (random() >= 0.08) continue;
    const halfDays = (statutoryDays(p.hireDate, year) + intBetween(random, 1, 3)) * 2;
    rows.entitlements.push([p.id, year, halfDays, `${year}-01-05T02:00:00.000Z`]);
  }
}
