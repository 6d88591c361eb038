import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../electron/core/db/migrations/index.js';
import { onlySchemaMigrations, withDatabase } from '../core/support/backup-craft.js';
import { call, countRows, hasStackTrace, initialisedDir, opsdesk, tempDir } from './support/cli.js';

/** backup, backup verify and restore through the real command. */
describe('opsdesk backup / backup verify / restore', () => {
  it('writes a verified backup, and restores it: the later change is gone, the restore is audited', async () => {
    const dir = await initialisedDir();
    const file = path.join(tempDir(), 'dept.opsdesk-backup');
    const made = await opsdesk(['--data-dir', dir, 'backup', '--out', file, '--json']);
    expect(made.code).toBe(0);
    expect(made.json()).toMatchObject({ ok: true, file, encrypted: false });
    expect(fs.statSync(file).size).toBe(made.json<{ size: number }>().size);

    expect((await call(dir, 'org.groups.create', { name: '备份之后的组' })).code).toBe(0);
    const verified = await opsdesk(['--data-dir', dir, 'backup', 'verify', file, '--json']);
    expect(verified.code).toBe(0);
    expect(verified.json()).toMatchObject({ ok: true, manifest: { schemaVersion: SCHEMA_VERSION, counts: { org_groups: 3 } } });

    const restored = await opsdesk(['--data-dir', dir, 'restore', file, '--json']);
    expect(restored.code).toBe(0);
    expect(restored.json()).toMatchObject({ ok: true, restoredFrom: 'dept.opsdesk-backup' });
    expect(await countRows(dir, 'org_groups', "name = '备份之后的组'")).toBe(0);
    expect(await countRows(dir, 'audit_log', "action = 'restore'")).toBe(1);
    const pre = restored.json<{ preRestoreBackup: string }>().preRestoreBackup;
    expect(fs.existsSync(path.join(dir, 'backups', pre))).toBe(true);
  });

  it('encrypts with --password-env; missing and wrong passwords are refused with their own message', async () => {
    const dir = await initialisedDir();
    const file = path.join(tempDir(), 'secret.opsdesk-backup');
    expect((await opsdesk(['--data-dir', dir, 'backup', '--out', file, '--password-env', 'BK'], { env: { BK: 'Backup-pass-1' } })).code).toBe(0);
    const missing = await opsdesk(['--data-dir', dir, 'restore', file, '--json']);
    expect(missing.code).toBe(1);
    expect(missing.json()).toMatchObject({ ok: false, problem: 'passwordRequired' });
    const wrong = await opsdesk(['--data-dir', dir, 'backup', 'verify', file, '--password-env', 'BK'], { env: { BK: 'Not-the-one-1' } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('wrong password');
    expect(hasStackTrace(wrong.stderr)).toBe(false);
    expect((await opsdesk(['--data-dir', dir, 'restore', file, '--password-env', 'BK', '--json'], { env: { BK: 'Backup-pass-1' } })).code).toBe(0);
  });

  it('refuses a damaged file and a foreign file, leaving the data untouched; bad arguments exit 2', async () => {
    const dir = await initialisedDir();
    const folder = tempDir();
    const file = path.join(folder, 'a.opsdesk-backup');
    expect((await opsdesk(['--data-dir', dir, 'backup', '--out', file])).code).toBe(0);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 100]! ^= 0xff;
    fs.writeFileSync(file, bytes);
    const before = fs.readFileSync(path.join(dir, 'opsdesk.sqlite'));
    const damaged = await opsdesk(['--data-dir', dir, 'restore', file, '--json']);
    expect(damaged.code).toBe(1);
    expect(damaged.json()).toMatchObject({ ok: false, problem: 'corrupt' });
    expect(fs.readFileSync(path.join(dir, 'opsdesk.sqlite')).equals(before)).toBe(true);
    const foreign = path.join(folder, 'notes.txt');
    fs.writeFileSync(foreign, 'not a backup');
    const notBackup = await opsdesk(['--data-dir', dir, 'backup', 'verify', foreign, '--json']);
    expect(notBackup.json()).toMatchObject({ ok: false, problem: 'notABackup' });
    expect(await countRows(dir, 'backup_records', "file_name = 'notes.txt'")).toBe(0);

    expect((await opsdesk(['--data-dir', dir, 'backup'])).code).toBe(2);
    expect((await opsdesk(['--data-dir', dir, 'backup', '--out', file, '--password-env', 'NOPE_NOT_SET'])).code).toBe(2);
    expect((await opsdesk(['--data-dir', dir, 'backup', '--out', file])).stderr).toContain('exists');
  });
});

/**
 * Issue 6 items 1, 4 and 5 through the real command: the messages a person at the terminal gets.
 * The rules themselves are covered case by case in tests/core/backup-*.test.ts.
 */
describe('opsdesk backup / restore: what must be refused', () => {
  let dir: string;
  let good: string;
  beforeAll(async () => {
    dir = await initialisedDir();
    good = path.join(tempDir(), 'good.opsdesk-backup');
    const made = await opsdesk(['--data-dir', dir, 'backup', '--out', good]);
    if (made.code !== 0) throw new Error(made.stderr);
  }, 60_000);

  it('restore refuses a crafted backup (only schema_migrations inside) with its reason; the data folder stays usable', async () => {
    const crafted = withDatabase(good, path.join(tempDir(), 'crafted.opsdesk-backup'), onlySchemaMigrations(good, path.join(tempDir(), 'empty.sqlite')));
    const before = fs.readFileSync(path.join(dir, 'opsdesk.sqlite'));
    const refused = await opsdesk(['--data-dir', dir, 'restore', crafted]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('does not have the tables, columns and indexes');
    expect(refused.stderr).not.toContain('unexpected error');
    expect(hasStackTrace(refused.stderr)).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'opsdesk.sqlite')).equals(before)).toBe(true);
    // Usable: the real backup restores.
    expect((await opsdesk(['--data-dir', dir, 'restore', good, '--json'])).code).toBe(0);
    expect(await countRows(dir, 'audit_log', "action = 'restore'")).toBe(1);
  });

  it('restore of a backup from another installation names its administrators and needs --accept-unverified-audit-log', async () => {
    const target = await initialisedDir();
    const before = fs.readFileSync(path.join(target, 'opsdesk.sqlite'));
    const refused = await opsdesk(['--data-dir', target, 'restore', good, '--json']);
    expect(refused.code).toBe(1);
    expect(refused.json()).toMatchObject({ ok: false, problem: 'unverifiedAuditLog', params: { admins: 'admin', adminCount: 1 } });
    expect(fs.readFileSync(path.join(target, 'opsdesk.sqlite')).equals(before)).toBe(true);
    const plain = await opsdesk(['--data-dir', target, 'restore', good]);
    expect(plain.stderr).toContain('--accept-unverified-audit-log');
    expect(plain.stderr).toContain('Administrators in the backup: admin');
    const accepted = await opsdesk(['--data-dir', target, 'restore', good, '--accept-unverified-audit-log', '--json']);
    expect(accepted.code).toBe(0);
    expect(await countRows(target, 'audit_log', "action = 'restore'")).toBe(1);
  });

  it('backup --out refuses the live database and an existing folder, even with --force', async () => {
    const users = await countRows(dir, 'users');
    const onDb = await opsdesk(['--data-dir', dir, 'backup', '--out', path.join(dir, 'opsdesk.sqlite'), '--force']);
    expect(onDb.code).toBe(1);
    expect(onDb.stderr).toContain('must not be inside the data folder');
    expect(await countRows(dir, 'users')).toBe(users);
    const folder = tempDir();
    const onFolder = await opsdesk(['--data-dir', dir, 'backup', '--out', folder, '--force', '--json']);
    expect(onFolder.code).toBe(1);
    expect(onFolder.json()).toMatchObject({ ok: false, problem: 'targetIsFolder' });
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('does not follow a link planted at the temporary .partial name', async () => {
    const out = path.join(tempDir(), 'dept.opsdesk-backup');
    const victim = path.join(tempDir(), 'victim.txt');
    fs.writeFileSync(victim, 'keep me');
    fs.symlinkSync(victim, `${out}.partial`);
    const run = await opsdesk(['--data-dir', dir, 'backup', '--out', out, '--json']);
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, problem: 'targetUnsafe' });
    expect(fs.readFileSync(victim, 'utf8')).toBe('keep me');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('answers odd paths with their own message: a folder, a FIFO (without hanging), /proc/self/environ', async () => {
    const folder = tempDir();
    const run = await opsdesk(['--data-dir', dir, 'restore', folder]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is a folder or a special file');
    expect(run.stderr).not.toContain('unexpected error');
    if (process.platform !== 'linux') return;
    const fifo = path.join(folder, 'pipe.opsdesk-backup');
    execFileSync('mkfifo', [fifo]);
    const piped = await opsdesk(['--data-dir', dir, 'restore', fifo, '--json']);
    expect(piped.json()).toMatchObject({ ok: false, problem: 'notAFile' });
    const environ = await opsdesk(['--data-dir', dir, 'backup', 'verify', '/proc/self/environ', '--json']);
    expect(environ.json()).toMatchObject({ ok: false, problem: 'notABackup' });
  });
});
