import { describe, expect, it } from 'vitest';
import { ADMIN, count, fails, initialised, ok } from './support/harness.js';
import { demoWorld, employeeFields, importFile, NEW_PASSWORD } from './support/world.js';
import { itSqlite } from './support/engine.js';
import { createJobRunner, type JobRunner } from '../../electron/core/kernel/jobs/runner.js';
import type { TaskName, TaskPayload, TaskResult } from '../../electron/core/kernel/jobs/tasks.js';

/**
 * Long work does not hold the calls queued behind it (kernel/gate.ts). A sign-in's scrypt (about 0.3 s at the standard cost) runs off the database connection, so
 * other calls are answered meanwhile; the throttle and the stored password are checked again in
 * the short transaction after it. The cost here is 2^16: long enough that a call started during
 * the scrypt is sure to finish first (order, not timing, is asserted).
 */
const SLOW_ENOUGH = { N: 2 ** 16, r: 8, p: 1 };

/** The order in which the promises settle. */
async function settleOrder(calls: Record<string, Promise<unknown>>): Promise<string[]> {
  const order: string[] = [];
  await Promise.all(Object.entries(calls).map(([name, p]) => p.then(() => order.push(name))));
  return order;
}

describe('sign-in off the call queue', () => {
  it('answers another call while a sign-in checks its password', async () => {
    const { core, admin } = await initialised({ passwordCost: SLOW_ENOUGH });
    const order = await settleOrder({
      signIn: core.call('auth.login', ADMIN),
      wrongGuess: core.call('auth.login', { username: ADMIN.username, password: 'wrong-pass-1' }),
      me: core.call('auth.me', {}, { token: admin }),
      list: core.call('users.list', {}, { token: admin }),
    });
    expect(order.slice(0, 2).sort()).toEqual(['list', 'me']);
  });

  it('answers other calls while an administrator creates an account or resets a password', async () => {
    const { core, admin } = await initialised({ passwordCost: SLOW_ENOUGH });
    const staff = await ok(core, admin, 'users.create', { username: 'li.na', displayName: '李娜', password: 'Li-na-pass-1', roles: ['staff'], employeeId: null });
    const order = await settleOrder({
      create: core.call('users.create', { username: 'wang.wu', displayName: '王五', password: 'Wang-wu-pass-1', roles: ['staff'], employeeId: null }, { token: admin }),
      reset: core.call('users.resetPassword', { id: staff.id, newPassword: NEW_PASSWORD }, { token: admin }),
      me: core.call('auth.me', {}, { token: admin }),
    });
    expect(order[0]).toBe('me');
    expect((await ok(core, null, 'auth.login', { username: 'li.na', password: NEW_PASSWORD })).user.mustChangePassword).toBe(true);
    expect(await count(core, 'users', "username = 'wang.wu'")).toBe(1);
  });

  it('counts guesses made in parallel: after the third failure the rest are refused, the right password too', async () => {
    const { core } = await initialised({ passwordCost: SLOW_ENOUGH });
    const guesses = [1, 2, 3, 4, 5].map((i) => core.call('auth.login', { username: ADMIN.username, password: `wrong-${i}-pass` }));
    // Sent once the guesses are under way (on PostgreSQL calls run side by side, in any order).
    await new Promise((resolve) => setTimeout(resolve, 40));
    const right = core.call('auth.login', ADMIN);
    const message = (a: Awaited<typeof right>) => (a.ok ? 'ok' : a.error.message);
    expect((await Promise.all(guesses)).map(message).sort()).toEqual(['error.invalidCredentials', 'error.invalidCredentials', 'error.invalidCredentials', 'error.tooManyAttempts', 'error.tooManyAttempts']);
    expect(message(await right)).toBe('error.tooManyAttempts');
    expect(await count(core, 'audit_log', "action = 'loginFailed'")).toBe(3);
    expect(await count(core, 'audit_log', "action = 'login'")).toBe(1); // the set-up's sign-in only
  });

  it('takes own password changes in turn: guesses in parallel are slowed like sign-ins, the right one too', async () => {
    const { core, admin } = await initialised({ passwordCost: SLOW_ENOUGH });
    const guesses = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => core.call('auth.changePassword', { currentPassword: `wrong-${i}-pass`, newPassword: NEW_PASSWORD }, { token: admin }));
    // On PostgreSQL calls run side by side and reach their turn in any order: the right password
    // is sent once the guesses are under way, and the guesses' answers are compared as a set.
    await new Promise((resolve) => setTimeout(resolve, 40));
    const right = core.call('auth.changePassword', { currentPassword: ADMIN.password, newPassword: NEW_PASSWORD }, { token: admin });
    const said = (a: Awaited<typeof right>) => (a.ok ? 'ok' : (a.error.fields?.currentPassword ?? a.error.message));
    const answers = (await Promise.all(guesses)).map(said).sort();
    expect(answers).toEqual([...Array(5).fill('validation.tooManyAttempts'), ...Array(3).fill('validation.wrongPassword')]);
    expect(said(await right)).toBe('validation.tooManyAttempts');
    expect(await count(core, 'audit_log', "action = 'wrongCurrentPassword'")).toBe(3);
    expect(await count(core, 'audit_log', "action = 'changePassword'")).toBe(0);
  });

  it('refuses a sign-in whose password was reset while it was being checked', async () => {
    const { core, admin } = await initialised({ passwordCost: SLOW_ENOUGH });
    const staff = await ok(core, admin, 'users.create', { username: 'li.na', displayName: '李娜', password: 'Li-na-pass-1', roles: ['staff'], employeeId: null });
    // The reset's scrypt is queued first (scrypts take turns): it is stored while the sign-in
    // still checks the old password, which was right when the check began. On PostgreSQL calls run
    // side by side, so the sign-in starts once the reset is under way (its checks take a few ms,
    // its scrypt at this cost far longer).
    const reset = core.call('users.resetPassword', { id: staff.id, newPassword: NEW_PASSWORD }, { token: admin });
    await new Promise((resolve) => setTimeout(resolve, 40));
    const signIn = core.call('auth.login', { username: 'li.na', password: 'Li-na-pass-1' });
    const [wasReset, signedIn] = await Promise.all([reset, signIn]);
    expect(wasReset.ok).toBe(true);
    expect(signedIn.ok ? 'ok' : signedIn.error.message).toBe('error.invalidCredentials');
  });

  it('keeps the own password change whole: a wrong current password is counted, nothing else stored', async () => {
    const { core, admin } = await initialised({ passwordCost: SLOW_ENOUGH });
    const error = await fails(core, admin, 'auth.changePassword', { currentPassword: 'wrong-pass-1', newPassword: NEW_PASSWORD });
    expect(error).toMatchObject({ code: 'VALIDATION', fields: { currentPassword: 'validation.wrongPassword' } });
    expect(await count(core, 'audit_log', "action = 'wrongCurrentPassword'")).toBe(1);
    await ok(core, admin, 'auth.changePassword', { currentPassword: ADMIN.password, newPassword: NEW_PASSWORD });
    expect((await ok(core, null, 'auth.login', { username: ADMIN.username, password: NEW_PASSWORD })).user.username).toBe('admin');
  });
});

