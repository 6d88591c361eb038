import { defineConfig } from 'vitest/config';

/**
 * `npm run bench` (scripts/bench.mjs): speed figures on the generated data set, kept out of
 * `npm test` (no timed unit tests). Benchmarks are plain tests that measure with
 * tests/bench/harness and print median, p95 and the raw-SQL twin; files run one after another so
 * two benchmarks never share the two cores.
 */
export default defineConfig({
  test: {
    include: ['tests/bench/**/*.bench.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 1_800_000,
    hookTimeout: 1_800_000,
    reporters: ['default'],
  },
});
