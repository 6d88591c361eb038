import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ContainerWriter, fileChunks, type BackupHeader } from './container.js';
import { BackupError } from './errors.js';
import { readBackup, type BackupManifest, type EntrySink } from './reader.js';

/**
 * The heavy halves of backup and restore, run on the job runner's worker thread (sync file I/O,
 * hashing, encryption, integrity_check) so the thread answering the UI stays free. They work on
 * files only: a snapshot made by the online backup API, never the live database file.
 */

interface DatabaseFacts {
  counts: Record<string, number>;
  schemaVersion: number;
  auditHeadHash: string;
  /** The audit log's head: row count (its newest seq) and hash, compared on restore (kernel/audit.ts). */
  auditHead: { count: number; hash: string };
}

/** integrity_check, row counts, schema version and audit head of a database file, read-only. */
export function inspectDatabase(file: string): DatabaseFacts {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new BackupError('integrity', 'cannot open the database');
  }
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new BackupError('integrity', String(check));
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t] = (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n;
    const schemaVersion = tables.includes('schema_migrations') ? counts.schema_migrations! : 0;
    const head = tables.includes('audit_log') ? (db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) : undefined;
    return { counts, schemaVersion, auditHeadHash: head?.hash ?? '', auditHead: { count: head?.seq ?? 0, hash: head?.hash ?? '0'.repeat(64) } };
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError('integrity', err instanceof Error ? err.message : String(err));
  } finally {
    db.close();
  }
}

function sha256File(file: string): string {
  const hash = crypto.createHash('sha256');
  for (const chunk of fileChunks(file)) hash.update(chunk);
  return hash.digest('hex');
}

export interface PackRequest {
  snapshot: string;
  attachments: { sha256: string; path: string }[];
  target: string;
  password: string | null;
  header: Omit<BackupHeader, 'encryption'>;
  /** Tests use cheaper key derivation; the app always uses BACKUP_KDF. */
  kdf?: { N: number; r: number; p: number };
}

export interface PackResult {
  manifest: BackupManifest;
  size: number;
  fileSha256: string;
  /** Attachment files whose content no longer matches their name (kept as they are). */
  damagedAttachments: string[];
}

/** Writes a backup file next to its target, fsyncs it and renames it into place. */
export function packBackup(req: PackRequest, progress: (done: number, total: number) => void = () => {}): PackResult {
  const facts = inspectDatabase(req.snapshot);
  const parts: BackupManifest['parts'] = [{ name: 'db.sqlite', size: fs.statSync(req.snapshot).size, sha256: sha256File(req.snapshot) }];
  const damagedAttachments: string[] = [];
  const present = req.attachments.filter((a) => fs.existsSync(a.path));
  for (const a of present) {
    const actual = sha256File(a.path);
    if (actual !== a.sha256) damagedAttachments.push(a.sha256);
    parts.push({ name: `attachments/${a.sha256}`, size: fs.statSync(a.path).size, sha256: actual });
  }
  const manifest: BackupManifest = { ...req.header, ...facts, parts };
  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  fs.mkdirSync(path.dirname(req.target), { recursive: true });
  const partial = `${req.target}.partial`;
  const writer = new ContainerWriter(partial, req.header, req.password, req.kdf);
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

export interface UnpackRequest {
  file: string;
  password: string | null;
  /** Where to extract db.sqlite and attachments/; null checks only (the database goes to a temp file). */
  stagingDir: string | null;
  /** Stop after the manifest: for showing a backup's content before a restore (unverified). */
  manifestOnly?: boolean;
}

export interface UnpackResult {
  header: BackupHeader;
  manifest: BackupManifest;
  verified: boolean;
}

function fileSink(file: string): EntrySink {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'w');
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
 * database and its schema version against the manifest - optionally extracting it. On any failure
 * the extracted files are removed: nothing half-read is ever left for a restore to use.
 */
export function unpackBackup(req: UnpackRequest): UnpackResult {
  if (req.manifestOnly) {
    const { header, manifest } = readBackup(req.file, req.password, () => null, { stopAfterManifest: true });
    return { header, manifest, verified: false };
  }
  const dir = req.stagingDir ?? fs.mkdtempSync(path.join(path.dirname(req.file), '.opsdesk-verify-'));
  const temporary = req.stagingDir === null;
  try {
    const { header, manifest } = readBackup(req.file, req.password, (name) => {
      if (name === 'db.sqlite') return fileSink(path.join(dir, 'db.sqlite'));
      if (temporary) return null;
      if (!/^attachments\/[0-9a-f]{64}$/.test(name)) throw new BackupError('corrupt', `bad entry name ${name}`);
      return fileSink(path.join(dir, name));
    });
    const facts = inspectDatabase(path.join(dir, 'db.sqlite'));
    if (facts.schemaVersion !== manifest.schemaVersion) throw new BackupError('corrupt', 'schema version differs from the manifest');
    return { header, manifest, verified: true };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  } finally {
    if (temporary) fs.rmSync(dir, { recursive: true, force: true });
  }
}
