/**
 * What a spreadsheet read gives and how it fails, apart from spreadsheet.ts so the code that
 * handles the results (imports, job errors) does not load exceljs on the main thread.
 */

export interface SheetData {
  /** Header cells of the first row, trimmed. */
  headers: string[];
  /** Data rows as trimmed strings ('' for blank cells), aligned with `headers`. */
  rows: string[][];
}

export class SpreadsheetError extends Error {
  constructor(readonly reason: 'unreadable' | 'unsupported') {
    super(reason);
  }
}
