import { PassThrough, Readable } from 'node:stream';
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

/**
 * Turns any exceljs cell value into the text a user would see, dates as YYYY-MM-DD. With
 * `dateTimes` (readers of instants, such as the punch import) a date cell keeps its time of day:
 * see dateCellText.
 */
export function cellText(value: ExcelJS.CellValue, dateTimes?: { numFmt: string | undefined }): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateTimes ? dateCellText(value, dateTimes.numFmt) : value.toISOString().slice(0, 10);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((t) => t.text).join('').trim();
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue, dateTimes);
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('error' in value) return '';
  }
  return String(value as unknown).trim();
}

/** Excel's day 0: a time-only cell (08:58) is a Date on it, as exceljs reads it. */
const EXCEL_EPOCH_DATE = '1899-12-30';

/**
 * A date cell as 'YYYY-MM-DD HH:MM:SS', 'YYYY-MM-DD' or 'HH:MM:SS'. Excel dates have no time
 * zone: exceljs gives a Date whose UTC fields are the wall time shown. The serial number is a
 * float, so the time is rounded to the second (08:58:12 may arrive as 08:58:11.9999). A part is
 * kept when the cell's format shows it or the value has it: a time-only cell is a Date on Excel's
 * day 0, and a time hidden by a date-only format is still the punch's time.
 */
export function dateCellText(value: Date, numFmt: string | undefined): string {
  const rounded = new Date(Math.round(value.getTime() / 1000) * 1000).toISOString();
  const date = rounded.slice(0, 10);
  const time = rounded.slice(11, 19);
  // Format codes: y/d are date parts, h/s time parts (m is month or minute: it decides nothing).
  // Quoted text, escaped characters and [$-804]/[Red] blocks are no parts ([h] elapsed hours is).
  const format = (numFmt ?? '').replace(/"[^"]*"|\\.|\[(?![hms]+\])[^\]]*\]/gi, '').toLowerCase();
  const hasDate = date !== EXCEL_EPOCH_DATE || /[yd]/.test(format);
  const hasTime = time !== '00:00:00' || /[hs]/.test(format);
  if (!hasDate) return time;
  if (!hasTime) return date;
  return `${date} ${time}`;
}

export interface TableOptions {
  /** Date cells keep their time of day (dateCellText): for readers of instants. */
  dateTimes: boolean;
}

/**
 * Every row of a .csv, .txt, .tsv or .xlsx file's first sheet as trimmed cell texts, indexed by
 * row number - 1, blank rows included (as []): what a reader that finds its own header row and
 * reports rows by the numbers the user sees needs. .txt and .tsv are tab-separated (the text
 * exports of punch machines and Excel), a .csv whose first line has tabs and no commas too.
 * The .xlsx is read with exceljs's streaming reader: a 100,000-row file in about half the time and
 * a third of the memory of loading the whole workbook. Progress is in bytes of the file.
 */
export async function readTable(bytes: Uint8Array, fileName: string, options: TableOptions, onProgress?: (done: number, total: number) => void): Promise<string[][]> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return readXlsxRows(bytes, options, onProgress);
  if (!/\.(csv|txt|tsv)$/.test(lower)) throw new SpreadsheetError('unsupported');
  const text = decodeAnyText(bytes);
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const tabs = !lower.endsWith('.csv') || (firstLine.includes('\t') && !firstLine.includes(','));
  try {
    const records = parseCsv(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true, delimiter: tabs ? '\t' : ',' }) as string[][];
    return records.map((r) => (r.every((c) => c.trim() === '') ? [] : r.map((c) => c.trim())));
  } catch {
    throw new SpreadsheetError('unreadable');
  }
}

/** decodeText, plus the UTF-16 of Excel's "Unicode text" export (it starts with a byte-order mark). */
function decodeAnyText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return decodeText(bytes);
}

const FEED_CHUNK = 256 * 1024;

/**
 * Whether the bytes are a whole ZIP archive: the end record is there and every entry of the
 * central directory starts where it says. The streaming reader never settles on a file cut
 * short (it waits for the rest of an entry), so a truncated upload is refused before it starts.
 */
