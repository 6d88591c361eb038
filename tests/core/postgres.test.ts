import { describe, expect, it } from 'vitest';
import { runDoctor } from '../../electron/core/maintenance/doctor.js';
import { exportAll, ExportAllError } from '../../electron/core/maintenance/export-all.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/db/migrations/index.js';
import { closeCore, count, fails, initialised, ok, openCore, tempDir } from './support/harness.js';
import { exec, onPostgres, rows } from './support/engine.js';
import { databaseUrl, dropDatabase, onTestServer } from '../support/pg-server.js';
import { demoWorld, employeeFields } from './support/world.js';

/**
 * What is particular to a PostgreSQL server (issue 8): several cores on one database at once, the
 * maintenance commands that copy the desktop's file refusing with a message naming what to use,
 * and doctor saying which server it checked. The rest of the core tests run on both engines.
 */
describe.skipIf(!onPostgres)('the core on PostgreSQL', () => {
  it('applies the migrations once when several cores start at once on a new database', async () => {
    const dir = tempDir();
    const cores = await Promise.all(Array.from({ length: 4 }, () => openCore({ dataDir: dir })));
    expect(await count(cores[0]!.core, 'schema_migrations')).toBe(SCHEMA_VERSION);
    const applied = cores.map((c) => c.core.info.migration.applied.length).sort((a, b) => b - a);
    expect(applied).toEqual([SCHEMA_VERSION, 0, 0, 0]);
  });

  it.each(MIGRATIONS.map((_, i) => i))('upgrades a database made by the first %i migration(s) to the full set', async (i) => {
    const dir = tempDir();
    if (i > 0) await closeCore((await openCore({ dataDir: dir, migrations: MIGRATIONS.slice(0, i) })).core);
    const { core } = await openCore({ dataDir: dir });
    expect(core.info.migration).toMatchObject({ from: i, to: SCHEMA_VERSION, backupFile: null });
    expect(await count(core, 'schema_migrations')).toBe(SCHEMA_VERSION);
    await ok(core, null, 'setup.initialize', { departmentName: '运营部', adminUsername: 'admin', adminPassword: 'Admin-pass-1', withDemoData: true });
  });

  it('keeps the rows of a database made by the previous version through the upgrade', async () => {
    const dir = tempDir();
    const previous = await openCore({ dataDir: dir, migrations: MIGRATIONS.slice(0, -1) });
    // Rows as the previous version wrote them (its entities are not this build's: plain SQL).
    await exec(previous.core, "INSERT INTO org_groups (id, name, description, lead_employee_id, sort_order, archived_at, created_at, updated_at) VALUES ('g1', '客户服务组', '', NULL, 1, NULL, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')");
    await exec(previous.core, "INSERT INTO org_employees (id, employee_no, name, name_pinyin, gender, position_id, group_id, manager_id, hire_date, phone, email, status, left_date, archived_at, created_at, updated_at) VALUES ('e1', 'YY001', '王小明', 'wangxiaoming wxm', 'male', NULL, 'g1', NULL, '2024-03-01', NULL, NULL, 'active', NULL, NULL, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')");
    await closeCore(previous.core);
    const { core } = await openCore({ dataDir: dir });
    expect(core.info.migration.applied).toEqual([new (MIGRATIONS.at(-1)!)().name]);
    expect(await rows(core, 'SELECT employee_no AS "no", version AS "version" FROM org_employees')).toEqual([{ no: 'YY001', version: 1 }]);
    expect(await rows(core, 'SELECT name AS "name", version AS "version" FROM org_groups')).toEqual([{ name: '客户服务组', version: 1 }]);
  });

  it('sorts text in byte order as on SQLite, whatever the server database\'s locale', async () => {
    const dir = tempDir();
    // A database whose own collation (ICU en-US) orders 'b' before 'Li' and ignores spaces.
    const name = `od_icu_${Date.now().toString(36)}`;
    await onTestServer((c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`));
    try {
      const { core } = await openCore({ dataDir: dir, databaseUrl: databaseUrl(name) });
      await ok(core, null, 'setup.initialize', { departmentName: '运营部', adminUsername: 'admin', adminPassword: 'Admin-pass-1', withDemoData: false });
      const admin1 = (await ok(core, null, 'auth.login', { username: 'admin', password: 'Admin-pass-1' })).token;
      for (const [employeeNo, name] of [['b1', '白'], ['Li2', '李'], ['li-3', '连']] as const) {
        await ok(core, admin1, 'org.employees.create', { employeeNo, name, gender: 'male', groupId: null, positionId: null, managerId: null, hireDate: '2024-01-01' });
      }
      const page = await ok(core, admin1, 'org.employees.list', {});
      expect(page.rows.map((r) => r.employeeNo)).toEqual(['Li2', 'b1', 'li-3']);
      expect(await rows(core, `SELECT COUNT(*)::int AS "n" FROM information_schema.columns WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying') AND collation_name IS DISTINCT FROM 'C'`)).toEqual([{ n: 0 }]);
      await closeCore(core);
    } finally {
      await dropDatabase(name);
    }
  });

  it('keeps one valid audit chain and unique employee numbers when two cores write at once', async () => {
    const w = await demoWorld();
    const second = await openCore({ dataDir: w.dir });
    const token2 = (await ok(second.core, null, 'auth.login', { username: 'admin', password: 'Admin-pass-1' })).token;
    const writes = Array.from({ length: 20 }, (_, i) => {
      const fields = employeeFields(w);
      return i % 2 === 0 ? ok(w.core, w.admin, 'org.employees.create', fields) : ok(second.core, token2, 'org.employees.create', fields);
    });
    // The same number from both cores at the same moment: exactly one is stored.
    const clash = { ...employeeFields(w), employeeNo: 'CLASH-1' };
    const both = await Promise.all([w.core.call('org.employees.create', clash, { token: w.admin }), second.core.call('org.employees.create', clash, { token: token2 })]);
    await Promise.all(writes);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(await count(w.core, 'org_employees', 'employee_no = ?', ['CLASH-1'])).toBe(1);
    expect(await rows(w.core, 'SELECT employee_no FROM org_employees GROUP BY employee_no HAVING COUNT(*) > 1')).toEqual([]);
    expect(await ok(w.core, w.admin, 'audit.verify', {})).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(await ok(second.core, token2, 'audit.verify', {})).toMatchObject({ ok: true, firstBrokenSeq: null });
  });

  it('refuses backups and restores of a server database, naming what to use instead', async () => {
    const { core, admin } = await initialised();
    expect(await fails(core, admin, 'backup.create', {})).toMatchObject({ code: 'INVALID_STATE', message: 'backup.problem.onServer' });
    expect(await fails(core, admin, 'backup.restore', { file: '/tmp/none.opsdesk-backup', confirm: true })).toMatchObject({ code: 'INVALID_STATE', message: 'backup.problem.onServer' });
    expect(await ok(core, admin, 'backup.overview', {})).toMatchObject({ autoProblem: 'backup.problem.onServer', nextAutoBackupAt: null });
    const refusal = await exportAll(core, tempDir()).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(ExportAllError);
    expect(refusal).toMatchObject({ reason: 'onServer', message: expect.stringContaining('pg_dump') });
  });

  it('reports the engine, the server version and the schema version in doctor', async () => {
    const { core } = await initialised();
    const report = await runDoctor(core);
    expect(report).toMatchObject({ healthy: true, engine: 'postgres', sqliteVersion: null, schema: { database: SCHEMA_VERSION, code: SCHEMA_VERSION } });
    expect(report.server?.serverVersion).toMatch(/^\d+/);
    expect(report.checks.map((c) => c.name)).toEqual(['schema', 'auditChain', 'auditBackupHead', 'accounts']);
    expect(report.counts.org_employees).toBe(0);
    // The server's backups are its administrator's: no "no recent backup" warning about this folder.
    expect(report.warnings.map((w) => w.key)).not.toContain('doctor.noRecentBackup');
  });

  it('enforces case-insensitive unique employee numbers and usernames in the database itself', async () => {
    const { core } = await initialised({ demo: true });
    await expect(exec(core, "UPDATE org_employees SET employee_no = 'yy002' WHERE employee_no = 'YY001'")).rejects.toThrow(/unique/i);
    await expect(exec(core, "UPDATE users SET username = 'ADMIN' WHERE username = 'staff1'")).rejects.toThrow(/unique/i);
  });
});
