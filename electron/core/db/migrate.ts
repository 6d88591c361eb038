import fs from 'node:fs';
import path from 'node:path';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import type BetterSqlite3 from 'better-sqlite3';
import { DatabaseOpenError } from './errors.js';

export interface MigrationReport {
  /** Schema version before opening (0 for a new database). */
  from: number;
  to: number;
  applied: string[];
  /** The copy taken before migrating an existing SQLite database, if one was needed. */
  backupFile: string | null;
}

/** What migrating needs of each engine: SQLite's handle (backup, user_version) or a PostgreSQL session. */
export type MigrationTarget = { engine: 'sqlite'; raw: BetterSqlite3.Database } | { engine: 'postgres'; session: QueryRunner };

/**
 * Any constant shared by every OpsDesk process: the key of the session-level advisory lock that
 * makes applying or checking migrations one process at a time on a shared PostgreSQL server.
 */
const MIGRATION_LOCK_KEY = 7_414_201;

async function appliedMigrationNames(target: MigrationTarget): Promise<string[]> {
  if (target.engine === 'sqlite') {
    const exists = target.raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!exists) return [];
    return (target.raw.prepare('SELECT name FROM schema_migrations ORDER BY timestamp, id').all() as { name: string }[]).map((r) => r.name);
  }
  const [exists] = (await target.session.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")) as { present: boolean }[];
  if (!exists?.present) return [];
  return ((await target.session.query('SELECT name FROM schema_migrations ORDER BY timestamp, id')) as { name: string }[]).map((r) => r.name);
}

/**
 * Brings the schema up to date. Refuses a database written by a newer OpsDesk (it has
 * migrations this build does not know) or whose history differs from this build's; backs up an
 * existing SQLite database before changing it; applies all pending migrations in one transaction.
 * On PostgreSQL several processes may start at once against one database: the whole check-and-
 * apply runs under an advisory lock, so the second one finds the schema already current.
 */
export async function migrateToLatest(
  dataSource: DataSource,
  target: MigrationTarget,
  migrations: (new () => MigrationInterface)[],
  backupsDir: string,
  now: () => Date,
): Promise<MigrationReport> {
  if (target.engine === 'sqlite') return migrateLocked(dataSource, target, migrations, backupsDir, now);
  await target.session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    return await migrateLocked(dataSource, target, migrations, backupsDir, now);
  } finally {
    await target.session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}

async function migrateLocked(
  dataSource: DataSource,
  target: MigrationTarget,
  migrations: (new () => MigrationInterface)[],
  backupsDir: string,
  now: () => Date,
): Promise<MigrationReport> {
  const known = migrations.map((M) => new M().name ?? M.name);
  const applied = await appliedMigrationNames(target);
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new DatabaseOpenError(
      'newerVersion',
      `This database was written by a newer version of OpsDesk (schema ${applied.length}, this version knows ${known.length}). Install the newer version to open it.`,
    );
  }
  if (applied.some((name, i) => known[i] !== name)) {
    throw new DatabaseOpenError('historyMismatch', 'The database migration history does not match this version of OpsDesk.');
  }
  const pending = known.slice(applied.length);
  let backupFile: string | null = null;
  // A server's own backups (pg_dump, base backups) are the server administrator's: OpsDesk copies
  // only the desktop's file before changing it.
  if (target.engine === 'sqlite' && pending.length > 0 && applied.length > 0) {
    fs.mkdirSync(backupsDir, { recursive: true });
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    backupFile = path.join(backupsDir, `pre-migration-v${applied.length}-${stamp}.sqlite`);
    await target.raw.backup(backupFile);
  }
  if (pending.length > 0) {
    await dataSource.runMigrations({ transaction: 'all' });
    if (target.engine === 'sqlite') target.raw.pragma(`user_version = ${known.length}`);
    else await textColumnsInByteOrder(target.session);
  }
  return { from: applied.length, to: known.length, applied: pending, backupFile };
}

/**
 * Text on PostgreSQL compares and sorts as on SQLite (byte order, SQLite's BINARY): every text
 * column of the schema gets the "C" collation, whatever the database's locale. A server created
 * with, say, en-US or zh-CN collation would otherwise order employee numbers, usernames and the
 * pinyin sort keys (modules/org/name-pinyin.ts relies on a space sorting before letters) differently
 * from the desktop. Runs after the migrations that added columns, inside the migration lock;
 * does nothing when every column already has it.
 */
async function textColumnsInByteOrder(session: QueryRunner): Promise<void> {
  const columns = (await session.query(
    `SELECT c.relname AS "table", a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS "type"
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        AND a.atttypid IN ('text'::regtype, 'varchar'::regtype)
        AND a.attcollation <> (SELECT oid FROM pg_collation WHERE collname = 'C' AND collnamespace = 'pg_catalog'::regnamespace)`,
  )) as { table: string; column: string; type: string }[];
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  for (const c of columns) await session.query(`ALTER TABLE ${quote(c.table)} ALTER COLUMN ${quote(c.column)} TYPE ${c.type} COLLATE "C"`);
}
