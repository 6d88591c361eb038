import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterEach } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../../electron/core/index.js';
import { manualClock } from '../../../electron/core/clock.js';
import { TEST_COST } from '../../../electron/core/modules/auth/passwords.js';
import { TEST_AUDIT_KEY } from '../../support/keys.js';
import type { InputOf, MethodName, OutputOf } from '../../../shared/api/index.js';
import type { ApiError, ApiResult } from '../../../shared/domain/errors.js';
import { sqlFor, type SqlValue } from '../../../electron/core/db/sql.js';
import { databaseUrlFor, dropDatabaseFor, rows, tableNames } from './engine.js';

/** Core tests run on a fresh temporary data folder each, with a clock the test controls. */
const opened: { core: Core; dir: string }[] = [];

afterEach(async () => {
  // Every core first: two cores may share a folder (and its database).
  const done = opened.splice(0);
  for (const { core } of done) await core.close();
  for (const dir of new Set(done.map((d) => d.dir))) {
    await dropDatabaseFor(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

export function tempDir(prefix = 'opsdesk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export type TestClock = ReturnType<typeof manualClock>;

export async function openCore(options: Partial<CoreOptions> & { dataDir?: string } = {}): Promise<{ core: Core; clock: TestClock; dir: string }> {
  const dir = options.dataDir ?? tempDir();
  const clock = (options.clock as TestClock | undefined) ?? manualClock('2026-03-02T01:00:00.000Z');
  const databaseUrl = await databaseUrlFor(dir);
  // Demo departments start without attendance history unless a test asks for it (tests/core/attendance-demo).
  const core = await createCore({ passwordCost: TEST_COST, jobs: 'inline', log: () => {}, auditKey: TEST_AUDIT_KEY, databaseUrl, demoAttendance: false, ...options, dataDir: dir, clock });
  opened.push({ core, dir });
  return { core, clock, dir };
}

/** Closes a core early (e.g. to reopen its folder); the folder is still removed after the test. */
export async function closeCore(core: Core): Promise<void> {
  await core.close();
}

export const ADMIN = { username: 'admin', password: 'Admin-pass-1' };
export const DEMO_PASSWORD = ADMIN.password;

/** A typed call as a signed-in user; returns the envelope. */
export async function call<M extends MethodName>(core: Core, token: string | null, method: M, input: InputOf<M>): Promise<ApiResult<OutputOf<M>>> {
  return (await core.call(method, input, { token })) as ApiResult<OutputOf<M>>;
}

/** A call that must succeed; fails the test with the error envelope otherwise. */
export async function ok<M extends MethodName>(core: Core, token: string | null, method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const result = await call(core, token, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

/** A call that must fail; returns its error. */
export async function fails<M extends MethodName>(core: Core, token: string | null, method: M, input: unknown): Promise<ApiError> {
  const result = await core.call(method, input, { token });
  if (result.ok) throw new Error(`${method} unexpectedly succeeded: ${JSON.stringify(result.data)}`);
  return result.error;
}

export async function login(core: Core, username: string, password = DEMO_PASSWORD): Promise<string> {
  return (await ok(core, null, 'auth.login', { username, password })).token;
}

/** A department after first-run setup, optionally with the demo data; signed in as the admin. */
export async function initialised(options: { demo?: boolean } & Partial<CoreOptions> = {}) {
  const opened = await openCore(options);
  await ok(opened.core, null, 'setup.initialize', {
    departmentName: '运营部',
    adminUsername: ADMIN.username,
    adminPassword: ADMIN.password,
    withDemoData: options.demo ?? false,
  });
  const admin = await login(opened.core, ADMIN.username, ADMIN.password);
  return { ...opened, admin };
}

/**
 * A fingerprint of every table's content: equal before and after a call means the call wrote
 * nothing. Sessions are in memory, so a failed call leaves this unchanged.
 */
export async function fingerprint(core: Core): Promise<string> {
  const hash = crypto.createHash('sha256');
  for (const name of await tableNames(core)) {
    // Rows in a fixed order on either engine (PostgreSQL has no rowid): sorted by their JSON.
    const content = (await rows(core, `SELECT * FROM "${name}"`)).map((r) => JSON.stringify(r)).sort();
    hash.update(name).update(JSON.stringify(content));
  }
  return hash.digest('hex');
}

export async function count(core: Core, table: string, where = '1 = 1', params: SqlValue[] = []): Promise<number> {
  return sqlFor(core.db.dataSource.manager).count(`SELECT COUNT(*) AS n FROM "${table}" WHERE ${where}`, params);
}
