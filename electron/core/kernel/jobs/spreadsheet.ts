import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { SpreadsheetError, type SheetData } from './sheet-data.js';

/**
 * Spreadsheet reading and writing for imports and exports. Pure functions of bytes, so they can
 * run in a worker thread (see runner.ts) without touching the database.
 */

export async function readSheet(bytes: Uint8Array, fileName: string, onProgress?: (done: number, total: number) => void): Promise<SheetData> {
  const lower = fileName.toLowerCase();
  let table: string[][];
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) table = readCsv(bytes);
  else if (lower.endsWith('.xlsx')) table = await readXlsx(bytes, onProgress);
  else throw new SpreadsheetError('unsupported');
  const nonEmpty = table.filter((r) => r.some((c) => c !== ''));
  const [header, ...rows] = nonEmpty.length === table.length ? table : trimTrailingBlankRows(table);
  if (!header) return { headers: [], rows: [] };
  return { headers: header, rows: rows.map((r) => header.map((_, i) => r[i] ?? '')) };
}

function trimTrailingBlankRows(table: string[][]): string[][] {
  // Keep blank rows in the middle (their row numbers matter to the user), drop the tail and head.
  let end = table.length;
  while (end > 0 && table[end - 1]!.every((c) => c === '')) end--;
  let start = 0;
  while (start < end && table[start]!.every((c) => c === '')) start++;
  return table.slice(start, end);
}

/**
 * CSV from Chinese Excel is often GB18030 (GBK) rather than UTF-8: decode as UTF-8 when the bytes
 * are valid UTF-8 (with or without BOM), otherwise as GB18030.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function readCsv(bytes: Uint8Array): string[][] {
  const text = decodeText(bytes);
  try {
    const records = parseCsv(text, { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
    return records.map((r) => r.map((c) => c.trim()));
  } catch {
    throw new SpreadsheetError('unreadable');
  }
}

async function readXlsx(bytes: Uint8Array, onProgress?: (done: number, total: number) => void): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new SpreadsheetError('unreadable');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const out: string[][] = [];
  const total = sheet.rowCount;
  for (let r = 1; r <= total; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let col = 1; col <= Math.max(row.cellCount, 1); col++) cells.push(cellText(row.getCell(col).value));
    out.push(cells);
    if (onProgress && r % 500 === 0) onProgress(r, total);
  }
  return out;
}

/** Turns any exceljs cell value into the text a user would see, dates as YYYY-MM-DD. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((t) => t.text).join('').trim();
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('error' in value) return '';
  }
  return String(value as unknown).trim();
}

export interface SheetSpec {
  name: string;
  /** numFmt: how Excel shows the column's dates ('yyyy-mm-dd'); the cells hold Dates. */
  columns: { header: string; key: string; width?: number; numFmt?: string }[];
  rows: Record<string, string | number | Date | null>[];
}

/**
 * Writes the workbook with exceljs's streaming writer: each row is serialised as it is added and
 * dropped, so a list export of 100,000 rows no longer needs the ~1 GB the in-memory workbook
 * model took. Strings still go to a shared-string table (only the text, kept until the end): that
 * is how Excel writes them, where exceljs's inline alternative (t="str") is meant for formulas.
 */
export async function writeSheets(sheets: SheetSpec[]): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  workbook.creator = 'OpsDesk';
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = spec.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16 }));
    sheet.getRow(1).font = { bold: true };
    if (spec.columns.length > 0) {
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
    }
    const dated = spec.columns.flatMap((c, i) => (c.numFmt ? [{ column: i + 1, numFmt: c.numFmt }] : []));
    for (const values of spec.rows) {
      const row = sheet.addRow(values);
      // Not the column's style: that would also give the header cell a date format.
      for (const { column, numFmt } of dated) row.getCell(column).numFmt = numFmt;
      row.commit();
    }
    sheet.commit();
  }
  await workbook.commit();
  return new Uint8Array(Buffer.concat(chunks));
}
