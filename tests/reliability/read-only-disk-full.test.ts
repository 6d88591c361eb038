import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type SpawnOptions } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/index.js';
import { TEST_COST } from '../../electron/core/modules/auth/passwords.js';
import { TEST_AUDIT_KEY } from '../support/keys.js';
import type { ApiResult } from '../../shared/domain/errors.js';
import { ensureBuilt } from '../support/build.js';
import { builtCore, childScript, removeWorkDir } from './support/scripts.js';
import type { ProbeReport } from './support/read-only-probe.js';

/**
 * A full disk and a read-only data folder (notes "SQLite durability": clear error, no partial
 * rows). A write that cannot be stored must come back as an error envelope (INTERNAL with
 * error.diskFull / error.readOnly, which the UI explains) and leave nothing behind: not part of a
 * multi-row transaction, not an audit row, not a failed-login count.
 */
const ADMIN = { username: 'admin', password: 'Admin-pass-1' };
const IMPORT_HEADER = ['工号', '姓名', '性别', '岗位', '小组', '直属上级', '入职日期', '电话', '邮箱', '状态', '离职日期'];
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-full-ro-'));
// The read-only probe may run as another user, who must be able to reach the data folders.
fs.chmodSync(root, 0o755);
const cores: Core[] = [];

beforeAll(() => ensureBuilt(), 120_000);
afterAll(async () => {
  for (const core of cores.splice(0)) await core.close().catch(() => {});
  removeWorkDir();
  // Give the folders back to their owner and mode before removing them.
  for (const entry of fs.readdirSync(root)) fs.chmodSync(path.join(root, entry), 0o755);
  fs.rmSync(root, { recursive: true, force: true });
});

let folders = 0;
async function initialisedCore(): Promise<{ core: Core; dir: string; token: string }> {
  const dir = path.join(root, `d${folders++}`);
  const core = await createCore({ dataDir: dir, passwordCost: TEST_COST, jobs: 'inline', log: () => {}, auditKey: TEST_AUDIT_KEY });
  cores.push(core);
  const setup = await core.call('setup.initialize', { departmentName: '运营部', adminUsername: ADMIN.username, adminPassword: ADMIN.password, withDemoData: false });
  if (!setup.ok) throw new Error(JSON.stringify(setup.error));
  const login = (await core.call('auth.login', ADMIN)) as ApiResult<{ token: string }>;
  if (!login.ok) throw new Error(JSON.stringify(login.error));
  return { core, dir, token: login.data.token };
}

function importFile(prefix: string, rows: number) {
  const lines = [IMPORT_HEADER, ...Array.from({ length: rows }, (_, i) => [`${prefix}-${i + 1}`, `员工${prefix}-${i + 1}`, '女', '', '', '', '2024-03-01', '13800000000', `${prefix}.${i + 1}@example.com`, '在职', ''])];
  return { fileName: `${prefix}.csv`, contentBase64: Buffer.from(lines.map((l) => l.join(',')).join('\r\n') + '\r\n', 'utf8').toString('base64') };
}

const scalar = (core: Core, sql: string, ...params: unknown[]) => (core.db.raw.prepare(sql).get(...params) as { n: number }).n;
/** Rows changed by this connection since it opened, including changes later rolled back. */
const totalChanges = (core: Core) => scalar(core, 'SELECT total_changes() AS n');
const employeesLike = (core: Core, prefix: string) => scalar(core, 'SELECT COUNT(*) AS n FROM org_employees WHERE employee_no LIKE ?', `${prefix}-%`);
const auditRows = (core: Core) => scalar(core, 'SELECT COUNT(*) AS n FROM audit_log');