function isCompleteZip(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number) => (at + 4 <= bytes.length ? view.getUint32(at, true) : -1);
  const u16 = (at: number) => (at + 2 <= bytes.length ? view.getUint16(at, true) : -1);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (u32(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return false;
  const entries = u16(end + 10);
  const dirSize = u32(end + 12);
  const dirStart = u32(end + 16);
  if (dirStart === 0xffffffff) return true; // ZIP64: not a spreadsheet upload's size; let the reader judge
  if (dirStart + dirSize > end) return false;
  let at = dirStart;
  for (let i = 0; i < entries; i++) {
    if (u32(at) !== 0x02014b50) return false;
    const compressed = u32(at + 20);
    const local = u32(at + 42);
    if (local + 30 + compressed > dirStart || u32(local) !== 0x04034b50) return false;
    at += 46 + u16(at + 28) + u16(at + 30) + u16(at + 32);
  }
  return true;
}

async function readXlsxRows(bytes: Uint8Array, options: TableOptions, onProgress?: (done: number, total: number) => void): Promise<string[][]> {
  if (!isCompleteZip(bytes)) throw new SpreadsheetError('unreadable');
  let fed = 0;
  const total = bytes.length;
  // Fed in slices so the bytes the unzipper has taken tell how far the reading is.
  const source = Readable.from(
    (function* () {
      for (let at = 0; at < total; at += FEED_CHUNK) {
        fed = Math.min(total, at + FEED_CHUNK);
        yield Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(FEED_CHUNK, total - at));
      }
    })(),
  );
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  const out: string[][] = [];
  let sawSheet = false;
  try {
    for await (const sheet of reader) {
      sawSheet = true;
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          cells[col - 1] = cellText(cell.value, options.dateTimes ? { numFmt: cell.numFmt } : undefined);
        });
        for (let i = 0; i < cells.length; i++) cells[i] ??= '';
        while (out.length < row.number - 1) out.push([]);
        out.push(cells.every((c) => c === '') ? [] : cells);
        if (onProgress && row.number % 1000 === 0) onProgress(fed, total);
      }
      break; // the first sheet only
    }
  } catch {
    throw new SpreadsheetError('unreadable');
  }
  if (!sawSheet) throw new SpreadsheetError('unreadable');
  onProgress?.(total, total);
  return out;
}

export type SheetCell = string | number | Date | null;

export interface SheetSpec {
  name: string;
  /** numFmt: how Excel shows the column's dates ('yyyy-mm-dd'); the cells hold Dates. */
  columns: { header: string; key: string; width?: number; numFmt?: string }[];
  rows: Record<string, SheetCell>[];
  /**
   * A report's lines above the header row (title, department, month), each merged across the
   * columns. A sheet with them is laid out for printing: borders, landscape, one page wide, the
   * header repeated on each page, no filter buttons.
   */
  title?: { text: string; size?: number }[];
  /** Rows after the data, in bold (a report's totals). */
  footer?: Record<string, SheetCell>[];
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
    if (spec.title?.length) writeReportSheet(workbook, spec, spec.title);
    else writeListSheet(workbook, spec);
  }
  await workbook.commit();
  return new Uint8Array(Buffer.concat(chunks));
}

type StreamWorkbook = InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>;

function writeListSheet(workbook: StreamWorkbook, spec: SheetSpec): void {
  const sheet = workbook.addWorksheet(spec.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  if (spec.columns.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
  }
  const dated = spec.columns.flatMap((c, i) => (c.numFmt ? [{ column: i + 1, numFmt: c.numFmt }] : []));
  const add = (values: Record<string, SheetCell>, bold: boolean) => {
    const row = sheet.addRow(values);
    if (bold) row.font = { bold: true };
    // Not the column's style: that would also give the header cell a date format.
    for (const { column, numFmt } of dated) row.getCell(column).numFmt = numFmt;
    row.commit();
  };
  for (const values of spec.rows) add(values, false);
  for (const values of spec.footer ?? []) add(values, true);
  sheet.commit();
}

const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

/** A sheet an office prints: title lines, the header, the rows and the totals, in a bordered table. */
function writeReportSheet(workbook: StreamWorkbook, spec: SheetSpec, title: NonNullable<SheetSpec['title']>): void {
  const width = Math.max(spec.columns.length, 1);
  const headerRow = title.length + 1;
  const sheet = workbook.addWorksheet(spec.name.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: headerRow }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}` },
  });
  sheet.columns = spec.columns.map((c) => ({ key: c.key, width: c.width ?? 12 }));
  title.forEach((line, i) => {
    const row = sheet.addRow([line.text]);
    row.font = { bold: i === 0, size: line.size ?? (i === 0 ? 16 : 11) };
    row.alignment = { horizontal: i === 0 ? 'center' : 'left', vertical: 'middle' };
    if (i === 0) row.height = 28;
    sheet.mergeCells(i + 1, 1, i + 1, width);
    row.commit();
  });
  const cells = (row: ExcelJS.Row, bold: boolean) => {
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cell.border = THIN;
      if (bold) cell.font = { bold: true };
      const numFmt = spec.columns[c - 1]?.numFmt;
      if (numFmt && row.number > headerRow) cell.numFmt = numFmt;
    }
    row.commit();
  };
  const header = sheet.addRow(spec.columns.map((c) => c.header));
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  cells(header, true);
  for (const values of spec.rows) cells(sheet.addRow(values), false);
  for (const values of spec.footer ?? []) cells(sheet.addRow(values), true);
  sheet.commit();
}
