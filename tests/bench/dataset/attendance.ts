import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Core } from '../../../electron/core/index.js';
import { createUser } from '../../../electron/core/modules/auth/service.js';
import { hashPassword, TEST_COST } from '../../../electron/core/modules/auth/passwords.js';
import { intBetween, seededRandom } from '../harness/random.js';
import { dayList, emptyRows, entitlements, planLeaves, resetIds, restDay, workday, type Actors, type Day, type Person, type Rows } from './attendance-model.js';

/**
 * Ten years of attendance for the benchmark department (dept200, tests/bench/dataset/department.ts):
 * about a million punches (two a workday, late, early, forgotten and double punches), 20,000
 * leave requests in every state with their approval requests, corrections of forgotten punches
 * and discipline records, from 2016-11-01 to 2026-10-31 (leave requests waiting for approval
 * run into December 2026). Deterministic from its seed. Written with prepared statements in big
 * transactions straight into the tables (a benchmark fixture, not an app path: no audit rows);
 * PostgreSQL gets the same rows through migrate-data's multi-row INSERTs
 * (tests/bench/attendance.bench.ts). The calendar is the migration's built-in one.
 *
 * Also written, beside the data folder (`ATTENDANCE_FILES`): a punch machine's .xlsx export of
 * 100,000 punches for the import benchmark (`IMPORT_XLSX`).
 */
export const ATTENDANCE_FROM = '2016-11-01';
export const ATTENDANCE_TO = '2026-10-31';
const FUTURE_TO = '2026-12-31';
export const ATTENDANCE_FILES = 'bench-files';
export const IMPORT_XLSX = 'punches-100k.xlsx';
export const IMPORT_ROWS = 100_000;
/** Accounts the benchmarks act as: HR (department scope) and one staff account per clock-in. */
export const BENCH_HR = 'hr';
export const BENCH_MANAGER = 'manager';
export const CLOCK_ACCOUNTS = 150;
export const clockAccount = (n: number) => `clock${String(n).padStart(3, '0')}`;

interface EmployeeRow {
  id: string;
  employee_no: string;
  name: string;
  gender: string;
  group_name: string | null;
  hire_date: string;
  left_date: string | null;
}

