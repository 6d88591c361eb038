import * as asar from '@electron/asar';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, makePlaceholderElectron, readFuses, ROOT, run, tempDir, type FuseName } from './support.js';

/**
 * A staged `--dir` build, offline: scripts/dist.mjs --offline-check stages the app the way
 * `npm run dist` does (production dependencies copied from node_modules instead of `npm ci`, no
 * rebuild for Electron) and runs electron-builder with a placeholder Electron distribution into
 * a temporary folder. What `files`/`asarUnpack`/`electronLanguages`/`electronFuses` produce is
 * then inspected; the app cannot be started (the Electron binary is a placeholder).
 */
const work = tempDir('package');
const STAGE = path.join(work, 'stage');
const ELECTRON = path.join(work, 'electron');
const OUT = path.join(work, 'out');
const APP = path.join(OUT, 'linux-unpacked');
const RESOURCES = path.join(APP, 'resources');
const ASAR = path.join(RESOURCES, 'app.asar');
const EXTRACTED = path.join(work, 'extracted');

let files: string[] = [];
let buildOutput = '';

beforeAll(async () => {
  await ensureBuilt();
  makePlaceholderElectron(ELECTRON, ['en-US', 'en-GB', 'zh-CN', 'zh-TW', 'de', 'ja']);
  const result = await run(process.execPath, [
    path.join(ROOT, 'scripts', 'dist.mjs'),
    '--skip-build',
    '--offline-check',
    '--stage',
    STAGE,
    '--dir',
    '--linux',
    `-c.electronDist=${ELECTRON}`,
    `-c.directories.output=${OUT}`,
  ]);
  buildOutput = result.output;
  if (result.code !== 0) throw new Error(`scripts/dist.mjs --offline-check failed:\n${result.output.slice(-6000)}`);
  files = asar.listPackage(ASAR, { isPack: false });
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const has = (file: string) => files.includes(file);
const matching = (pattern: RegExp) => files.filter((f) => pattern.test(f));

describe('the stage', () => {
  it('has a package.json with only the runtime dependencies and a lock file without dev packages', () => {
    const source = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const pkg = JSON.parse(fs.readFileSync(path.join(STAGE, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.dependencies).toEqual(source.dependencies);
    expect(pkg.main).toBe('dist/electron/main/index.js');
    expect(pkg.type).toBe('module');
    for (const field of ['devDependencies', 'scripts', 'bin']) expect(pkg, field).not.toHaveProperty(field);
    const lock = JSON.parse(fs.readFileSync(path.join(STAGE, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    expect(Object.values(lock.packages).filter((p) => p.dev)).toEqual([]);
    expect(lock.packages['node_modules/better-sqlite3']).toBeDefined();
    expect(lock.packages['node_modules/react']).toBeUndefined();
  });

  it('built with the settings of a real build (no rebuild by electron-builder, Electron from the repo, no publishing)', () => {
    expect(buildOutput).toContain('-c.npmRebuild=false');
    expect(buildOutput).toMatch(/skipped dependencies rebuild/);
    const electron = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
    expect(buildOutput).toContain(`electron=${electron.version}`);
    expect(buildOutput).toContain('--publish never');
  });
});

describe('app.asar', () => {
  it('holds the compiled app and its package.json', () => {
    for (const file of ['/package.json', '/dist/electron/main/index.js', '/dist/electron/preload/index.cjs', '/dist/electron/core/index.js', '/dist/renderer/index.html']) {
      expect(has(file), file).toBe(true);
    }
    const pkg = JSON.parse(asar.extractFile(ASAR, 'package.json').toString('utf8')) as Record<string, unknown>;
    expect(pkg.main).toBe('dist/electron/main/index.js');
    expect(pkg).not.toHaveProperty('devDependencies');
  });

  it('holds no browser-mode bridge, tests, source maps or TypeScript', () => {
    expect(matching(/^\/dist\/electron\/bridge(\/|$)/)).toEqual([]);
    expect(matching(/^\/(dist\/)?tests?(\/|$)/)).toEqual([]);
    expect(matching(/\.map$/)).toEqual([]);
    expect(matching(/\.(ts|cts|mts)$/)).toEqual([]);
    expect(matching(/^\/(electron|renderer|shared|scripts|resources)(\/|$)/)).toEqual([]);
  });

  it('holds no package that Vite bundles or only development needs', () => {
    for (const name of ['react', 'react-dom', 'antd', '@ant-design/icons', 'zustand', '@tanstack/react-query', 'react-router', 'electron', 'electron-builder', 'vite', 'typescript']) {
      expect(has(`/node_modules/${name}`), name).toBe(false);
    }
    // Every devDependency that no runtime dependency needs stays out.
    const source = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const lock = JSON.parse(fs.readFileSync(path.join(STAGE, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    const devOnly = Object.keys(source.devDependencies).filter((name) => !lock.packages[`node_modules/${name}`]);
    expect(devOnly.filter((name) => has(`/node_modules/${name}`))).toEqual([]);
  });

  it('holds the runtime dependencies, without the browser builds of exceljs and typeorm', () => {
    for (const name of ['better-sqlite3', 'csv-parse', 'dayjs', 'exceljs', 'typeorm', 'uuid', 'zod']) expect(has(`/node_modules/${name}/package.json`), name).toBe(true);
    expect(matching(/^\/node_modules\/exceljs\/dist\//)).toEqual([]);
    expect(matching(/^\/node_modules\/typeorm\/browser\//)).toEqual([]);
    expect(matching(/^\/node_modules\/@types\//)).toEqual([]);
  });

  it('holds only lib/ and the compiled module of better-sqlite3, and that module unpacked', () => {
    const sqlite = matching(/^\/node_modules\/better-sqlite3\//);
    expect(sqlite.filter((f) => /\/(deps|src)(\/|$)/.test(f))).toEqual([]);
    expect(sqlite.filter((f) => /\/build\/(Release\/(obj|obj\.target|\.deps)|deps)(\/|$)/.test(f))).toEqual([]);
    expect(sqlite.filter((f) => /(test_extension\.node|\.a|\.mk|\.gypi|Makefile)$/.test(f))).toEqual([]);
    expect(has('/node_modules/better-sqlite3/lib/index.js')).toBe(true);

    const native = '/node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(has(native)).toBe(true);
    expect(asar.statFile(ASAR, native.slice(1))).toMatchObject({ unpacked: true });
    expect(fs.statSync(path.join(`${ASAR}.unpacked`, native)).size).toBeGreaterThan(100_000);
    // No native module is left inside the archive, where it could not be loaded.
    const packedNative = matching(/\.node$/).filter((f) => {
      const entry = asar.statFile(ASAR, f.slice(1));
      return !('unpacked' in entry && entry.unpacked);
    });
    expect(packedNative).toEqual([]);
  });

  it('is a self-contained Node app: the dependencies and the core load from the package alone', async () => {
    asar.extractAll(ASAR, EXTRACTED);
    // Resolution starts in the extracted folder and must not fall back to any node_modules above it.
    const script = `
      import fs from 'node:fs';
      import path from 'node:path';
      import { fileURLToPath, pathToFileURL } from 'node:url';
      const app = process.cwd();
      const deps = Object.keys(JSON.parse(fs.readFileSync('package.json', 'utf8')).dependencies);
      const outside = deps.filter((name) => !fileURLToPath(import.meta.resolve(name)).startsWith(app + path.sep));
      for (const name of deps) await import(name);
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(':memory:');
      const sqlite = db.prepare('select sqlite_version() as v').get().v;
      db.close();
      const { DataSource } = await import('typeorm');
      const source = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
      await source.initialize();
      const [{ one }] = await source.query('select 1 as one');
      await source.destroy();
      const { default: ExcelJS } = await import('exceljs');
      const book = new ExcelJS.Workbook();
      book.addWorksheet('运营部').addRow(['员工', 1]);
      const xlsx = (await book.xlsx.writeBuffer()).byteLength;
      const core = await import(pathToFileURL(path.join(app, 'dist/electron/core/index.js')).href);
      console.log(JSON.stringify({ outside, sqlite, one, xlsx, coreExports: Object.keys(core).length }));
      process.exit(0);
    `;
    const result = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: EXTRACTED, timeoutMs: 60_000 });
    expect(result.code, result.output).toBe(0);
    const line = result.output.split('\n').find((l) => l.startsWith('{'));
    const report = JSON.parse(line ?? '{}') as { outside: string[]; sqlite: string; one: number; xlsx: number; coreExports: number };
    expect(report.outside).toEqual([]);
    expect(report.sqlite).toMatch(/^3\./);
    expect(report.one).toBe(1);
    expect(report.xlsx).toBeGreaterThan(1000);
    expect(report.coreExports).toBeGreaterThan(0);
  });
});

describe('the packaged Electron', () => {
  it('has its fuses flipped as electron-builder.yml says', () => {
    const expected: Record<FuseName, boolean> = {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // Not configured: Electron's defaults stay.
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: true,
    };
    expect(readFuses(path.join(APP, 'opsdesk'))).toEqual(expected);
  });

  it('keeps Chromium’s strings for Chinese and English only', () => {
    expect(fs.readdirSync(path.join(APP, 'locales')).sort()).toEqual(['en-US.pak', 'zh-CN.pak']);
  });

  it('has nothing beside app.asar in resources/ but the unpacked native module', () => {
    expect(fs.readdirSync(RESOURCES).sort()).toEqual(['app.asar', 'app.asar.unpacked']);
    const unpacked = fs.readdirSync(path.join(`${ASAR}.unpacked`, 'node_modules'));
    expect(unpacked).toEqual(['better-sqlite3']);
  });
});
