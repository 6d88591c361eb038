import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../index.js';
import { createExclusive, UnsafeTempFileError } from '../kernel/file-store.js';
import { describeTables, quoteIdent, type TableInfo } from './export-all-schema.js';

/**
 * The full export: every table of the database as OUTDIR/<table>.csv, plus OUTDIR/README.md
 * describing the tables and columns. For a manager or IT taking the department's data to other
 * tools (Excel, a BI tool, another database). The .xlsx list exports are the friendly view; this
 * is the faithful one: stored values as they are, one file per table.
 */

export interface ExportAllOptions {
  /** Write into a folder that already has files (files of the same name are replaced). */
  force?: boolean;
  /** Called every PROGRESS_EVERY rows and when a table is done. */
  onProgress?: (p: { table: string; rows: number; tableIndex: number; tableCount: number }) => void;
}

export interface ExportAllReport {
  outDir: string;
  exportedAt: string;
  appVersion: string;
  schemaVersion: number;
  tables: { name: string; file: string; rows: number; columns: number; omittedColumns: string[] }[];
  totalRows: number;
  readme: string;
}

/** A refusal the caller shows as is (the CLI exits 1 with this message). */
export class ExportAllError extends Error {
  constructor(
    readonly reason: 'notEmpty' | 'notADirectory' | 'unsafePath' | 'onServer',
    message: string,
  ) {
    super(message);
    this.name = 'ExportAllError';
  }
}

const BOM = '\uFEFF';
/** Rows are written in chunks of about this many characters: memory stays flat for any table size. */
const CHUNK_CHARS = 1 << 20;
const PROGRESS_EVERY = 10_000;

/**
 * Text that a spreadsheet would run as a formula (OWASP "CSV injection": a cell starting with
 * =, +, -, @, a tab or a carriage return), also after apostrophes already in front of it.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * A text value that a spreadsheet would take for a formula gets one apostrophe in front: Excel
 * and LibreOffice then show it as text instead of running `=HYPERLINK(...)` from a name. The
 * README says so, and how to undo it (remove one leading apostrophe from a value that matches
 * FORMULA_START). Numbers stay numbers: -5 is not a formula.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled. NULL
 * is an empty field and empty text is "" so the two stay apart (as PostgreSQL's COPY reads them).
 * A BLOB is written as base64. Text is neutralised against formulas first (neutraliseFormula).
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  const text = neutraliseFormula(Buffer.isBuffer(value) ? value.toString('base64') : String(value));
  if (text === '') return '""';
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function prepareOutDir(outDir: string, force: boolean): void {
  if (fs.existsSync(outDir)) {
    if (!fs.statSync(outDir).isDirectory()) throw new ExportAllError('notADirectory', `${outDir} exists and is not a folder`);
    if (!force && fs.readdirSync(outDir).length > 0) {
      throw new ExportAllError('notEmpty', `${outDir} is not empty; choose an empty or new folder (or --force to write into it)`);
    }
  }
  fs.mkdirSync(outDir, { recursive: true });
}

/** Table names come from the schema, but a file name must never leave OUTDIR whatever they hold. */
const fileNameFor = (table: string) => `${table.replace(/[^A-Za-z0-9_-]/g, '_')}.csv`;

/**
 * Streams one table into its CSV: better-sqlite3's iterate() yields a row at a time and rows go
 * to disk in ~1 MB chunks, so a table of millions of rows never sits in memory. Written under a
 * temporary name and renamed, so a file with the final name is always complete.
 */
