import type { FileDownload, Page } from '../../../shared/api/fields.js';
import { EXPORTABLE_LISTS, LIST_EXPORT_MAX_ROWS, type ExportableList } from '../../../shared/api/exports.js';
import { contract, type ParsedInputOf } from '../../../shared/api/index.js';
import { requireActor, type Ctx } from './context.js';
import { authorise } from './dispatcher.js';
import { AppError, invalidState } from './errors.js';
import { writeXlsx, type Cell, type SheetFormat } from './export.js';
import type { ModuleHooks } from './module.js';
import type { Handler } from './registry.js';
import { issuesToFields } from './validation.js';

/** Rows fetched per call of a paged list: the largest page size the lists accept. */
export const EXPORT_PAGE_SIZE = 200;

/**
 * 'exports.list': any list the app shows, as .xlsx, with the page's filters. The list's own
 * input schema and permission apply exactly as if the list had been called (validate, then
 * authorise, as the dispatcher does), and its own handler runs with this call's ctx, so an
 * export never shows a row the list would not.
 *
 * Paged lists are read 200 rows at a time. The dispatcher runs one call at a time, so no write
 * lands between two pages and the export is one consistent state of the data.
 */
export async function exportList(ctx: Ctx, input: ParsedInputOf<'exports.list'>): Promise<FileDownload> {
  const actor = requireActor(ctx);
  const list = input.list;
  const spec = contract[list];
  const parsed = await spec.input.safeParseAsync(input.input);
  if (!parsed.success) throw new AppError('VALIDATION', 'error.validation', prefixed('input', issuesToFields(parsed.error.issues)));
  authorise(list, spec.permission, actor);

  // The registry and hooks come through the services: importing the module list here would be
  // an import cycle (this handler is itself one of the modules' handlers).
  const format = ctx.services.hooks.listExports[list] as SheetFormat<unknown> | undefined;
  const handler = ctx.services.registry.get(list);
  if (!format || !handler) throw new Error(`No export or handler registered for ${list}`);
  if (format.permission) authorise(list, format.permission, actor);
  const locale = input.locale ?? actor.locale;
  const toCells = await format.formatter(ctx, locale === 'zh-CN');
  const cells: Record<string, Cell>[] = [];
  await collectRows(ctx, list, handler, parsed.data, (rows) => {
    for (const row of rows) cells.push(toCells(row));
  });
  return writeXlsx(ctx, format, cells, locale);
}

function prefixed(prefix: string, fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([field, key]) => [`${prefix}.${field}`, key]));
}

/** A paged list's parsed input always has page and pageSize (listParams gives them defaults). */
function isPagedInput(input: unknown): input is { page: number; pageSize: number } {
  return typeof input === 'object' && input !== null && 'page' in input && 'pageSize' in input;
}

/** Runs the list, a page at a time for a paged one, handing each page's rows to `take`. */
async function collectRows(ctx: Ctx, list: ExportableList, handler: Handler<ExportableList>, input: unknown, take: (rows: unknown[]) => void): Promise<void> {
  ctx.progress(0, 1, 'querying');
  if (!isPagedInput(input)) {
    const out: unknown = await handler(ctx, input as never);
    if (!Array.isArray(out)) throw new Error(`${list} returned neither a page nor an array`);
    if (out.length > LIST_EXPORT_MAX_ROWS) throw invalidState('error.exportTooLarge');
    take(out);
    ctx.progress(out.length, out.length, 'querying');
    return;
  }
  let done = 0;
  for (let page = 1; ; page++) {
    const out = (await handler(ctx, { ...input, page, pageSize: EXPORT_PAGE_SIZE } as never)) as Page<unknown>;
    // Refused up front rather than cut short: a silently truncated export looks complete.
    if (out.total > LIST_EXPORT_MAX_ROWS) throw invalidState('error.exportTooLarge');
    take(out.rows);
    done += out.rows.length;
    ctx.progress(done, out.total, 'querying');
    if (out.rows.length < EXPORT_PAGE_SIZE || done >= out.total) return;
  }
}

/**
 * Every exportable list must have its columns registered, as every contract method must have a
 * handler: checked when the core starts, not when a user clicks Export.
 */
export function assertListExports(hooks: ModuleHooks): void {
  const missing = EXPORTABLE_LISTS.filter((list) => !hooks.listExports[list]);
  if (missing.length > 0) throw new Error(`Exportable lists without export columns: ${missing.join(', ')}`);
}