async function verifyChain(core: Core, token: string): Promise<void> {
  expect(await core.call('audit.verify', {}, { token })).toMatchObject({ ok: true, data: { ok: true, firstBrokenSeq: null } });
  expect(core.db.raw.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(core.db.raw.pragma('foreign_key_check')).toEqual([]);
}

describe('disk full', () => {
  // No full disk can be made here (no tmpfs to fill, and filling the real disk would hurt the
  // machine): PRAGMA max_page_count caps the database file on the app's own connection, which
  // fails writes with SQLITE_FULL exactly as a full disk does.
  it('a write that does not fit fails with error.diskFull; a multi-row import leaves none of its rows', async () => {
    const { core, token } = await initialisedCore();
    const raw = core.db.raw;
    raw.pragma(`max_page_count = ${Number(raw.pragma('page_count', { simple: true })) + 2}`);

    // A 200-row import (about ten pages) runs out of room part-way: rows were inserted, then all
    // rolled back.
    const audit = auditRows(core);
    const changesBefore = totalChanges(core);
    expect(await core.call('org.employees.importCommit', importFile('FULL', 200), { token })).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'error.diskFull' } });
    expect(totalChanges(core) - changesBefore, 'the import failed before inserting anything: the test proves less than it says').toBeGreaterThan(0);
    expect(employeesLike(core, 'FULL')).toBe(0);
    expect(auditRows(core)).toBe(audit);
    expect(raw.inTransaction).toBe(false);

    // Single-row writes until the disk is "full": the one that does not fit leaves nothing.
    const created: string[] = [];
    let refused: { name: string; result: ApiResult<unknown> } | null = null;
    for (let i = 0; i < 500 && !refused; i++) {
      const name = `满盘组${i}`;
      const result = await core.call('org.groups.create', { name, description: '说明'.repeat(500), leadEmployeeId: null }, { token });
      if (result.ok) created.push(name);
      else refused = { name, result };
    }
    expect(refused, 'the capped database never filled up').not.toBeNull();
    expect(refused!.result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'error.diskFull' } });
    expect(created.length).toBeGreaterThan(0);
    expect(scalar(core, 'SELECT COUNT(*) AS n FROM org_groups WHERE name = ?', refused!.name)).toBe(0);
    for (const name of created) expect(scalar(core, 'SELECT COUNT(*) AS n FROM org_groups WHERE name = ?', name)).toBe(1);
    await verifyChain(core, token);

    // Space freed: the same core writes again, without a restart.
    raw.pragma('max_page_count = 1073741823');
    expect(await core.call('org.employees.importCommit', importFile('FULL', 200), { token })).toEqual({ ok: true, data: { imported: 200, skipped: 0 } });
    expect(employeesLike(core, 'FULL')).toBe(200);
    await verifyChain(core, token);
  });
});

