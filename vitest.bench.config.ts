import { defineConfig } from 'vitest/config';

/** `npm run bench`: speed figures on generated data, kept out of `npm test` (handbook: no timed unit tests). */
export default defineConfig({
  test: {
    include: [],
    benchmark: { include: ['tests/bench/**/*.bench.ts'] },
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
