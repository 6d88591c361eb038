import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Tests that run the compiled build as real processes (tests/cli, tests/reliability) share one
 * build: `npm run build:node` into dist/, made once when it is missing or older than the sources.
 */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');
/** One file of the build, compared with the sources' times (tsc rewrites every output file). */
const ENTRY = path.join(DIST, 'electron', 'cli', 'index.js');
const LOCK = path.join(DIST, '.test-build.lock');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.c?ts$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsCurrent(): boolean {
  if (!fs.existsSync(ENTRY)) return false;
  const built = fs.statSync(ENTRY).mtimeMs;
  return newestSource(path.join(ROOT, 'electron')) <= built && newestSource(path.join(ROOT, 'shared')) <= built;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds once when the compiled code is missing or older than the sources. Test files run in
 * parallel workers, so a lock directory makes the others wait for the one that builds.
 * Call it from a beforeAll hook (allow it two minutes).
 */
export function ensureBuilt(): void {
  if (buildIsCurrent()) return;
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      // Another worker is building; a lock older than two minutes was left by a killed run.
      if (Date.now() - fs.statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > 120_000) fs.rmSync(LOCK, { recursive: true, force: true });
      sleep(200);
      if (buildIsCurrent()) return;
    }
  }
  try {
    if (buildIsCurrent()) return;
    const result = spawnSync('npm', ['run', 'build:node'], { cwd: ROOT, encoding: 'utf8', shell: process.platform === 'win32' });
    // tsc still emits when another area has a type error; the tests can run on that output.
    if (!fs.existsSync(ENTRY)) throw new Error(`npm run build:node failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}
