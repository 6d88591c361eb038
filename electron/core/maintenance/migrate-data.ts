import fs from 'node:fs';
import path from 'node:path';
import type { EntityManager, QueryRunner, Table } from 'typeorm';
import { blobPath, putBlob, sha256 } from '../kernel/file-store.js';
import type { Core } from '../index.js';
import { sqlFor, tableNames, takeWriterTurn, type SqlValue } from '../db/sql.js';
import { auditIntegrity } from '../kernel/audit.js';
import { checkAccounts } from '../kernel/account-seals.js';

/**
 * Moves a department between engines (issue 8): every row of every table from one open core to
 * another, e.g. a desktop's SQLite file to a PostgreSQL server when the department outgrows one
 * desktop, and back. Both cores are this build (same schema version, both migrated when opened);
 * the target must be empty. One transaction on the target: all rows or none. The source is read in
 * one read transaction (one consistent state). Afterwards every table's row count is compared and
 * the audit chain and account seals are verified on the target under its install key, which must
 * be the one the source's chain was written with (the CLI uses the SQLite side's data folder key).
 *
 * Maintenance code about both engines, like doctor: plain SQL on each side through db/sql.ts.
 */
export class MigrateDataError extends Error {
  constructor(
    readonly reason: 'schemaVersion' | 'targetNotEmpty' | 'countMismatch' | 'auditChain' | 'accounts',
    message: string,
  ) {
    super(message);
    this.name = 'MigrateDataError';
  }
}

export interface MigrateDataReport {
  from: 'sqlite' | 'postgres';
  to: 'sqlite' | 'postgres';
  tables: { name: string; rows: number }[];
  totalRows: number;
  auditRows: number;
  /** Attachment files copied into the target folder, and those the source folder did not have. */
  files: { copied: number; missing: string[] };
}

export interface MigrateDataOptions {
  /**
   * Where the attachment files are and go: the data folders used with each side. Default: each
   * core's own folder. The CLI opens a server's core on a scratch folder and names the real one.
   */
  attachments?: { from: string; to: string };
  onProgress?: (p: { table: string; rows: number }) => void;
}

/** The migrations table is each database's own (both are at this build's version). */
const OWN_TABLES = new Set(['schema_migrations']);
/** Rows read and written per statement: keyset pages on `id`, multi-row INSERTs. */
const PAGE = 1000;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface TablePlan {
  table: Table;
  columns: string[];
  /** Nullable references to a table copied later (or to itself): written NULL, then set. */
  deferred: string[];
}

/**
 * Tables in an order where every required reference points at a table already copied. The two
 * cycles of the schema (a group's lead is an employee in a group; an employee's manager is an
 * employee) go through nullable columns, which are filled in after all rows are in.
 */
function plan(tables: Table[]): TablePlan[] {
  const left = new Map(tables.map((t) => [t.name, t]));
  const placed = new Set<string>();
  const out: TablePlan[] = [];
  while (left.size) {
    const next = [...left.values()].find((t) =>
      t.foreignKeys.every((fk) => {
        const target = fk.referencedTableName;
        if (target === t.name || placed.has(target) || !left.has(target)) return true;
        return fk.columnNames.every((c) => t.findColumnByName(c)?.isNullable);
      }),
    );
    if (!next) throw new Error(`no copy order for the tables ${[...left.keys()].join(', ')} (a cycle through required references)`);
    const deferred = next.foreignKeys
      .filter((fk) => fk.referencedTableName === next.name || (!placed.has(fk.referencedTableName) && left.has(fk.referencedTableName)))
      .flatMap((fk) => fk.columnNames);
    out.push({ table: next, columns: next.columns.map((c) => c.name), deferred: [...new Set(deferred)] });
    placed.add(next.name);
    left.delete(next.name);
  }
  return out;
}

async function readTables(runner: QueryRunner, names: string[]): Promise<Table[]> {
  const tables = await runner.getTables(names);
  return names.map((n) => tables.find((t) => t.name === n || t.name.endsWith(`.${n}`))!).map((t) => {
    t.name = t.name.includes('.') ? t.name.split('.').pop()! : t.name;
    for (const fk of t.foreignKeys) fk.referencedTableName = fk.referencedTableName.split('.').pop()!;
    return t;
  });
}

