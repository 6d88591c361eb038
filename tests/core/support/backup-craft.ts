import crypto from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Backup files as an attacker would make them, with code of its own (not the app's writer): the
 * container format is documented in electron/core/modules/backup/container.ts and its checksums
 * are plain SHA-256, so anyone can rebuild a file that passes them.
 *
 *   "ODBACKUP" | version 1 | header length (4, BE) | header JSON | entries | 0x0000 | SHA-256 trailer
 *   entry: name length (2, BE) | name | size (8, BE) | bytes
 */
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest();

export interface Container {
  header: Record<string, unknown>;
  entries: { name: string; bytes: Buffer }[];
}

/** Reads an unencrypted backup file into its header and entries. */
export function readContainer(file: string): Container {
  const bytes = fs.readFileSync(file);
  const length = bytes.readUInt32BE(9);
  const header = JSON.parse(bytes.subarray(13, 13 + length).toString('utf8')) as Record<string, unknown>;
  if (header.encryption) throw new Error('readContainer reads unencrypted backups only');
  const entries: Container['entries'] = [];
  let at = 13 + length;
  for (;;) {
    const nameLength = bytes.readUInt16BE(at);
    at += 2;
    if (nameLength === 0) break;
    const name = bytes.subarray(at, at + nameLength).toString('utf8');
    at += nameLength;
    const size = Number(bytes.readBigUInt64BE(at));
    at += 8;
    entries.push({ name, bytes: Buffer.from(bytes.subarray(at, at + size)) });
    at += size;
  }
  return { header, entries };
}

/** The raw prefix (magic, version, header) for a header object; `headerJson` overrides its text. */
export function prefixOf(header: Record<string, unknown>, headerJson = JSON.stringify(header)): Buffer {
  const json = Buffer.from(headerJson, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([Buffer.from('ODBACKUP', 'ascii'), Buffer.from([1]), length, json]);
}

/** Writes a container: the manifest's part sizes and checksums and the trailer are recomputed. */
export function writeContainer(file: string, c: Container): void {
  const manifestEntry = c.entries.find((e) => e.name === 'manifest.json')!;
  const manifest = JSON.parse(manifestEntry.bytes.toString('utf8')) as { parts: { name: string; size: number; sha256: string }[] };
  manifest.parts = c.entries.filter((e) => e.name !== 'manifest.json').map((e) => ({ name: e.name, size: e.bytes.length, sha256: sha256(e.bytes).toString('hex') }));
  const entries = c.entries.map((e) => (e.name === 'manifest.json' ? { name: e.name, bytes: Buffer.from(JSON.stringify(manifest), 'utf8') } : e));
  const parts: Buffer[] = [prefixOf(c.header)];
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const head = Buffer.alloc(2 + name.length + 8);
    head.writeUInt16BE(name.length, 0);
    name.copy(head, 2);
    head.writeBigUInt64BE(BigInt(e.bytes.length), 2 + name.length);
    parts.push(head, e.bytes);
  }
  parts.push(Buffer.from([0, 0]));
  const body = Buffer.concat(parts);
  fs.writeFileSync(file, Buffer.concat([body, sha256(body)]));
}

/** A copy of `file` whose db.sqlite is replaced by `db` (every checksum recomputed). */
export function withDatabase(source: string, target: string, db: Buffer): string {
  const c = readContainer(source);
  writeContainer(target, { header: c.header, entries: c.entries.map((e) => (e.name === 'db.sqlite' ? { name: e.name, bytes: db } : e)) });
  return target;
}

/** The database file inside a backup, changed by `change` (SQL run on a copy). */
export function alteredDatabase(source: string, scratchFile: string, change: (db: Database.Database) => void): Buffer {
  const c = readContainer(source);
  fs.writeFileSync(scratchFile, c.entries.find((e) => e.name === 'db.sqlite')!.bytes);
  const db = new Database(scratchFile);
  try {
    change(db);
  } finally {
    db.close();
  }
  return fs.readFileSync(scratchFile);
}

/**
 * An empty SQLite database holding only schema_migrations, with the rows of a real one (so its
 * schema version matches the backup's manifest): the crafted backup.
 */
export function onlySchemaMigrations(source: string, scratchFile: string): Buffer {
  alteredDatabase(source, `${scratchFile}.real`, () => {});
  const realDb = new Database(`${scratchFile}.real`);
  const rows = realDb.prepare('SELECT id, timestamp, name FROM schema_migrations ORDER BY id').all() as { id: number; timestamp: number; name: string }[];
  realDb.close();
  const db = new Database(scratchFile);
  db.exec('CREATE TABLE "schema_migrations" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "timestamp" bigint NOT NULL, "name" varchar NOT NULL)');
  const insert = db.prepare('INSERT INTO schema_migrations (id, timestamp, name) VALUES (?, ?, ?)');
  for (const r of rows) insert.run(r.id, r.timestamp, r.name);
  db.close();
  return fs.readFileSync(scratchFile);
}
