import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, beforeAll } from 'vitest';
import { ensureBuilt, ROOT } from '../../support/build.js';

/**
 * The CLI tests run the real `opsdesk` command as a child process against the compiled build,
 * as a user would. Each test file gets its own temporary data folders.
 */
export { ROOT };
export const BIN = path.join(ROOT, 'bin', 'opsdesk.js');

export const ADMIN = { username: 'admin', password: 'Admin-pass-1' };

beforeAll(() => ensureBuilt(), 120_000);

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix = 'opsdesk-cli-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON. */
  json<T = unknown>(): T;
}

/**
 * Runs `opsdesk ARGS`; `password` sets OPSDESK_PASSWORD (unset otherwise). Passwords are hashed
 * at the test cost (OPSDESK_TEST_FAST_HASH=1) unless `realHashCost` is set: the real cost takes
 * about 0.3 s of CPU per hash and per login, which over ~80 runs would double the suite's time.
 * Asynchronous, so tests on separate data folders can run concurrently on both cores.
 */
export function opsdesk(
  args: string[],
  options: { password?: string; stdin?: string; env?: Record<string, string>; realHashCost?: boolean } = {},
): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, OPSDESK_TEST_FAST_HASH: '1', ...options.env };
  if (options.realHashCost) delete env.OPSDESK_TEST_FAST_HASH;
  delete env.OPSDESK_PASSWORD;
  if (options.password !== undefined) env.OPSDESK_PASSWORD = options.password;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout,
        stderr,
        json<T>() {
          try {
            return JSON.parse(stdout) as T;
          } catch {
            throw new Error(`stdout is not JSON (exit ${code}):\n${stdout}\nstderr:\n${stderr}`);
          }
        },
      }),
    );
    child.stdin.end(options.stdin ?? '');
  });
}

/** A data folder after `opsdesk init` with the test administrator. */
export async function initialisedDir(): Promise<string> {
  const dir = tempDir();
  const result = await opsdesk(['--data-dir', dir, 'init', '--department', '运营部', '--admin-user', ADMIN.username, '--admin-password', ADMIN.password]);
  if (result.code !== 0) throw new Error(`init failed: ${result.stderr}`);
  return dir;
}

/** `opsdesk call` as a user; returns the run with its parsed envelope. */
export async function call(dir: string, method: string, input: unknown, user = ADMIN.username, password = ADMIN.password) {
  const run = await opsdesk(['--data-dir', dir, 'call', method, '--user', user, '--input', JSON.stringify(input)], { password });
  return { ...run, envelope: run.json<{ ok: boolean; data?: unknown; error?: { code: string; message: string; fields?: Record<string, string> } }>() };
}

/** An expected-error run must never show a stack trace. */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+\(.+:\d+:\d+\)/.test(text) || /\n\s+at .+:\d+:\d+/.test(text);
}

/**
 * A staff account that can work: users.create gives a temporary password the user must change
 * first, so the new user changes it through the CLI as they would at first login.
 */
export async function createStaff(dir: string, username: string, password: string): Promise<void> {
  const temporary = 'Temporary-pass-1';
  const created = await call(dir, 'users.create', { username, displayName: username, password: temporary, roles: ['staff'] });
  if (created.code !== 0) throw new Error(`users.create failed: ${created.stdout}`);
  const changed = await call(dir, 'auth.changePassword', { currentPassword: temporary, newPassword: password }, username, temporary);
  if (changed.code !== 0) throw new Error(`auth.changePassword failed: ${changed.stdout}`);
}

/** Rows in a table, read straight from the file (no CLI process, no login) to check what a command wrote. */
export function countRows(dir: string, table: string, where = '1 = 1', ...params: unknown[]): number {
  const db = new Database(path.join(dir, 'opsdesk.sqlite'), { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE ${where}`).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}