/** Pages of a table's rows in primary-key order (keyset on `id`; small tables without one in one read). */
async function* rowsOf(manager: EntityManager, p: TablePlan): AsyncGenerator<Record<string, unknown>[]> {
  const sql = sqlFor(manager);
  const list = p.columns.map(quote).join(', ');
  const keys = p.table.primaryColumns.map((c) => c.name);
  if (keys.length !== 1 || keys[0] !== 'id') {
    yield await sql.all<Record<string, unknown>>(`SELECT ${list} FROM ${quote(p.table.name)}${keys.length ? ` ORDER BY ${keys.map(quote).join(', ')}` : ''}`);
    return;
  }
  let after: string | null = null;
  for (;;) {
    const page: Record<string, unknown>[] = after === null
      ? await sql.all(`SELECT ${list} FROM ${quote(p.table.name)} ORDER BY id LIMIT ?`, [PAGE])
      : await sql.all(`SELECT ${list} FROM ${quote(p.table.name)} WHERE id > ? ORDER BY id LIMIT ?`, [after, PAGE]);
    if (page.length) yield page;
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.id as string;
  }
}

/** A value as the other engine takes it: pg returns bigint columns as text (exact), numbers stay numbers. */
function portable(value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

async function writePage(manager: EntityManager, p: TablePlan, page: Record<string, unknown>[]): Promise<void> {
  const sql = sqlFor(manager);
  // Under both engines' limits on bound values per statement (SQLite 32766, PostgreSQL 65535).
  const perStatement = Math.max(1, Math.min(500, Math.floor(30_000 / p.columns.length)));
  const head = `INSERT INTO ${quote(p.table.name)} (${p.columns.map(quote).join(', ')}) VALUES `;
  const one = `(${p.columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < page.length; i += perStatement) {
    const chunk = page.slice(i, i + perStatement);
    const values = chunk.flatMap((row) => p.columns.map((c) => (p.deferred.includes(c) ? null : portable(row[c]))));
    await sql.run(head + chunk.map(() => one).join(', '), values);
  }
}

/** A reference written NULL in the first pass, to set once every row is in. */
interface DeferredValue {
  table: string;
  column: string;
  id: SqlValue;
  value: SqlValue;
}

function deferredValues(p: TablePlan, page: Record<string, unknown>[]): DeferredValue[] {
  return p.deferred.flatMap((column) =>
    page.filter((row) => row[column] !== null && row[column] !== undefined).map((row) => ({ table: p.table.name, column, id: portable(row.id), value: portable(row[column]) })),
  );
}

async function fillDeferred(manager: EntityManager, values: DeferredValue[]): Promise<void> {
  const sql = sqlFor(manager);
  for (const v of values) await sql.run(`UPDATE ${quote(v.table)} SET ${quote(v.column)} = ? WHERE id = ?`, [v.value, v.id]);
}

/** Tables a new database already has rows in (migration 0011), children first. */
const SEEDED_BY_MIGRATIONS = ['att_schedule_rules', 'att_schedules', 'att_calendar_days'];

async function rowCounts(manager: EntityManager, names: string[]): Promise<Map<string, number>> {
  const sql = sqlFor(manager);
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, await sql.count(`SELECT COUNT(*) AS n FROM ${quote(name)}`));
  return counts;
}

export async function migrateData(source: Core, target: Core, options: MigrateDataOptions = {}): Promise<MigrateDataReport> {
  const onProgress = options.onProgress;
  const attachments = options.attachments ?? { from: source.info.paths.attachmentsDir, to: target.info.paths.attachmentsDir };
  if (source.info.schemaVersion !== target.info.schemaVersion) {
    throw new MigrateDataError('schemaVersion', `the two databases are at different schema versions (${source.info.schemaVersion} and ${target.info.schemaVersion})`);
  }
  const names = (await tableNames(source.db.dataSource.manager)).filter((n) => !OWN_TABLES.has(n));
  const targetCounts = await rowCounts(target.db.dataSource.manager, names);
  const nonEmpty = [...targetCounts].filter(([name, n]) => n > 0 && !SEEDED_BY_MIGRATIONS.includes(name)).map(([name]) => name);
  if (nonEmpty.length) throw new MigrateDataError('targetNotEmpty', `the target already holds data (${nonEmpty.join(', ')}): move a department only into a new, empty database`);

  const reader = source.db.dataSource.createQueryRunner();
  await reader.connect();
  const report: MigrateDataReport = { from: source.db.engine, to: target.db.engine, tables: [], totalRows: 0, auditRows: 0, files: { copied: 0, missing: [] } };
  try {
    // One consistent state of the source: a read transaction (REPEATABLE READ on PostgreSQL).
    await reader.startTransaction(source.db.engine === 'postgres' ? 'REPEATABLE READ' : undefined);
    const plans = plan(await readTables(reader, names));
    await target.db.dataSource.transaction(async (writer) => {
      await takeWriterTurn(writer);
      // What the migrations seeded (the default schedule, the built-in calendar) gives way to the
      // source's own rows, which started from the same seed and carry the department's changes.
      for (const name of SEEDED_BY_MIGRATIONS) if (names.includes(name)) await sqlFor(writer).run(`DELETE FROM ${quote(name)}`);
      const deferred: DeferredValue[] = [];
      for (const p of plans) {
        let rows = 0;
        for await (const page of rowsOf(reader.manager, p)) {
          await writePage(writer, p, page);
          deferred.push(...deferredValues(p, page));
          rows += page.length;
          onProgress?.({ table: p.table.name, rows });
        }
        report.tables.push({ name: p.table.name, rows });
        report.totalRows += rows;
      }
      await fillDeferred(writer, deferred);
      // Checked before the commit: a copy that does not verify leaves the target as it was.
      await verifyCopy(reader.manager, writer, target, names, report);
      report.files = await copyAttachmentFiles(writer, attachments.from, attachments.to);
    });
    await reader.commitTransaction();
  } catch (err) {
    if (reader.isTransactionActive) await reader.rollbackTransaction();
    throw err;
  } finally {
    await reader.release();
  }
  report.tables.sort((a, b) => a.name.localeCompare(b.name));
  // The copied head is the one to expect from now on (the target's checkpoint file says so).
  await target.services.auditChain.resync(target.db.dataSource.manager);
  return report;
}

/**
 * The files behind the attachment rows, into the target folder (content-addressed: a file already
 * there is the same file). Each is checked against its hash on the way; a file the source folder
 * lacks is reported, not invented.
 */
async function copyAttachmentFiles(targetTx: EntityManager, fromDir: string, toDir: string): Promise<{ copied: number; missing: string[] }> {
  const result = { copied: 0, missing: [] as string[] };
  if (path.resolve(fromDir) === path.resolve(toDir)) return result;
  const hashes = (await sqlFor(targetTx).all<{ sha256: string }>('SELECT DISTINCT sha256 AS "sha256" FROM attachments')).map((r) => r.sha256);
  for (const hash of hashes) {
    if (fs.existsSync(blobPath(toDir, hash))) continue;
    const from = blobPath(fromDir, hash);
    const bytes = fs.existsSync(from) ? fs.readFileSync(from) : null;
    if (!bytes || sha256(bytes) !== hash) {
      result.missing.push(hash);
      continue;
    }
    putBlob(toDir, bytes);
    result.copied++;
  }
  return result;
}

/** Every table's rows counted on both sides; the chain and the account seals verified on the target. */
async function verifyCopy(sourceTx: EntityManager, targetTx: EntityManager, target: Core, names: string[], report: MigrateDataReport): Promise<void> {
  const [from, to] = [await rowCounts(sourceTx, names), await rowCounts(targetTx, names)];
  const differing = names.filter((n) => from.get(n) !== to.get(n) || report.tables.find((t) => t.name === n)?.rows !== to.get(n));
  if (differing.length) {
    throw new MigrateDataError('countMismatch', `row counts differ after the copy in ${differing.map((n) => `${n} (${from.get(n)} → ${to.get(n)})`).join(', ')}`);
  }
  const chain = target.services.auditChain;
  const audit = await auditIntegrity(targetTx, chain);
  report.auditRows = audit.rows;
  if (audit.firstBrokenSeq !== null) {
    throw new MigrateDataError('auditChain', `the audit log does not verify on the target from row ${audit.firstBrokenSeq}: the data folder's install key is not the one the log was written with`);
  }
  const accounts = await checkAccounts(targetTx, chain.keys);
  if (!accounts.ok) throw new MigrateDataError('accounts', `account seals do not verify on the target (${[...accounts.tampered, ...accounts.removed].join(', ')})`);
}
