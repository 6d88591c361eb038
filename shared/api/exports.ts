import { z } from 'zod';
import { query } from './define.js';
import type { FileDownload } from './fields.js';
import { LOCALES } from '../domain/locale.js';

/**
 * The list methods whose rows the app shows in a table and lets the user export. Each has column
 * definitions registered by its module (ModuleDefinition.exports); the core refuses to start when
 * one is missing. A module adding a list the UI shows adds its name here.
 */
export const EXPORTABLE_LISTS = [
  'org.employees.list',
  'org.groups.list',
  'org.positions.list',
  'org.deputies.list',
  'users.list',
  'audit.list',
  'reminders.mine',
  'notifications.list',
  'approvals.mine',
] as const;
export type ExportableList = (typeof EXPORTABLE_LISTS)[number];

/** Rows a list export holds at most: beyond that the user is asked to narrow the filters. */
export const LIST_EXPORT_MAX_ROWS = 100_000;

export const exportsContract = {
  /**
   * Any exportable list as .xlsx, with the filters the page shows (`input` is the list method's
   * own input, validated against its schema). The list's own permission decides, as if the list
   * were called; paging parameters are ignored (every row matching the filters is exported).
   */
  'exports.list': query<FileDownload>()({
    input: z
      .object({
        list: z.enum(EXPORTABLE_LISTS, { message: 'validation.invalidValue' }),
        input: z.record(z.string(), z.unknown()).default({}),
        /** Language of headers and values; default: the user's language. */
        locale: z.enum(LOCALES).optional(),
      })
      .strict(),
    permission: 'session',
  }),
};
