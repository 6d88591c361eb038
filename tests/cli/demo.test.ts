import { describe, it } from 'vitest';
import { ADMIN, call, initialisedDir, opsdesk, tempDir } from './support/cli.js';

const DEMO_PASSWORD = 'OpsDesk-demo-1';

// Each test has its own data folder, so they run side by side.
describe.concurrent('opsdesk demo', () => {
  it('sets up a new folder with the demo department and prints the accounts and password', async ({ expect }) => {
    const dir = tempDir();
    const started = Date.now();
    // The real hash cost here, once: this is what a user waits for.
    const demo = await opsdesk(['--data-dir', dir, 'demo'], { realHashCost: true });
    const seconds = (Date.now() - started) / 1000;
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toContain('Employees: 25');
    expect(demo.stdout).toContain(`password: ${DEMO_PASSWORD}`);
    for (const account of ['admin', 'manager', 'deputy1', 'deputy2', 'lead1', 'staff1', 'hr']) expect(demo.stdout).toMatch(new RegExp(`^\\s+${account}\\s`, 'm'));
    // Real scrypt cost for 11 accounts: a few seconds on the build machine.
    expect(seconds).toBeLessThan(30);

    // The printed (and well-known default) password is only for the first sign-in.
    expect(demo.stdout).toContain('each must choose a new password at first sign-in');
    for (const account of ['admin', 'manager']) {
      const first = await call(dir, 'org.employees.list', {}, account, DEMO_PASSWORD);
      expect(first.envelope.error, account).toEqual({ code: 'FORBIDDEN', message: 'error.mustChangePassword' });
      const changed = await call(dir, 'auth.changePassword', { currentPassword: DEMO_PASSWORD, newPassword: 'Blue-Harbor-Lamp-58' }, account, DEMO_PASSWORD);
      expect(changed.code, changed.stdout).toBe(0);
    }
    const list = await call(dir, 'org.employees.list', { pageSize: 50 }, 'manager', 'Blue-Harbor-Lamp-58');
    expect(list.code, list.stdout).toBe(0);
    const page = list.envelope.data as { total: number; rows: { name: string; groupName: string | null }[] };
    expect(page.total).toBe(25);
    expect(page.rows.map((r) => r.name)).toContain('王建国');
    expect(new Set(page.rows.map((r) => r.groupName).filter(Boolean))).toEqual(new Set(['项目运营组', '数据分析组', '客户服务组']));

    const again = await opsdesk(['--data-dir', dir, 'demo']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has employees');
  });

  it('fills an initialised, empty department and leaves the existing admin password alone', async ({ expect }) => {
    const dir = await initialisedDir();
    const demo = await opsdesk(['--data-dir', dir, 'demo', '--password', 'Other-demo-2']);
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toContain('Accounts that existed before keep their passwords');
    expect((await call(dir, 'auth.me', {}, ADMIN.username, ADMIN.password)).envelope.data).toMatchObject({ user: { mustChangePassword: false } });
    expect((await call(dir, 'auth.me', {}, 'staff1', 'Other-demo-2')).envelope.data).toMatchObject({ user: { mustChangePassword: true } });
  });

  it('refuses a weak demo password before writing anything', async ({ expect }) => {
    const dir = tempDir();
    const demo = await opsdesk(['--data-dir', dir, 'demo', '--password', 'abc']);
    expect(demo.code).toBe(1);
    expect(demo.stderr).toContain('--password');
    const status = await opsdesk(['--data-dir', dir, 'call', 'setup.status']);
    expect(status.json()).toMatchObject({ ok: true, data: { initialized: false } });
  });
});
