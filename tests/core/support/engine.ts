import crypto from 'node:crypto';
import { createDatabase, databaseUrl, dropDatabase } from '../../support/pg-server.js';
import { describe, it } from 'vitest';
import type { Core } from '../../../electron/core/index.js';
import { sqlFor, tableNames as tablesOf, type SqlValue } from '../../../electron/core/db/sql.js';

/**
 * Which engine the core tests run on. The `core` project runs them on SQLite files; the `core-pg`
 * project (vitest.config.ts, present when OPSDESK_TEST_PG_SERVER names a server) runs the same
 * files with OPSDESK_TEST_ENGINE=postgres: each data folder then gets a database of its own on that
 * server, created when a core first opens the folder and dropped with the folder.
 */
export const ENGINE: 'sqlite' | 'postgres' = process.env.OPSDESK_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
export const onPostgres = ENGINE === 'postgres';

/** Tests of what only the SQLite desktop has (its file, backups of it, pragmas). */
export const describeSqlite = describe.skipIf(onPostgres);
export const itSqlite = it.skipIf(onPostgres);

const databaseName = (dataDir: string) => `od_t_${crypto.createHash('sha1').update(dataDir).digest('hex').slice(0, 20)}`;

/** Databases created by this test file, by name (the promise: cores opening a folder at once share it). */
const created = new Map<string, Promise<unknown>>();

/** The database URL for a data folder's core, creating its database the first time. */
export async function databaseUrlFor(dataDir: string): Promise<string | null> {
  if (!onPostgres) return null;
  const name = databaseName(dataDir);
  if (!created.has(name)) created.set(name, createDatabase(name));
  await created.get(name);
  return databaseUrl(name);
}

/** Drops the data folder's database (after its core closed). */
export async function dropDatabaseFor(dataDir: string): Promise<void> {
  const name = databaseName(dataDir);
  if (!created.delete(name)) return;
  await dropDatabase(name);
}

/** Rows from the core's own database, on either engine. */
export async function rows<T extends object = Record<string, unknown>>(core: Core, text: string, params: SqlValue[] = []): Promise<T[]> {
  return sqlFor(core.db.dataSource.manager).all<T>(text, params);
}

/** A statement on the core's own database (tests that damage or inspect data on purpose). */
export async function exec(core: Core, text: string, params: SqlValue[] = []): Promise<number> {
  return (await sqlFor(core.db.dataSource.manager).run(text, params)).changes;
}

/** The tables of the core's database, by name. */
export function tableNames(core: Core): Promise<string[]> {
  return tablesOf(core.db.dataSource.manager);
}
