import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/index.js';
import { checkAccounts } from '../../electron/core/kernel/account-seals.js';
import { runDoctor } from '../../electron/core/maintenance/doctor.js';
import { closeCore, fails, login, ok, openCore } from './support/harness.js';
import { BEFORE_KEYED_CHAIN, previousVersionFolder } from './support/legacy.js';
import { exec, itSqlite, rows } from './support/engine.js';
import { demoWorld, NEW_PASSWORD, newUser, signedInUser } from './support/world.js';

/** Account seals (kernel/account-seals.ts): changes to users and user_roles made outside the core. */
const accounts = (core: Core) => core.runInternal('test.accounts', null, (ctx) => checkAccounts(ctx.manager, ctx.services.auditChain.keys), { transaction: false });

describe('account seals', () => {
  it('stay valid through every change the core makes to accounts', async () => {
    const w = await demoWorld();
    const user = await signedInUser(w, ['staff']);
    await ok(w.core, w.admin, 'users.update', { id: user.id, displayName: '改名', roles: ['staff', 'lead'], employeeId: w.employeeId });
    await ok(w.core, w.admin, 'users.setDisabled', { id: user.id, disabled: true });
    await ok(w.core, w.admin, 'users.setDisabled', { id: user.id, disabled: false });
    await ok(w.core, w.admin, 'users.resetPassword', { id: user.id, newPassword: 'Reset-pass-3' });
    const token = await login(w.core, user.username, 'Reset-pass-3');
    await ok(w.core, token, 'auth.changePassword', { currentPassword: 'Reset-pass-3', newPassword: NEW_PASSWORD });
    await ok(w.core, token, 'auth.setLocale', { locale: 'en-US' });
    // Failed sign-ins (counted, then a lockout) change the account too.
    for (let i = 0; i < 6; i++) await fails(w.core, null, 'auth.login', { username: user.username, password: 'Wrong-pass-9' });
    await newUser(w, ['hr']);
    expect(await accounts(w.core)).toEqual({ ok: true, tampered: [], removed: [] });
    const doctor = await runDoctor(w.core);
    expect(doctor.accounts.ok).toBe(true);
    expect(doctor.checks.find((c) => c.name === 'accounts')).toEqual({ name: 'accounts', ok: true, details: [] });
  });

  it('report staff made an administrator with an INSERT INTO user_roles on the file', async () => {
    const w = await demoWorld();
    const staff = await signedInUser(w, ['staff']);
    await exec(w.core, "INSERT INTO user_roles (user_id, role) VALUES (?, 'admin')", [staff.id]);
    expect(await accounts(w.core)).toEqual({ ok: false, tampered: [staff.username], removed: [] });
    const doctor = await runDoctor(w.core);
    expect(doctor.healthy).toBe(false);
    expect(doctor.checks.find((c) => c.name === 'accounts')).toMatchObject({ ok: false, details: [expect.stringContaining(staff.username)] });
  });

  it('stay broken through failed and successful sign-ins and other rows about the account; the next deliberate change records the tampering first', async () => {
    const w = await demoWorld();
    const staff = await signedInUser(w, ['staff']);
    await exec(w.core, "INSERT INTO user_roles (user_id, role) VALUES (?, 'admin')", [staff.id]);
    // A failed sign-in, a sign-in, a language change and an unlock all write rows about the account.
    await fails(w.core, null, 'auth.login', { username: staff.username, password: 'Wrong-pass-9' });
    await ok(w.core, w.admin, 'users.unlock', { id: staff.id });
    const token = await login(w.core, staff.username, NEW_PASSWORD);
    await ok(w.core, token, 'auth.setLocale', { locale: 'en-US' });
    expect(await accounts(w.core)).toEqual({ ok: false, tampered: [staff.username], removed: [] });
    const incidentRows = () => rows<{ method: string; after: string }>(w.core, "SELECT method, after_json AS after FROM audit_log WHERE entity = 'audit' AND action = 'accountTampered' ORDER BY seq");
    // The sign-in of the forged administrator is on record.
    expect(await incidentRows()).toEqual([{ method: 'auth.login', after: JSON.stringify({ userId: staff.id, username: staff.username }) }]);
    // An administrator who then edits the account (and keeps what they see) seals it, with the finding recorded before.
    await ok(w.core, w.admin, 'users.update', { id: staff.id, displayName: '复核后', roles: ['staff'], employeeId: null });
    expect((await incidentRows()).map((r) => r.method)).toEqual(['auth.login', 'users.update']);
    expect(await accounts(w.core)).toEqual({ ok: true, tampered: [], removed: [] });
    expect((await ok(w.core, w.admin, 'audit.verify', {})).incidents.map((i) => i.kind)).toEqual(['accountTampered', 'accountTampered']);
  });

  it('report a password hash, a disabled flag or a must-change flag changed, an account added and one removed', async () => {
    const w = await demoWorld();
    const [a, b, c, d] = [await newUser(w), await newUser(w), await newUser(w), await newUser(w)];
    const adminHash = (await rows<{ h: string }>(w.core, "SELECT password_hash AS h FROM users WHERE username = 'admin'"))[0]!.h;
    await exec(w.core, 'UPDATE users SET password_hash = ? WHERE id = ?', [adminHash, a.id]);
    await exec(w.core, 'UPDATE users SET disabled = 1 WHERE id = ?', [b.id]);
    await exec(w.core, 'UPDATE users SET must_change_password = 0 WHERE id = ?', [c.id]);
    await exec(w.core, 'DELETE FROM users WHERE id = ?', [d.id]);
    await exec(
      w.core,
      "INSERT INTO users (id, username, display_name, password_hash, employee_id, disabled, failed_logins, locked_until, locale, must_change_password, last_login_at, created_at, updated_at) VALUES ('01900000-0000-7000-8000-0000000000ff', 'intruder', '入侵者', ?, NULL, 0, 0, NULL, 'zh-CN', 0, NULL, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
      [adminHash],
    );
    const result = await accounts(w.core);
    expect(result.ok).toBe(false);
    expect(result.tampered.sort()).toEqual([a.username, b.username, c.username, 'intruder'].sort());
    expect(result.removed).toEqual([d.username]);
  });

  it('do not report fields outside the seal (last sign-in, failed count, name, language)', async () => {
    const w = await demoWorld();
    await exec(w.core, "UPDATE users SET last_login_at = '2020-01-01T00:00:00.000Z', failed_logins = 3, display_name = '别名', locale = 'en-US'");
    expect((await accounts(w.core)).ok).toBe(true);
  });

  // The previous version's database is a SQLite file made by support/legacy.ts: that version ran only on SQLite.
  itSqlite('are made for the accounts of a database of the previous version when it is first opened', async () => {
    const { dir } = await previousVersionFolder(BEFORE_KEYED_CHAIN);
    const { core } = await openCore({ dataDir: dir });
    const result = await accounts(core);
    expect(result).toEqual({ ok: true, tampered: [], removed: [] });
    // ...and only then: a later start does not seal an account added meanwhile.
    await exec(core, "INSERT INTO user_roles (user_id, role) SELECT id, 'admin' FROM users WHERE username = 'staff1'");
    await closeCore(core);
    const reopened = (await openCore({ dataDir: dir })).core;
    expect(await accounts(reopened)).toEqual({ ok: false, tampered: ['staff1'], removed: [] });
  });
});
