import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { once, probeWhile } from './harness/measure.js';
import { BenchReport } from './harness/report.js';
import { pathToFileURL } from 'node:url';
import type { Core } from '../../electron/core/index.js';
import { TEST_COST } from '../../electron/core/modules/auth/passwords.js';
import { TEST_AUDIT_KEY } from '../support/keys.js';

/**
 * Backups of a large department: a generated data set of a few hundred MB (timeline entries and
 * notifications of ten years, with attachments), then backup, verify and restore through the
 * contract, as the Data page runs them. OPSDESK_BENCH_ROWS sets the size (default 1.2 million
 * timeline rows, about 350 MB on disk).
 */
const ROWS = Number(process.env.OPSDESK_BENCH_ROWS ?? 1_200_000);
const ATTACHMENTS = 200;

// The compiled core (scripts/bench.mjs builds it first): its backup work runs on the worker thread
// as in the app. The TypeScript sources under vitest have no worker file and run it inline, on
// the thread that answers the probe.
const compiled = pathToFileURL(path.resolve('dist/electron/core/index.js')).href;
const { createCore } = (await import(compiled)) as typeof import('../../electron/core/index.js');

let core: Core;
let dir: string;
let token: string;
let lastBackup = '';

async function must<T>(p: Promise<{ ok: boolean; data?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data as T;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-bench-backup-'));
  core = await createCore({ dataDir: dir, passwordCost: TEST_COST, log: () => {}, auditKey: TEST_AUDIT_KEY });
  await must(core.call('setup.initialize', { departmentName: '运营部', adminUsername: 'admin', adminPassword: 'Bench-pass-1', withDemoData: true }));
  token = (await must<{ token: string }>(core.call('auth.login', { username: 'admin', password: 'Bench-pass-1' }))).token;
  const employees = (core.db.raw.prepare('SELECT id FROM org_employees').all() as { id: string }[]).map((r) => r.id);
  const started = performance.now();
  // Bulk data straight into the tables (a benchmark fixture, not an app path): ten years of
  // comments and changes on employee records.
  const insert = core.db.raw.prepare('INSERT INTO timeline_entries (id, entity, record_id, kind, author_id, at, body, changes_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const body = '跟进记录：已与客户电话沟通，确认需求变更内容，下周提交修订方案。'.repeat(4);
  const batch = core.db.raw.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const at = new Date(Date.UTC(2016, 0, 1) + i * 263_000).toISOString();
      insert.run(`bench-${String(i).padStart(9, '0')}`, 'employee', employees[i % employees.length], 'comment', null, at, `${body}#${i}`, null);
    }
  });
  for (let i = 0; i < ROWS; i += 50_000) batch(i, Math.min(ROWS, i + 50_000));
  const groupId = (core.db.raw.prepare('SELECT id FROM org_groups LIMIT 1').get() as { id: string }).id;
  for (let i = 0; i < ATTACHMENTS; i++) {
    const content = Buffer.alloc(64 * 1024, i % 251).toString('base64');
    await must(core.call('attachments.upload', { entity: 'group', recordId: groupId, file: { fileName: `附件${i}.bin`, contentBase64: content } }, { token }));
  }
  core.db.raw.pragma('wal_checkpoint(TRUNCATE)');
  const size = fs.statSync(path.join(dir, 'opsdesk.sqlite')).size;
  console.log(`data set: ${ROWS} timeline rows + ${ATTACHMENTS} attachments of 64 KiB; database ${mib(size)}; generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}, 1_800_000);

afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const report = new BenchReport('backup of a large department', { rows: ROWS, attachments: ATTACHMENTS });

describe('backup of a large department', () => {
  afterAll(() => report.finish());

  test('backup.create (snapshot, pack, read back and verify), with a probe call every 100 ms', async () => {
    let size = 0;
    const m = await once('backup.create', async () => {
      const probe = await probeWhile(() => core.call('auth.me', {}, { token }), must<{ fileName: string; size: number }>(core.call('backup.create', {}, { token })));
      lastBackup = probe.result.fileName;
      size = probe.result.size;
      report.note(`while the backup ran: ${probe.probes} probe calls, p95 ${probe.p95.toFixed(1)} ms, max ${probe.max.toFixed(1)} ms (target p95 <= 20 ms)`);
    });
    report.add({ ...m, note: mib(size) });
  });
  test('backup.create with a password (AES-256-GCM)', async () => {
    report.add(await once('backup.create, encrypted', () => must(core.call('backup.create', { password: 'Bench-pass-1' }, { token }))));
  });
  test('backup.verify (full read, checksums, integrity_check)', async () => {
    report.add(await once('backup.verify', () => must(core.call('backup.verify', { file: lastBackup }, { token }))));
  });
  test('backup.restore (verify, pre-restore backup, swap)', async () => {
    report.add(await once('backup.restore (includes the pre-restore backup)', () => must(core.call('backup.restore', { file: lastBackup, confirm: true }, { token }))));
  });
});
