import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { STANDARD_COST, TEST_COST, type ScryptCost } from '../auth/passwords.js';
import { createExclusive, UnsafeTempFileError } from '../../kernel/file-store.js';
import { BackupError } from './errors.js';

/**
 * The backup file format (version 1). All integers are big-endian.
 *
 *   "ODBACKUP"            8 bytes magic
 *   version               1 byte (1)
 *   header length H       4 bytes
 *   header                H bytes of JSON: BackupHeader (plain text, so a list can show the date
 *                         and version without the password; authenticated when encrypted)
 *   body                  the entry stream, AES-256-GCM encrypted (AAD = everything above) when a
 *                         password is set, followed then by the 16-byte GCM tag
 *   trailer               32 bytes: SHA-256 of everything before it (catches truncation and any
 *                         flipped byte, also in unencrypted backups)
 *
 * Entry stream: repeated [name length 2][name UTF-8][size 8][bytes], ending with name length 0.
 * The first entry is manifest.json (every other entry's SHA-256), then db.sqlite, then
 * attachments/<sha256>.
 */
export const MAGIC = Buffer.from('ODBACKUP', 'ascii');
export const FORMAT_VERSION = 1;
const TRAILER = 32;
const TAG = 16;
const CHUNK = 1024 * 1024;

export interface EncryptionHeader {
  cipher: 'aes-256-gcm';
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  /** HMAC of a fixed text under the key: tells a wrong password from a damaged file. */
  keyCheck: string;
}

export interface BackupHeader {
  app: 'OpsDesk';
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  kind: string;
  /** The writing install's key fingerprint (absent before backups were tagged): see origin.ts. */
  installId?: string;
  /** That install's keyed tag of the manifest (origin.ts); absent in older backups. */
  origin?: string;
  encryption: EncryptionHeader | null;
}

/** scrypt N=2^17, r=8, p=1, as for passwords (notes/reliability-and-security.md "Backups"). */
export const BACKUP_KDF = STANDARD_COST;

/**
 * The key-derivation settings this version writes: the app's, and the cheaper one the test suite
 * uses. A header is untrusted input, so its N, r and p are checked against this list before
 * scrypt runs: p=32 or N=2^20 from a crafted file would otherwise hold the core for seconds and
 * take a gigabyte of memory.
 */
const WRITTEN_KDFS: readonly ScryptCost[] = [STANDARD_COST, TEST_COST];

/** The cost a new backup is encrypted with: the configured one if this version reads it back, else the app's. */
export function writtenKdf(cost: ScryptCost): ScryptCost {
  return WRITTEN_KDFS.find((k) => k.N === cost.N && k.r === cost.r && k.p === cost.p) ?? BACKUP_KDF;
}

function deriveKey(password: string, salt: Buffer, e: ScryptCost): Buffer {
  return crypto.scryptSync(password.normalize('NFKC'), salt, 32, { N: e.N, r: e.r, p: e.p, maxmem: 256 * e.N * e.r + 1024 * 1024 });
}

function keyCheck(key: Buffer): string {
  return crypto.createHmac('sha256', key).update('opsdesk-backup-key-check').digest('base64').slice(0, 22);
}

const base64Of = (bytes: number) =>
  z.string().refine((s) => /^[A-Za-z0-9+/]+={0,2}$/.test(s) && Buffer.from(s, 'base64').length === bytes);

const encryptionSchema = z
  .object({
    cipher: z.literal('aes-256-gcm'),
    kdf: z.literal('scrypt'),
    N: z.number(),
    r: z.number(),
    p: z.number(),
    salt: base64Of(16),
    iv: base64Of(12),
    keyCheck: z.string().length(22),
  })
  .refine((e) => WRITTEN_KDFS.some((k) => k.N === e.N && k.r === e.r && k.p === e.p));

/** Unknown fields are kept (a later version may add some); the ones this version reads must be right. */
const headerSchema = z.looseObject({
  app: z.literal('OpsDesk'),
  createdAt: z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s))),
  appVersion: z.string().max(100),
  schemaVersion: z.number().int().min(0).max(1_000_000),
  kind: z.string().max(40),
  installId: z.string().max(64).optional(),
  origin: z.string().max(128).optional(),
  encryption: encryptionSchema.nullable(),
});

/** The writer's temporary file (`.partial`): created exclusively, a planted link is refused. */
function createPartial(file: string): number {
  try {
    return createExclusive(file);
  } catch (err) {
    if (err instanceof UnsafeTempFileError) throw new BackupError('targetUnsafe', err.message);
    throw err;
  }
}

/** Streams entries into a backup file: plain or encrypted, hashed for the trailer, fsynced. */
export class ContainerWriter {
  private readonly fd: number;
  private readonly fileHash = crypto.createHash('sha256');
  private readonly cipher: crypto.CipherGCM | null;
  private bytes = 0;

