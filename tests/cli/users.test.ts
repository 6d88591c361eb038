import { describe, expect, it } from 'vitest';
import { nameKey } from '../../electron/core/modules/auth/throttle.js';
import { ADMIN, call, countRows, execSql, hasStackTrace, initialisedDir, opsdesk, tempDir } from './support/cli.js';

/**
 * A username after seven wrong passwords in a row: each CLI run takes a second or more, so the
 * counter is written directly rather than guessed into place (the core tests cover the guessing).
 */
async function slowDown(dir: string, username: string): Promise<void> {
  const now = Date.now();
  await execSql(
    dir,
    'INSERT INTO login_throttle (key, failures, last_failure_at, retry_at) VALUES (?, ?, ?, ?)',
    nameKey(username).key,
    7,
    new Date(now).toISOString(),
    new Date(now + 10 * 60_000).toISOString(),
  );
}

describe('opsdesk users unlock', () => {
  it('clears the failed sign-ins of an account without signing in (physical access is the authority), audited', async () => {
    const dir = await initialisedDir();
    await slowDown(dir, ADMIN.username);
    const refused = await call(dir, 'auth.me', {}, ADMIN.username, ADMIN.password);
    expect(refused.code).toBe(1);
    expect(refused.envelope.error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'error.tooManyAttempts', params: { retryAfterSeconds: expect.any(Number) } });

    const run = await opsdesk(['--data-dir', dir, 'users', 'unlock', 'ADMIN']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('admin');
    expect(run.stdout).toMatch(/7 failed sign-ins cleared/);
    expect(await countRows(dir, 'audit_log', "action = 'unlock' AND method = ?", 'maintenance.usersUnlock')).toBe(1);
    expect((await call(dir, 'auth.me', {}, ADMIN.username, ADMIN.password)).code).toBe(0);
  });

  it('prints JSON with --json, and says when there was nothing to clear', async () => {
    const dir = await initialisedDir();
    const idle = await opsdesk(['--data-dir', dir, 'users', 'unlock', 'admin', '--json']);
    expect(idle.code, idle.stderr).toBe(0);
    expect(idle.json()).toMatchObject({ username: 'admin', clearedFailedLogins: 0, user: { username: 'admin', failedLogins: 0, lockedUntil: null } });
    await slowDown(dir, ADMIN.username);
    const cleared = await opsdesk(['--data-dir', dir, 'users', 'unlock', 'admin', '--json']);
    expect(cleared.json()).toMatchObject({ username: 'admin', clearedFailedLogins: 7, user: { failedLogins: 0 } });
    expect((await opsdesk(['--data-dir', dir, 'users', 'unlock', 'admin'])).stdout).toContain('no failed sign-ins');
  });

  it('refuses an unknown username (exit 1), a missing folder and a missing argument (exit 2), without a stack trace', async () => {
    const dir = await initialisedDir();
    const unknown = await opsdesk(['--data-dir', dir, 'users', 'unlock', 'nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no account with the username 'nobody'");
    const unknownJson = await opsdesk(['--data-dir', dir, 'users', 'unlock', 'nobody', '--json']);
    expect(unknownJson.code).toBe(1);
    expect(unknownJson.json()).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'error.unknownUser' } });
    const missing = await opsdesk(['--data-dir', tempDir(), 'users', 'unlock', 'admin']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No OpsDesk (database|data folder)/);
    const usage = await opsdesk(['--data-dir', dir, 'users', 'unlock']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('missing USERNAME');
    for (const r of [unknown, missing, usage]) expect(hasStackTrace(r.stderr)).toBe(false);
    const help = await opsdesk(['users', 'unlock', '--help']);
    expect(help.stdout).toMatch(/no --user/i);
  });
});
