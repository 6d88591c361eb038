import { describe, expect, it } from 'vitest';
import { hashPassword, STANDARD_COST, verifyPassword } from '../../electron/core/modules/auth/passwords.js';
import { NAME_BUCKETS, nameKey, recordLoginFailure } from '../../electron/core/modules/auth/throttle.js';
import { ADMIN, call, closeCore, count, DEMO_PASSWORD, fails, fingerprint, initialised, login, ok, openCore } from './support/harness.js';
import { demoWorld, NEW_PASSWORD, newUser, signedInUser } from './support/world.js';
import { rows, tableNames } from './support/engine.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const invalidCredentials = { code: 'UNAUTHENTICATED', message: 'error.invalidCredentials' };
const tooMany = (retryAfterSeconds: number) => ({ code: 'UNAUTHENTICATED', message: 'error.tooManyAttempts', params: { retryAfterSeconds } });

/** Every table's content as text, on either engine. */
async function allText(core: Awaited<ReturnType<typeof initialised>>['core']): Promise<string> {
  const texts: string[] = [];
  for (const name of await tableNames(core)) texts.push(JSON.stringify(await rows(core, `SELECT * FROM "${name}"`)));
  return texts.join('\n');
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

  it('gives the same answer for an unknown user and a wrong password, and audits both with the username tried', async () => {
    const { core } = await initialised();
    expect(await fails(core, null, 'auth.login', { username: 'nobody', password: ADMIN.password })).toEqual(invalidCredentials);
    expect(await fails(core, null, 'auth.login', { username: ADMIN.username, password: 'wrong-password-1' })).toEqual(invalidCredentials);
    const failed = await rows<{ recordId: string | null; after: string }>(core, "SELECT record_id AS \"recordId\", after_json AS after FROM audit_log WHERE action = 'loginFailed' ORDER BY seq");
    expect(failed.map((r) => [r.recordId === null, JSON.parse(r.after).username])).toEqual([
      [true, 'nobody'],
      [false, 'admin'],
    ]);
    // A successful sign-in names the account too (the row's user column is empty before the session exists).
    const [newest] = await rows<{ a: string }>(core, "SELECT after_json AS a FROM audit_log WHERE action = 'login' ORDER BY seq DESC LIMIT 1");
    expect(JSON.parse(newest!.a)).toEqual({ username: 'admin' });
  });

  it('slows guessing with growing delays instead of locking the owner out, across a restart', async () => {
    const { core, clock, dir } = await initialised();
    const wrong = (i: number) => ({ username: 'admin', password: `wrong-${i}-pass` });
    for (let i = 1; i <= 3; i++) expect(await fails(core, null, 'auth.login', wrong(i))).toEqual(invalidCredentials);
    // Too early: refused before the password is even checked, right or wrong, and nothing is written.
    const before = await fingerprint(core);
    expect(await fails(core, null, 'auth.login', ADMIN)).toEqual(tooMany(1));
    expect(await fingerprint(core)).toBe(before);
    clock.advance(1000);
    await login(core, 'admin', ADMIN.password); // the owner gets in, and the count starts again
    expect(await fails(core, null, 'auth.login', wrong(0))).toEqual(invalidCredentials);

    // 1 s after the third failure in a row, then doubling up to 30 s: at most one guess per 30 s.
    const delays: number[] = [];
    for (let failures = 2; failures <= 10; failures++) {
      expect(await fails(core, null, 'auth.login', wrong(failures))).toEqual(invalidCredentials);
      if (failures < 3) continue;
      const refused = await fails(core, null, 'auth.login', wrong(99));
      expect(refused.message).toBe('error.tooManyAttempts');
      const seconds = Number(refused.params?.retryAfterSeconds);
      delays.push(seconds);
      clock.advance(seconds * 1000);
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 30, 30, 30]);
    expect(await fails(core, null, 'auth.login', wrong(11))).toEqual(invalidCredentials);

    // The counter lives in the database: a restart does not reset it.
    await closeCore(core);
    const reopened = (await openCore({ dataDir: dir, clock })).core;
    expect(await fails(reopened, null, 'auth.login', ADMIN)).toEqual(tooMany(30));
    clock.advance(29_999);
    expect(await fails(reopened, null, 'auth.login', ADMIN)).toEqual(tooMany(1));
    clock.advance(1);
    // The last administrator always gets in eventually: 30 s after the last guess at most.
    expect((await ok(reopened, null, 'auth.login', ADMIN)).user.username).toBe('admin');
    // An hour without failures forgets them.
    for (let i = 1; i <= 3; i++) await fails(reopened, null, 'auth.login', wrong(i));
    clock.advance(HOUR);
    for (let i = 1; i <= 3; i++) expect(await fails(reopened, null, 'auth.login', wrong(i))).toEqual(invalidCredentials);
  });

  it('answers an unknown, a disabled and a slowed-down account alike', async () => {
    const w = await demoWorld();
    const id = (await ok(w.core, w.admin, 'users.list', { search: 'staff1' })).rows[0]!.id;
    await ok(w.core, w.admin, 'users.setDisabled', { id, disabled: true });
    for (const username of ['nobody', 'staff1', 'lead1']) {
      for (let i = 1; i <= 3; i++) expect(await fails(w.core, null, 'auth.login', { username, password: `wrong-${i}-pass` }), username).toEqual(invalidCredentials);
      expect(await fails(w.core, null, 'auth.login', { username, password: `wrong-4-pass` }), username).toEqual(tooMany(1));
    }
    // Usernames are compared as typed by people: case, width and surrounding spaces do not matter.
    expect(await fails(w.core, null, 'auth.login', { username: ' ＮＯＢＯＤＹ ', password: 'wrong-5-pass' })).toEqual(tooMany(1));
  });

  it('takes about as long for an unknown username as for a wrong password', async () => {
    const { core } = await initialised({ passwordCost: { N: 2 ** 14, r: 8, p: 1 } });
    const timed = async (username: string) => {
      const started = performance.now();
      await fails(core, null, 'auth.login', { username, password: 'wrong-pass-x' });
      return performance.now() - started;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const unknown: number[] = [];
    const known: number[] = [];
    for (let i = 0; i < 3; i++) {
      unknown.push(await timed(`nobody${i}`));
      known.push(await timed('admin'));
    }
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('keeps a bounded number of counters however many usernames are tried', async () => {
    const { core } = await initialised();
    await core.runInternal('test.spray', null, async (ctx) => {
      for (let i = 0; i < 10_000; i++) await recordLoginFailure(ctx.manager, [nameKey(`spray-${i}`)], ctx.now);
    });
    expect(await count(core, 'login_throttle')).toBeLessThanOrEqual(NAME_BUCKETS);
    // Keys are buckets of a hash: the names tried are not stored in the table.
    expect(JSON.stringify(await rows(core, 'SELECT * FROM login_throttle'))).not.toContain('spray');
  });

  it('slows a source that guesses across many usernames, where the transport knows the source', async () => {
    const { core } = await initialised();
    const from = (source: string | null, username: string) => core.call('auth.login', { username, password: 'wrong-pass-x' }, { source });
    for (let i = 0; i < 10; i++) expect((await from('192.0.2.7', `user${i}`)).ok).toBe(false);
    expect(await from('192.0.2.7', 'fresh-name')).toEqual({ ok: false, error: tooMany(1) });
    expect((await core.call('auth.login', ADMIN, { source: '192.0.2.7' })).ok).toBe(false);
    // Another address, and the desktop app's IPC (no source), are not affected.
    expect(await from('192.0.2.8', 'fresh-name')).toEqual({ ok: false, error: invalidCredentials });
    expect((await core.call('auth.login', ADMIN, { source: '192.0.2.8' })).ok).toBe(true);
    expect((await core.call('auth.login', ADMIN)).ok).toBe(true);
  });

  it('lets an administrator reset the counter of an account (audited), shown in the users list', async () => {
    const w = await demoWorld();
    for (let i = 1; i <= 4; i++) await fails(w.core, null, 'auth.login', { username: 'staff2', password: `nope-${i}-pass` });
    const row = (await ok(w.core, w.admin, 'users.list', { search: 'staff2' })).rows[0]!;
    expect(row).toMatchObject({ failedLogins: 3, lockedUntil: new Date(w.clock.now().getTime() + 1000).toISOString() });
    expect(await fails(w.core, null, 'auth.login', { username: 'staff2', password: DEMO_PASSWORD })).toEqual(tooMany(1));

    const staff = await login(w.core, 'staff1');
    expect((await fails(w.core, staff, 'users.unlock', { id: row.id })).code).toBe('FORBIDDEN');
    expect(await ok(w.core, w.admin, 'users.unlock', { id: row.id })).toMatchObject({ failedLogins: 0, lockedUntil: null });
    const unlocks = await rows<{ id: string; b: string }>(w.core, "SELECT record_id AS id, before_json AS b FROM audit_log WHERE action = 'unlock'");
    expect(unlocks).toHaveLength(1);
    const audit = unlocks[0]!;
    expect(audit.id).toBe(row.id);
    expect(JSON.parse(audit.b)).toMatchObject({ failedLogins: 3 });
    await login(w.core, 'staff2');
    expect(await fails(w.core, w.admin, 'users.unlock', { id: '01900000-0000-7000-8000-000000000000' })).toEqual({ code: 'NOT_FOUND', message: 'error.notFound' });
  });

  it('stores passwords only as salted scrypt hashes', async () => {
    const w = await demoWorld();
    const user = await signedInUser(w, ['staff']);
    const hashes = await rows<{ username: string; h: string }>(w.core, 'SELECT username, password_hash AS h FROM users');
    expect(hashes.length).toBe(12); // admin, 10 demo accounts, the new user
    for (const { h } of hashes) expect(h).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    // The demo accounts share one password, but each has its own salt.
    expect(new Set(hashes.map((r) => r.h)).size).toBe(hashes.length);
    const text = await allText(w.core);
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

  it('counts wrong current passwords like failed sign-ins: slowed after the third, the fifth ends the sessions', async () => {
    const w = await demoWorld();
    const session = await login(w.core, 'lead1');
    const guess = (i: number) => fails(w.core, session, 'auth.changePassword', { currentPassword: `guess-${i}-x`, newPassword: 'Brand-new-pass-7' });
    for (let i = 0; i < 3; i++) expect((await guess(i)).fields).toEqual({ currentPassword: 'validation.wrongPassword' });
    expect(await guess(3)).toEqual({
      code: 'VALIDATION',
      message: 'error.tooManyAttempts',
      params: { retryAfterSeconds: 1 },
      fields: { currentPassword: 'validation.tooManyAttempts' },
    });
    w.clock.advance(1000);
    expect((await guess(4)).fields).toEqual({ currentPassword: 'validation.wrongPassword' });
    expect((await call(w.core, session, 'auth.me', {})).ok).toBe(true);
    w.clock.advance(2000);
    expect((await guess(5)).fields).toEqual({ currentPassword: 'validation.wrongPassword' });
    expect((await fails(w.core, session, 'auth.me', {})).code).toBe('UNAUTHENTICATED');
    expect(await fails(w.core, null, 'auth.login', { username: 'lead1', password: DEMO_PASSWORD })).toEqual(tooMany(4));
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
    // The wrong guess is counted (see the test before); the password itself is unchanged.
    expect((await ok(w.core, w.admin, 'users.list', { search: 'lead1' })).rows[0]!.failedLogins).toBe(1);
    const before = await fingerprint(w.core);
    expect((await fails(w.core, here, 'auth.changePassword', { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD })).fields).toEqual({
      newPassword: 'validation.passwordUnchanged',
    });
    expect(await fingerprint(w.core)).toBe(before);
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
    const before = await fingerprint(core);
    expect(await fails(core, admin, 'users.update', update)).toEqual({ code: 'INVALID_STATE', message: 'error.lastAdmin' });
    expect(await fails(core, admin, 'users.setDisabled', { id: adminId, disabled: true })).toEqual({ code: 'INVALID_STATE', message: 'error.cannotDisableSelf' });
    expect(await fingerprint(core)).toBe(before);

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

  it('resets a password: lifts the slow-down, requires a change at next sign-in, ends old sessions', async () => {
    const w = await demoWorld();
    const old = await login(w.core, 'staff2');
    for (let i = 0; i < 4; i++) await fails(w.core, null, 'auth.login', { username: 'staff2', password: `nope-${i}` });
    expect((await fails(w.core, null, 'auth.login', { username: 'staff2', password: DEMO_PASSWORD })).message).toBe('error.tooManyAttempts');
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
    const before = await fingerprint(w.core);
    expect(await fails(w.core, null, 'setup.initialize', { departmentName: '新部门', adminUsername: 'boss', adminPassword: 'Boss-pass-1' })).toEqual({
      code: 'INVALID_STATE',
      message: 'error.alreadyInitialized',
    });
    expect(await fingerprint(w.core)).toBe(before);
  });
});
