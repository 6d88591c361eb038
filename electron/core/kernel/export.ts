import type { FileDownload, Page } from '../../../shared/api/fields.js';
import type { ExportableList } from '../../../shared/api/exports.js';
import type { MethodName, OutputOf } from '../../../shared/api/index.js';
import type { Locale } from '../../../shared/domain/locale.js';
import type { TablePermission } from '../../../shared/domain/permissions.js';
import type { Ctx } from './context.js';
import type { Bilingual } from './words.js';

/** A cell: text, a number, or a date Excel stores as a date (its UTC fields are what the cell shows). */
export type Cell = string | number | Date | null;

/**
 * Columns holding dates are written as real Excel dates, so a spreadsheet can sort, filter and
 * compute with them: 'date' for a calendar date (YYYY-MM-DD), 'dateTime' for a stored UTC instant,
 * shown in the computer's time zone to the minute as the pages show it.
 */
export type DateFormat = 'date' | 'dateTime';

export const EXCEL_DATE_FORMATS: Record<DateFormat, string> = { date: 'yyyy-mm-dd', dateTime: 'yyyy-mm-dd hh:mm' };

/**
 * One column of a list export: its key in the row, its header in both languages. `X` is what the
 * export's `lookup` loads once (e.g. group names for rows that hold group ids).
 */
export interface ExportColumn<R, X = undefined> {
  key: keyof R & string;
  zh: string;
  en: string;
  width?: number;
  /** The value is a date (YYYY-MM-DD) or an instant (ISO UTC): written as an Excel date. */
  format?: DateFormat;
  /** Formats the cell; default is the raw value. `zh` says whether the export is in Chinese. */
  value?: (row: R, zh: boolean, lookup: X) => Cell;
}

/** How a module's list becomes a sheet: file and sheet names, columns, and what they need loaded. */
export interface ListExport<R, X = undefined> {
  fileBase: Bilingual;
  sheetName: Bilingual;
  columns: ExportColumn<R, X>[];
  /** Loads, once per export, what the formatters need besides the row. */
  lookup?: (ctx: Ctx) => Promise<X>;
  /**
   * What exporting needs besides the list's own permission: a file of the whole list is more
   * than a page on screen (the employee list's file needs org.contacts).
   */
  permission?: TablePermission;
}

/**
 * A ListExport with its lookup type sealed inside `formatter`, so definitions with different
 * lookups can sit in one map (ModuleDefinition.exports) without losing their types.
 */
export interface SheetFormat<R> {
  fileBase: Bilingual;
  sheetName: Bilingual;
  columns: { key: string; zh: string; en: string; width?: number; format?: DateFormat }[];
  permission?: TablePermission;
  /** The row -> cells function for one export, after the lookup has run. */
  formatter(ctx: Ctx, zh: boolean): Promise<(row: R) => Record<string, Cell>>;
}

/** Excel refuses a workbook with a longer cell: it reports the whole file as damaged. */
const EXCEL_MAX_CELL = 32_767;

function clampCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || value instanceof Date) return value;
  const text = typeof value === 'string' ? value : typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return text.length > EXCEL_MAX_CELL ? `${text.slice(0, EXCEL_MAX_CELL - 1)}…` : text;
}

/**
 * A date or instant as the Date exceljs writes: Excel dates have no time zone, so the Date's UTC
 * fields carry the calendar date, or the instant's local wall-clock time in the computer's zone.
 * Anything else (a value that is not a date) stays as it is.
 */
export function excelDate(value: Cell, format: DateFormat): Cell {
  if (typeof value !== 'string') return value;
  if (format === 'date') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : value;
  }
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  return new Date(Date.UTC(at.getFullYear(), at.getMonth(), at.getDate(), at.getHours(), at.getMinutes()));
}

/** A sheet's names and columns, without its row formatter. */
export type SheetLayout = Omit<SheetFormat<unknown>, 'formatter'>;

export function sheetFormat<R, X = undefined>(spec: ListExport<R, X>): SheetFormat<R> {
  return {
    fileBase: spec.fileBase,
    sheetName: spec.sheetName,
    columns: spec.columns.map(({ key, zh, en, width, format }) => ({ key, zh, en, ...(width ? { width } : {}), ...(format ? { format } : {}) })),
    ...(spec.permission ? { permission: spec.permission } : {}),
    async formatter(ctx, zh) {
      const lookup = (spec.lookup ? await spec.lookup(ctx) : undefined) as X;
      return (row) =>
        Object.fromEntries(
          spec.columns.map((c) => {
            const cell = clampCell(c.value ? c.value(row, zh, lookup) : row[c.key]);
            return [c.key, c.format ? excelDate(cell, c.format) : cell];
          }),
        );
    },
  };
}

/** The row type of a list method, whether it returns a Page<T> or an array. */
export type ListRow<M extends MethodName> = OutputOf<M> extends Page<infer T> ? T : OutputOf<M> extends readonly (infer T)[] ? T : never;

/** What modules register for their lists: one sheet format per exportable list method. */
export type ListExports = { [M in ExportableList]?: SheetFormat<ListRow<M>> };

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Turns rows into an .xlsx download: the shared mechanism behind every list's export button.
 * The workbook is written on the job runner's worker thread.
 */
export async function exportRows<R>(ctx: Ctx, format: SheetFormat<R>, rows: readonly R[], locale: Locale): Promise<FileDownload> {
  const toCells = await format.formatter(ctx, locale === 'zh-CN');
  return writeXlsx(ctx, format, rows.map(toCells), locale);
}

/** Cells already formatted (a long list formats page by page, so raw rows need not all be held). */
export async function writeXlsx(ctx: Ctx, format: SheetLayout, cells: Record<string, Cell>[], locale: Locale): Promise<FileDownload> {
  const zh = locale === 'zh-CN';
  ctx.progress(0, 1, 'writing');
  const sheets = [
    {
      name: zh ? format.sheetName.zh : format.sheetName.en,
      columns: format.columns.map((c) => ({
        header: zh ? c.zh : c.en,
        key: c.key,
        width: c.width ?? 16,
        ...(c.format ? { numFmt: EXCEL_DATE_FORMATS[c.format] } : {}),
      })),
      rows: cells,
    },
  ];
  const bytes = await ctx.offConnection(() => ctx.services.jobs.run('writeSheets', { sheets }));
  ctx.progress(1, 1, 'writing');
  const stamp = ctx.nowIso.slice(0, 10);
  const fileBase = zh ? format.fileBase.zh : format.fileBase.en;
  return { fileName: `${fileBase}-${stamp}.xlsx`, mimeType: XLSX_MIME, contentBase64: Buffer.from(bytes).toString('base64') };
}
