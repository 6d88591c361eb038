import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

/**
 * Helpers of the packaging checks: processes, temporary folders outside the repository, and
 * small readers for the formats involved (PNG, ICO, ICNS, Electron's fuse wire).
 */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILDER_CLI = path.join(ROOT, 'node_modules', 'electron-builder', 'cli.js');

export interface RunResult {
  code: number;
  output: string;
}

/** Runs a command to its end; stdout and stderr together (electron-builder logs to both). */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunResult> {
  // electron-builder silences everything but errors when it sees VITEST in its environment.
  const env = { ...(options.env ?? process.env) };
  for (const name of Object.keys(env)) if (name === 'VITEST' || name.startsWith('VITEST_')) delete env[name];
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd ?? ROOT,
        env,
        timeout: options.timeoutMs ?? 150_000,
        maxBuffer: 256 * 1024 * 1024,
        encoding: 'utf8',
        shell: process.platform === 'win32' && command === 'npm',
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

/** A temporary folder in the OS's temp directory (never inside the repository). */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `opsdesk-packaging-${prefix}-`));
}

/** `npm run build` when the compiled app is missing (the staged build packs dist/). */
export async function ensureBuilt(): Promise<void> {
  const needed = ['dist/electron/main/index.js', 'dist/electron/preload/index.cjs', 'dist/renderer/index.html'];
  if (needed.every((file) => fs.existsSync(path.join(ROOT, file)))) return;
  const result = await run('npm', ['run', 'build'], { timeoutMs: 170_000 });
  const missing = needed.filter((file) => !fs.existsSync(path.join(ROOT, file)));
  if (missing.length > 0) throw new Error(`npm run build did not produce ${missing.join(', ')}:\n${result.output.slice(-4000)}`);
}

// ---------------------------------------------------------------------------------------------
// Electron fuses (@electron/fuses): a sentinel, the wire's version and length, one byte per fuse.

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Order of the V1 wire. */
export const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
export type FuseName = (typeof FUSES)[number];
/** Electron's defaults ('1' on, '0' off), what an unmodified binary carries. */
export const ELECTRON_DEFAULT_FUSES: Record<FuseName, boolean> = {
  runAsNode: true,
  enableCookieEncryption: false,
  enableNodeOptionsEnvironmentVariable: true,
  enableNodeCliInspectArguments: true,
  enableEmbeddedAsarIntegrityValidation: false,
  onlyLoadAppFromAsar: false,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: true,
};

/**
 * A placeholder Electron distribution for Linux: an "electron" executable that carries a fuse
 * wire with Electron's defaults (so electron-builder's fuse step has something to flip), and a
 * few Chromium locale files (so electronLanguages has something to remove). It runs nothing.
 */
export function makePlaceholderElectron(dir: string, locales: string[]): void {
  fs.mkdirSync(path.join(dir, 'locales'), { recursive: true });
  const wire = FUSES.map((name) => (ELECTRON_DEFAULT_FUSES[name] ? '1' : '0')).join('');
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "placeholder Electron for packaging checks" >&2\nexit 1\n'),
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, FUSES.length]),
    Buffer.from(wire, 'latin1'),
  ]);
  fs.writeFileSync(path.join(dir, 'electron'), binary, { mode: 0o755 });
  for (const locale of locales) fs.writeFileSync(path.join(dir, 'locales', `${locale}.pak`), 'placeholder');
}

/** The fuse wire of an Electron binary, by name: true on, false off. */
export function readFuses(binaryPath: string): Record<FuseName, boolean> {
  const bytes = fs.readFileSync(binaryPath);
  const at = bytes.indexOf(FUSE_SENTINEL, 0, 'latin1');
  if (at < 0) throw new Error(`no fuse sentinel in ${binaryPath}`);
  const wire = at + FUSE_SENTINEL.length;
  if (bytes[wire] !== 1) throw new Error(`fuse wire version ${bytes[wire]}`);
  const result = {} as Record<FuseName, boolean>;
  FUSES.forEach((name, i) => {
    result[name] = bytes[wire + 2 + i] === 0x31;
  });
  return result;
}

