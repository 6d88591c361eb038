import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { DIST, ROOT } from '../../support/build.js';

/**
 * The reliability tests run the compiled core (dist/, built once by tests/support/build.ts) in
 * child processes that they kill or starve. The child scripts are TypeScript next to this file,
 * type-checked with the rest of the tests; they import nothing at run time but Node built-ins and
 * the compiled core (by a path given on the command line), so erasing their types is all the
 * compiling they need. Node 20 cannot run .ts files itself.
 */
const HERE = path.dirname(fileURLToPath(import.meta.url));

let outDir: string | null = null;

/** A temporary folder for this test file, readable by every user (the read-only probe may run as another). */
function workDir(): string {
  if (!outDir) {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-reliability-'));
    fs.chmodSync(outDir, 0o755);
  }
  return outDir;
}

let snapshotCore: string | null = null;

/**
 * The compiled core's index.js in a private copy of the build, taken after ensureBuilt(). A
 * test spawns a hundred processes over a minute or two; another test run that rebuilds dist/
 * meanwhile (tsc rewrites every file) must not hand one of them a half-written module. The copy
 * sits beside a package.json (ESM, app version) and a link to node_modules, as dist/ does.
 */
export function builtCore(): string {
  if (snapshotCore) return snapshotCore;
  const app = path.join(workDir(), 'app');
  for (let attempt = 1; ; attempt++) {
    const started = Date.now();
    fs.rmSync(app, { recursive: true, force: true });
    fs.mkdirSync(path.join(app, 'dist'), { recursive: true });
    for (const part of ['electron', 'shared']) fs.cpSync(path.join(DIST, part), path.join(app, 'dist', part), { recursive: true });
    // Written during the copy, or within a moment before it: a build was running; copy again.
    if (Math.max(newestMtime(path.join(DIST, 'electron')), newestMtime(path.join(DIST, 'shared'))) < started - 2000) break;
    if (attempt === 5) throw new Error(`${DIST} keeps changing (a build running in a loop?)`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000);
  }
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(app, 'package.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(app, 'node_modules'), 'junction');
  snapshotCore = path.join(app, 'dist', 'electron', 'core', 'index.js');
  return snapshotCore;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Compiles support/<name>.ts to an .mjs file in the test's temporary folder; returns its path. */
export function childScript(name: 'writer' | 'read-only-probe' | 'pg-writer'): string {
  const file = path.join(workDir(), `${name}.mjs`);
  if (!fs.existsSync(file)) {
    const source = fs.readFileSync(path.join(HERE, `${name}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      fileName: `${name}.ts`,
    });
    fs.writeFileSync(file, outputText, { mode: 0o644 });
  }
  return file;
}

/** Removes the compiled scripts and the copy of the build (afterAll). */
export function removeWorkDir(): void {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
  outDir = null;
  snapshotCore = null;
}

/** A small seeded generator (mulberry32), so a failing run's timings can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
