import type BetterSqlite3 from 'better-sqlite3';

/**
 * The shape of a database's schema (tables with their columns, indexes and foreign keys, plus
 * triggers and views), read from SQLite itself, and what this build expects it to be for a given
 * schema version. A restore compares the two before a backup's database may replace the live one:
 * a backup whose checksums are fine but whose schema is not the one its version number claims
 * (crafted, or written by another tool) is refused instead of leaving an unusable data folder.
 *
 * The expected shape is never a hand-kept list: it comes from running this build's migrations on
 * an empty in-memory database (expected-schema.ts), so a new migration is covered the day it is
 * added. This file needs no ORM, so the backup worker thread can use it without loading TypeORM.
 */
export interface ColumnShape {
  type: string;
  notNull: boolean;
  defaultValue: string | null;
  primaryKey: number;
}

export interface IndexShape {
  unique: boolean;
  columns: string[];
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  indexes: Record<string, IndexShape>;
  /** "from->table.to on delete X", sorted. */
  foreignKeys: string[];
}

export interface SchemaShape {
  tables: Record<string, TableShape>;
  triggers: string[];
  views: string[];
}

/** The shape this build expects for each schema version it knows (1..SCHEMA_VERSION). */
export type ExpectedSchemas = Record<number, SchemaShape>;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Reads the schema of an open SQLite database. */
export function readSchemaShape(db: BetterSqlite3.Database): SchemaShape {
  const objects = db.prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as { type: string; name: string }[];
  const tables: Record<string, TableShape> = {};
  for (const { name } of objects.filter((o) => o.type === 'table')) tables[name] = readTable(db, name);
  return {
    tables,
    triggers: objects.filter((o) => o.type === 'trigger').map((o) => o.name),
    views: objects.filter((o) => o.type === 'view').map((o) => o.name),
  };
}

function readTable(db: BetterSqlite3.Database, table: string): TableShape {
  const columns: Record<string, ColumnShape> = {};
  for (const c of db.pragma(`table_info(${quote(table)})`) as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[]) {
    columns[c.name] = { type: c.type.toLowerCase(), notNull: c.notnull === 1, defaultValue: c.dflt_value, primaryKey: c.pk };
  }
  const indexes: Record<string, IndexShape> = {};
  for (const ix of db.pragma(`index_list(${quote(table)})`) as { name: string; unique: number }[]) {
    const cols = (db.pragma(`index_info(${quote(ix.name)})`) as { seqno: number; name: string | null }[]).sort((a, b) => a.seqno - b.seqno);
    indexes[ix.name] = { unique: ix.unique === 1, columns: cols.map((c) => c.name ?? '(expression)') };
  }
  const foreignKeys = (db.pragma(`foreign_key_list(${quote(table)})`) as { table: string; from: string; to: string | null; on_delete: string }[])
    .map((f) => `${f.from}->${f.table}.${f.to ?? '(pk)'} on delete ${f.on_delete}`)
    .sort();
  return { columns, indexes, foreignKeys };
}

/**
 * The first difference between an expected and an actual schema, in words (for logs and the
 * refusal's detail), or null when they match. Column order does not matter; everything else does,
 * extra objects included: a trigger or table this build never made has no business in a restore.
 */
export function schemaDifference(expected: SchemaShape, actual: SchemaShape): string | null {
  for (const [name, table] of Object.entries(expected.tables)) {
    const other = actual.tables[name];
    if (!other) return `missing table ${name}`;
    const problem = tableDifference(name, table, other);
    if (problem) return problem;
  }
  const extraTable = Object.keys(actual.tables).find((t) => !expected.tables[t]);
  if (extraTable) return `unexpected table ${extraTable}`;
  for (const kind of ['triggers', 'views'] as const) {
    const extra = actual[kind].find((n) => !expected[kind].includes(n));
    if (extra) return `unexpected ${kind.slice(0, -1)} ${extra}`;
    const missing = expected[kind].find((n) => !actual[kind].includes(n));
    if (missing) return `missing ${kind.slice(0, -1)} ${missing}`;
  }
  return null;
}

function tableDifference(table: string, expected: TableShape, actual: TableShape): string | null {
  for (const [name, column] of Object.entries(expected.columns)) {
    const other = actual.columns[name];
    if (!other) return `table ${table}: missing column ${name}`;
    if (JSON.stringify(column) !== JSON.stringify(other)) return `table ${table}: column ${name} differs`;
  }
  const extraColumn = Object.keys(actual.columns).find((c) => !expected.columns[c]);
  if (extraColumn) return `table ${table}: unexpected column ${extraColumn}`;
  for (const [name, index] of Object.entries(expected.indexes)) {
    const other = actual.indexes[name];
    if (!other) return `table ${table}: missing index ${name}`;
    if (JSON.stringify(index) !== JSON.stringify(other)) return `table ${table}: index ${name} differs`;
  }
  const extraIndex = Object.keys(actual.indexes).find((i) => !expected.indexes[i]);
  if (extraIndex) return `table ${table}: unexpected index ${extraIndex}`;
  if (JSON.stringify(expected.foreignKeys) !== JSON.stringify(actual.foreignKeys)) return `table ${table}: foreign keys differ`;
  return null;
}

/** Rows that break a foreign key (PRAGMA foreign_key_check), at most one reported. */
export function foreignKeyProblem(db: BetterSqlite3.Database): string | null {
  const row = db.prepare('PRAGMA foreign_key_check').get() as { table: string; rowid: number; parent: string } | undefined;
  return row ? `table ${row.table}: row ${row.rowid} refers to a missing ${row.parent}` : null;
}
