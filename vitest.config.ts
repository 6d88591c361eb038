import { defineConfig } from 'vitest/config';

/** Three tiers (ARCHITECTURE "tests"): pure shared rules, the core on temporary SQLite files, renderer components. */
export default defineConfig({
  test: {
    // The JSON report is what .ci/run counts; the default reporter is for people.
    reporters: ['default', 'json'],
    outputFile: { json: '.reports/vitest.json' },
    projects: [
      { test: { name: 'shared', include: ['tests/shared/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'core',
          include: ['tests/core/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // Each file opens its own databases in temporary folders; two forks keep both cores busy.
          pool: 'forks',
        },
      },
      {
        // The opsdesk command, run as a real process against the compiled build (npm run build:node).
        test: { name: 'cli', include: ['tests/cli/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 },
      },
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