  constructor(file: string, header: Omit<BackupHeader, 'encryption'>, password: string | null, kdf = BACKUP_KDF) {
    this.fd = createPartial(file);
    let encryption: EncryptionHeader | null = null;
    let key: Buffer | null = null;
    const iv = crypto.randomBytes(12);
    if (password) {
      const salt = crypto.randomBytes(16);
      key = deriveKey(password, salt, kdf);
      encryption = { cipher: 'aes-256-gcm', kdf: 'scrypt', ...kdf, salt: salt.toString('base64'), iv: iv.toString('base64'), keyCheck: keyCheck(key) };
    }
    const headerJson = Buffer.from(JSON.stringify({ ...header, encryption } satisfies BackupHeader), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(headerJson.length);
    const prefix = Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION]), length, headerJson]);
    this.raw(prefix);
    this.cipher = key ? crypto.createCipheriv('aes-256-gcm', key, iv) : null;
    this.cipher?.setAAD(prefix);
  }

  private raw(buf: Buffer): void {
    this.fileHash.update(buf);
    let offset = 0;
    while (offset < buf.length) offset += fs.writeSync(this.fd, buf, offset, buf.length - offset);
    this.bytes += buf.length;
  }

  private body(buf: Buffer): void {
    this.raw(this.cipher ? this.cipher.update(buf) : buf);
  }

  entry(name: string, size: number, chunks: Iterable<Buffer>): void {
    const nameBytes = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(2 + nameBytes.length + 8);
    head.writeUInt16BE(nameBytes.length, 0);
    nameBytes.copy(head, 2);
    head.writeBigUInt64BE(BigInt(size), 2 + nameBytes.length);
    this.body(head);
    let written = 0;
    for (const chunk of chunks) {
      written += chunk.length;
      this.body(chunk);
    }
    if (written !== size) throw new Error(`entry ${name}: wrote ${written} of ${size} bytes (source changed?)`);
  }

  /** Ends the stream, writes tag and trailer, fsyncs and closes. Returns the file's size. */
  finish(): number {
    this.body(Buffer.from([0, 0]));
    if (this.cipher) {
      const tail = this.cipher.final();
      if (tail.length) this.raw(tail);
      this.raw(this.cipher.getAuthTag());
    }
    const trailer = this.fileHash.digest();
    let offset = 0;
    while (offset < trailer.length) offset += fs.writeSync(this.fd, trailer, offset, trailer.length - offset);
    this.bytes += trailer.length;
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    return this.bytes;
  }

  abort(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}

/** Reads a file's chunks, for streaming into an entry. */
export function* fileChunks(file: string): Generator<Buffer> {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(CHUNK);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      yield Buffer.from(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** O_NONBLOCK: opening a FIFO for reading must not wait for a writer (there is none on Windows). */
const NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/**
 * Opens a backup file the user named, only if it is a regular file: a folder, a FIFO (which would
 * block a read forever) or a device is refused before anything is read from it.
 */
export function openRegularFile(file: string): number {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new BackupError('notFound');
    if (code === 'EISDIR') throw new BackupError('notAFile');
    throw new BackupError('unreadable', code);
  }
  try {
    if (!fs.fstatSync(fd).isFile()) throw new BackupError('notAFile');
    return fd;
  } catch (err) {
    fs.closeSync(fd);
    throw err;
  }
}

export interface OpenedHeader {
  header: BackupHeader;
  prefix: Buffer;
  fileSize: number;
}

/** The plain-text header of an open backup file, validated, without reading the rest. */
export function readHeaderAt(fd: number): OpenedHeader {
  const fileSize = fs.fstatSync(fd).size;
  const start = Buffer.alloc(13);
  if (readFully(fd, start, 0) < 13 || !start.subarray(0, 8).equals(MAGIC)) throw new BackupError('notABackup');
  if (start[8] !== FORMAT_VERSION) throw new BackupError('unsupportedFormat');
  const length = start.readUInt32BE(9);
  if (length > 1024 * 1024) throw new BackupError('invalidHeader', 'header too large');
  if (13 + length + TRAILER > fileSize) throw new BackupError('truncated');
  const json = Buffer.alloc(length);
  if (readFully(fd, json, 13) < length) throw new BackupError('truncated');
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString('utf8'));
  } catch {
    throw new BackupError('invalidHeader', 'header is not JSON');
  }
  if ((parsed as { app?: unknown } | null)?.app !== 'OpsDesk') throw new BackupError('notABackup');
  const checked = headerSchema.safeParse(parsed);
  if (!checked.success) throw new BackupError('invalidHeader', checked.error.issues[0]?.path.join('.') ?? 'header');
  return { header: checked.data as BackupHeader, prefix: Buffer.concat([start, json]), fileSize };
}

/** The header of a backup file, opened as a regular file only. */
export function readHeader(file: string): OpenedHeader {
  const fd = openRegularFile(file);
  try {
    return readHeaderAt(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads until the buffer is full or the file ends (a short read is not the end of the file). */
export function readFully(fd: number, buf: Buffer, position: number): number {
  let done = 0;
  while (done < buf.length) {
    const n = fs.readSync(fd, buf, done, buf.length - done, position + done);
    if (n <= 0) break;
    done += n;
  }
  return done;
}

export { CHUNK, TAG, TRAILER, deriveKey, keyCheck };