const INSERTS: Record<keyof Rows, string> = {
  punches: 'INSERT INTO att_punches (id, employee_id, punched_at, source, device, direction, correction_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  leaves:
    'INSERT INTO att_leaves (id, employee_id, type, start_date, start_half, end_date, end_half, half_days, reason, status, requested_by, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  requests: 'INSERT INTO approval_requests (id, entity, record_id, title, status, requested_by, created_at, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  steps: 'INSERT INTO approval_steps (id, request_id, seq, approver_role, approver_user_id, status, decided_by, decided_at, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  corrections: 'INSERT INTO att_corrections (id, employee_id, work_date, time, direction, reason, status, punch_id, requested_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  discipline:
    'INSERT INTO att_discipline (id, employee_id, type, date, description, recorded_by, employee_comment, commented_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  entitlements: 'INSERT INTO att_leave_entitlements (employee_id, year, half_days, updated_at) VALUES (?, ?, ?, ?)',
};

export async function generateAttendance(core: Core, filesDir: string, password: string): Promise<void> {
  const random = seededRandom(20_161_101);
  resetIds();
  const raw = core.db.raw;
  const employees = raw.prepare('SELECT e.id, e.employee_no, e.name, e.gender, g.name AS group_name, e.hire_date, e.left_date FROM org_employees e LEFT JOIN org_groups g ON g.id = e.group_id ORDER BY e.employee_no').all() as EmployeeRow[];
  const { actors, accounts } = await benchAccounts(core, employees, password);
  const calendar = new Map((raw.prepare('SELECT date, kind FROM att_calendar_days').all() as { date: string; kind: string }[]).map((r) => [r.date, r.kind]));
  const days = dayList(ATTENDANCE_FROM, FUTURE_TO, calendar);
  const historyEnd = days.findIndex((d) => d.date === ATTENDANCE_TO);
  const people = employees.flatMap((e) => person(random, e, days, historyEnd, accounts.get(e.id) ?? null));
  const rows = emptyRows();
  for (const p of people) planLeaves(random, p, days, historyEnd, actors, rows);
  for (const p of people) entitlements(random, p, days, rows);
  const recentFrom = historyEnd - 20;
  for (let d = 0; d <= historyEnd; d++) {
    const day = days[d]!;
    for (const p of people) {
      if (d < p.first || d > p.last) continue;
      if (day.workday) workday(random, p, d, day, d > recentFrom, actors, rows);
      else restDay(random, p, day, actors, rows);
    }
  }
  insertRows(core, rows);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  const counts = Object.entries(rows).map(([table, list]) => `${list.length} ${table}`).join(', ');
  console.log(`[dataset] attendance ${ATTENDANCE_FROM}..${ATTENDANCE_TO} for ${people.length} people: ${counts}`);
  fs.mkdirSync(filesDir, { recursive: true });
  await writeImportFile(path.join(filesDir, IMPORT_XLSX), people, days, historyEnd, seededRandom(20_261_031));
}

function person(random: () => number, e: EmployeeRow, days: Day[], historyEnd: number, userId: string | null): Person[] {
  const first = Math.max(0, days.findIndex((d) => d.date >= e.hire_date));
  const leftAt = e.left_date ? days.findIndex((d) => d.date > e.left_date!) - 1 : days.length - 1;
  const last = leftAt < 0 ? -1 : Math.min(leftAt, e.left_date ? historyEnd : days.length - 1);
  if (e.hire_date > days[historyEnd]!.date || last < first) return [];
  const lateRate = 0.01 + random() * random() * 0.1;
  const earlyRate = 0.005 + random() * random() * 0.05;
  return [{ id: e.id, employeeNo: e.employee_no, name: e.name, gender: e.gender, groupName: e.group_name ?? '', first, last, userId, hireDate: e.hire_date, lateRate, earlyRate, leave: new Map() }];
}

/**
 * HR (department scope), the department head (decides the approvals; the first active employee,
 * as the reporting lines have it) and CLOCK_ACCOUNTS staff accounts linked to active employees,
 * through the core's own account code (audited), passwords already changed.
 */
async function benchAccounts(core: Core, employees: EmployeeRow[], password: string): Promise<{ actors: Actors; accounts: Map<string, string> }> {
  const active = employees.filter((e) => !e.left_date);
  const hash = await hashPassword(password, TEST_COST);
  return core.runInternal('bench.accounts', null, async (ctx) => {
    const make = async (username: string, e: EmployeeRow, roles: ('hr' | 'manager' | 'staff')[]) =>
      (await createUser(ctx, { username, displayName: e.name, password, roles, employeeId: e.id, mustChangePassword: false }, 'password', hash)).id;
    const managerUserId = await make(BENCH_MANAGER, active[0]!, ['manager']);
    const hrUserId = await make(BENCH_HR, active[1]!, ['hr']);
    const accounts = new Map<string, string>([
      [active[0]!.id, managerUserId],
      [active[1]!.id, hrUserId],
    ]);
    for (let n = 1; n <= CLOCK_ACCOUNTS; n++) {
      const e = active[n + 1]!;
      accounts.set(e.id, await make(clockAccount(n), e, ['staff']));
    }
    return { actors: { hrUserId, managerUserId }, accounts };
  });
}

function insertRows(core: Core, rows: Rows): void {
  const raw = core.db.raw;
  for (const table of Object.keys(INSERTS) as (keyof Rows)[]) {
    const insert = raw.prepare(INSERTS[table]);
    const batch = raw.transaction((list: unknown[][]) => {
      for (const row of list) insert.run(...row);
    });
    const list = rows[table];
    for (let i = 0; i < list.length; i += 100_000) batch(list.slice(i, i + 100_000));
  }
}

const two = (n: number) => String(n).padStart(2, '0');
const wallTime = (s: number) => `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;

/**
 * The second punch machine (machine 2, at the canteen door) of the last year, as its standard
 * ZKTeco export (部门, 姓名, 考勤号码, 日期时间, 机器号): two punches a person a workday over lunch,
 * newest days first until IMPORT_ROWS, written in time order. They fall between the day's
 * check-in and check-out, so they change only days with a forgotten punch.
 */
async function writeImportFile(file: string, people: Person[], days: Day[], historyEnd: number, random: () => number): Promise<void> {
  const picked: { day: Day; p: Person; seconds: number }[] = [];
  for (let d = historyEnd; d >= 0 && picked.length < IMPORT_ROWS; d--) {
    const day = days[d]!;
    if (!day.workday) continue;
    for (const p of people) {
      if (d < p.first || d > p.last || p.leave.has(d) || picked.length >= IMPORT_ROWS) continue;
      picked.push({ day, p, seconds: intBetween(random, 12 * 3600 + 60, 12 * 3600 + 25 * 60) });
      if (picked.length < IMPORT_ROWS) picked.push({ day, p, seconds: intBetween(random, 12 * 3600 + 35 * 60, 12 * 3600 + 59 * 60) });
    }
  }
  picked.sort((a, b) => a.day.ms + a.seconds * 1000 - (b.day.ms + b.seconds * 1000));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const sheet = book.addWorksheet('考勤记录');
  sheet.addRow(['部门', '姓名', '考勤号码', '日期时间', '机器号']).commit();
  for (const { day, p, seconds } of picked) sheet.addRow([p.groupName, p.name, p.employeeNo, `${day.date} ${wallTime(seconds)}`, 2]).commit();
  await book.commit();
}