// ---------------------------------------------------------------------------------------------
// PNG, ICO and ICNS readers (independent of scripts/make-icons.mjs, which writes them).

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface Png {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, rows top to bottom. */
  pixels: Buffer;
}

/** Decodes an 8-bit RGBA, non-interlaced PNG, checking every chunk's CRC. */
export function decodePng(bytes: Buffer): Png {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG signature');
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    const crc = bytes.readUInt32BE(offset + 8 + length);
    if (zlib.crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== crc) throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, compression, filter, interlace] = [data[8], data[9], data[10], data[11], data[12]];
      if (depth !== 8 || colour !== 6 || compression !== 0 || filter !== 0 || interlace !== 0) {
        throw new Error(`unsupported PNG format ${depth}/${colour}/${compression}/${filter}/${interlace}`);
      }
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    offset += 12 + length;
  }
  if (!ended || width === 0) throw new Error('truncated PNG');
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  if (raw.length !== (stride + 1) * height) throw new Error(`IDAT holds ${raw.length} bytes, expected ${(stride + 1) * height}`);
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i]!;
      const a = i >= 4 ? pixels[y * stride + i - 4]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const c = i >= 4 && y > 0 ? pixels[(y - 1) * stride + i - 4]! : 0;
      let predictor: number;
      if (filter === 0) predictor = 0;
      else if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else throw new Error(`unknown filter ${filter} in row ${y}`);
      pixels[y * stride + i] = (x + predictor) & 0xff;
    }
  }
  return { width, height, pixels };
}

/** The RGBA of one pixel. */
export function pixelAt(png: Png, x: number, y: number): [number, number, number, number] {
  const o = (y * png.width + x) * 4;
  return [png.pixels[o]!, png.pixels[o + 1]!, png.pixels[o + 2]!, png.pixels[o + 3]!];
}

export interface IconEntry {
  /** Size the container's table declares. */
  declared: number;
  data: Buffer;
}

/** ICO: ICONDIR + ICONDIRENTRY table; width byte 0 means 256. */
export function readIco(bytes: Buffer): IconEntry[] {
  if (bytes.readUInt16LE(0) !== 0 || bytes.readUInt16LE(2) !== 1) throw new Error('not an ICO header');
  const count = bytes.readUInt16LE(4);
  const entries: IconEntry[] = [];
  for (let i = 0; i < count; i++) {
    const e = 6 + 16 * i;
    const width = bytes[e]! || 256;
    const height = bytes[e + 1]! || 256;
    if (width !== height) throw new Error(`ICO entry ${i} is ${width}x${height}`);
    const size = bytes.readUInt32LE(e + 8);
    const offset = bytes.readUInt32LE(e + 12);
    if (offset + size > bytes.length) throw new Error(`ICO entry ${i} runs past the file`);
    entries.push({ declared: width, data: bytes.subarray(offset, offset + size) });
  }
  return entries;
}

/** ICNS: 'icns' + big-endian length, then type + length (including its 8 bytes) + data. */
export function readIcns(bytes: Buffer): Map<string, Buffer> {
  if (bytes.toString('latin1', 0, 4) !== 'icns') throw new Error('not an ICNS header');
  if (bytes.readUInt32BE(4) !== bytes.length) throw new Error(`ICNS declares ${bytes.readUInt32BE(4)} bytes, file has ${bytes.length}`);
  const entries = new Map<string, Buffer>();
  let offset = 8;
  while (offset < bytes.length) {
    const type = bytes.toString('latin1', offset, offset + 4);
    const length = bytes.readUInt32BE(offset + 4);
    if (length < 8 || offset + length > bytes.length) throw new Error(`ICNS entry ${type} has a bad length`);
    entries.set(type, bytes.subarray(offset + 8, offset + length));
    offset += length;
  }
  return entries;
}
