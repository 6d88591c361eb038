import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Text formats worth compressing; images and woff2 fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);
/** Below this a compressed body saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;
/** The built renderer's files are far smaller; anything bigger is read per request and sent as is. */
const MAX_CACHED_BYTES = 16 * 1024 * 1024;

export interface StaticFile {
  file: string;
  type: string;
  size: number;
  mtimeMs: number;
}

/** Resolves a URL path to a file inside `root`, or null (outside root, missing, or a folder). */
export function resolveStatic(root: string, urlPath: string): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    return null;
  }
  // A NUL (%00) cannot name a file, and fs throws on it: answered as not found, not as an error.
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) return null;
  return { file, type: TYPES[path.extname(file)] ?? 'application/octet-stream', size: stat.size, mtimeMs: stat.mtimeMs };
}

export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * The encoding to send, from the request's Accept-Encoding (RFC 9110 §12.5.3): the accepted
 * coding with the highest q among `available` (ties go to the first, brotli before gzip); identity
 * when none is accepted. No header means no preference, and identity is always understood.
 */
export function negotiateEncoding(acceptEncoding: string | undefined, available: readonly Exclude<Encoding, 'identity'>[]): Encoding {
  if (!acceptEncoding) return 'identity';
  const weights = new Map<string, number>();
  for (const element of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = element.split(';').map((s) => s.trim());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (coding: string) => weights.get(coding) ?? weights.get('*') ?? 0;
  let best: Encoding = 'identity';
  let bestWeight = 0;
  for (const coding of available) {
    if (weightOf(coding) > bestWeight) [best, bestWeight] = [coding, weightOf(coding)];
  }
  return best;
}

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** One file's bytes as read, and its compressed forms (null when compression does not pay). */
interface Variants {
  mtimeMs: number;
  size: number;
  identity: Buffer;
  /** A text format big enough: replies depend on Accept-Encoding. */
  compressible: boolean;
  gzip: Buffer | null;
  /** Undefined until brotli is done (at its best level it is slow): until then requests get gzip. */
  br: Buffer | null | undefined;
  brDone: Promise<void>;
}

/**
 * Compressed bytes are made once per file and kept: the renderer's files only change on a rebuild,
 * which a changed size or modification time detects. Gzip is quick and made on the first
 * request; brotli is made later in zlib's thread pool (see inBrotliQueue) and used once ready.
 */
const cache = new Map<string, Promise<Variants>>();

/**
 * Brotli jobs run one at a time, and only once no file has been asked for during IDLE_MS: at its
 * best level brotli takes about 2 s of CPU for the whole renderer, which would slow down the very
 * page load it is meant to speed up. That load gets gzip; the next ones get brotli.
 */
const IDLE_MS = 300;
let lastRequestAt = 0;
let brotliQueue: Promise<unknown> = Promise.resolve();

async function whenIdle(): Promise<void> {
  for (let wait = IDLE_MS; wait > 0; wait = lastRequestAt + IDLE_MS - Date.now()) {
    // Unreferenced: a pending compression never keeps the process alive.
    await new Promise((resolve) => setTimeout(resolve, wait).unref());
  }
}

function inBrotliQueue<T>(job: () => Promise<T>): Promise<T> {
  const run = brotliQueue.then(whenIdle).then(job);
  brotliQueue = run.catch(() => undefined);
  return run;
}

function ifSmaller(compressed: Buffer, original: Buffer): Buffer | null {
  return compressed.length < original.length ? compressed : null;
}

async function compress(found: StaticFile): Promise<Variants> {
  const identity = await fs.promises.readFile(found.file);
  const compressible = COMPRESSIBLE.has(path.extname(found.file)) && identity.length >= MIN_COMPRESS_BYTES;
  const variants: Variants = { mtimeMs: found.mtimeMs, size: found.size, identity, compressible, gzip: null, br: null, brDone: Promise.resolve() };
  if (!compressible) return variants;
  variants.br = undefined;
  const brotliOptions = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length } };
  variants.brDone = inBrotliQueue(() => brotli(identity, brotliOptions)).then(
    (b) => void (variants.br = ifSmaller(b, identity)),
    () => void (variants.br = null),
  );
  variants.gzip = ifSmaller(await gzip(identity, { level: zlib.constants.Z_BEST_COMPRESSION }), identity);
  return variants;
}

function variantsFor(found: StaticFile): Promise<Variants> {
  const cached = cache.get(found.file);
  if (cached) {
    return cached.then((v) => (v.mtimeMs === found.mtimeMs && v.size === found.size ? v : refresh(found)));
  }
  return refresh(found);
}

function refresh(found: StaticFile): Promise<Variants> {
  const made = compress(found);
  cache.set(found.file, made);
  made.catch(() => cache.delete(found.file));
  return made;
}

/** Resolves when every compressed form of the file is ready (tests, and warming a cache). */
export async function precompressed(file: string): Promise<{ gzip: Buffer | null; br: Buffer | null }> {
  const stat = fs.statSync(file);
  const variants = await variantsFor({ file, type: '', size: stat.size, mtimeMs: stat.mtimeMs });
  await variants.brDone;
  return { gzip: variants.gzip, br: variants.br ?? null };
}

export interface StaticBody {
  /** Content-Encoding, Content-Length and Vary; the caller adds type, caching and security headers. */
  headers: Record<string, string>;
  body: Buffer;
}

/** The bytes to send for a resolved file, compressed as the request accepts. */
export async function staticBody(found: StaticFile, acceptEncoding: string | undefined): Promise<StaticBody> {
  if (found.size > MAX_CACHED_BYTES) {
    const body = await fs.promises.readFile(found.file);
    return { headers: { 'Content-Length': String(body.length) }, body };
  }
  lastRequestAt = Date.now();
  const v = await variantsFor(found);
  const available = [...(v.br ? (['br'] as const) : []), ...(v.gzip ? (['gzip'] as const) : [])];
  const encoding = negotiateEncoding(acceptEncoding, available);
  const body = (encoding === 'br' ? v.br : encoding === 'gzip' ? v.gzip : v.identity) ?? v.identity;
  return {
    headers: {
      'Content-Length': String(body.length),
      ...(encoding === 'identity' ? {} : { 'Content-Encoding': encoding }),
      // Replies to this file depend on the request, whichever this one is: a shared cache must
      // not give a brotli reply to a client that did not ask for it, nor the plain one to all.
      ...(v.compressible ? { Vary: 'Accept-Encoding' } : {}),
    },
    body,
  };
}
