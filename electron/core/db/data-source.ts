import fs from 'node:fs';
import path from 'node:path';
import { DataSource, type EntitySchema, type MigrationInterface } from 'typeorm';
import type BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.js';
import { migrateToLatest, type MigrationReport } from './migrate.js';
import { DatabaseOpenError } from './errors.js';
import { openPostgres, type PostgresFacts } from './postgres.js';

export { DatabaseOpenError } from './errors.js';

/** Which engine holds the data: the desktop's SQLite file (default) or a shared PostgreSQL server. */
export type Engine = 'sqlite' | 'postgres';

export interface OpenDatabaseOptions {
  dbFile: string;
  /** A postgres:// URL: the data lives on that server instead of in `dbFile`. */
  databaseUrl?: string | null;
  /** Where the automatic pre-migration backup goes (SQLite). */
  backupsDir: string;
  entities: EntitySchema[];
  /** Tests pass an older migration set to build a database "made by the previous version". */
  migrations?: (new () => MigrationInterface)[];
  now?: () => Date;
}

export interface OpenedDatabase {
  engine: Engine;
  dataSource: DataSource;
  /**
   * SQLite only: the underlying better-sqlite3 handle, for pragmas, backups and bulk statements.
   * Only db/ and the SQLite maintenance code (backup, integrity check), which check `engine`
   * first, touch it; on PostgreSQL reading it is a bug and throws.
   */
  readonly raw: BetterSqlite3.Database;
  /** PostgreSQL only: the server's version and the database's name, for doctor. */
  postgres: PostgresFacts | null;
  migration: MigrationReport;
  close(): Promise<void>;
}

/**
 * Office data: a power cut must not lose an acknowledged write, so WAL with synchronous=FULL
 * (better-sqlite3 otherwise leaves WAL at NORMAL). Checked after opening, not just requested.
 */
function applyPragmas(db: BetterSqlite3.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 32 MiB of page cache (the default is 2 MiB): ten years of punches have indexes of tens of
  // MiB, and an import's inserts land all over them (100,000 rows: 8.9 s -> see the benchmark).
  db.pragma('cache_size = -32768');
}

function assertPragmas(db: BetterSqlite3.Database): void {
  const journal = db.pragma('journal_mode', { simple: true });
  const sync = db.pragma('synchronous', { simple: true });
  const fks = db.pragma('foreign_keys', { simple: true });
  if (journal !== 'wal' || sync !== 2 || fks !== 1) {
    throw new DatabaseOpenError('pragmas', `Unexpected pragmas: journal_mode=${String(journal)} synchronous=${String(sync)} foreign_keys=${String(fks)}`);
  }
}

export function rawHandle(dataSource: DataSource): BetterSqlite3.Database {
  return (dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  if (options.databaseUrl) return openPostgres({ ...options, databaseUrl: options.databaseUrl, migrations: options.migrations ?? MIGRATIONS });
  return openSqlite(options);
}

async function openSqlite(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
  const migrations = options.migrations ?? MIGRATIONS;
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: options.dbFile,
    entities: options.entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    prepareDatabase: (db: BetterSqlite3.Database) => applyPragmas(db),
  });
  try {
    await dataSource.initialize();
  } catch (err) {
    if (err instanceof Error && /not a database|file is not a database/i.test(err.message)) {
      throw new DatabaseOpenError('notADatabase', `${options.dbFile} is not an SQLite database`);
    }
    throw err;
  }
  try {
    const raw = rawHandle(dataSource);
    assertPragmas(raw);
    const migration = await migrateToLatest(dataSource, { engine: 'sqlite', raw }, migrations, options.backupsDir, options.now ?? (() => new Date()));
    return {
      engine: 'sqlite',
      dataSource,
      raw,
      postgres: null,
      migration,
      close: async () => {
        if (!dataSource.isInitialized) return;
        try {
          // Fold the WAL back into the main file so the data folder is one file when the app is closed.
          raw.pragma('wal_checkpoint(TRUNCATE)');
        } catch {
          // A read-only data folder cannot be checkpointed (SQLITE_READONLY). Nothing is lost: the
          // WAL is folded in at the next writable open. The connection must be closed all the same.
        } finally {
          await dataSource.destroy();
        }
      },
    };
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }
}
