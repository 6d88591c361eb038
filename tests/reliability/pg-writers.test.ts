import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createDatabase, databaseUrl, dropDatabase, onTestServer } from '../support/pg-server.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build.js';
import { builtCore, childScript, removeWorkDir } from './support/scripts.js';

/**
 * Issue 8: on a PostgreSQL server several OpsDesk processes write at once (each `opsdesk call` is
 * one). PROCESSES processes write through the core into one database for SECONDS seconds, some of
 * them racing for the same employee numbers; then every acknowledged write must be there, no
 * number twice, and the audit chain one valid chain. Runs when OPSDESK_TEST_PG_SERVER names a
 * server (.ci/run starts one).
 */
const SERVER = process.env.OPSDESK_TEST_PG_SERVER;
const PROCESSES = Number(process.env.OPSDESK_PG_WRITERS ?? 8);
const SECONDS = Number(process.env.OPSDESK_PG_WRITER_SECONDS ?? 30);
const AUDIT_KEY = Buffer.alloc(32, 0x42);

let dir: string;
let name: string;
let url: string;

type CoreModule = typeof import('../../electron/core/index.js');

async function openBuilt() {
  const { createCore } = (await import(builtCore())) as CoreModule;
  return createCore({ dataDir: dir, databaseUrl: url, passwordCost: { N: 1024, r: 8, p: 1 }, auditKey: AUDIT_KEY, jobs: 'inline', log: () => {} });
}

function runWriter(n: number): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [childScript('pg-writer'), builtCore(), dir, url, String(n), String(SECONDS * 1000)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe.skipIf(!SERVER)(`${PROCESSES} processes writing into one PostgreSQL database`, () => {
  beforeAll(async () => {
    ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-pg-writers-'));
    name = `od_w_${crypto.randomBytes(6).toString('hex')}`;
    await createDatabase(name);
    url = databaseUrl(name);
    const core = await openBuilt();
    const init = await core.call('setup.initialize', { departmentName: '运营部', adminUsername: 'admin', adminPassword: 'Admin-pass-1', withDemoData: false });
    await core.close();
    if (!init.ok) throw new Error(JSON.stringify(init.error));
  }, 120_000);

  afterAll(async () => {
    removeWorkDir();
    if (name) await dropDatabase(name);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged write, no number twice, one valid audit chain (${SECONDS} s)`, async () => {
    const results = await Promise.all(Array.from({ length: PROCESSES }, (_, i) => runWriter(i + 1)));
    for (const r of results) expect(r.err, r.err).toBe('');
    for (const r of results) expect(r.code).toBe(0);
    const lines = results.flatMap((r) => r.out.split('\n').filter(Boolean));
    expect(lines.filter((l) => l === 'done')).toHaveLength(PROCESSES);
    const own = lines.filter((l) => l.startsWith('A own ')).map((l) => l.split(' ')[2]!);
    const clashWon = lines.filter((l) => l.startsWith('A clash ')).map((l) => l.split(' ')[2]!);
    const reminders = lines.filter((l) => l.startsWith('A reminder ')).map((l) => l.split(' ')[2]!);
    const refused = lines.filter((l) => l.startsWith('R clash ')).length;
    console.info(`pg-writers: ${PROCESSES} processes, ${SECONDS} s: ${own.length} own employees, ${clashWon.length} contested numbers won, ${refused} contested attempts refused, ${reminders.length} reminders`);
    // Enough writes to mean something: a few hundred per process at the least.
    expect(own.length + clashWon.length + reminders.length).toBeGreaterThan(PROCESSES * 100);

    const stored = await onTestServer(async (c) => {
      const employees = (await c.query<{ employee_no: string }>('SELECT employee_no FROM org_employees')).rows.map((r) => r.employee_no);
      const reminderIds = (await c.query<{ id: string }>('SELECT id FROM reminders')).rows.map((r) => r.id);
      return { employees, reminderIds };
    }, name);
    const numbers = new Set(stored.employees);
    expect(numbers.size).toBe(stored.employees.length);
    expect(own.filter((no) => !numbers.has(no))).toEqual([]);
    expect(clashWon.filter((no) => !numbers.has(no))).toEqual([]);
    // Each contested number won once at most, and the stored ones are exactly those acknowledged.
    expect(new Set(clashWon).size).toBe(clashWon.length);
    expect(stored.employees.filter((no) => no.startsWith('C-')).sort()).toEqual([...clashWon].sort());
    const reminderIds = new Set(stored.reminderIds);
    expect(reminders.filter((id) => !reminderIds.has(id))).toEqual([]);

    const core = await openBuilt();
    try {
      const login = await core.call('auth.login', { username: 'admin', password: 'Admin-pass-1' });
      if (!login.ok) throw new Error(JSON.stringify(login.error));
      const verify = await core.call('audit.verify', {}, { token: (login.data as { token: string }).token });
      expect(verify).toMatchObject({ ok: true, data: { ok: true, firstBrokenSeq: null } });
    } finally {
      await core.close();
    }
  }, SECONDS * 1000 + 120_000);
});
