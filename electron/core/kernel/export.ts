import type { FileDownload } from '../../../shared/api/fields.js';
import type { Locale } from '../../../shared/domain/locale.js';
import type { Ctx } from './context.js';

/** One column of a list export: its key in the row, its header in both languages. */
export interface ExportColumn<R> {
  key: keyof R & string;
  zh: string;
  en: string;
  width?: number;
  /** Formats the cell; default is the raw value. `zh` says whether the export is in Chinese. */
  value?: (row: R, zh: boolean) => string | number | null;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Turns rows into an .xlsx download: the shared mechanism behind every list's export button.
 * The workbook is written on the job runner's worker thread.
 */
export async function exportRows<R>(
  ctx: Ctx,
  spec: { fileBase: string; sheetName: string; columns: ExportColumn<R>[]; rows: R[]; locale: Locale },
): Promise<FileDownload> {
  const zh = spec.locale === 'zh-CN';
  const rows = spec.rows.map((row) =>
    Object.fromEntries(
      spec.columns.map((c) => [c.key, c.value ? c.value(row, zh) : ((row[c.key] as string | number | null | undefined) ?? null)]),
    ),
  );
  ctx.progress(0, 1, 'writing');
  const bytes = await ctx.services.jobs.run('writeSheets', {
    sheets: [{ name: spec.sheetName, columns: spec.columns.map((c) => ({ header: zh ? c.zh : c.en, key: c.key, width: c.width ?? 16 })), rows }],
  });
  ctx.progress(1, 1, 'writing');
  const stamp = ctx.nowIso.slice(0, 10);
  return { fileName: `${spec.fileBase}-${stamp}.xlsx`, mimeType: XLSX_MIME, contentBase64: Buffer.from(bytes).toString('base64') };
}
