import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, it } from 'vitest';
import { ADMIN, createStaff, hasStackTrace, initialisedDir, opsdesk, tempDir } from './support/cli.js';
import { backupFileName } from '../../electron/core/modules/backup/files.js';

interface DoctorJson {
  healthy: boolean;
  appVersion: string;
  schema: { database: number; code: number; migrations: string[] };
  paths: { dataDir: string; dbFile: string };
  sizes: { dbBytes: number; walBytes: number };
  storage: { freeBytes: number | null; walBytes: number; networkDrive: string | null; syncedFolder: string | null };
  backup: { folder: string; folderNotAllowed: boolean; count: number; lastBackupAt: string | null; lastBackupAgeHours: number | null; autoEnabled: boolean; intervalHours: number };
  checks: { name: string; ok: boolean; details: string[] }[];
  warnings: { key: string; params: Record<string, string | number> }[];
  counts: Record<string, number>;
  audit: {
    ok: boolean;
    rows: number;
    firstBrokenSeq: number | null;
    truncated: boolean;
    checkpoint: string;
    checkpointRows: number | null;
    keyedFromSeq: number | null;
    incidents: { seq: number; at: string; kind: string }[];
  };
  accounts: { ok: boolean; tampered: string[]; removed: string[] };
}

function withDb<T>(dir: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path.join(dir, 'opsdesk.sqlite'));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const passwordHashOf = (dir: string, username: string) =>
  withDb(dir, (db) => (db.prepare('SELECT password_hash AS h FROM users WHERE username = ?').get(username) as { h: string }).h);

