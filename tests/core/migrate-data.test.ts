import { describe, expect, it } from 'vitest';
import { migrateData, MigrateDataError } from '../../electron/core/maintenance/migrate-data.js';
import type { Core } from '../../electron/core/index.js';
import { login, ok, openCore, tempDir } from './support/harness.js';
import { databaseUrlFor, onPostgres, rows, tableNames } from './support/engine.js';
import { demoWorld, newApproval, newAttachment, newEmployee, signedInUser } from './support/world.js';

/** Every row of every table, as comparable text (the migrations table is each database's own). */
async function content(core: Core): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const name of await tableNames(core)) {
    if (name === 'schema_migrations') continue;
    out[name] = (await rows(core, `SELECT * FROM "${name}"`)).map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))).sort();
  }
  return out;
}

/**
 * A department moved from a desktop's SQLite file to a PostgreSQL server and back (issue 8):
 * every row intact both ways, the audit chain and account seals verifying, the moved department
 * usable. Needs both engines: runs in the PostgreSQL leg.
 */
describe.skipIf(!onPostgres)('moving a department between SQLite and PostgreSQL', () => {
  it('copies every row to the server and back, and the data works on both', async () => {
    const w = await demoWorld({ databaseUrl: null });
    expect(w.core.db.engine).toBe('sqlite');
    for (let i = 0; i < 5; i++) await newEmployee(w);
    await newAttachment(w);
    const staff = await signedInUser(w, ['staff']);
    await newApproval(w, staff.username);
    await ok(w.core, w.admin, 'reminders.create', { title: '月度复盘', dueAt: '2026-06-01T01:00:00.000Z' });

    const serverDir = tempDir();
    const server = await openCore({ dataDir: serverDir, databaseUrl: await databaseUrlFor(serverDir) });
    expect(server.core.db.engine).toBe('postgres');
    const report = await migrateData(w.core, server.core);
    expect(report).toMatchObject({ from: 'sqlite', to: 'postgres' });
    expect(report.auditRows).toBeGreaterThan(20);
    expect(await content(server.core)).toEqual(await content(w.core));

    // The department works on the server: sign-in, lists, a write, the chain.
    const admin = await login(server.core, 'admin');
    expect((await ok(server.core, admin, 'org.employees.list', {})).total).toBe((await ok(w.core, w.admin, 'org.employees.list', {})).total);
    await ok(server.core, admin, 'org.positions.create', { title: '服务器上的新岗位' });
    expect(await ok(server.core, admin, 'audit.verify', {})).toMatchObject({ ok: true, firstBrokenSeq: null });

    // And back to a desktop file.
    const back = await openCore({ dataDir: tempDir(), databaseUrl: null });
    const returned = await migrateData(server.core, back.core);
    expect(returned).toMatchObject({ from: 'postgres', to: 'sqlite' });
    expect(returned.totalRows).toBeGreaterThan(report.totalRows);
    expect(await content(back.core)).toEqual(await content(server.core));
    const again = await login(back.core, 'admin');
    expect(await ok(back.core, again, 'audit.verify', {})).toMatchObject({ ok: true, firstBrokenSeq: null });
  });

  it('refuses a copy whose audit log does not verify under the target folder\'s key, leaving the target empty', async () => {
    const w = await demoWorld({ databaseUrl: null });
    const serverDir = tempDir();
    const server = await openCore({ dataDir: serverDir, databaseUrl: await databaseUrlFor(serverDir), auditKey: Buffer.alloc(32, 9) });
    const refusal = await migrateData(w.core, server.core).catch((err: unknown) => err);
    expect(refusal).toMatchObject({ reason: 'auditChain' });
    expect(await rows(server.core, 'SELECT id FROM org_employees')).toEqual([]);
  });

  it('refuses a target that already holds data, and writes nothing to it', async () => {
    const w = await demoWorld({ databaseUrl: null });
    const other = await demoWorld();
    const before = await content(other.core);
    const refusal = await migrateData(w.core, other.core).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(MigrateDataError);
    expect(refusal).toMatchObject({ reason: 'targetNotEmpty' });
    expect(await content(other.core)).toEqual(before);
  });
});
