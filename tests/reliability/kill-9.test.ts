import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/index.js';
import { TEST_COST } from '../../electron/core/modules/auth/passwords.js';
import { TEST_AUDIT_KEY } from '../support/keys.js';
import type { ApiResult } from '../../shared/domain/errors.js';
import { ensureBuilt } from '../support/build.js';
import { builtCore, childScript, removeWorkDir, seededRandom } from './support/scripts.js';

/**
 * Crash safety (issue 3, notes/reliability-and-security.md "SQLite durability"): a writer process
 * on the compiled core is killed with SIGKILL at random moments while it commits writes through
 * core.call. After each kill the data folder must open, pass integrity_check and
 * foreign_key_check, hold every write whose call returned ok, hold each five-row import whole or
 * not at all, and keep an audit hash chain that verifies.
 *
 * Each lane is one data folder that survives all its kills, so later runs start from a database
 * that was recovered after the previous kill. Two lanes run side by side to use both cores.
 *
 * OPSDESK_KILL_RUNS (default 50) kills in all; OPSDESK_KILL_MAX_DELAY_MS (default 4000): the kill
 * comes at a uniformly random moment up to that long after the writer's first 3-10 acknowledged
 * writes; OPSDESK_KILL_SEED replays the kill schedule; OPSDESK_KILL_LANES (default 2) data
 * folders written side by side. The defaults take about 90 s on two cores (~200-300 commits/s per
 * writer with synchronous=FULL, plus ~1 s to start each writer); a longer run, e.g.
 * OPSDESK_KILL_MAX_DELAY_MS=10000, gives the notes' 50 x 1,000 commits.
 */