// Each test has its own data folder, so they run side by side.
describe.concurrent('opsdesk init + doctor', () => {
  it('sets up a department that doctor reports healthy, with its counts', async ({ expect }) => {
    const dir = tempDir();
    const init = await opsdesk(['--data-dir', dir, 'init', '--department', '运营部', '--admin-user', 'boss', '--admin-password', ADMIN.password], {
      realHashCost: true,
    });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('运营部');
    expect(init.stderr).toBe('');
    expect(passwordHashOf(dir, 'boss')).toMatch(/^scrypt\$131072\$8\$1\$/);

    const doctor = await opsdesk(['--data-dir', dir, 'doctor', '--json']);
    expect(doctor.code, doctor.stderr).toBe(0);
    const report = doctor.json<DoctorJson>();
    expect(report.healthy).toBe(true);
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual([
      ['integrity', true],
      ['foreignKeys', true],
      ['schema', true],
      ['pragmas', true],
      ['auditChain', true],
      ['auditBackupHead', true],
      ['accounts', true],
    ]);
    const rows = report.counts.audit_log!;
    expect(report.audit).toEqual({ ok: true, rows, firstBrokenSeq: null, truncated: false, checkpoint: 'matches', checkpointRows: rows, keyedFromSeq: 1, incidents: [] });
    expect(report.accounts).toEqual({ ok: true, tampered: [], removed: [] });
    // The CLI keeps the install key in a file of its own beside the database, readable by this user only.
    const keyFile = path.join(dir, 'opsdesk.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(keyFile, 'utf8'))).toMatchObject({ opsdeskInstallKey: 1, protection: 'none' });
    expect(report.schema.database).toBe(report.schema.code);
    expect(report.schema.database).toBeGreaterThanOrEqual(1);
    expect(report.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.paths.dataDir).toBe(path.resolve(dir));
    expect(report.paths.dbFile).toBe(path.join(report.paths.dataDir, 'opsdesk.sqlite'));
    expect(report.sizes.dbBytes).toBeGreaterThan(0);
    expect(report.sizes.walBytes).toBeGreaterThanOrEqual(0);
    // A temporary folder on this machine's disk: no network drive, no sync program.
    expect(report.storage).toEqual({ freeBytes: expect.any(Number), walBytes: report.sizes.walBytes, networkDrive: null, syncedFolder: null });
    expect(report.storage.freeBytes).toBeGreaterThan(0);
    // lowDisk depends on the machine's free space; a new department has no backup yet.
    expect(report.warnings.filter((w) => w.key !== 'doctor.lowDisk')).toEqual([
      { key: 'doctor.noRecentBackup', params: { ageHours: 'never', folder: path.join(report.paths.dataDir, 'backups') } },
    ]);
    expect(report.backup).toEqual({ folder: path.join(report.paths.dataDir, 'backups'), folderNotAllowed: false, count: 0, lastBackupAt: null, lastBackupAgeHours: null, autoEnabled: true, intervalHours: 24 });

    // After a backup into the backup folder, the warning goes and the age shows.
    const made = await opsdesk(['--data-dir', dir, 'backup', '--out', path.join(dir, 'backups', backupFileName('manual', new Date()))]);
    expect(made.code, made.stderr).toBe(0);
    const again = (await opsdesk(['--data-dir', dir, 'doctor', '--json'])).json<DoctorJson>();
    expect(again.backup.count).toBe(1);
    expect(again.warnings.filter((w) => w.key === 'doctor.noRecentBackup')).toEqual([]);
    // The default structure from setup: three groups, four positions, one administrator.
    expect(report.counts).toMatchObject({ users: 1, user_roles: 1, org_groups: 3, org_positions: 4, org_employees: 0 });
    expect(report.counts.audit_log).toBeGreaterThan(0);
  });

  it('warns about a data folder inside a synced folder, and stays healthy (exit 0)', async ({ expect }) => {
    const dir = path.join(tempDir(), 'OneDrive - 某某科技', 'OpsDesk');
    const init = await opsdesk(['--data-dir', dir, 'init', '--department', '运营部', '--admin-user', ADMIN.username, '--admin-password', ADMIN.password]);
    expect(init.code, init.stderr).toBe(0);

    const doctor = await opsdesk(['--data-dir', dir, 'doctor', '--json']);
    expect(doctor.code, doctor.stderr).toBe(0);
    const report = doctor.json<DoctorJson>();
    expect(report.healthy).toBe(true);
    expect(report.storage).toMatchObject({ networkDrive: null, syncedFolder: 'OneDrive' });
    expect(report.warnings).toContainEqual({ key: 'doctor.syncedFolder', params: { name: 'OneDrive' } });

    const summary = await opsdesk(['--data-dir', dir, 'doctor']);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(/Storage:\s+local disk, inside a SYNCED FOLDER \(OneDrive\), [\d.]+ [KMGT]iB free/);
    expect(summary.stdout).toContain('WARNING  The data folder is inside a synced folder (OneDrive).');
    expect(summary.stdout).toContain('Healthy.');
  });

  it('hashes at the test cost only when OPSDESK_TEST_FAST_HASH=1, and says so', async ({ expect }) => {
    const dir = tempDir();
    const init = await opsdesk(['--data-dir', dir, 'init', '--department', '运营部', '--admin-user', 'quick', '--admin-password', ADMIN.password]);
    expect(init.code).toBe(0);
    expect(init.stderr).toContain('OPSDESK_TEST_FAST_HASH=1');
    expect(passwordHashOf(dir, 'quick')).toMatch(/^scrypt\$1024\$/);
  });

  it('prints a readable summary without --json', async ({ expect }) => {
    const dir = await initialisedDir();
    const doctor = await opsdesk(['doctor', '--data-dir', dir]);
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain('Integrity');
    expect(doctor.stdout).toMatch(/Storage:\s+local disk, [\d.]+ [KMGT]iB free/);
    expect(doctor.stdout).toMatch(/org_groups\s+3/);
    expect(doctor.stdout).toContain('Healthy.');
  });

  it('refuses a second init and an invalid password (exit 1, field named as its option)', async ({ expect }) => {
    const dir = await initialisedDir();
    const again = await opsdesk(['--data-dir', dir, 'init', '--department', 'X', '--admin-user', 'other', '--admin-password', ADMIN.password]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already set up');

    const weak = await opsdesk(['--data-dir', tempDir(), 'init', '--department', 'X', '--admin-user', 'a1', '--admin-password', 'short']);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('VALIDATION');
    expect(weak.stderr).toContain('--admin-password: at least 8 characters');
    expect(hasStackTrace(weak.stderr)).toBe(false);
  });

  it('reports a broken reference as unhealthy (exit 1) with the row', async ({ expect }) => {
    const dir = await initialisedDir();
    withDb(dir, (db) => {
      db.pragma('foreign_keys = OFF');
      db.prepare("INSERT INTO user_roles (user_id, role) VALUES ('00000000-0000-7000-8000-000000000000', 'staff')").run();
    });
    const doctor = await opsdesk(['--data-dir', dir, 'doctor', '--json']);
    expect(doctor.code).toBe(1);
    const report = doctor.json<DoctorJson>();
    expect(report.healthy).toBe(false);
    const fk = report.checks.find((c) => c.name === 'foreignKeys')!;
    expect(fk.ok).toBe(false);
    expect(fk.details[0]).toContain('user_roles');
    const summary = await opsdesk(['--data-dir', dir, 'doctor']);
    expect(summary.code).toBe(1);
    expect(summary.stdout).toContain('PROBLEMS FOUND');
  });

  it('reports staff made an administrator with an INSERT INTO user_roles on the file (exit 1), by username', async ({ expect }) => {
    const dir = await initialisedDir();
    await createStaff(dir, 'xiaowang', 'Staff-pass-1');
    withDb(dir, (db) => db.prepare("INSERT INTO user_roles (user_id, role) SELECT id, 'admin' FROM users WHERE username = 'xiaowang'").run());
    const doctor = await opsdesk(['--data-dir', dir, 'doctor', '--json']);
    expect(doctor.code).toBe(1);
    const report = doctor.json<DoctorJson>();
    expect(report.healthy).toBe(false);
    expect(report.accounts).toEqual({ ok: false, tampered: ['xiaowang'], removed: [] });
    expect(report.audit.ok).toBe(true);
    const summary = await opsdesk(['--data-dir', dir, 'doctor']);
    expect(summary.stdout).toMatch(/FAIL\s+Accounts/);
    expect(summary.stdout).toContain('account xiaowang: username, password, roles, disabled or linked employee changed outside OpsDesk');
  });

  it('reports where the audit chain breaks, and the newest rows deleted as truncation', async ({ expect }) => {
    const edited = await initialisedDir();
    withDb(edited, (db) => db.prepare(`UPDATE audit_log SET after_json = '{"name":"改过"}' WHERE seq = 2`).run());
    const broken = await opsdesk(['--data-dir', edited, 'doctor', '--json']);
    expect(broken.code).toBe(1);
    expect(broken.json<DoctorJson>().audit).toMatchObject({ ok: false, firstBrokenSeq: 2, truncated: false });
    expect((await opsdesk(['--data-dir', edited, 'doctor'])).stdout).toContain('the audit log does not verify from row 2 on');

    const cut = await initialisedDir();
    const rows = withDb(cut, (db) => (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n);
    withDb(cut, (db) => db.prepare('DELETE FROM audit_log WHERE seq = ?').run(rows));
    const truncated = await opsdesk(['--data-dir', cut, 'doctor', '--json']);
    expect(truncated.code).toBe(1);
    expect(truncated.json<DoctorJson>().audit).toMatchObject({ ok: false, rows: rows - 1, firstBrokenSeq: null, truncated: true, checkpoint: 'mismatch', checkpointRows: rows });
    expect((await opsdesk(['--data-dir', cut, 'doctor'])).stdout).toContain(`the audit log has ${rows - 1} rows, the checkpoint recorded ${rows}: its newest rows were deleted`);
  });

  it('refuses a database written by a newer version, with its message and no stack', async ({ expect }) => {
    const dir = await initialisedDir();
    withDb(dir, (db) => db.prepare('INSERT INTO schema_migrations (timestamp, name) VALUES (?, ?)').run(9999000000001, 'FromTheFuture9999000000001'));
    for (const args of [['doctor', '--json'], ['call', 'org.chart', '--user', ADMIN.username]]) {
      const run = await opsdesk(['--data-dir', dir, ...args], { password: ADMIN.password });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('newer version of OpsDesk');
      expect(run.stdout).toBe('');
      expect(hasStackTrace(run.stderr)).toBe(false);
    }
  });

  it('does not create a database for doctor on a folder without one', async ({ expect }) => {
    const dir = tempDir();
    const doctor = await opsdesk(['--data-dir', dir, 'doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stderr).toContain('No OpsDesk database');
    expect(fs.existsSync(path.join(dir, 'opsdesk.sqlite'))).toBe(false);
  });
});
