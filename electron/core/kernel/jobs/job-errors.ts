import { BackupError, type BackupProblem } from '../../modules/backup/errors.js';
import { SpreadsheetError } from './sheet-data.js';

/**
 * Errors cross the worker boundary as plain data (structured clone drops classes): the kinds the
 * callers act on keep their reason; anything else becomes a plain Error with its message.
 */
export type JobErrorData =
  | { kind: 'spreadsheet'; reason: 'unreadable' | 'unsupported' }
  | { kind: 'backup'; reason: BackupProblem; message: string }
  | { kind: 'other'; message: string };

export function toJobError(err: unknown): JobErrorData {
  if (err instanceof SpreadsheetError) return { kind: 'spreadsheet', reason: err.reason };
  if (err instanceof BackupError) return { kind: 'backup', reason: err.problem, message: err.message };
  return { kind: 'other', message: err instanceof Error ? err.message : String(err) };
}

export function fromJobError(data: JobErrorData): Error {
  if (data.kind === 'spreadsheet') return new SpreadsheetError(data.reason);
  if (data.kind === 'backup') {
    const err = new BackupError(data.reason);
    err.message = data.message;
    return err;
  }
  return new Error(data.message);
}
