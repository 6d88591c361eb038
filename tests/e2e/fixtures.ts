import { test as base, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Core } from '../../electron/core/index';
import { createDatabase, databaseUrl, dropDatabase } from '../support/pg-server';

/**
 * The built app (npm run build): the same compiled code `npm run web` serves, with its worker
 * threads. Types come from the sources, code from dist/.
 */
const dist = (file: string) => pathToFileURL(path.resolve('dist/electron', file)).href;
const { createCore } = (await import(dist('core/index.js'))) as typeof import('../../electron/core/index');
const { startBridge } = (await import(dist('bridge/server.js'))) as typeof import('../../electron/bridge/server');
const { TEST_COST } = (await import(dist('core/modules/auth/passwords.js'))) as typeof import('../../electron/core/modules/auth/passwords');
/** For specs that need failed sign-ins in place faster than a page can type them. */
export const { nameKey, recordLoginFailure } = (await import(dist('core/modules/auth/throttle.js'))) as typeof import('../../electron/core/modules/auth/throttle');

const { sqlFor } = (await import(dist('core/db/sql.js'))) as typeof import('../../electron/core/db/sql');

/** A COUNT(*) on the app's database, on either engine. */
export function countOf(core: Core, text: string): Promise<number> {
  return sqlFor(core.db.dataSource.manager).count(text);
}

export const ADMIN = { username: 'admin', password: 'Admin-pass-1' };
/** A fixed install key (CoreOptions.auditKey), as in the core tests (tests/support/keys.ts). */
const TEST_AUDIT_KEY = Buffer.alloc(32, 0x42);

export interface AppServer {
  /** The address with the per-launch key, as `npm run web` prints it. */
  url: string;
  core: Core;
  dataDir: string;
}

type Seed = 'empty' | 'demo';
type Engine = 'sqlite' | 'postgres';

/**
 * The engines a spec may run on: PostgreSQL too when OPSDESK_TEST_PG_SERVER names a server (as in
 * .ci/run). The first-run spec runs on each (issue 8); the others on SQLite.
 */
export const ENGINES: Engine[] = process.env.OPSDESK_TEST_PG_SERVER ? ['sqlite', 'postgres'] : ['sqlite'];

/** A database of its own on the test server for one test; dropped with `drop()`. */
async function serverDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `od_e2e_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await createDatabase(name);
  return { url: databaseUrl(name), drop: () => dropDatabase(name) };
}

/**
 * Each test gets its own data folder and bridge. `seed: 'demo'` starts from a department set up
 * with the demo data (accounts share the admin password); 'empty' starts at the first-run screen.
 */
export const test = base.extend<{ seed: Seed; engine: Engine; app: AppServer }>({
  seed: ['demo', { option: true }],
  engine: ['sqlite', { option: true }],
  app: async ({ seed, engine }, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-e2e-'));
    const server = engine === 'postgres' ? await serverDatabase() : null;
    const core = await createCore({ dataDir, databaseUrl: server?.url ?? null, passwordCost: TEST_COST, log: () => {}, auditKey: TEST_AUDIT_KEY });
    if (seed === 'demo') {
      const result = await core.call('setup.initialize', {
        departmentName: '富力运营部',
        adminUsername: ADMIN.username,
        adminPassword: ADMIN.password,
        withDemoData: true,
      });
      expect(result.ok).toBe(true);
    }
    const bridge = await startBridge({ core, port: 0, staticDir: path.resolve('dist/renderer') });
    await use({ url: bridge.openUrl, core, dataDir });
    await bridge.close();
    await core.close();
    await server?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };

/**
 * A backup made by another installation (another install key) with the demo data: what a
 * manager carries over from another PC. Returns the file; the caller removes `folder`.
 */
export async function backupFromAnotherInstall(folder: string): Promise<string> {
  const core = await createCore({ dataDir: folder, passwordCost: TEST_COST, log: () => {}, auditKey: Buffer.alloc(32, 0x07) });
  try {
    const setup = await core.call('setup.initialize', { departmentName: '另一台电脑', adminUsername: 'boss', adminPassword: ADMIN.password, withDemoData: true });
    if (!setup.ok) throw new Error(setup.error.message);
    const login = await core.call('auth.login', { username: 'boss', password: ADMIN.password });
    if (!login.ok) throw new Error(login.error.message);
    const backup = await core.call('backup.create', {}, { token: (login.data as { token: string }).token });
    if (!backup.ok) throw new Error(backup.error.message);
    return (backup.data as { path: string }).path;
  } finally {
    await core.close();
  }
}
