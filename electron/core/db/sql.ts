import crypto from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Prepared statements for hot paths, on either engine, inside the call's transaction.
 *
 * TypeORM builds and parses every query anew (~45 µs of JavaScript per statement, several times the
 * SQL it runs on a warm SQLite page cache), and its SQLite driver inlines numbers into the SQL text,
 * so every call prepared fresh statements. Repository functions on hot paths write portable SQL
 * with `?` placeholders instead; this module prepares each text once per connection and runs it:
 *
 * - SQLite: one better-sqlite3 connection; statements cached by text on it. A transaction opened by
 *   TypeORM on that connection covers these statements too.
 * - PostgreSQL: `?` becomes `$1…`, and the text runs as a named prepared statement on the query
 *   runner's client (the call's transaction), or on the pool outside one; pg prepares each name
 *   once per connection.
 *
 * Values: booleans are stored as 0/1 (db/columns.ts), undefined is NULL. Counts and other bigints
 * come back from pg as strings: use `count()` or `Number` on values known to be small.
 */
export type SqlValue = string | number | boolean | null | undefined;

export interface Sql {
  all<T extends object>(text: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T extends object>(text: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  run(text: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /** The first column of the first row as an exact integer (COUNT(*), MAX(seq)); 0 when NULL. */
  count(text: string, params?: readonly SqlValue[]): Promise<number>;
}

const normalise = (params: readonly SqlValue[]): (string | number | null)[] =>
  params.map((v) => (v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v));

function firstValueAsInt(row: object | undefined): number {
  const value = row ? Object.values(row)[0] : null;
  if (value === null || value === undefined) return 0;
  const n = typeof value === 'bigint' ? Number(value) : typeof value === 'string' ? Number.parseInt(value, 10) : (value as number);
  if (!Number.isSafeInteger(n)) throw new Error(`count is not a safe integer: ${String(value)}`);
  return n;
}

// ---------- SQLite ----------

const sqliteCaches = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function sqliteStatement(db: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  let cache = sqliteCaches.get(db);
  if (!cache) sqliteCaches.set(db, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = db.prepare(text)));
  return statement;
}

export function sqliteSql(db: BetterSqlite3.Database): Sql {
  const sql: Sql = {
    all: async <T extends object>(text: string, params: readonly SqlValue[] = []) => sqliteStatement(db, text).all(...normalise(params)) as T[],
    get: async <T extends object>(text: string, params: readonly SqlValue[] = []) => sqliteStatement(db, text).get(...normalise(params)) as T | undefined,
    run: async (text, params = []) => ({ changes: sqliteStatement(db, text).run(...normalise(params)).changes }),
    count: async (text, params = []) => firstValueAsInt(await sql.get(text, params)),
  };
  return sql;
}

// ---------- PostgreSQL ----------

interface PgQueryable {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: object[]; rowCount: number | null }>;
}

const pgTexts = new Map<string, { name: string; text: string }>();

/**
 * `?` placeholders become `$1…` and `LIKE` becomes `ILIKE` (outside quoted strings); the name is a
 * hash of the text. LIKE is case-insensitive on both engines: SQLite's LIKE already is (for ASCII),
 * PostgreSQL's is not.
 */
export function toPgText(text: string): { name: string; text: string } {
  let known = pgTexts.get(text);
  if (!known) {
    let n = 0;
    let quoted: string | null = null;
    let out = '';
    for (const ch of text) {
      if (quoted) {
        if (ch === quoted) quoted = null;
        out += ch;
      } else if (ch === "'" || ch === '"') {
        quoted = ch;
        out += ch;
      } else out += ch === '?' ? `$${++n}` : ch;
    }
    out = caseInsensitiveLike(out);
    known = { name: `od_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text: out };
    pgTexts.set(text, known);
  }
  return known;
}

/** ` LIKE ` outside quotes becomes ` ILIKE ` (the text's quoted parts are left as they are). */
function caseInsensitiveLike(text: string): string {
  return text
    .split(/('(?:[^']|'')*'|"(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\bNOT LIKE\b/gi, 'NOT ILIKE').replace(/(?<!I)\bLIKE\b/gi, 'ILIKE')))
    .join('');
}

export function pgSql(client: () => Promise<PgQueryable>): Sql {
  const query = async (text: string, params: readonly SqlValue[]) => {
    const { name, text: pgText } = toPgText(text);
    return (await client()).query({ name, text: pgText, values: normalise(params) });
  };
  const sql: Sql = {
    all: async <T extends object>(text: string, params: readonly SqlValue[] = []) => (await query(text, params)).rows as T[],
    get: async <T extends object>(text: string, params: readonly SqlValue[] = []) => (await query(text, params)).rows[0] as T | undefined,
    run: async (text, params = []) => ({ changes: (await query(text, params)).rowCount ?? 0 }),
    count: async (text, params = []) => firstValueAsInt(await sql.get(text, params)),
  };
  return sql;
}

// ---------- choosing ----------

export type EngineName = 'sqlite' | 'postgres';

export function engineOf(manager: EntityManager): EngineName {
  return manager.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
}

/**
 * `column LIKE :param ESCAPE '\'` for the query builder, case-insensitive on both engines (the
 * pattern from kernel/listing.ts containsPattern).
 */
export function likeClause(manager: EntityManager, column: string, param: string): string {
  return `${column} ${engineOf(manager) === 'postgres' ? 'ILIKE' : 'LIKE'} :${param} ESCAPE '\\'`;
}

/**
 * ` NULLS FIRST` for ASC, ` NULLS LAST` for DESC: NULL sorts as the smallest value on both engines
 * (SQLite's rule; PostgreSQL's default is the opposite). Both engines accept the clause.
 */
export function nullsAsSmallest(direction: 'ASC' | 'DESC'): string {
  return direction === 'ASC' ? ' NULLS FIRST' : ' NULLS LAST';
}

/**
 * On PostgreSQL, the first statement of every mutating transaction: a transaction-scoped advisory
 * lock that makes writers take turns across every process on the server (readers never wait).
 * With it, READ COMMITTED keeps every read-check-write rule true (a writer sees everything
 * committed before it got its turn, and nobody writes while it runs), and the audit chain gets
 * one append at a time. SQLite has one writer per file already. Within one process, calls on
 * PostgreSQL run side by side (kernel/gate.ts concurrentGate), each on a pooled connection.
 */
export async function takeWriterTurn(manager: EntityManager): Promise<void> {
  if (engineOf(manager) !== 'postgres') return;
  // A writer that waits longer than this is told the server is busy (db/errors.ts 'busy') rather
  // than hanging the form: another process holds the turn far longer than any save takes.
  await manager.query(`SET LOCAL lock_timeout = '${WRITER_TURN_TIMEOUT}'`);
  await manager.query('SELECT pg_advisory_xact_lock(7414202)');
}

const WRITER_TURN_TIMEOUT = '20s';

/** The statement runner for a manager: bound to its transaction when it has one. */
export function sqlFor(manager: EntityManager): Sql {
  const dataSource: DataSource = manager.connection;
  if (dataSource.options.type === 'postgres') {
    const runner = manager.queryRunner;
    if (runner) return pgSql(async () => (await runner.connect()) as PgQueryable);
    const pool = (dataSource.driver as unknown as { master: PgQueryable }).master;
    return pgSql(async () => pool);
  }
  return sqliteSql((dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection);
}

/** The database's own tables, by name (the migrations table included). */
export async function tableNames(manager: EntityManager): Promise<string[]> {
  const text =
    engineOf(manager) === 'postgres'
      ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
  return (await sqlFor(manager).all<{ name: string }>(text)).map((r) => r.name);
}