const RUNS = positiveInt('OPSDESK_KILL_RUNS', 50);
const MAX_DELAY_MS = positiveInt('OPSDESK_KILL_MAX_DELAY_MS', 4000);
const SEED = positiveInt('OPSDESK_KILL_SEED', 1 + Math.floor(Math.random() * 2 ** 31));
const LANES = Math.min(positiveInt('OPSDESK_KILL_LANES', 2), RUNS);
const IMPORT_ROWS = 5;
const ADMIN = { username: 'admin', password: 'Admin-pass-1' };

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not ${raw}`);
  return value;
}

type Kind = 'group' | 'position' | 'reminder' | 'import';

interface Ack {
  kind: Kind;
  key: string;
  /** Record id (group, position, reminder) or the imported count. */
  value: string;
}

interface RunResult {
  acks: Ack[];
  /** The last call started and not acknowledged: in flight when the kill came (or just acknowledged, its line lost). */
  inFlight: { kind: Kind; key: string } | null;
  exitSignal: NodeJS.Signals | null;
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-kill9-'));

beforeAll(() => ensureBuilt(), 120_000);
afterAll(() => {
  removeWorkDir();
  fs.rmSync(root, { recursive: true, force: true });
});

/** A data folder with the department and its administrator, as after first-run setup. */
async function setUpFolder(dir: string): Promise<void> {
  const core = await createCore({ dataDir: dir, passwordCost: TEST_COST, jobs: 'inline', log: () => {}, auditKey: TEST_AUDIT_KEY });
  try {
    const setup = await core.call('setup.initialize', { departmentName: '运营部', adminUsername: ADMIN.username, adminPassword: ADMIN.password, withDemoData: false });
    if (!setup.ok) throw new Error(`setup failed: ${JSON.stringify(setup.error)}`);
  } finally {
    await core.close();
  }
}

/**
 * Starts a writer, waits until it has acknowledged `minAcks` writes, waits `delayMs` more, kills
 * it with SIGKILL and returns what it acknowledged (complete stdout lines only).
 */
function runWriter(dir: string, prefix: string, minAcks: number, delayMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript('writer'), builtCore(), dir, prefix, ADMIN.username, ADMIN.password], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let acked = 0;
    let timer: NodeJS.Timeout | null = null;
    let killed = false;
    const giveUp = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`writer ${prefix} acknowledged ${acked} writes in 30 s; stderr:\n${err}`));
    }, 30_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (timer || killed) return;
      acked += (chunk.match(/^A /gm) ?? []).length;
      if (acked >= minAcks) {
        timer = setTimeout(() => {
          killed = true;
          child.kill('SIGKILL');
        }, delayMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(giveUp);
      if (timer) clearTimeout(timer);
      if (!killed) return reject(new Error(`writer ${prefix} exited by itself (code ${code}, signal ${signal}); stderr:\n${err}`));
      // Only complete lines count: the last one may have been cut by the kill.
      const lines = out.split('\n').slice(0, -1);
      const acks: Ack[] = [];
      let inFlight: RunResult['inFlight'] = null;
      for (const text of lines) {
        const [tag, kind, key, value] = text.split(' ') as [string, Kind, string, string | undefined];
        if (tag === 'T') inFlight = { kind, key };
        else if (tag === 'A') {
          acks.push({ kind, key, value: value ?? '' });
          inFlight = null;
        }
      }
      resolve({ acks, inFlight, exitSignal: signal });
    });
  });
}

const LABEL: Record<Exclude<Kind, 'import'>, string> = { group: '组', position: '岗位', reminder: '提醒' };

/**
 * What the writers left in a database, read in bulk (a lookup per write would scan the audit log
 * tens of thousands of times): record ids by label, import rows per batch, audit rows per record
 * and per import file.
 */
function snapshot(db: Database.Database) {
  const idsByLabel = new Map<string, string[]>();
  const tables: [Exclude<Kind, 'import'>, string][] = [['group', 'SELECT id, name AS label FROM org_groups'], ['position', 'SELECT id, title AS label FROM org_positions'], ['reminder', 'SELECT id, title AS label FROM reminders']];
  for (const [kind, sql] of tables) {
    for (const { id, label } of db.prepare(sql).all() as { id: string; label: string }[]) {
      idsByLabel.set(`${kind}:${label}`, [...(idsByLabel.get(`${kind}:${label}`) ?? []), id]);
    }
  }
  const counts = (sql: string) => new Map((db.prepare(sql).all() as { k: string; n: number }[]).map((r) => [r.k, r.n]));
  return {
    idsByLabel,
    batches: counts("SELECT substr(employee_no, 1, instr(employee_no, '-') - 1) AS k, COUNT(*) AS n FROM org_employees WHERE instr(employee_no, '-') > 0 GROUP BY k"),
    auditByRecord: counts('SELECT record_id AS k, COUNT(*) AS n FROM audit_log WHERE record_id IS NOT NULL GROUP BY record_id'),
    auditByImportFile: counts("SELECT json_extract(after_json, '$.fileName') AS k, COUNT(*) AS n FROM audit_log WHERE method = 'org.employees.importCommit' GROUP BY k"),
    auditRows: (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n,
  };
}
type Snapshot = ReturnType<typeof snapshot>;

/** What one key left: its record or import rows, and the audit rows written with them. */
function footprint(snap: Snapshot, kind: Kind, key: string): { rows: number; audit: number; ids: string[] } {
  if (kind === 'import') return { rows: snap.batches.get(key) ?? 0, audit: snap.auditByImportFile.get(`${key}.csv`) ?? 0, ids: [] };
  const ids = snap.idsByLabel.get(`${kind}:${LABEL[kind]}${key}`) ?? [];
  return { rows: ids.length, audit: ids.reduce((n, id) => n + (snap.auditByRecord.get(id) ?? 0), 0), ids };
}

interface Tally {
  runs: number;
  writes: number;
  losses: number;
  batchesWhole: number;
  batchesBroken: number;
  inFlightCommitted: number;
  inFlightAbsent: number;
  problems: string[];
}

/**
 * Opens the folder as the app would after the crash (a fresh core: recovery, pragmas, schema
 * check) and, beside it, a plain better-sqlite3 connection for the checks.
 */
async function verifyAfterKill(dir: string, run: RunResult, allAcks: Ack[], tally: Tally, label: string): Promise<void> {
  const problem = (text: string) => tally.problems.push(`${label}: ${text}`);
  const core = await createCore({ dataDir: dir, passwordCost: TEST_COST, jobs: 'inline', log: () => {}, auditKey: TEST_AUDIT_KEY });
  try {
    const db = new Database(path.join(dir, 'opsdesk.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
      if (integrity.join() !== 'ok') problem(`integrity_check: ${integrity.slice(0, 5).join('; ')}`);
      const fk = db.pragma('foreign_key_check') as unknown[];
      if (fk.length > 0) problem(`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`);

      const snap = snapshot(db);
      for (const ack of allAcks) {
        const seen = footprint(snap, ack.kind, ack.key);
        const whole = ack.kind === 'import' ? seen.rows === IMPORT_ROWS : seen.rows === 1 && seen.ids[0] === ack.value;
        if (!whole || seen.audit !== 1) {
          tally.losses++;
          problem(`acknowledged ${ack.kind} ${ack.key} (${ack.value}) not found whole: ${JSON.stringify(seen)}`);
        }
      }
      if (run.inFlight) {
        // Whole or absent, and the record only together with its audit row.
        const seen = footprint(snap, run.inFlight.kind, run.inFlight.key);
        const expectedRows = run.inFlight.kind === 'import' ? IMPORT_ROWS : 1;
        if (seen.rows === expectedRows && seen.audit === 1) tally.inFlightCommitted++;
        else if (seen.rows === 0 && seen.audit === 0) tally.inFlightAbsent++;
        else problem(`the ${run.inFlight.kind} ${run.inFlight.key} in flight at the kill is partial: ${JSON.stringify(seen)}`);
      }

      // Every import batch in the folder, from every run: all five rows or none.
      const broken = [...snap.batches].filter(([, n]) => n !== IMPORT_ROWS);
      tally.batchesBroken = broken.length;
      tally.batchesWhole = snap.batches.size - broken.length;
      for (const [batch, n] of broken) problem(`import batch ${batch} has ${n} of ${IMPORT_ROWS} rows`);

      const login = (await core.call('auth.login', ADMIN)) as ApiResult<{ token: string }>;
      if (!login.ok) throw new Error(`login after the kill: ${JSON.stringify(login.error)}`);
      const chain = (await core.call('audit.verify', {}, { token: login.data.token })) as ApiResult<{ ok: boolean; rows: number; firstBrokenSeq: number | null }>;
      if (!chain.ok || !chain.data.ok || chain.data.rows !== snap.auditRows + 1) problem(`audit chain: ${JSON.stringify(chain)} with ${snap.auditRows} rows before the login`);
    } finally {
      db.close();
    }
  } finally {
    await core.close();
  }
}

describe('kill -9 while committing', () => {
  it(`loses no acknowledged write over ${RUNS} kills`, async () => {
    const started = Date.now();
    const random = seededRandom(SEED);
    const lanes = Array.from({ length: LANES }, (_, lane) => ({ dir: path.join(root, `lane${lane}`), runs: [] as number[], acks: [] as Ack[] }));
    for (let run = 0; run < RUNS; run++) lanes[run % LANES]!.runs.push(run);
    // The timings are drawn up front, so a seed replays the same schedule whatever the lanes' order.
    const timing = Array.from({ length: RUNS }, () => ({ minAcks: 3 + Math.floor(random() * 8), delayMs: Math.floor(random() * MAX_DELAY_MS) }));
    const tallies: Tally[] = [];
    const perRun: number[] = [];

    await Promise.all(
      lanes.map(async (lane, laneNo) => {
        const tally: Tally = { runs: 0, writes: 0, losses: 0, batchesWhole: 0, batchesBroken: 0, inFlightCommitted: 0, inFlightAbsent: 0, problems: [] };
        tallies.push(tally);
        await setUpFolder(lane.dir);
        for (const run of lane.runs) {
          const { minAcks, delayMs } = timing[run]!;
          const result = await runWriter(lane.dir, `L${laneNo}r${run}`, minAcks, delayMs);
          expect(result.exitSignal).toBe('SIGKILL');
          tally.runs++;
          tally.writes += result.acks.length;
          perRun.push(result.acks.length);
          lane.acks.push(...result.acks);
          // This run's writes, and again every earlier one: a later recovery must not lose them.
          const last = run === lane.runs[lane.runs.length - 1];
          await verifyAfterKill(lane.dir, result, last ? lane.acks : result.acks, tally, `lane ${laneNo} run ${run} (seed ${SEED}, ${minAcks} acks + ${delayMs} ms)`);
          if (tally.problems.length > 20) break;
        }
      }),
    );

    const sum = (f: (t: Tally) => number) => tallies.reduce((n, t) => n + f(t), 0);
    const total = { runs: sum((t) => t.runs), writes: sum((t) => t.writes), losses: sum((t) => t.losses), batches: sum((t) => t.batchesWhole) };
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`kill -9: ${total.runs} kills, ${total.writes} acknowledged writes, ${total.losses} lost, ${total.batches} batches whole`);
    console.log(
      `kill -9 details: ${LANES} lanes, ${seconds} s, seed ${SEED}, max delay ${MAX_DELAY_MS} ms; in flight at the kill: ` +
        `${sum((t) => t.inFlightCommitted)} committed whole, ${sum((t) => t.inFlightAbsent)} absent; ${sum((t) => t.batchesBroken)} batches partial; ` +
        `acknowledged writes per run: min ${Math.min(...perRun)}, mean ${Math.round(total.writes / Math.max(1, perRun.length))}, max ${Math.max(...perRun)}`,
    );
    expect(tallies.flatMap((t) => t.problems)).toEqual([]);
    expect(total.losses).toBe(0);
    expect(total.runs).toBe(RUNS);
    expect(total.writes).toBeGreaterThan(RUNS * 3);
  });
});
