import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/db/migrations/index.js';
import { packBackup } from '../../electron/core/modules/backup/pack.js';
import { expectedSchemas } from '../../electron/core/db/expected-schema.js';
import { recoverInterruptedRestore } from '../../electron/core/modules/backup/swap.js';
import { dataPaths } from '../../electron/core/paths.js';
import { TEST_COST } from '../../electron/core/modules/auth/passwords.js';
import { count, fails, initialised, ok, tempDir } from './support/harness.js';
import { csvUpload, IMPORT_HEADER } from './support/files.js';
import { previousVersionFolder } from './support/legacy.js';

const FLIPS = Number(process.env.OPSDESK_BACKUP_FLIPS ?? 1000);
const fileHash = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A backup file of a database file, as an older or newer OpsDesk would have written it. */
async function packAs(dbFile: string, schemaVersion: number): Promise<string> {
  const target = path.join(tempDir('opsdesk-pack-'), `OpsDesk-manual-20250101T000000000Z.opsdesk-backup`);
  const work = tempDir('opsdesk-pack-work-');
  await packBackup({
    database: dbFile,
    snapshot: path.join(work, 'snapshot.sqlite'),
    attachmentsDir: path.join(work, 'attachments'),
    target,
    password: null,
    header: { app: 'OpsDesk', createdAt: '2025-01-01T00:00:00.000Z', appVersion: '0.0.9', schemaVersion, kind: 'manual' },
    originKey: '00'.repeat(32),
    kdf: TEST_COST,
    schemas: await expectedSchemas(),
  });
  return target;
}

