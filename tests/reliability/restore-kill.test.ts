import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/index.js';
import { TEST_COST } from '../../electron/core/modules/auth/passwords.js';
import { TEST_AUDIT_KEY } from '../support/keys.js';
import { ensureBuilt, ROOT } from '../support/build.js';

/**
 * A restore killed with SIGKILL at a random moment (notes/reliability-and-security.md "Backups":
 * kill during restore, 50 runs) must leave the whole old database or the whole new one: after the
 * next start (which rolls back an interrupted swap) the folder opens, passes integrity_check, and
 * holds exactly one of the two states. OPSDESK_RESTORE_KILLS sets the number of runs.
 */
const RUNS = Number(process.env.OPSDESK_RESTORE_KILLS ?? 50);
const BIN = path.join(ROOT, 'bin', 'opsdesk.js');
let work: string;
let template: string;
let backupFile: string;

async function department(dir: string, marker: string): Promise<void> {
  const core = await createCore({ dataDir: dir, passwordCost: TEST_COST, jobs: 'inline', log: () => {}, auditKey: TEST_AUDIT_KEY });
  const init = await core.call('setup.initialize', { departmentName: marker, adminUsername: 'admin', adminPassword: 'Admin-pass-1', withDemoData: true });
  if (!init.ok) throw new Error(JSON.stringify(init.error));
  await core.close();
}

beforeAll(async () => {
  ensureBuilt();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-restore-kill-'));
  template = path.join(work, 'old');
  await department(template, 'STATE-OLD');
  const newer = path.join(work, 'new');
  await department(newer, 'STATE-NEW');
  backupFile = path.join(work, 'new.opsdesk-backup');
  const core = await createCore({ dataDir: newer, passwordCost: TEST_COST, jobs: 'inline', log: () => {}, auditKey: TEST_AUDIT_KEY });
  await core.runInternal('test.backup', null, async (ctx) => {
    const { createBackup } = await import('../../electron/core/modules/backup/service.js');
    return createBackup(ctx, { kind: 'manual', password: null, target: backupFile });
  }, { transaction: false });
  await core.close();
}, 120_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/**
 * Runs a restore and kills it `delayMs` after it started, or (`atSwap`) that long after the swap's
 * journal appeared in the data folder: on a busy machine a restore can take 1 s or 5 s, and a
 * timer alone would rarely land in the few milliseconds of the swap.
 */
function restoreKilled(dir: string, delayMs: number, atSwap: boolean): Promise<{ signal: NodeJS.Signals | null; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--data-dir', dir, 'restore', backupFile, '--json'], { stdio: 'ignore' });
    let timer: NodeJS.Timeout | null = null;
    const kill = () => (timer = setTimeout(() => child.kill('SIGKILL'), delayMs));
    const watcher = atSwap ? fs.watch(dir, (_event, name) => name === 'restore-journal.json' && !timer && kill()) : null;
    if (!atSwap) kill();
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      watcher?.close();
      resolve({ code, signal });
    });
  });
}

describe('a restore killed at any moment', () => {
  it(`leaves the whole old or the whole new database (${RUNS} kills)`, async () => {
    const outcomes = { old: 0, new: 0, killed: 0 };
    for (let run = 0; run < RUNS; run++) {
      const dir = path.join(work, `run-${run}`);
      fs.cpSync(template, dir, { recursive: true });
      // Every other kill is spread over the command (start-up, verification, the check of the
      // restored copy, the pre-restore backup); the others land in the swap or just after it.
      const atSwap = run % 2 === 1;
      const { signal } = await restoreKilled(dir, atSwap ? Math.floor(Math.random() * 8) : 150 + Math.floor(Math.random() * 1600), atSwap);
      if (signal === 'SIGKILL') outcomes.killed++;
      // The next start rolls back an interrupted swap, then the folder must be one state or the other.
      const core = await createCore({ dataDir: dir, passwordCost: TEST_COST, jobs: 'inline', log: () => {}, auditKey: TEST_AUDIT_KEY });
      await core.close();
      const db = new Database(path.join(dir, 'opsdesk.sqlite'), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const name = (db.prepare("SELECT value FROM settings WHERE key = 'department.name'").get() as { value: string }).value;
        const employees = (db.prepare('SELECT COUNT(*) AS n FROM org_employees').get() as { n: number }).n;
        expect(['STATE-OLD', 'STATE-NEW']).toContain(name);
        expect(employees).toBe(25);
        outcomes[name === 'STATE-OLD' ? 'old' : 'new']++;
      } finally {
        db.close();
      }
      expect(fs.existsSync(path.join(dir, 'restore-journal.json'))).toBe(false);
      // The killed command's decrypted copies (work folders) and a moved-aside old database are gone.
      const workFolder = path.join(dir, '.opsdesk-work');
      expect(fs.existsSync(workFolder) ? fs.readdirSync(workFolder) : []).toEqual([]);
      expect(fs.readdirSync(dir).filter((n) => n.includes('.before-restore-'))).toEqual([]);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    console.log(`restore kill -9: ${RUNS} runs (half at the swap), ${outcomes.killed} killed mid-command; afterwards ${outcomes.old} whole old, ${outcomes.new} whole new, 0 mixed`);
    expect(outcomes.old + outcomes.new).toBe(RUNS);
  }, 600_000);
});
