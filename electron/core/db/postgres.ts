import { DataSource, type EntitySchema, type MigrationInterface } from 'typeorm';
import { migrateToLatest } from './migrate.js';
import { DatabaseOpenError } from './errors.js';
import type { OpenedDatabase } from './data-source.js';

/** What doctor reports about the server. */
export interface PostgresFacts {
  serverVersion: string;
  database: string;
}

export interface OpenPostgresOptions {
  databaseUrl: string;
  backupsDir: string;
  entities: EntitySchema[];
  migrations: (new () => MigrationInterface)[];
  now?: () => Date;
}

/** The URL without its password (in the user part or the query: pg takes ?password=), for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const key of [...u.searchParams.keys()]) if (/password/i.test(key)) u.searchParams.set(key, '***');
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * A PostgreSQL database through TypeORM's `postgres` driver and `pg`. A pool of connections: on a
 * server several calls (and several processes) run at once, each mutating call in a transaction
 * of its own (kernel/dispatcher.ts). bigint values (COUNT(*)) come back as strings and are
 * converted in one place, db/sql.ts.
 */
export async function openPostgres(options: OpenPostgresOptions): Promise<OpenedDatabase> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.databaseUrl,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: 'opsdesk',
    connectTimeoutMS: 10_000,
    // A connection left in an open transaction (a process stopped mid-call, a laptop asleep) holds
    // the writer turn; the server ends it after two minutes so other writers go on.
    extra: { max: 10, options: '-c idle_in_transaction_session_timeout=120000' },
  });
  try {
    await dataSource.initialize();
  } catch (err) {
    // pg's message may quote the connection string: never pass a password on.
    const detail = (err instanceof Error ? err.message : String(err)).split(options.databaseUrl).join(redactUrl(options.databaseUrl));
    throw new DatabaseOpenError('unreachable', `Cannot connect to the PostgreSQL database at ${redactUrl(options.databaseUrl)}: ${detail}`);
  }
  try {
    const session = dataSource.createQueryRunner();
    let migration;
    let facts: PostgresFacts;
    try {
      await session.connect();
      migration = await migrateToLatest(dataSource, { engine: 'postgres', session }, options.migrations, options.backupsDir, options.now ?? (() => new Date()));
      const [row] = (await session.query("SELECT current_setting('server_version') AS version, current_database() AS database")) as { version: string; database: string }[];
      facts = { serverVersion: row!.version, database: row!.database };
    } finally {
      await session.release();
    }
    return {
      engine: 'postgres',
      dataSource,
      get raw(): never {
        throw new Error('There is no SQLite handle on PostgreSQL: check db.engine first.');
      },
      postgres: facts,
      migration,
      close: async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
      },
    };
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }
}
