import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { blobPath, createExclusive } from '../../kernel/file-store.js';
import { DatabaseCheckError, inspectDatabase, type DatabaseFacts } from '../../db/inspect.js';
import type { ExpectedSchemas } from '../../db/schema-shape.js';
import { ContainerWriter, fileChunks, readHeader, type BackupHeader } from './container.js';
import { BackupError } from './errors.js';
import { originTag } from './origin.js';
import { readBackup, type BackupManifest, type EntrySink } from './reader.js';

/**
 * The heavy halves of backup and restore, run on the job runner's worker thread (sync file I/O,
 * hashing, encryption, integrity_check) so the thread answering the UI stays free. They work on
 * files only: a snapshot made by the online backup API, never the live database file. Every file
 * a user named is opened as a regular file only (container.ts openRegularFile), here, off the
 * main thread: a slow share or a pipe can only hold this worker.
 */

/** The checks of inspectDatabase, as the backup problem a user is told. */
function checkedDatabase(file: string, expected: ExpectedSchemas): DatabaseFacts {
  try {
    return inspectDatabase(file, expected);
  } catch (err) {
    if (err instanceof DatabaseCheckError) throw new BackupError(err.reason === 'schema' ? 'schemaMismatch' : 'integrity', err.message);
    throw err;
  }
}

function sha256File(file: string): string {
  const hash = crypto.createHash('sha256');
  for (const chunk of fileChunks(file)) hash.update(chunk);
  return hash.digest('hex');
}

export interface PackRequest {
  /** The live database: read on a connection of the worker's own, never the app's. */
  database: string;
  /** Where the snapshot goes (the data folder's private work folder). */
  snapshot: string;
  attachmentsDir: string;
  target: string;
  password: string | null;
  header: Omit<BackupHeader, 'encryption' | 'origin'>;
  /** This install's origin key (hex, audit-chain.ts deriveKeys): the manifest is tagged with it. */
  originKey: string;
  /** Tests use cheaper key derivation; the app always uses BACKUP_KDF. */
  kdf?: { N: number; r: number; p: number };
  /** What the snapshot's schema must be (db/expected-schema.ts, computed on the main thread). */
  schemas: ExpectedSchemas;
}

export interface PackResult {
  manifest: BackupManifest;
  size: number;
  fileSha256: string;
  /** Attachment files whose content no longer matches their name (kept as they are). */
  damagedAttachments: string[];
}

