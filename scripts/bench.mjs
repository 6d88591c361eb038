#!/usr/bin/env node
// npm run bench [-- --json FILE] [vitest filters, e.g. org]: runs tests/bench one file at a time.
// --json FILE appends one JSON line per suite (operation, median, p95, raw median, ratio) to FILE,
// so two runs can be compared. One file: `npm run bench -- attendance`; with OPSDESK_TEST_PG_SERVER set
// (node scripts/pg-test-server.mjs start) the attendance and organisation benchmarks also run on PostgreSQL.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const env = { ...process.env };
const jsonAt = args.indexOf('--json');
if (jsonAt !== -1) {
  const file = args[jsonAt + 1];
  if (!file || file.startsWith('-')) {
    console.error('--json needs a file name, e.g. npm run bench -- --json bench.json');
    process.exit(2);
  }
  env.OPSDESK_BENCH_JSON = path.resolve(file);
  fs.writeFileSync(env.OPSDESK_BENCH_JSON, '');
  args.splice(jsonAt, 2);
}
// The backup benchmark runs the compiled core (its worker thread exists only there), the page
// benchmark the built renderer through the bridge.
const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) process.exit(build.status ?? 1);
const vitest = path.resolve('node_modules/vitest/vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', '--config', 'vitest.bench.config.ts', ...args], { stdio: 'inherit', env });
if (env.OPSDESK_BENCH_JSON) console.log(`figures written to ${env.OPSDESK_BENCH_JSON}`);
process.exit(result.status ?? 1);
