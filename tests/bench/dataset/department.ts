import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../../electron/core/index.js';
import { TEST_COST } from '../../../electron/core/modules/auth/passwords.js';
import { TEST_AUDIT_KEY } from '../../support/keys.js';
import { intBetween, pick, seededRandom } from '../harness/random.js';
import { ATTENDANCE_FILES, generateAttendance } from './attendance.js';

/**
 * The benchmark data set: a deterministic, seeded department, generated once per commit into
 * `.bench-cache/` and copied into a temporary folder for each benchmark file (benchmarks write).
 *
 * - `dept200`: the department the regulations describe, 200 places over ten years (hires in 2016
 *   and later, about a third of the people leave and are replaced, so about 280 records and 200
 *   people at work at any time) with 100,000 audit rows and 100,000 timeline rows of history, and
 *   ten years of attendance (dataset/attendance.ts: about a million punches, 20,000 leave requests).
 * - `org1k`, `org5k`, `org20k`: organisation variants with 1,000 / 5,000 / 20,000 employees and the
 *   same history, for the organisation module's targets.
 *
 * Later modules extend `generate` (punches, leave, tickets, projects) and bump GENERATOR_VERSION.
 * People come in through the real import path; bulk history goes straight into the tables
 * (audit rows through the core's own append, so the chain verifies).
 */
export const GENERATOR_VERSION = 3;
export type DatasetName = 'dept200' | 'org1k' | 'org5k' | 'org20k';

const SIZES: Record<DatasetName, number> = { dept200: 200, org1k: 1000, org5k: 5000, org20k: 20000 };
const HISTORY_ROWS = 100_000;
export const BENCH_ADMIN = { username: 'admin', password: 'Bench-pass-1' };

const GROUPS = ['项目运营组', '数据分析组', '客户服务组'];
const POSITIONS = ['经理', '副经理', '组长', '专员', '分析师', '客服专员', '项目助理', '实习生'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建国红梅琳晨宇浩然子轩欣怡雨涵思远';

export interface Dataset {
  name: DatasetName;
  employees: number;
  /** A private copy of the generated data folder. */
  dataDir: string;
  /** Files generated beside the data (e.g. a punch-machine export to import), shared: read only. */
  files: string;
  open(): Promise<Core>;
  dispose(): void;
}

function repoRoot(): string {
  return path.resolve(import.meta.dirname, '../../..');
}

function commitId(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: repoRoot(), encoding: 'utf8' }).trim();
  } catch {
    return 'nogit';
  }
}

const openCore = (dataDir: string) => createCore({ dataDir, passwordCost: TEST_COST, auditKey: TEST_AUDIT_KEY, log: (message, err) => console.error(`[core] ${message}`, err ?? '') });

