import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, databaseUrlFor, hasStackTrace, initialisedDir, onPostgres, opsdesk, tempDir } from './support/cli.js';

/**
 * The command line with the data on a PostgreSQL server (issue 8), in the cli-pg leg: every run
 * gets OPSDESK_DATABASE_URL for its folder's database (support/cli.ts). doctor names the server;
 * the commands that copy the desktop's file refuse and say what to use; migrate-data moves a
 * department from a desktop file to the server and back, counts and audit log verified.
 */
describe.skipIf(!onPostgres)('opsdesk on a PostgreSQL server', () => {
  it('reports the engine, the server version and the schema version in doctor --json', async () => {
    const dir = await initialisedDir();
    const doctor = await opsdesk(['--data-dir', dir, 'doctor', '--json']);
    expect(doctor.code, doctor.stderr).toBe(0);
    const report = doctor.json<{ healthy: boolean; engine: string; server: { serverVersion: string; database: string }; schema: { database: number; code: number }; checks: { name: string }[] }>();
    expect(report).toMatchObject({ healthy: true, engine: 'postgres', schema: { database: report.schema.code } });
    expect(report.server.serverVersion).toMatch(/^\d+/);
    expect(report.checks.map((c) => c.name)).toEqual(['schema', 'auditChain', 'auditBackupHead', 'accounts']);
    const summary = await opsdesk(['--data-dir', dir, 'doctor']);
    expect(summary.stdout).toContain(`Database:    ${report.server.database} on the PostgreSQL server`);
    // Nothing of the department is in the folder: it holds the install key and the checkpoint.
    expect(fs.existsSync(path.join(dir, 'opsdesk.sqlite'))).toBe(false);
  });

  it('refuses backup, restore and export-all with what to use instead, exit 1, no stack', async () => {
    const dir = await initialisedDir();
    const backup = await opsdesk(['--data-dir', dir, 'backup', '--out', path.join(tempDir(), 'x.opsdesk-backup')]);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toContain('pg_dump');
    const exported = await opsdesk(['--data-dir', dir, 'export-all', path.join(tempDir(), 'out')]);
    expect(exported.code).toBe(1);
    expect(exported.stderr).toContain('pg_dump');
    for (const run of [backup, exported]) expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it('refuses a --database-url that is not a postgres:// URL, a folder without its install key, and a server it cannot reach', async () => {
    const dir = await initialisedDir();
    const bad = await opsdesk(['--data-dir', dir, '--database-url', 'mysql://x', 'doctor'], { env: { OPSDESK_DATABASE_URL: '' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--database-url must be a postgres:// URL');
    const unreachable = await opsdesk(['--data-dir', dir, 'doctor'], { env: { OPSDESK_DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none' } });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('Cannot connect to the PostgreSQL database at postgres://nobody:***@127.0.0.1:1/none');
    expect(unreachable.stderr).not.toContain('secret');
    // A mistyped --data-dir would make a new install key and write audit rows nobody can verify.
    const mistyped = await opsdesk(['--data-dir', tempDir(), 'doctor']);
    expect(mistyped.code).toBe(1);
    expect(mistyped.stderr).toContain('No OpsDesk data folder at');
  });

  it('moves a department from a desktop file to the server and back with migrate-data', async () => {
    // A desktop department: a data file (no server for this folder).
    const desktop = tempDir();
    const init = await opsdesk(['--data-dir', desktop, 'init', '--department', '运营部', '--admin-user', ADMIN.username, '--admin-password', ADMIN.password, '--demo'], { env: { OPSDESK_DATABASE_URL: '' } });
    expect(init.code, init.stderr).toBe(0);
    const desktopCall = (method: string, input: unknown, env: Record<string, string> = { OPSDESK_DATABASE_URL: '' }, dir = desktop) =>
      opsdesk(['--data-dir', dir, 'call', method, '--user', ADMIN.username, '--input', JSON.stringify(input)], { password: ADMIN.password, env });
    const someone = (await desktopCall('org.employees.list', {})).json<{ data: { rows: { id: string }[] } }>().data.rows[0]!.id;
    const content = Buffer.from('会议纪要 2026-03').toString('base64');
    const uploaded = await desktopCall('attachments.upload', { entity: 'employee', recordId: someone, file: { fileName: '纪要.txt', contentBase64: content } });
    expect(uploaded.code, uploaded.stdout).toBe(0);
    const attachmentId = uploaded.json<{ data: { id: string } }>().data.id;
    // An empty database on the server (the support code makes one per folder name).
    const url = new URL(await databaseUrlFor(tempDir()));
    const to = await opsdesk(['--data-dir', desktop, 'migrate-data', '--from', desktop, '--to', url.toString(), '--json'], { env: { OPSDESK_DATABASE_URL: '' } });
    expect(to.code, to.stderr).toBe(0);
    const report = to.json<{ from: string; to: string; totalRows: number; auditRows: number; tables: { name: string; rows: number }[] }>();
    expect(report).toMatchObject({ from: 'sqlite', to: 'postgres' });
    expect(report.tables.find((t) => t.name === 'org_employees')?.rows).toBeGreaterThan(20);
    // The server's side of the copy did not touch the desktop folder's audit checkpoint.
    const doctor = await opsdesk(['--data-dir', desktop, 'doctor', '--json'], { env: { OPSDESK_DATABASE_URL: '' } });
    expect(doctor.json()).toMatchObject({ audit: { checkpoint: 'matches' } });
    // The department works on the server, with the desktop folder's install key.
    const listed = await desktopCall('org.employees.list', {}, { OPSDESK_DATABASE_URL: url.toString() });
    expect(listed.code, listed.stderr).toBe(0);
    expect((await desktopCall('attachments.download', { id: attachmentId }, { OPSDESK_DATABASE_URL: url.toString() })).json()).toMatchObject({ ok: true, data: { contentBase64: content } });
    // A second copy into the same database is refused: it is no longer empty.
    const again = await opsdesk(['--data-dir', desktop, 'migrate-data', '--from', desktop, '--to', url.toString()], { env: { OPSDESK_DATABASE_URL: '' } });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already holds data');
    // Back to a new desktop folder: it gets the key of --data-dir (the folder used with the server) and the attachment files.
    const back = path.join(tempDir(), 'new-desktop');
    const returned = await opsdesk(['--data-dir', desktop, 'migrate-data', '--from', url.toString(), '--to', back], { env: { OPSDESK_DATABASE_URL: '' } });
    expect(returned.code, returned.stderr).toBe(0);
    expect(returned.stdout).toMatch(/row counts match, the audit log \(\d+ rows\) and the account seals verify/);
    expect(returned.stdout).toContain('Copied 1 attachment file(s).');
    expect(fs.readFileSync(path.join(back, 'opsdesk.key'))).toEqual(fs.readFileSync(path.join(desktop, 'opsdesk.key')));
    const verified = await desktopCall('audit.verify', {}, { OPSDESK_DATABASE_URL: '' }, back);
    expect(verified.json()).toMatchObject({ ok: true, data: { ok: true, firstBrokenSeq: null } });
    expect((await desktopCall('attachments.download', { id: attachmentId }, { OPSDESK_DATABASE_URL: '' }, back)).json()).toMatchObject({ ok: true, data: { contentBase64: content } });

  });
});