describe('read-only', () => {
  // Stands in for a data folder that turns read-only under a running app (a remounted disk, a
  // revoked permission): the connection refuses writes with SQLITE_READONLY, as the OS would.
  it('under an open session, writes fail with error.readOnly and write nothing', async () => {
    const { core, token } = await initialisedCore();
    const audit = auditRows(core);
    core.db.raw.pragma('query_only = ON');
    const readOnly = { ok: false, error: { code: 'INTERNAL', message: 'error.readOnly' } };
    expect(await core.call('org.groups.create', { name: '只读组', leadEmployeeId: null }, { token })).toEqual(readOnly);
    expect(await core.call('org.employees.importCommit', importFile('RO', 20), { token })).toEqual(readOnly);
    expect(await core.call('org.groups.list', {}, { token })).toMatchObject({ ok: true }); // reading still works
    core.db.raw.pragma('query_only = OFF');
    expect(scalar(core, "SELECT COUNT(*) AS n FROM org_groups WHERE name = '只读组'")).toBe(0);
    expect(employeesLike(core, 'RO')).toBe(0);
    expect(auditRows(core)).toBe(audit);
    await verifyChain(core, token);
  });

  describe.skipIf(process.platform === 'win32')('a database file made read-only with chmod (the compiled core in a child process)', () => {
    /**
     * Root ignores file modes, so as root the probe runs as "nobody" (the test's folder is handed
     * to that user first).
     */
    const asRoot = process.getuid?.() === 0;
    const NOBODY = 65534;

    async function preparedFolder(): Promise<{ dir: string; dbFile: string; hash: () => string }> {
      const { core, dir } = await initialisedCore();
      await core.close();
      cores.splice(cores.indexOf(core), 1);
      const dbFile = path.join(dir, 'opsdesk.sqlite');
      if (asRoot) for (const p of [dir, ...fs.readdirSync(dir).map((f) => path.join(dir, f))]) fs.chownSync(p, NOBODY, NOBODY);
      return { dir, dbFile, hash: () => crypto.createHash('sha256').update(fs.readFileSync(dbFile)).digest('hex') };
    }

    function probe(dir: string): Promise<ProbeReport> {
      const options: SpawnOptions = { stdio: ['ignore', 'pipe', 'pipe'], ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}) };
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [childScript('read-only-probe'), builtCore(), dir, ADMIN.username, ADMIN.password], options);
        let out = '';
        let err = '';
        child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
        child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
        child.on('error', reject);
        child.on('close', (code) => {
          try {
            if (code !== 0) throw new Error(`exit ${code}`);
            resolve(JSON.parse(out) as ProbeReport);
          } catch (e) {
            reject(new Error(`read-only probe failed (${String(e)}):\n${out}\n${err}`));
          }
        });
      });
    }

    function state(dbFile: string) {
      const db = new Database(dbFile, { readonly: true });
      try {
        return {
          audit: (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n,
          user: db.prepare('SELECT failed_logins, last_login_at FROM users WHERE username = ?').get(ADMIN.username),
        };
      } finally {
        db.close();
      }
    }

    it('file read-only: the app opens it and reads, a write (signing in) fails with error.readOnly, nothing changes', async () => {
      const { dir, dbFile, hash } = await preparedFolder();
      const before = { hash: hash(), ...state(dbFile) };
      fs.chmodSync(dbFile, 0o444);

      const report = await probe(dir);
      expect(report.dbWritable, 'the probe can still write the file: chmod has no effect for this user').toBe(false);
      expect(report.open).toBe('ok');
      expect(report.status).toMatchObject({ ok: true, data: { initialized: true } });
      expect(report.login).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'error.readOnly' } });
      expect(report.wrongPassword).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'error.readOnly' } });
      expect(report.close).toBe('ok');

      fs.chmodSync(dbFile, 0o644);
      expect({ hash: hash(), ...state(dbFile) }).toEqual(before);
      expect(fs.statSync(`${dbFile}-wal`, { throwIfNoEntry: false })?.size ?? 0).toBe(0);
    });

    it('file and folder read-only: opening fails with a read-only error and creates nothing', async () => {
      const { dir, dbFile, hash } = await preparedFolder();
      const before = hash();
      const files = fs.readdirSync(dir).sort();
      fs.chmodSync(dbFile, 0o444);
      fs.chmodSync(dir, 0o555);

      const report = await probe(dir);
      expect(report.dbWritable).toBe(false);
      expect(report.open).toMatch(/readonly|read-only/i);

      fs.chmodSync(dir, 0o755);
      fs.chmodSync(dbFile, 0o644);
      expect(fs.readdirSync(dir).sort()).toEqual(files);
      expect(hash()).toBe(before);
    });

    it('file and folder read-only, with the -wal and -shm an earlier read-only open left: opens, reads, refuses writes, closes', async () => {
      const { dir, dbFile, hash } = await preparedFolder();
      const before = hash();
      fs.chmodSync(dbFile, 0o444);
      expect((await probe(dir)).open).toBe('ok'); // a read-only connection leaves its -wal and -shm behind
      expect(fs.existsSync(`${dbFile}-shm`)).toBe(true);
      fs.chmodSync(dir, 0o555);

      const report = await probe(dir);
      expect(report.open).toBe('ok');
      expect(report.status).toMatchObject({ ok: true, data: { initialized: true } });
      expect(report.login).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'error.readOnly' } });
      // close() checkpoints the WAL, which a read-only folder refuses; the connection must close all the same.
      expect(report.close).toBe('ok');

      fs.chmodSync(dir, 0o755);
      fs.chmodSync(dbFile, 0o644);
      expect(hash()).toBe(before);
    });
  });
});
