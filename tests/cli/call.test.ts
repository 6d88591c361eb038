import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, call, countRows, createStaff, hasStackTrace, initialisedDir, opsdesk, tempDir } from './support/cli.js';

const STAFF = { username: 'xiaoli', password: 'Staff-pass-1' };

// One data folder for the file: the tests run one after the other on it.
describe('opsdesk call', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await initialisedDir();
    await createStaff(dir, STAFF.username, STAFF.password);
  });

  it('prints the ok envelope and exits 0; a mutation is committed', async () => {
    const created = await call(dir, 'org.groups.create', { name: '新媒体组' });
    expect(created.code, created.stderr).toBe(0);
    expect(created.envelope).toMatchObject({ ok: true, data: { name: '新媒体组' } });

    const list = await call(dir, 'org.groups.list', {});
    expect(list.code).toBe(0);
    expect((list.envelope.data as { name: string }[]).map((g) => g.name)).toEqual(expect.arrayContaining(['项目运营组', '新媒体组']));
  });

  it('returns VALIDATION with the fields, exit 1, and writes nothing', async () => {
    const bad = await call(dir, 'org.employees.create', { employeeNo: 'bad no!', name: '', gender: 'x', hireDate: '2025-02-30' });
    expect(bad.code).toBe(1);
    expect(bad.envelope.ok).toBe(false);
    expect(bad.envelope.error).toMatchObject({ code: 'VALIDATION', message: 'error.validation' });
    expect(Object.keys(bad.envelope.error!.fields ?? {})).toEqual(expect.arrayContaining(['employeeNo', 'name', 'gender', 'hireDate']));
    expect(await countRows(dir, 'org_employees')).toBe(0);
    // The CLI's login is audited; the refused call left no audit row.
    expect(await countRows(dir, 'audit_log', 'method = ?', 'auth.login')).toBeGreaterThan(0);
    expect(await countRows(dir, 'audit_log', 'method = ?', 'org.employees.create')).toBe(0);
  });

  it('returns FORBIDDEN for a staff user editing the organisation, exit 1', async () => {
    const denied = await call(dir, 'org.groups.create', { name: '影子组' }, STAFF.username, STAFF.password);
    expect(denied.code).toBe(1);
    expect(denied.envelope).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'error.forbidden' } });
    // The same user may read.
    expect((await call(dir, 'org.groups.list', {}, STAFF.username, STAFF.password)).code).toBe(0);
  });

  it('prints the login envelope and exits 1 on a wrong password', async () => {
    const run = await call(dir, 'auth.me', {}, ADMIN.username, 'Wrong-pass-1');
    expect(run.code).toBe(1);
    expect(run.envelope).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'error.invalidCredentials' } });
  });

  it('calls a public method without --user, and reads --input from a file or stdin', async () => {
    const status = await opsdesk(['--data-dir', dir, 'call', 'setup.status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.json()).toEqual({ ok: true, data: { initialized: true, departmentName: '运营部', defaultLocale: 'zh-CN' } });

    const file = path.join(tempDir(), 'input.json');
    fs.writeFileSync(file, JSON.stringify({ pageSize: 1 }));
    const fromFile = await opsdesk(['--data-dir', dir, 'call', 'users.list', '--user', ADMIN.username, '--input', `@${file}`], { password: ADMIN.password });
    expect(fromFile.json()).toMatchObject({ ok: true, data: { pageSize: 1, total: 2 } });

    const fromStdin = await opsdesk(['--data-dir', dir, 'call', 'users.list', '--user', ADMIN.username, '--input', '@-'], {
      password: ADMIN.password,
      stdin: '{"pageSize":2}',
    });
    expect(fromStdin.json()).toMatchObject({ ok: true, data: { pageSize: 2 } });
  });

  it('exits 2 with a clear message for a missing password, bad JSON, an unknown method or no --user', async () => {
    const [noPassword, badJson, unknown, noUser] = await Promise.all([
      opsdesk(['--data-dir', dir, 'call', 'auth.me', '--user', ADMIN.username]),
      opsdesk(['--data-dir', dir, 'call', 'org.groups.create', '--user', ADMIN.username, '--input', '{name:'], { password: ADMIN.password }),
      opsdesk(['--data-dir', dir, 'call', 'org.nothing', '--user', ADMIN.username], { password: ADMIN.password }),
      opsdesk(['--data-dir', dir, 'call', 'org.chart'], { password: ADMIN.password }),
    ]);
    expect(noPassword.stderr).toContain('OPSDESK_PASSWORD');
    expect(badJson.stderr).toContain('--input is not valid JSON');
    expect(unknown.stderr).toContain("unknown method 'org.nothing'");
    expect(noUser.stderr).toContain('org.chart needs a signed-in user: give --user');
    for (const run of [noPassword, badJson, unknown, noUser]) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(hasStackTrace(run.stderr)).toBe(false);
    }
  });
});
