import fs from 'node:fs';
import { CliError } from './errors.js';
import type { ApiError } from '../../shared/domain/errors.js';
import type { CoreEvent } from '../../shared/api/events.js';

/**
 * Everything the CLI prints goes through here: results on stdout (so they can be piped),
 * messages and progress on stderr.
 */
export function print(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export function warn(text: string): void {
  process.stderr.write(`${text}\n`);
}

export function printJson(value: unknown): void {
  print(JSON.stringify(value, null, 2));
}

/**
 * English wording for the message keys the CLI's own commands meet. The core returns i18n keys
 * (the renderer translates them); a terminal user should not have to decode those.
 */
const MESSAGES: Record<string, string> = {
  'error.alreadyInitialized': 'this data folder is already set up (an account exists)',
  'error.demoNeedsEmptyDepartment': 'the department already has employees; demo data only goes into an empty department',
  'error.invalidCredentials': 'wrong username or password',
  'error.tooManyAttempts': 'too many failed sign-ins for this user: try again in {retryAfterSeconds} s (or clear them: opsdesk users unlock USERNAME)',
  'error.unknownUser': 'no account with this username',
  'error.notFound': 'not found',
  'error.accountDisabled': 'the account is disabled',
  'error.mustChangePassword': 'the user must change their password first (sign in to the app once)',
  'error.forbidden': 'this user is not allowed to do that',
  'error.unauthenticated': 'not signed in',
  'error.validation': 'the input is not valid',
  'error.importFileInvalid': 'the file cannot be imported',
  'error.importNothingValid': 'no row of the file is valid; nothing was imported',
  'error.internal': 'internal error (see the message above)',
  'error.diskFull': 'the disk is full',
  'error.readOnly': 'the data folder is read-only',
  'validation.required': 'required',
  'validation.tooLong': 'too long',
  'validation.tooShort': 'too short',
  'validation.invalidUsername': 'letters, digits, dot, underscore and hyphen only',
  'validation.passwordTooShort': 'at least 8 characters',
  'validation.passwordCommon': 'too common: one of the first passwords an attacker tries',
  'validation.passwordPersonal': 'based on the name, username or department: easy to guess for anyone who knows them',
  'validation.passwordRepeated': 'repeated characters are easy to guess',
  'validation.passwordSequence': 'a sequence such as abcd or 1234 is easy to guess',
  'validation.passwordKeyboard': 'a row or pattern of keys is easy to guess',
  'validation.passwordDate': 'dates and years are easy to guess',
  'validation.passwordWeak': 'too easy to guess: make it longer, e.g. several words with a digit or symbol',
  'validation.invalidCharacters': 'contains control characters or invalid characters',
  'validation.invisibleOnly': 'only blank or invisible characters',
  'validation.invalidValue': 'not a valid value',
};

/** The English text of a message key, its `{name}` placeholders filled from `params`. */
export function messageFor(key: string, params: Record<string, string | number> = {}): string {
  return (MESSAGES[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * One line for the error, then one indented line per invalid field. `fieldNames` maps input
 * fields to the command-line options the user typed (adminPassword -> --admin-password).
 */
export function describeApiError(error: ApiError, fieldNames: Record<string, string> = {}): string {
  const lines = [`${error.code}: ${messageFor(error.message, error.params)}`];
  for (const [field, key] of Object.entries(error.fields ?? {})) lines.push(`  ${fieldNames[field] ?? field}: ${messageFor(key)}`);
  return lines.join('\n');
}

/** Terminal columns a string takes: CJK ideographs and full-width forms take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}

/** Rows as aligned columns (Chinese names included), two spaces apart. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - displayWidth(cell)))).join('  ').trimEnd())
    .join('\n');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * Progress of a long call on stderr, one line rewritten in place. Only on a terminal: in a pipe
 * or a log file the carriage returns would be noise. Returns the callId to pass to core.call and
 * a function that clears the line.
 */
export function progressOnTty(on: (listener: (event: CoreEvent) => void) => () => void, callId: string): { callId: string | null; done(): void } {
  if (!process.stderr.isTTY) return { callId: null, done: () => {} };
  let shown = false;
  const off = on((event) => {
    if (event.type !== 'progress' || event.callId !== callId) return;
    const percent = event.total > 0 ? Math.floor((event.done / event.total) * 100) : 0;
    process.stderr.write(`\r${event.phase} ${event.done}/${event.total} (${percent}%)\u001b[K`);
    shown = true;
  });
  return {
    callId,
    done() {
      off();
      if (shown) process.stderr.write('\r\u001b[K');
    },
  };
}

/** Writes beside the target and renames: an interrupted write never leaves half a workbook under the final name. */
export function writeAtomically(file: string, bytes: Buffer): void {
  const temp = `${file}.${process.pid}.part`;
  try {
    fs.writeFileSync(temp, bytes);
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw new CliError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}