/**
 * The tasks of the inline runner, each taking at least `ms` as on a worker with a big file, so
 * calls can come in during every step of a backup or restore.
 */
function slowJobs(ms: number): JobRunner {
  const inline = createJobRunner('inline');
  const pause = () => new Promise((r) => setTimeout(r, ms));
  return {
    mode: 'inline',
    run: async <T extends TaskName>(task: T, payload: TaskPayload<T>, onProgress?: (done: number, total: number) => void): Promise<TaskResult<T>> => {
      await pause();
      const result = await inline.run(task, payload, onProgress);
      await pause();
      return result;
    },
    close: () => inline.close(),
  };
}

describe('backup and restore off the call queue', () => {
  it('answers other calls while an import file is read and an export is written', async () => {
    const w = await demoWorld({ jobs: slowJobs(50) });
    const order = await settleOrder({
      preview: w.core.call('org.employees.importPreview', importFile(w), { token: w.admin }),
      exported: w.core.call('org.employees.export', {}, { token: w.admin }),
      me: w.core.call('auth.me', {}, { token: w.admin }),
    });
    expect(order[0]).toBe('me');
  });

  it('answers other calls while the desktop file dialog is open', async () => {
    const w = await demoWorld({ fileDialog: { pickBackupFile: () => new Promise((r) => setTimeout(() => r(null), 50)) } });
    const order = await settleOrder({
      pick: w.core.call('backup.pickFile', {}, { token: w.admin }),
      me: w.core.call('auth.me', {}, { token: w.admin }),
    });
    expect(order).toEqual(['me', 'pick']);
  });

  itSqlite('answers other calls while a backup is made', async () => {
    const w = await demoWorld({ jobs: slowJobs(20) });
    const order = await settleOrder({
      backup: w.core.call('backup.create', {}, { token: w.admin }),
      me: w.core.call('auth.me', {}, { token: w.admin }),
      write: w.core.call('org.employees.create', employeeFields(w), { token: w.admin }),
    });
    expect(order.at(-1)).toBe('backup');
  });

  itSqlite('gives two backups made at the same moment a file each', async () => {
    const w = await demoWorld({ jobs: slowJobs(20) });
    const both = await Promise.all([1, 2].map(() => ok(w.core, w.admin, 'backup.create', {})));
    expect(new Set(both.map((b) => b.fileName)).size).toBe(2);
    for (const b of both) expect(await ok(w.core, w.admin, 'backup.verify', { file: b.fileName })).toMatchObject({ ok: true });
  });

  itSqlite('loses no write made during a restore: each is in the pre-restore backup or in the restored data', async () => {
    const w = await demoWorld({ jobs: slowJobs(20) });
    const backup = await ok(w.core, w.admin, 'backup.create', {});
    let done = false;
    const restoring = ok(w.core, w.admin, 'backup.restore', { file: backup.fileName, confirm: true }).finally(() => (done = true));
    // One write after another for as long as the restore runs, so some land in each of its steps.
    const writes: Promise<{ ok: boolean; data?: unknown }>[] = [];
    while (!done) {
      writes.push(w.core.call('org.employees.create', employeeFields(w), { token: w.admin }));
      await new Promise((r) => setTimeout(r, 1));
    }
    const restored = await restoring;
    const answers = await Promise.all(writes);
    expect(answers.every((r) => r.ok)).toBe(true);
    const acknowledged = answers.map((r) => (r.data as { employeeNo: string }).employeeNo);
    expect(acknowledged.length).toBeGreaterThan(2);
    const present = async (no: string) => (await count(w.core, 'org_employees', 'employee_no = ?', [no])) === 1;
    const presentAll = async (nos: string[]) => (await Promise.all(nos.map(present))).map((p, i) => (p ? nos[i] : null)).filter((n) => n !== null);
    const afterSwap = await presentAll(acknowledged);
    await ok(w.core, w.admin, 'backup.restore', { file: restored.preRestoreBackup, confirm: true });
    const beforeSwap = await presentAll(acknowledged);
    expect([...afterSwap, ...beforeSwap].sort()).toEqual([...acknowledged].sort());
  });

  itSqlite('refuses a second restore while one runs, with its own message', async () => {
    const w = await demoWorld({ jobs: slowJobs(20) });
    const backup = await ok(w.core, w.admin, 'backup.create', {});
    const both = await Promise.all([1, 2].map(() => w.core.call('backup.restore', { file: backup.fileName, confirm: true }, { token: w.admin })));
    // Both are in flight before either reaches its exclusive section: the second to get there is refused.
    expect(both.map((r) => (r.ok ? 'ok' : r.error.message)).sort()).toEqual(['error.exclusiveBusy', 'ok']);
  });
});
