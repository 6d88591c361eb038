import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { createDatabase, databaseUrl, dropDatabase, onTestServer } from '../../support/pg-server.js';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ensureBuilt, ROOT } from '../../support/build.js';

/**
 * The CLI tests run the real `opsdesk` command as a child process against the compiled build,
 * as a user would. Each test file gets its own temporary data folders.
 */
export { ROOT };
export const BIN = path.join(ROOT, 'bin', 'opsdesk.js');

export const ADMIN = { username: 'admin', password: 'Admin-pass-1' };

beforeAll(() => ensureBuilt(), 120_000);

/**
 * The engine under test: the `cli` project runs these files on data folders' SQLite files, the
 * `cli-pg` project (vitest.config.ts, when OPSDESK_TEST_PG_SERVER names a server) runs them again
 * with each data folder's data on a database of its own on that server: every `opsdesk` run on
 * `--data-dir DIR` gets OPSDESK_DATABASE_URL for DIR's database, as IT would set it.
 */
export const onPostgres = process.env.OPSDESK_TEST_ENGINE === 'postgres';
export const describeSqlite = describe.skipIf(onPostgres);
export const itSqlite = it.skipIf(onPostgres);

const databases = new Map<string, Promise<string>>();

const databaseName = (dir: string) => `od_cli_${crypto.createHash('sha1').update(path.resolve(dir)).digest('hex').slice(0, 20)}`;

/** The URL of a data folder's database on the test server, created on first use. */
export function databaseUrlFor(dir: string): Promise<string> {
  const name = databaseName(dir);
  let made = databases.get(name);
  if (!made) {
    made = createDatabase(name).then(() => databaseUrl(name));
    databases.set(name, made);
  }
  return made;
}

/** The folder named by `--data-dir` in a command line. */
function dataDirOf(args: string[]): string | null {
  const at = args.indexOf('--data-dir');
  if (at !== -1) return args[at + 1] ?? null;
  const inline = args.find((a) => a.startsWith('--data-dir='));
  return inline ? inline.slice('--data-dir='.length) : null;
}

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  for (const name of [...databases.keys()]) await dropDatabase(name);
  databases.clear();
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
  return runOpsdesk(args, options);
}

async function runOpsdesk(args: string[], options: { password?: string; stdin?: string; env?: Record<string, string>; realHashCost?: boolean }): Promise<RunResult> {
  const { OPSDESK_DATABASE_URL: _outer, ...outer } = process.env;
  const env: NodeJS.ProcessEnv = { ...outer, OPSDESK_TEST_FAST_HASH: '1', ...options.env };
  if (options.realHashCost) delete env.OPSDESK_TEST_FAST_HASH;
  delete env.OPSDESK_PASSWORD;
  if (options.password !== undefined) env.OPSDESK_PASSWORD = options.password;
  const dir = dataDirOf(args);
  // A test that sets OPSDESK_DATABASE_URL itself ('' for the folder's file) keeps its own.
  if (onPostgres && dir && options.env?.OPSDESK_DATABASE_URL === undefined) env.OPSDESK_DATABASE_URL = await databaseUrlFor(dir);
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

/**
 * Rows in a table, read straight from the data (no CLI process, no login) to check what a command
 * wrote: the folder's file, or its database on the test server. `where` uses `?` placeholders.
 */
export async function countRows(dir: string, table: string, where = '1 = 1', ...params: unknown[]): Promise<number> {
  if (onPostgres) {
    let n = 0;
    const text = `SELECT COUNT(*) AS n FROM "${table}" WHERE ${where}`.replace(/\?/g, () => `$${++n}`);
    const rows = await onTestServer((c) => c.query<{ n: string }>(text, params), databaseName(dir));
    return Number.parseInt(rows.rows[0]!.n, 10);
  }
  const db = new Database(path.join(dir, 'opsdesk.sqlite'), { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE ${where}`).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** A statement straight on a data folder's data (the file, or its database on the test server); `?` placeholders. */
export async function execSql(dir: string, text: string, ...params: unknown[]): Promise<void> {
  if (onPostgres) {
    let n = 0;
    await onTestServer((c) => c.query(text.replace(/\?/g, () => `$${++n}`), params), databaseName(dir));
    return;
  }
  const db = new Database(path.join(dir, 'opsdesk.sqlite'));
  try {
    db.prepare(text).run(...params);
  } finally {
    db.close();
  }
}
