import { defineConfig } from 'vitest/config';

/** Three tiers (ARCHITECTURE "tests"): pure shared rules, the core on temporary SQLite files, renderer components. */
export default defineConfig({
  test: {
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
