import fs from 'node:fs';
import path from 'node:path';
import type { DataSource, MigrationInterface } from 'typeorm';
import type BetterSqlite3 from 'better-sqlite3';
import { DatabaseOpenError } from './errors.js';

export interface MigrationReport {
  /** Schema version before opening (0 for a new file). */
  from: number;
  to: number;
  applied: string[];
  /** The copy taken before migrating an existing database, if one was needed. */
  backupFile: string | null;
}

function appliedMigrationNames(raw: BetterSqlite3.Database): string[] {
  const exists = raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!exists) return [];
  return (raw.prepare('SELECT name FROM schema_migrations ORDER BY timestamp, id').all() as { name: string }[]).map((r) => r.name);
}

/**
 * Brings the schema up to date. Refuses a database written by a newer OpsDesk (it has
 * migrations this build does not know) or whose history differs from this build's; backs up an
 * existing database before changing it; applies all pending migrations in one transaction.
 */
export async function migrateToLatest(
  dataSource: DataSource,
  raw: BetterSqlite3.Database,
  migrations: (new () => MigrationInterface)[],
  backupsDir: string,
  now: () => Date,
): Promise<MigrationReport> {
  const known = migrations.map((M) => new M().name ?? M.name);
  const applied = appliedMigrationNames(raw);
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
  if (pending.length > 0 && applied.length > 0) {
    fs.mkdirSync(backupsDir, { recursive: true });
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    backupFile = path.join(backupsDir, `pre-migration-v${applied.length}-${stamp}.sqlite`);
    await raw.backup(backupFile);
  }
  if (pending.length > 0) {
    await dataSource.runMigrations({ transaction: 'all' });
    raw.pragma(`user_version = ${known.length}`);
  }
  return { from: applied.length, to: known.length, applied: pending, backupFile };
}
