import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createCore, type Core } from '../../electron/core/index.js';
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

const once = { iterations: 1, time: 0, warmupIterations: 0 };

describe('backup of a large department', () => {
  bench(
    'backup.create (snapshot, pack, read back and verify)',
    async () => {
      const started = performance.now();
      const b = await must<{ fileName: string; size: number }>(core.call('backup.create', {}, { token }));
      lastBackup = b.fileName;
      console.log(`backup: ${mib(b.size)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    },
    once,
  );
  bench(
    'backup.create with a password (AES-256-GCM)',
    async () => {
      const started = performance.now();
      const b = await must<{ size: number }>(core.call('backup.create', { password: 'Bench-pass-1' }, { token }));
      console.log(`encrypted backup: ${mib(b.size)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    },
    once,
  );
  bench(
    'backup.verify (full read, checksums, integrity_check)',
    async () => {
      await must(core.call('backup.verify', { file: lastBackup }, { token }));
    },
    once,
  );
  bench(
    'backup.restore (verify, pre-restore backup, swap)',
    async () => {
      const started = performance.now();
      await must(core.call('backup.restore', { file: lastBackup, confirm: true }, { token }));
      console.log(`restore in ${((performance.now() - started) / 1000).toFixed(1)} s (includes the pre-restore backup)`);
    },
    once,
  );
});