/** The data set, generated if this commit has none cached yet, in a private temporary copy. */
export async function dataset(name: DatasetName): Promise<Dataset> {
  const cache = path.join(repoRoot(), '.bench-cache', `${name}-v${GENERATOR_VERSION}-${commitId()}`);
  if (!fs.existsSync(path.join(cache, 'ready'))) {
    fs.rmSync(cache, { recursive: true, force: true });
    fs.mkdirSync(cache, { recursive: true });
    const started = performance.now();
    await generate(cache, name);
    fs.writeFileSync(path.join(cache, 'ready'), new Date().toISOString());
    console.log(`[dataset] generated ${name} in ${((performance.now() - started) / 1000).toFixed(1)} s -> ${cache}`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `opsdesk-bench-${name}-`));
  const files = path.join(cache, ATTENDANCE_FILES);
  fs.cpSync(cache, dataDir, { recursive: true, filter: (from) => from !== files });
  return {
    name,
    employees: SIZES[name],
    dataDir,
    files,
    open: () => openCore(dataDir),
    dispose: () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function must<T>(p: Promise<{ ok: boolean; data?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data as T;
}

export async function signIn(core: Core): Promise<string> {
  return (await must<{ token: string }>(core.call('auth.login', BENCH_ADMIN))).token;
}

function employeeCsv(random: () => number, from: number, to: number): string {
  const lines = ['工号,姓名,性别,岗位,小组,入职日期,电话,邮箱,状态,离职日期'];
  for (let i = from; i < to; i++) {
    const name = `${pick(random, [...SURNAMES])}${pick(random, [...GIVEN])}${random() < 0.7 ? pick(random, [...GIVEN]) : ''}`;
    const hired = new Date(Date.UTC(2016, 0, 1) + intBetween(random, 0, 3650) * 86_400_000);
    const left = random() < 0.25 ? new Date(hired.getTime() + intBetween(random, 60, 1500) * 86_400_000) : null;
    const leftDate = left && left < new Date(Date.UTC(2026, 10, 1)) ? left.toISOString().slice(0, 10) : '';
    lines.push(employeeLine(random, i, name, () => pick(random, GROUPS), hired.toISOString().slice(0, 10), leftDate));
  }
  return lines.join('\n');
}

/** One CSV line; the random draws in the order the first data sets made them (their data stays the same). */
function employeeLine(random: () => number, i: number, name: string, group: () => string, hired: string, leftDate: string): string {
  const phone = `13${intBetween(random, 0, 9)}${String(intBetween(random, 0, 99_999_999)).padStart(8, '0')}`;
  return [`E${String(i + 1).padStart(5, '0')}`, name, random() < 0.5 ? '男' : '女', pick(random, POSITIONS.slice(3)), group(), hired, phone, `e${i + 1}@example.com`, leftDate ? '离职' : '在职', leftDate].join(',');
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * dept200: 200 places, most filled when the department started in 2016, a few added as it grew;
 * about a third of the people leave after a year or more and a successor starts two to eight weeks
 * later. So about 200 people are at work on any day of the ten years (the million punches the
 * issue counts) and employee numbers follow the hire dates.
 */
function departmentCsv(random: () => number, places: number): string {
  const people: { name: string; group: string; hired: number; left: number | null }[] = [];
  const end = Date.UTC(2026, 9, 15);
  for (let place = 0; place < places; place++) {
    const group = pick(random, GROUPS);
    let hired = place < places * 0.95 ? Date.UTC(2016, 0, 4) + intBetween(random, 0, 300) * DAY_MS : Date.UTC(2017, 0, 2) + intBetween(random, 0, 2900) * DAY_MS;
    for (;;) {
      const leaves = random() < 0.3 ? hired + intBetween(random, 365, 3000) * DAY_MS : null;
      const left = leaves !== null && leaves < end ? leaves : null;
      const name = `${pick(random, [...SURNAMES])}${pick(random, [...GIVEN])}${random() < 0.7 ? pick(random, [...GIVEN]) : ''}`;
      people.push({ name, group, hired, left });
      if (left === null) break;
      hired = left + intBetween(random, 10, 42) * DAY_MS;
    }
  }
  people.sort((a, b) => a.hired - b.hired);
  const lines = ['工号,姓名,性别,岗位,小组,入职日期,电话,邮箱,状态,离职日期'];
  people.forEach((p, i) => lines.push(employeeLine(random, i, p.name, () => p.group, isoDay(p.hired), p.left === null ? '' : isoDay(p.left))));
  return lines.join('\n');
}

async function generate(dataDir: string, name: DatasetName): Promise<void> {
  const employees = SIZES[name];
  const random = seededRandom(20_161_001 + employees);
  const core = await openCore(dataDir);
  try {
    await must(core.call('setup.initialize', { departmentName: '运营部', adminUsername: BENCH_ADMIN.username, adminPassword: BENCH_ADMIN.password }));
    const token = await signIn(core);
    for (const title of POSITIONS) await core.call('org.positions.create', { title, level: POSITIONS.indexOf(title) + 1, duties: `${title}岗位职责` }, { token });
    for (const group of GROUPS) await core.call('org.groups.create', { name: group, description: `${group}职责` }, { token });
    // The import takes at most 5,000 rows per file.
    const files: string[] = [];
    if (name === 'dept200') files.push(departmentCsv(random, employees));
    else for (let from = 0; from < employees; from += 5000) files.push(employeeCsv(random, from, Math.min(employees, from + 5000)));
    for (const csv of files) await must(core.call('org.employees.importCommit', { fileName: 'bench.csv', contentBase64: Buffer.from(csv).toString('base64') }, { token }));
    reportingLines(core);
    await history(core, random);
    if (name === 'dept200') await generateAttendance(core, path.join(dataDir, ATTENDANCE_FILES), BENCH_ADMIN.password);
  } finally {
    await core.close();
  }
}

/**
 * Who reports to whom, as the org chart draws it: the first active employee manages the
 * department; in each group the first active member leads it, every tenth one leads a team, and
 * the others report to the team lead before them (leavers keep the group lead). A benchmark
 * fixture written straight into the table; the import has no manager column.
 */
function reportingLines(core: Core): void {
  const raw = core.db.raw;
  const people = raw.prepare("SELECT id, group_id AS groupId, status FROM org_employees ORDER BY employee_no").all() as { id: string; groupId: string | null; status: string }[];
  const setManager = raw.prepare('UPDATE org_employees SET manager_id = ? WHERE id = ?');
  raw.transaction(() => {
    const head = people.find((p) => p.status === 'active')!;
    const lead = new Map<string, string>();
    const team = new Map<string, string>();
    const seen = new Map<string, number>();
    for (const p of people) {
      if (p === head || !p.groupId) continue;
      const groupLead = lead.get(p.groupId);
      if (!groupLead) {
        if (p.status !== 'active') continue;
        lead.set(p.groupId, p.id);
        setManager.run(head.id, p.id);
        continue;
      }
      if (p.status !== 'active') {
        setManager.run(groupLead, p.id);
        continue;
      }
      const n = (seen.get(p.groupId) ?? 0) + 1;
      seen.set(p.groupId, n);
      if (n % 10 === 1) {
        team.set(p.groupId, p.id);
        setManager.run(groupLead, p.id);
      } else setManager.run(team.get(p.groupId)!, p.id);
    }
  })();
}

/** Ten years of audit and timeline rows on the employees' records. */
async function history(core: Core, random: () => number): Promise<void> {
  const ids = (core.db.raw.prepare('SELECT id FROM org_employees').all() as { id: string }[]).map((r) => r.id);
  const start = Date.UTC(2016, 0, 1);
  const step = Math.floor((Date.UTC(2026, 10, 1) - start) / HISTORY_ROWS);
  const insertTimeline = core.db.raw.prepare('INSERT INTO timeline_entries (id, entity, record_id, kind, author_id, at, body, changes_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const timeline = core.db.raw.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const at = new Date(start + i * step).toISOString();
      const comment = random() < 0.6;
      insertTimeline.run(`bench-t-${String(i).padStart(9, '0')}`, 'employee', pick(random, ids), comment ? 'comment' : 'change', null, at, comment ? `跟进记录 #${i}：已电话沟通，确认变更内容。` : null, comment ? null : JSON.stringify({ phone: { from: '13900000000', to: '13900000001' } }));
    }
  });
  for (let i = 0; i < HISTORY_ROWS; i += 20_000) timeline(i, Math.min(HISTORY_ROWS, i + 20_000));
  // Audit rows through the core's own append (one transaction per batch), so the chain verifies.
  const batch = 5000;
  for (let from = 0; from < HISTORY_ROWS; from += batch) {
    await core.runInternal('bench.history', BENCH_ADMIN.username, async (ctx) => {
      for (let i = from; i < Math.min(HISTORY_ROWS, from + batch); i++) {
        await ctx.audit({ entity: 'employee', recordId: pick(random, ids), action: 'update', before: { phone: '13900000000' }, after: { phone: `139${String(i).padStart(8, '0')}` } });
      }
    });
  }
  core.db.raw.pragma('wal_checkpoint(TRUNCATE)');
}
