import { describe, expect, it } from 'vitest';
import { hashPassword, STANDARD_COST, verifyPassword } from '../../electron/core/modules/auth/passwords.js';
import { ADMIN, call, closeCore, count, DEMO_PASSWORD, fails, fingerprint, initialised, login, ok, openCore } from './support/harness.js';
import { demoWorld, NEW_PASSWORD, newUser, signedInUser } from './support/world.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const invalidCredentials = { code: 'UNAUTHENTICATED', message: 'error.invalidCredentials' };

function allText(core: Awaited<ReturnType<typeof initialised>>['core']): string {
  const tables = core.db.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  return tables.map(({ name }) => JSON.stringify(core.db.raw.prepare(`SELECT * FROM "${name}"`).all())).join('\n');
}

describe('auth', () => {
  it('signs in with the right password, case-insensitively on the username', async () => {
    const { core, clock } = await initialised();
    const result = await ok(core, null, 'auth.login', { username: 'ADMIN', password: ADMIN.password });
    expect(result.user).toMatchObject({ username: 'admin', roles: ['admin'], mustChangePassword: false, locale: 'zh-CN' });
    const me = await ok(core, result.token, 'auth.me', {});
    expect(me).toMatchObject({ user: { id: result.user.id }, departmentName: '运营部' });
    const row = (await ok(core, result.token, 'users.list', {})).rows[0]!;
    expect(row.lastLoginAt).toBe(clock.now().toISOString());
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const { core } = await initialised();
    const before = fingerprint(core);
    expect(await fails(core, null, 'auth.login', { username: 'nobody', password: ADMIN.password })).toEqual(invalidCredentials);
    expect(fingerprint(core)).toBe(before); // nothing to record against an account that does not exist
    expect(await fails(core, null, 'auth.login', { username: ADMIN.username, password: 'wrong-password-1' })).toEqual(invalidCredentials);
    expect(count(core, 'audit_log', "action = 'loginFailed'")).toBe(1);
  });

  it('locks an account for 15 minutes after 5 failures, across a restart', async () => {
    const { core, clock, dir } = await initialised();
    for (let i = 1; i <= 4; i++) expect(await fails(core, null, 'auth.login', { username: 'admin', password: `wrong-${i}` })).toEqual(invalidCredentials);
    await login(core, 'admin', ADMIN.password); // a success resets the count
    for (let i = 1; i <= 5; i++) expect(await fails(core, null, 'auth.login', { username: 'admin', password: `wrong-${i}` })).toEqual(invalidCredentials);
    const locked = { code: 'UNAUTHENTICATED', message: 'error.accountLocked' };
    expect(await fails(core, null, 'auth.login', ADMIN)).toEqual(locked);
    expect(count(core, 'audit_log', "action = 'loginFailed'")).toBe(8);
    expect(count(core, 'audit_log', "action = 'locked'")).toBe(1);
    expect(count(core, 'audit_log', "action = 'loginWhileLocked'")).toBe(1);

    clock.advance(14 * MINUTE);
    await closeCore(core);
    const reopened = (await openCore({ dataDir: dir, clock })).core;
    expect(await fails(reopened, null, 'auth.login', ADMIN)).toEqual(locked);
    clock.advance(MINUTE - 1);
    expect(await fails(reopened, null, 'auth.login', ADMIN)).toEqual(locked);
    clock.advance(1);
    expect((await ok(reopened, null, 'auth.login', ADMIN)).user.username).toBe('admin');
    // The count starts again from zero after the lock.
    for (let i = 1; i <= 4; i++) await fails(reopened, null, 'auth.login', { username: 'admin', password: `wrong-${i}` });
    expect((await ok(reopened, null, 'auth.login', ADMIN)).token).toMatch(/^[\w-]{43}$/);
  });

  it('stores passwords only as salted scrypt hashes', async () => {
    const w = await demoWorld();
    const user = await signedInUser(w, ['staff']);
    const hashes = w.core.db.raw.prepare('SELECT username, password_hash AS h FROM users').all() as { username: string; h: string }[];
    expect(hashes.length).toBe(12); // admin, 10 demo accounts, the new user
    for (const { h } of hashes) expect(h).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    // The demo accounts share one password, but each has its own salt.
    expect(new Set(hashes.map((r) => r.h)).size).toBe(hashes.length);
    const text = allText(w.core);
    for (const secret of [DEMO_PASSWORD, 'Temp-pass-1', NEW_PASSWORD]) expect(text).not.toContain(secret);
    expect(user.token).not.toBe('');
  });

  it('hashes with the standard cost (scrypt N=2^17, r=8, p=1) and verifies', async () => {
    const hash = await hashPassword('Correct horse 1', STANDARD_COST);
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('Correct horse 1', hash)).toBe(true);
    expect(await verifyPassword('Correct horse 2', hash)).toBe(false);
    expect(await verifyPassword('Correct horse 1', 'plain-text')).toBe(false);
  });

  it('ends a session after 8 idle hours, and 24 hours after sign-in however busy', async () => {
    const { core, clock } = await initialised();
    const idle = await login(core, 'admin', ADMIN.password);
    clock.advance(8 * HOUR);
    expect((await call(core, idle, 'auth.me', {})).ok).toBe(true); // exactly 8 h is still inside
    clock.advance(8 * HOUR + 1);
    expect(await fails(core, idle, 'auth.me', {})).toEqual({ code: 'UNAUTHENTICATED', message: 'error.unauthenticated' });
    // A session in use every 7 hours still ends 24 hours after sign-in.
    const fresh = await login(core, 'admin', ADMIN.password);
    for (let h = 7; h < 24; h += 7) {
      clock.advance(7 * HOUR);
      expect((await call(core, fresh, 'auth.me', {})).ok).toBe(true);
    }
    clock.advance(3 * HOUR + 1); // 24 h + 1 ms after sign-in
    expect((await fails(core, fresh, 'auth.me', {})).code).toBe('UNAUTHENTICATED');
  });

  it('ends the sessions of a disabled user and refuses their sign-in until re-enabled', async () => {
    const w = await demoWorld();
    const staff = await login(w.core, 'staff1');
    const id = (await ok(w.core, w.admin, 'users.list', { search: 'staff1' })).rows[0]!.id;
    await ok(w.core, w.admin, 'users.setDisabled', { id, disabled: true });
    expect((await fails(w.core, staff, 'auth.me', {})).code).toBe('UNAUTHENTICATED');
    expect(await fails(w.core, null, 'auth.login', { username: 'staff1', password: DEMO_PASSWORD })).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'error.accountDisabled',
    });
    expect(await fails(w.core, null, 'auth.login', { username: 'staff1', password: 'wrong-one-1' })).toEqual(invalidCredentials);
    await ok(w.core, w.admin, 'users.setDisabled', { id, disabled: false });
    expect((await fails(w.core, staff, 'auth.me', {})).code).toBe('UNAUTHENTICATED'); // the old session stays ended
    await login(w.core, 'staff1');
  });

  it('counts wrong current passwords like failed sign-ins: the fifth locks the account and ends its sessions', async () => {
    const w = await demoWorld();
    const session = await login(w.core, 'lead1');
    for (let i = 0; i < 5; i++) {
      const error = await fails(w.core, session, 'auth.changePassword', { currentPassword: `guess-${i}-x`, newPassword: 'Brand-new-pass-7' });
      expect(error.fields).toEqual({ currentPassword: 'validation.wrongPassword' });
    }
    expect((await fails(w.core, session, 'auth.me', {})).code).toBe('UNAUTHENTICATED');
    expect(await fails(w.core, null, 'auth.login', { username: 'lead1', password: DEMO_PASSWORD })).toEqual({ code: 'UNAUTHENTICATED', message: 'error.accountLocked' });
    expect(count(w.core, 'audit_log', "action = 'locked'")).toBe(1);
  });

  it('changes the own password after checking the current one, ending other sessions', async () => {
    const w = await demoWorld();
    const here = await login(w.core, 'lead1');
    const elsewhere = await login(w.core, 'lead1');
    expect(await fails(w.core, here, 'auth.changePassword', { currentPassword: 'wrong-pass-1', newPassword: 'Brand-new-pass-7' })).toEqual({
      code: 'VALIDATION',
      message: 'error.validation',
      fields: { currentPassword: 'validation.wrongPassword' },
    });
    // The wrong guess is counted (see the next test); the password itself is unchanged.
    expect(count(w.core, 'users', "username = 'lead1' AND failed_logins = 1")).toBe(1);
    const before = fingerprint(w.core);
    expect((await fails(w.core, here, 'auth.changePassword', { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD })).fields).toEqual({
      newPassword: 'validation.passwordUnchanged',
    });
    expect(fingerprint(w.core)).toBe(before);
    await ok(w.core, here, 'auth.changePassword', { currentPassword: DEMO_PASSWORD, newPassword: 'Brand-new-pass-7' });
    expect((await call(w.core, here, 'auth.me', {})).ok).toBe(true);
    expect((await fails(w.core, elsewhere, 'auth.me', {})).code).toBe('UNAUTHENTICATED');
    expect(await fails(w.core, null, 'auth.login', { username: 'lead1', password: DEMO_PASSWORD })).toEqual(invalidCredentials);
    await login(w.core, 'lead1', 'Brand-new-pass-7');
  });

  it('keeps at least one enabled administrator', async () => {
    const { core, admin } = await initialised();
    const adminId = (await ok(core, admin, 'auth.me', {})).user.id;
    const update = { id: adminId, displayName: '管理员', roles: ['manager' as const], employeeId: null };
    const before = fingerprint(core);
    expect(await fails(core, admin, 'users.update', update)).toEqual({ code: 'INVALID_STATE', message: 'error.lastAdmin' });
    expect(await fails(core, admin, 'users.setDisabled', { id: adminId, disabled: true })).toEqual({ code: 'INVALID_STATE', message: 'error.cannotDisableSelf' });
    expect(fingerprint(core)).toBe(before);

    const second = await ok(core, admin, 'users.create', { username: 'admin2', displayName: '管理员二', password: 'Temp-pass-1', roles: ['admin'] });
    const admin2 = await login(core, 'admin2', 'Temp-pass-1');
    await ok(core, admin2, 'auth.changePassword', { currentPassword: 'Temp-pass-1', newPassword: 'Admin2-pass-1' });
    await ok(core, admin2, 'users.setDisabled', { id: adminId, disabled: true });
    // admin2 is now the only enabled administrator: a disabled admin does not count.
    expect(await fails(core, admin2, 'users.update', { ...update, id: second.id })).toEqual({ code: 'INVALID_STATE', message: 'error.lastAdmin' });
    await ok(core, admin2, 'users.setDisabled', { id: adminId, disabled: false });
    expect((await ok(core, admin2, 'users.update', { ...update, id: second.id })).roles).toEqual(['manager']);
    expect((await fails(core, admin2, 'users.list', {})).code).toBe('FORBIDDEN');
  });

  it('resets a password: lifts the lock, requires a change at next sign-in, ends old sessions', async () => {
    const w = await demoWorld();
    const old = await login(w.core, 'staff2');
    for (let i = 0; i < 5; i++) await fails(w.core, null, 'auth.login', { username: 'staff2', password: `nope-${i}` });
    expect((await fails(w.core, null, 'auth.login', { username: 'staff2', password: DEMO_PASSWORD })).message).toBe('error.accountLocked');
    const id = (await ok(w.core, w.admin, 'users.list', { search: 'staff2' })).rows[0]!.id;
    expect((await ok(w.core, w.admin, 'users.list', { search: 'staff2' })).rows[0]!.lockedUntil).not.toBeNull();
    await ok(w.core, w.admin, 'users.resetPassword', { id, newPassword: 'Temp-reset-1' });
    expect((await fails(w.core, old, 'auth.me', {})).code).toBe('UNAUTHENTICATED');
    const session = await ok(w.core, null, 'auth.login', { username: 'staff2', password: 'Temp-reset-1' });
    expect(session.user.mustChangePassword).toBe(true);
    expect((await ok(w.core, w.admin, 'users.list', { search: 'staff2' })).rows[0]!.lockedUntil).toBeNull();
    await ok(w.core, session.token, 'auth.changePassword', { currentPassword: 'Temp-reset-1', newPassword: 'Mine-now-22' });
    expect((await ok(w.core, session.token, 'auth.me', {})).user.mustChangePassword).toBe(false);
  });

  it('remembers the interface language per user and signs out', async () => {
    const w = await demoWorld();
    const token = await login(w.core, 'hr');
    await ok(w.core, token, 'auth.setLocale', { locale: 'en-US' });
    await ok(w.core, token, 'auth.logout', {});
    expect((await fails(w.core, token, 'auth.me', {})).code).toBe('UNAUTHENTICATED');
    expect((await ok(w.core, null, 'auth.login', { username: 'hr', password: DEMO_PASSWORD })).user.locale).toBe('en-US');
  });

  it('creates accounts with unique usernames and runs setup only once', async () => {
    const w = await demoWorld();
    expect(await fails(w.core, w.admin, 'users.create', { username: 'Staff1', displayName: 'x', password: 'Temp-pass-1', roles: ['staff'] })).toEqual({
      code: 'CONFLICT',
      message: 'error.usernameTaken',
      fields: { username: 'validation.usernameTaken' },
    });
    const twice = await ok(w.core, w.admin, 'users.create', { username: 'twice', displayName: 'x', password: 'Temp-pass-1', roles: ['lead', 'lead', 'staff'] });
    expect(twice.roles).toEqual(['lead', 'staff']);
    expect((await newUser(w, ['hr'])).roles).toEqual(['hr']);
    // One account per employee.
    const employee = (await ok(w.core, w.admin, 'org.employees.list', { search: 'YY008' })).rows[0]!;
    expect((await newUser(w, ['staff'], employee.id)).employeeName).toBe('周敏');
    expect(await fails(w.core, w.admin, 'users.create', { username: 'zhoumin2', displayName: '周敏', password: 'Temp-pass-1', roles: ['staff'], employeeId: employee.id })).toEqual({
      code: 'CONFLICT',
      message: 'error.employeeHasAccount',
      fields: { employeeId: 'validation.employeeHasAccount' },
    });
    const before = fingerprint(w.core);
    expect(await fails(w.core, null, 'setup.initialize', { departmentName: '新部门', adminUsername: 'boss', adminPassword: 'Boss-pass-1' })).toEqual({
      code: 'INVALID_STATE',
      message: 'error.alreadyInitialized',
    });
    expect(fingerprint(w.core)).toBe(before);
  });
});
