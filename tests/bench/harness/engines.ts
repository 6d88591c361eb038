import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type BetterSqlite3 from 'better-sqlite3';
import { createCore, type Core } from '../../../electron/core/index.js';
import { TEST_COST } from '../../../electron/core/modules/auth/passwords.js';
import { toPgText } from '../../../electron/core/db/sql.js';
import { migrateData } from '../../../electron/core/maintenance/migrate-data.js';
import { TEST_AUDIT_KEY } from '../../support/keys.js';
import { createDatabase, databaseUrl, dropDatabase } from '../../support/pg-server.js';
import type { Dataset } from '../dataset/department.js';

/**
 * A benchmark data set open on either engine, with a raw connection for the raw-SQL twins: on
 * SQLite the data set's own copy (better-sqlite3 prepared statements on the core's connection);
 * on PostgreSQL a fresh database on the test server (OPSDESK_TEST_PG_SERVER) filled from that copy
 * with migrate-data (multi-row INSERTs in one transaction), then ANALYZE, and one pg connection
 * running named prepared statements as the core's db/sql.ts does.
 */
export type EngineName = 'sqlite' | 'postgres';

export interface RawSql {
  all<T extends object>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** BEGIN … COMMIT around `fn` (ROLLBACK when it throws), on the raw connection. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
}

export interface EngineSide {
  engine: EngineName;
  core: Core;
  raw: RawSql;
  /** The data folder the core runs on, and the server URL on PostgreSQL (to open a second core). */
  dataDir: string;
  databaseUrl: string | null;
  /** Closes the core first when it is still open (a test may have closed and replaced it). */
  close(): Promise<void>;
}

const openOptions = { passwordCost: TEST_COST, auditKey: TEST_AUDIT_KEY, log: (message: string, err?: unknown) => console.error(`[core] ${message}`, err ?? '') };

export function sqliteRaw(db: BetterSqlite3.Database): RawSql {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepared = (text: string) => {
    let s = statements.get(text);
    if (!s) statements.set(text, (s = db.prepare(text)));
    return s;
  };
  return {
    all: async <T extends object>(text: string, params: readonly unknown[] = []) => {
      const s = prepared(text);
      return (s.reader ? s.all(...params) : (s.run(...params), [])) as T[];
    },
    async transaction(fn) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn();
        db.exec('COMMIT');
        return result;
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      }
    },
  };
}

export function pgRaw(client: pg.Client): RawSql {
  return {
    all: async <T extends object>(text: string, params: readonly unknown[] = []) => {
      const named = toPgText(text);
      return (await client.query({ name: named.name, text: named.text, values: [...params] })).rows as T[];
    },
    async transaction(fn) {
      await client.query('BEGIN');
      try {
        // The core's writer turn (db/sql.ts takeWriterTurn): part of every write on PostgreSQL.
        await client.query('SELECT pg_advisory_xact_lock(7414202)');
        const result = await fn();
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    },
  };
}

export async function openEngine(engine: EngineName, data: Dataset): Promise<EngineSide> {
  const sqliteCore = await data.open();
  if (engine === 'sqlite') {
    const side: EngineSide = { engine, core: sqliteCore, raw: sqliteRaw(sqliteCore.db.raw), dataDir: data.dataDir, databaseUrl: null, close: () => side.core.close() };
    return side;
  }
  const database = `od_bench_${data.name}_${crypto.randomBytes(4).toString('hex')}`;
  await createDatabase(database);
  const url = databaseUrl(database);
  const serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-bench-pg-'));
  const pgCore = await createCore({ ...openOptions, dataDir: serverDir, databaseUrl: url });
  const started = performance.now();
  const moved = await migrateData(sqliteCore, pgCore);
  await sqliteCore.close();
  console.log(`[bench] ${data.name}: moved ${moved.totalRows} rows to PostgreSQL in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('ANALYZE');
  const side: EngineSide = {
    engine,
    core: pgCore,
    raw: pgRaw(client),
    dataDir: serverDir,
    databaseUrl: url,
    close: async () => {
      await client.end();
      await side.core.close();
      await dropDatabase(database);
      fs.rmSync(serverDir, { recursive: true, force: true });
    },
  };
  return side;
}

/** Opens another core on the same data (e.g. the compiled one, whose spreadsheet work runs on the worker thread). */
export function reopen(side: EngineSide, create: typeof createCore): Promise<Core> {
  return create({ ...openOptions, dataDir: side.dataDir, databaseUrl: side.databaseUrl });
}