/** Writes a backup file next to its target, fsyncs it and renames it into place. */
export async function packBackup(req: PackRequest, progress: (done: number, total: number) => void = () => {}): Promise<PackResult> {
  await snapshotDatabase(req.database, req.snapshot);
  const facts = checkedDatabase(req.snapshot, req.schemas);
  const attachments = attachmentsIn(req.snapshot, req.attachmentsDir);
  const parts: BackupManifest['parts'] = [{ name: 'db.sqlite', size: fs.statSync(req.snapshot).size, sha256: sha256File(req.snapshot) }];
  const damagedAttachments: string[] = [];
  const present = attachments.filter((a) => fs.existsSync(a.path));
  for (const a of present) {
    const actual = sha256File(a.path);
    if (actual !== a.sha256) damagedAttachments.push(a.sha256);
    parts.push({ name: `attachments/${a.sha256}`, size: fs.statSync(a.path).size, sha256: actual });
  }
  const manifest: BackupManifest = { ...req.header, ...facts, parts };
  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  const origin = originTag(Buffer.from(req.originKey, 'hex'), crypto.createHash('sha256').update(manifestBytes).digest('hex'));
  fs.mkdirSync(path.dirname(req.target), { recursive: true });
  const partial = `${req.target}.partial`;
  const writer = new ContainerWriter(partial, { ...req.header, origin }, req.password, req.kdf);
  try {
    writer.entry('manifest.json', manifestBytes.length, [manifestBytes]);
    writer.entry('db.sqlite', parts[0]!.size, fileChunks(req.snapshot));
    for (const [i, a] of present.entries()) {
      writer.entry(`attachments/${a.sha256}`, parts[i + 1]!.size, fileChunks(a.path));
      progress(i + 1, present.length);
    }
    const size = writer.finish();
    fs.renameSync(partial, req.target);
    fsyncFolder(path.dirname(req.target));
    return { manifest, size, fileSha256: sha256File(req.target), damagedAttachments };
  } catch (err) {
    writer.abort();
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

/**
 * An online-backup snapshot of the live database, made on a read-only connection of this thread's
 * own: WAL lets it read the last committed state while the app's connection goes on writing, so
 * a backup holds no other call.
 */
async function snapshotDatabase(database: string, snapshot: string): Promise<void> {
  const live = new Database(database, { readonly: true, fileMustExist: true });
  try {
    // All pages in one step: SQLite restarts a stepwise copy whenever another connection commits
    // between steps, and the app goes on writing during a backup (this is the worker's thread).
    await live.backup(snapshot, { progress: () => 0x7fffffff });
  } finally {
    live.close();
  }
}

/** The attachments the snapshot refers to: the list matches the database in the backup, whatever was uploaded since. */
function attachmentsIn(snapshot: string, attachmentsDir: string): { sha256: string; path: string }[] {
  const copy = new Database(snapshot, { readonly: true, fileMustExist: true });
  try {
    const hashes = copy.prepare('SELECT DISTINCT sha256 FROM attachments').pluck().all() as string[];
    return hashes.map((sha256) => ({ sha256, path: blobPath(attachmentsDir, sha256) }));
  } finally {
    copy.close();
  }
}

/** After a rename, the folder entry must reach the disk too (not possible on Windows: skipped). */
export function fsyncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(folder, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * How far to read a backup:
 * - 'header': only the plain-text header (no password needed): date, version, encrypted or not;
 * - 'manifest': header and manifest (password needed when encrypted), unverified: for showing what
 *   a backup holds before a restore;
 * - 'verify': everything, as a restore would, the database decrypted into `workDir` to be checked
 *   and removed again;
 * - 'extract': the same, leaving db.sqlite and attachments/<sha256> in `workDir` for a restore.
 */
export type UnpackMode = 'header' | 'manifest' | 'verify' | 'extract';

export interface UnpackRequest {
  file: string;
  password: string | null;
  mode: UnpackMode;
  /** A private work folder (work.ts) for 'verify' and 'extract': never beside the backup file. */
  workDir?: string;
  /** For 'verify' and 'extract': the schema each version must have (db/expected-schema.ts). */
  schemas?: ExpectedSchemas;
}

export interface UnpackResult {
  header: BackupHeader;
  /** Null in 'header' mode. */
  manifest: BackupManifest | null;
  /** SHA-256 of the manifest's bytes (null in 'header' mode): the origin tag covers it. */
  manifestSha256: string | null;
  verified: boolean;
}

function fileSink(file: string): EntrySink {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fd = createExclusive(file);
  return {
    write: (chunk) => {
      let offset = 0;
      while (offset < chunk.length) offset += fs.writeSync(fd, chunk, offset, chunk.length - offset);
    },
    end: () => {
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    },
  };
}

/**
 * Verifies a backup completely - every checksum, the encryption tag, integrity_check of its
 * database, its schema against its schema version, and that version against the manifest -
 * optionally extracting it. On any failure the extracted files are removed: nothing half-read is
 * ever left for a restore to use.
 */
export async function unpackBackup(req: UnpackRequest): Promise<UnpackResult> {
  if (req.mode === 'header') return { header: readHeader(req.file).header, manifest: null, manifestSha256: null, verified: false };
  if (req.mode === 'manifest') {
    const { header, manifest, manifestSha256 } = readBackup(req.file, req.password, () => null, { stopAfterManifest: true });
    return { header, manifest, manifestSha256, verified: false };
  }
  if (!req.workDir || !req.schemas) throw new Error(`unpackBackup ${req.mode} needs a work folder and the expected schemas`);
  const schemas = req.schemas;
  const dir = req.workDir;
  const extract = req.mode === 'extract';
  try {
    const { header, manifest, manifestSha256 } = readBackup(req.file, req.password, (name) => {
      if (name === 'db.sqlite') return fileSink(path.join(dir, 'db.sqlite'));
      if (!extract) return null;
      if (!/^attachments\/[0-9a-f]{64}$/.test(name)) throw new BackupError('corrupt', `bad entry name ${name}`);
      return fileSink(path.join(dir, name));
    });
    const facts = checkedDatabase(path.join(dir, 'db.sqlite'), schemas);
    if (facts.schemaVersion !== manifest.schemaVersion) throw new BackupError('corrupt', 'schema version differs from the manifest');
    return { header, manifest, manifestSha256, verified: true };
  } catch (err) {
    clearFolder(dir);
    throw err;
  } finally {
    if (!extract) clearFolder(dir);
  }
}

/** Empties a work folder (the folder itself belongs to the caller, who removes it). */
function clearFolder(dir: string): void {
  for (const name of fs.readdirSync(dir)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
}

/** The headers of the files in a backup folder, for its list (null: not readable as a backup). */
export function readHeaders(files: string[]): (BackupHeader | null)[] {
  return files.map((file) => {
    try {
      return readHeader(file).header;
    } catch {
      return null;
    }
  });
}