function writeTable(raw: Core['db']['raw'], table: TableInfo, file: string, progress: (rows: number) => void): number {
  const order = orderOf(raw, table);
  const columns = table.columns.filter((c) => c.exported);
  const temp = `${file}.part`;
  const fd = openTemp(temp);
  let rows = 0;
  try {
    let chunk = BOM + columns.map((c) => csvField(c.name)).join(',') + '\r\n';
    if (columns.length > 0) {
      const statement = raw.prepare(`SELECT ${columns.map((c) => quoteIdent(c.name)).join(', ')} FROM ${quoteIdent(table.name)}${order}`).raw(true);
      for (const row of statement.iterate() as Iterable<unknown[]>) {
        chunk += row.map(csvField).join(',') + '\r\n';
        rows++;
        if (chunk.length >= CHUNK_CHARS) {
          fs.writeSync(fd, chunk);
          chunk = '';
        }
        if (rows % PROGRESS_EVERY === 0) progress(rows);
      }
    }
    fs.writeSync(fd, chunk);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  fs.renameSync(temp, file);
  return rows;
}

/** The `.part` file: created exclusively, so a link planted at that name is refused, never followed. */
function openTemp(temp: string): number {
  try {
    return createExclusive(temp);
  } catch (err) {
    if (err instanceof UnsafeTempFileError) throw new ExportAllError('unsafePath', `${temp} exists and is not a regular file (a link?); it was left alone`);
    throw err;
  }
}

/** Storage order (rowid); a WITHOUT ROWID table has none, and its primary key orders it instead. */
function orderOf(raw: Core['db']['raw'], table: TableInfo): string {
  try {
    raw.prepare(`SELECT rowid FROM ${quoteIdent(table.name)} LIMIT 0`);
    return ' ORDER BY rowid';
  } catch {
    const keys = table.columns.filter((c) => c.primaryKey).map((c) => quoteIdent(c.name));
    return keys.length ? ` ORDER BY ${keys.join(', ')}` : '';
  }
}

/**
 * Exports every table through one read transaction (core.runInternal: queued behind any call in
 * progress, so the files are one consistent state of the data, and no call can write until the
 * export ends). Maintenance code: it reads through the raw better-sqlite3 handle, as doctor and
 * backup do. The writes are synchronous: simple, and fine for the CLI; a UI entry point would run
 * this when the app is idle.
 */
export async function exportAll(core: Core, outDir: string, options: ExportAllOptions = {}): Promise<ExportAllReport> {
  if (core.db.engine !== 'sqlite') {
    throw new ExportAllError('onServer', 'The data is on a PostgreSQL server: export it there with pg_dump (for example `pg_dump --format=plain`), or copy it to a desktop data file first.');
  }
  const target = path.resolve(outDir);
  prepareOutDir(target, options.force ?? false);
  const { appVersion, schemaVersion } = core.info;
  return core.runInternal('maintenance.exportAll', null, async (ctx) => {
    const { raw, dataSource } = core.db;
    const tables = describeTables(raw, dataSource);
    const report: ExportAllReport = { outDir: target, exportedAt: ctx.nowIso, appVersion, schemaVersion, tables: [], totalRows: 0, readme: path.join(target, 'README.md') };
    tables.forEach((table, tableIndex) => {
      const file = path.join(target, fileNameFor(table.name));
      const progress = (rows: number) => options.onProgress?.({ table: table.name, rows, tableIndex, tableCount: tables.length });
      const rows = writeTable(raw, table, file, progress);
      progress(rows);
      report.tables.push({
        name: table.name,
        file: path.basename(file),
        rows,
        columns: table.columns.filter((c) => c.exported).length,
        omittedColumns: table.columns.filter((c) => !c.exported).map((c) => c.name),
      });
      report.totalRows += rows;
    });
    fs.writeFileSync(report.readme, readmeText(report, tables, core.info.paths.dataDir));
    return report;
  });
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** README.md: the conventions, then each table with its columns. */
function readmeText(report: ExportAllReport, tables: TableInfo[], dataDir: string): string {
  const rowsOf = new Map(report.tables.map((t) => [t.name, t]));
  const omitted = tables.flatMap((t) => t.columns.filter((c) => !c.exported).map((c) => `${t.name}.${c.name}`));
  const lines = [
    '# OpsDesk data export (运营部管理系统 数据导出)',
    '',
    `Exported ${report.exportedAt} (UTC) from \`${dataDir}\` by OpsDesk ${report.appVersion}, schema version ${report.schemaVersion}.`,
    `${report.tables.length} tables, ${report.totalRows} rows, read in one transaction: the files show one consistent moment.`,
    '',
    '## Files',
    '',
    '- One `<table>.csv` per table; first row = column names.',
    '- UTF-8 with a byte-order mark (Excel then reads Chinese correctly), comma-separated, RFC 4180 quoting',
    '  (fields with commas, quotes or line breaks are in double quotes, quotes doubled), CRLF line ends.',
    '- An empty field is NULL; `""` is empty text.',
    '- Rows are in the order they were stored. BLOB values (if any) are base64.',
    '- Cells are data, never formulas. A text value that begins with `=`, `+`, `-`, `@`, a tab or a carriage',
    '  return (or with apostrophes followed by one of these) is written with one more apostrophe (`\'`) in',
    '  front, so that Excel or LibreOffice show it as text instead of running it as a formula (OWASP',
    '  "CSV injection"): a name such as `=HYPERLINK("http://x","y")` arrives as `\'=HYPERLINK("http://x","y")`.',
    '  To get the stored value back, remove one leading apostrophe from every value that matches',
    '  the regular expression `^\'+[-=+@\\t\\r]`. Numbers are written as numbers (`-5` stays `-5`).',
    '- To keep text such as `0012` or `13800138000` as text in Excel, import the file (Data > From Text/CSV)',
    '  rather than double-clicking it.',
    '',
    '## Conventions',
    '',
    '- Ids: UUIDv7 text (time-ordered); a column `x_id` holds the id of a row in another table.',
    '- Instants: ISO-8601 UTC text, e.g. `2026-03-02T01:00:00.000Z` (add 8 hours for Beijing time).',
    '- Calendar dates: `YYYY-MM-DD` text.',
    '- Money: integer fen (1 yuan = 100 fen).',
    '- Booleans: integers 0 (no) and 1 (yes).',
    '- Enumerations (status, role, gender...) are stored as English words (`active`, `left`, `admin`...).',
    '- Records are archived, not deleted: `archived_at` set means archived.',
    '- Attached files are not in this export (attachments.csv lists them); a backup holds them.',
    `- Secrets stay in the database: ${omitted.length ? omitted.map((c) => `\`${c}\``).join(', ') : 'none'} ${omitted.length === 1 ? 'is' : 'are'} listed below but not exported.`,
    '',
    '## Tables',
    '',
    '| table | rows | description |',
    '| --- | ---: | --- |',
    ...tables.map((t) => `| [${t.name}](#${t.name}) | ${rowsOf.get(t.name)?.rows ?? 0} | ${cell(t.description)} |`),
  ];
  for (const t of tables) {
    lines.push('', `### ${t.name}`, '', `File \`${rowsOf.get(t.name)?.file ?? ''}\`, ${rowsOf.get(t.name)?.rows ?? 0} rows.${t.description ? ` ${cell(t.description)}.` : ''}`, '');
    lines.push('| column | SQL type | nullable | description |', '| --- | --- | --- | --- |');
    for (const c of t.columns) {
      lines.push(`| ${c.name}${c.primaryKey ? ' (PK)' : ''} | ${cell(c.sqlType)} | ${c.nullable ? 'yes' : 'no'} | ${cell(c.description)} |`);
    }
  }
  return lines.join('\n') + '\n';
}
