import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { CHUNK, TAG, TRAILER, deriveKey, keyCheck, openRegularFile, readFully, readHeaderAt, type BackupHeader } from './container.js';
import { BackupError } from './errors.js';

/**
 * What a backup holds, written first in the entry stream. Read with a loose schema: fields a
 * later version adds (the audit head's count, say) are kept, and the ones read here must be right.
 */
const manifestSchema = z.looseObject({
  app: z.literal('OpsDesk'),
  createdAt: z.string().max(40),
  appVersion: z.string().max(100),
  schemaVersion: z.number().int().min(0),
  kind: z.string().max(40),
  counts: z.record(z.string(), z.number().int().min(0)),
  parts: z
    .array(z.object({ name: z.string().min(1).max(200), size: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }))
    .refine((parts) => parts.some((p) => p.name === 'db.sqlite') && new Set(parts.map((p) => p.name)).size === parts.length),
  /** The audit log's latest hash at the moment of the backup (tamper evidence across restores). */
  auditHeadHash: z.string().max(200),
  /** The audit log's head (row count and newest hash) at the moment of the backup; absent in backups of older versions. */
  auditHead: z.object({ count: z.number().int().min(0), hash: z.string().max(200) }).optional(),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

/** Where a reader puts each entry's bytes (a staging folder, or nowhere when only verifying). */
export interface EntrySink {
  write(chunk: Buffer): void;
  end(): void;
}

/** Plain-text bytes of the body, pulled exactly as the entry parser needs them. */
class BodyReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private position: number;

  constructor(
    private readonly fd: number,
    start: number,
    private readonly end: number,
    private readonly decipher: crypto.DecipherGCM | null,
    private readonly fileHash: crypto.Hash,
  ) {
    this.position = start;
  }

  private fill(): boolean {
    if (this.position >= this.end) return false;
    const buf = Buffer.alloc(Math.min(CHUNK, this.end - this.position));
    const n = fs.readSync(this.fd, buf, 0, buf.length, this.position);
    if (n <= 0) return false;
    const raw = buf.subarray(0, n);
    this.position += n;
    this.fileHash.update(raw);
    const plain = this.decipher ? this.decipher.update(raw) : raw;
    if (plain.length) {
      this.pending.push(plain);
      this.pendingBytes += plain.length;
    }
    return true;
  }

  /** Exactly n bytes, in pieces of at most CHUNK; a body that ends first is a truncated file. */
  *take(n: number): Generator<Buffer> {
    let left = n;
    while (left > 0) {
      while (this.pendingBytes === 0) if (!this.fill()) throw new BackupError('truncated');
      const head = this.pending[0]!;
      const part = head.length <= left ? head : head.subarray(0, left);
      if (part.length === head.length) this.pending.shift();
      else this.pending[0] = head.subarray(left);
      this.pendingBytes -= part.length;
      left -= part.length;
      yield part;
    }
  }

  bytes(n: number): Buffer {
    return Buffer.concat([...this.take(n)]);
  }

  /** Reads whatever is left (there should be nothing). */
  drain(): number {
    while (this.fill());
    const rest = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    return rest;
  }
}

function openKey(header: BackupHeader, password: string | null): Buffer | null {
  const e = header.encryption;
  if (!e) return null;
  if (!password) throw new BackupError('passwordRequired');
  const key = deriveKey(password, Buffer.from(e.salt, 'base64'), e);
  if (keyCheck(key) !== e.keyCheck) throw new BackupError('wrongPassword');
  return key;
}

/**
 * Reads and verifies a whole backup: structure, every part's SHA-256 against the manifest, the
 * GCM tag (encrypted) and the whole-file trailer. Entries go to `sink(name)` as they are read, so
 * their bytes must be treated as untrusted until this function returns without throwing.
 * `stopAfterManifest` reads only the manifest (fast, unverified: for showing it before a restore).
 */
export function readBackup(
  file: string,
  password: string | null,
  sink: (name: string, size: number) => EntrySink | null,
  options: { stopAfterManifest?: boolean } = {},
): ReadBackup {
  const fd = openRegularFile(file);
  try {
    const { header, prefix, fileSize } = readHeaderAt(fd);
    const key = openKey(header, password);
    const fileHash = crypto.createHash('sha256').update(prefix);
    const bodyEnd = fileSize - TRAILER - (key ? TAG : 0);
    if (bodyEnd < prefix.length) throw new BackupError('truncated');
    let decipher: crypto.DecipherGCM | null = null;
    if (key) {
      decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(header.encryption!.iv, 'base64'));
      decipher.setAAD(prefix);
      decipher.setAuthTag(readRange(fd, bodyEnd, TAG));
    }
    const body = new BodyReader(fd, prefix.length, bodyEnd, decipher, fileHash);
    const { manifest, manifestSha256 } = readManifest(body);
    if (options.stopAfterManifest) return { header, manifest, manifestSha256 };
    const expected = new Map(manifest.parts.map((p) => [p.name, p]));
    for (;;) {
      const nameLength = body.bytes(2).readUInt16BE(0);
      if (nameLength === 0) break;
      const name = body.bytes(nameLength).toString('utf8');
      const size = Number(body.bytes(8).readBigUInt64BE(0));
      const part = expected.get(name);
      if (!part || part.size !== size) throw new BackupError('corrupt', `unexpected entry ${name}`);
      expected.delete(name);
      const out = sink(name, size);
      const hash = crypto.createHash('sha256');
      for (const chunk of body.take(size)) {
        hash.update(chunk);
        out?.write(chunk);
      }
      out?.end();
      if (hash.digest('hex') !== part.sha256) throw new BackupError('corrupt', `checksum of ${name}`);
    }
    if (expected.size > 0) throw new BackupError('corrupt', `missing ${[...expected.keys()][0]}`);
    if (body.drain() > 0) throw new BackupError('corrupt', 'data after the end marker');
    if (decipher) {
      if (key) fileHash.update(readRange(fd, bodyEnd, TAG));
      try {
        decipher.final();
      } catch {
        throw new BackupError('corrupt', 'authentication tag');
      }
    }
    const trailer = readRange(fd, fileSize - TRAILER, TRAILER);
    if (!fileHash.digest().equals(trailer)) throw new BackupError('corrupt', 'file checksum');
    return { header, manifest, manifestSha256 };
  } finally {
    fs.closeSync(fd);
  }
}

function readRange(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  if (readFully(fd, buf, position) < length) throw new BackupError('truncated');
  return buf;
}

export interface ReadBackup {
  header: BackupHeader;
  manifest: BackupManifest;
  /** SHA-256 of the manifest's bytes as stored: what the origin tag covers (origin.ts). */
  manifestSha256: string;
}

function readManifest(body: BodyReader): { manifest: BackupManifest; manifestSha256: string } {
  const nameLength = body.bytes(2).readUInt16BE(0);
  const name = body.bytes(nameLength).toString('utf8');
  const size = Number(body.bytes(8).readBigUInt64BE(0));
  if (name !== 'manifest.json' || size > 16 * 1024 * 1024) throw new BackupError('corrupt', 'no manifest');
  const bytes = body.bytes(size);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BackupError('corrupt', 'manifest is not JSON');
  }
  const manifest = manifestSchema.safeParse(json);
  if (!manifest.success) throw new BackupError('corrupt', `manifest: ${manifest.error.issues[0]?.path.join('.') ?? ''}`);
  return { manifest: manifest.data, manifestSha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}
