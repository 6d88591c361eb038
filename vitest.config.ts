import { defineConfig } from 'vitest/config';

/**
 * The PostgreSQL leg (issue 8): when OPSDESK_TEST_PG_SERVER names a server (.ci/run starts one with
 * scripts/pg-test-server.mjs), the core tests run a second time against it, each data folder on a
 * database of its own (tests/core/support/engine.ts).
 */
const CORE_TESTS = {
  include: ['tests/core/**/*.test.ts'],
  environment: 'node' as const,
  testTimeout: 30_000,
  hookTimeout: 30_000,
  // Each file opens its own databases in temporary folders; two forks keep both cores busy.
  pool: 'forks' as const,
};
const pgServer = process.env.OPSDESK_TEST_PG_SERVER;
/**
 * Files about what only the SQLite desktop has: its data file, backups and restores of it (refused
 * on a server: tests/core/postgres.test.ts checks the refusals), upgrades of files made by older
 * versions, and doctor's file checks. Single tests of that kind elsewhere use itSqlite.
 */
const SQLITE_ONLY = [
  'tests/core/backup*.test.ts',
  'tests/core/audit-restore.test.ts',
  'tests/core/doctor-backup-head.test.ts',
  'tests/core/export-all.test.ts',
  'tests/core/migrations.test.ts',
  'tests/core/sql.test.ts',
];
const CLI_TESTS = { include: ['tests/cli/**/*.test.ts'], environment: 'node' as const, testTimeout: 60_000, hookTimeout: 60_000 };
/**
 * The commands that copy the desktop's file (they refuse on a server) and doctor's checks of the
 * file itself: tests/cli/postgres.test.ts covers doctor, the refusals and migrate-data on a server.
 */
const CLI_SQLITE_ONLY = ['tests/cli/backup.test.ts', 'tests/cli/export-all.test.ts', 'tests/cli/init-doctor.test.ts'];

/** Three tiers (ARCHITECTURE "tests"): pure shared rules, the core on temporary SQLite files, renderer components. */
export default defineConfig({
  test: {
    // The JSON report is what .ci/run counts; the default reporter is for people.
    reporters: ['default', 'json'],
    outputFile: { json: '.reports/vitest.json' },
    projects: [
      { test: { name: 'shared', include: ['tests/shared/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'core', ...CORE_TESTS, env: { OPSDESK_TEST_ENGINE: 'sqlite' } } },
      ...(pgServer ? [{ test: { name: 'core-pg', ...CORE_TESTS, exclude: SQLITE_ONLY, env: { OPSDESK_TEST_ENGINE: 'postgres' } } }] : []),
      // The opsdesk command, run as a real process against the compiled build (npm run build:node).
      { test: { name: 'cli', ...CLI_TESTS, env: { OPSDESK_TEST_ENGINE: 'sqlite' } } },
      ...(pgServer ? [{ test: { name: 'cli-pg', ...CLI_TESTS, exclude: CLI_SQLITE_ONLY, env: { OPSDESK_TEST_ENGINE: 'postgres' } } }] : []),
      // Kill -9 and restore-interruption tests: real processes on the compiled build.
      { test: { name: 'reliability', include: ['tests/reliability/**/*.test.ts'], environment: 'node', testTimeout: 300_000, hookTimeout: 120_000 } },
      // electron-builder's schema check and a staged package build with a placeholder Electron.
      { test: { name: 'packaging', include: ['tests/packaging/**/*.test.ts'], environment: 'node', testTimeout: 180_000, hookTimeout: 180_000 } },
      // electron/main with fake ipcMain/BrowserWindow: Electron itself cannot run here; the bridge over real HTTP.
      { test: { name: 'main', include: ['tests/main/**/*.test.ts', 'tests/bridge/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'renderer',
          include: ['tests/renderer/**/*.test.tsx', 'tests/renderer/**/*.test.ts'],
          environment: 'jsdom',
          setupFiles: ['tests/renderer/setup.ts'],
        },
      },
    ],
  },
});