describe('backup integrity', () => {
  it(`refuses every one of ${FLIPS} single-byte flips, before anything is written`, async () => {
    const { core, admin, dir } = await initialised({ demo: true });
    const backup = await ok(core, admin, 'backup.create', { password: 'Flip-pass-1' });
    const original = fs.readFileSync(backup.path);
    const damaged = path.join(path.dirname(backup.path), 'OpsDesk-manual-20200101T000000000Z.opsdesk-backup');
    const live = fileHash(path.join(dir, 'opsdesk.sqlite'));
    const auditRows = await count(core, 'audit_log');
    const seen = new Set<string>();
    const random = (n: number) => crypto.randomInt(n);
    for (let i = 0; i < FLIPS; i++) {
      const bytes = Buffer.from(original);
      const at = i < 64 ? i : random(bytes.length); // the header's first bytes, then anywhere
      bytes[at]! ^= 1 << random(8);
      fs.writeFileSync(damaged, bytes);
      const error = await fails(core, admin, 'backup.restore', { file: path.basename(damaged), password: 'Flip-pass-1', confirm: true });
      seen.add(error.message);
    }
    expect([...seen].every((m) => m.startsWith('backup.problem.'))).toBe(true);
    expect(seen.has('backup.problem.corrupt')).toBe(true);
    expect(fileHash(path.join(dir, 'opsdesk.sqlite'))).toBe(live);
    expect(await count(core, 'audit_log')).toBe(auditRows);
    expect(fs.existsSync(path.join(dir, 'restore-staging'))).toBe(false);
    // The intact file still restores.
    await ok(core, admin, 'backup.restore', { file: backup.fileName, password: 'Flip-pass-1', confirm: true });
  }, 120_000);

  it('migrates a backup from the previous version forward on restore', async () => {
    // A department as the previous version (one migration fewer) left it (today's code cannot write that schema).
    const old = await previousVersionFolder(MIGRATIONS.length - 1, '旧版本部门');
    const file = await packAs(dataPaths(old.dir).dbFile, SCHEMA_VERSION - 1);

    const { core, admin } = await initialised();
    // Packed here without this install's tag, like a backup made elsewhere: restored with consent.
    const result = await ok(core, admin, 'backup.restore', { file, confirm: true, acceptUnverifiedAuditLog: true });
    expect(result.manifest.schemaVersion).toBe(SCHEMA_VERSION - 1);
    expect(await count(core, 'schema_migrations')).toBe(SCHEMA_VERSION);
    expect(await count(core, 'org_employees')).toBe(25);
    expect(await count(core, 'settings', "key = 'department.name' AND value = '旧版本部门'")).toBe(1);
    expect(core.db.raw.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses a backup from a newer version with its own message, leaving the data untouched', async () => {
    const { core, admin, dir } = await initialised();
    const source = path.join(tempDir(), 'newer.sqlite');
    await core.db.raw.backup(source);
    const db = new Database(source);
    db.prepare('INSERT INTO schema_migrations (timestamp, name) VALUES (?, ?)').run(1000000000099, 'FromTheFuture1000000000099');
    db.close();
    const live = fileHash(path.join(dir, 'opsdesk.sqlite'));
    expect(await fails(core, admin, 'backup.restore', { file: await packAs(source, SCHEMA_VERSION + 1), confirm: true })).toEqual({ code: 'INVALID_STATE', message: 'backup.problem.newerSchema' });
    // Even when the header claims the current version, the database inside gives it away.
    expect((await fails(core, admin, 'backup.restore', { file: await packAs(source, SCHEMA_VERSION), confirm: true })).message).toBe('backup.problem.newerSchema');
    expect(fileHash(path.join(dir, 'opsdesk.sqlite'))).toBe(live);
  });

  it('takes a consistent snapshot while writes go on: every import batch restores whole or not at all', async () => {
    const { core, admin } = await initialised();
    const batch = (n: number) =>
      csvUpload([IMPORT_HEADER, ...[1, 2, 3, 4, 5].map((k) => [`B${n}-${k}`, `批次${n}员工${k}`, '女', '', '', '', '2024-01-02', '', '', '在职', ''])]);
    const calls: Promise<unknown>[] = [];
    let backupFile = '';
    for (let n = 0; n < 20; n++) {
      calls.push(ok(core, admin, 'org.employees.importCommit', batch(n)));
      if (n === 9) calls.push(ok(core, admin, 'backup.create', {}).then((b) => (backupFile = b.fileName)));
    }
    await Promise.all(calls);
    expect(await count(core, 'org_employees')).toBe(100);
    await ok(core, admin, 'backup.restore', { file: backupFile, confirm: true });
    const rows = core.db.raw.prepare("SELECT substr(employee_no, 1, instr(employee_no, '-') - 1) AS b, COUNT(*) AS n FROM org_employees GROUP BY b").all() as { b: string; n: number }[];
    expect(rows.every((r) => r.n === 5)).toBe(true);
    // The snapshot runs off the call queue: it has the batches committed before it, at least the
    // ten started before the backup.
    expect(rows.length).toBeGreaterThanOrEqual(10);
  });

  it('rolls back a restore that was interrupted at any point of the swap', () => {
    for (const crashAfter of ['journal', 'aside', 'staged'] as const) {
      const dir = tempDir();
      const paths = dataPaths(dir);
      fs.writeFileSync(paths.dbFile, 'OLD DATABASE');
      fs.writeFileSync(paths.dbFile + '-wal', 'OLD WAL');
      const checkpoint = path.join(dir, 'audit-checkpoint.json');
      fs.writeFileSync(checkpoint, 'OLD CHECKPOINT');
      const staged = path.join(dir, 'restore-staging', 'db.sqlite');
      fs.mkdirSync(path.dirname(staged), { recursive: true });
      fs.writeFileSync(staged, 'NEW DATABASE');
      const aside = `${paths.dbFile}.before-restore-x`;
      // The steps of swapIn, stopped where a crash would stop them.
      fs.writeFileSync(path.join(dir, 'restore-journal.json'), JSON.stringify({ aside, staged, hadCheckpoint: true }));
      if (crashAfter !== 'journal') {
        fs.renameSync(checkpoint, `${aside}.checkpoint`);
        fs.renameSync(paths.dbFile, aside);
        fs.renameSync(paths.dbFile + '-wal', aside + '-wal');
      }
      if (crashAfter === 'staged') {
        fs.renameSync(staged, paths.dbFile);
        fs.writeFileSync(checkpoint, 'NEW CHECKPOINT');
      }
      expect(recoverInterruptedRestore(paths)).toBe('rolledBack');
      expect(fs.readFileSync(paths.dbFile, 'utf8')).toBe('OLD DATABASE');
      expect(fs.readFileSync(paths.dbFile + '-wal', 'utf8')).toBe('OLD WAL');
      expect(fs.readFileSync(checkpoint, 'utf8')).toBe('OLD CHECKPOINT');
      expect(fs.existsSync(path.join(dir, 'restore-journal.json'))).toBe(false);
      expect(fs.existsSync(path.join(dir, 'restore-staging'))).toBe(false);
    }
    expect(recoverInterruptedRestore(dataPaths(tempDir()))).toBe('none');
  });
});
