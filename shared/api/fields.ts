import { z } from 'zod';
import { passwordProblem, type PasswordContext } from '../domain/passwords.js';

/**
 * Reusable field schemas. Their messages are i18n keys (shared/api messages), shown by forms
 * next to the field; the core turns zod issues into `fields: { path: key }`.
 */
export const id = () => z.uuid({ message: 'validation.invalidId' });

/**
 * Characters that show nothing on their own: format characters (zero-width space, joiners, bidi
 * overrides and isolates), default-ignorable ones (Hangul fillers, variation selectors), white
 * space, combining marks without a base and the blank braille pattern. A name made only of these
 * looks empty (or reverses the text around it) in every list, so it is refused.
 */
const INVISIBLE = /^[\p{Cf}\p{Default_Ignorable_Code_Point}\p{White_Space}\p{M}\u2800]*$/u;

export function isInvisibleOnly(s: string): boolean {
  return INVISIBLE.test(s);
}

/**
 * Control characters other than tab and line breaks (NUL included), and lone UTF-16 surrogates:
 * the database would store those as U+FFFD, silently changing what was typed.
 */
export function hasInvalidCharacters(s: string): boolean {
  // [^\P{Cc}\t\n\r]: a control character other than tab, line feed and carriage return.
  return /\p{Cs}|[^\P{Cc}\t\n\r]/u.test(s);
}

/**
 * A text someone must fill in: names (employees, groups, accounts, the department), titles,
 * comments. One schema for all of them, so every name field refuses invisible-only values.
 */
export const requiredText = (max = 200) =>
  z
    .string({ message: 'validation.required' })
    .trim()
    .min(1, { message: 'validation.required' })
    .max(max, { message: 'validation.tooLong' })
    .refine((s) => !hasInvalidCharacters(s), { message: 'validation.invalidCharacters', abort: true })
    .refine((s) => !isInvisibleOnly(s), { message: 'validation.invisibleOnly' });

/** Optional free text (descriptions, notes): empty is fine, invisible-only is not. */
export const optionalText = (max = 2000) =>
  z
    .string({ message: 'validation.invalidValue' })
    .trim()
    .max(max, { message: 'validation.tooLong' })
    .refine((s) => !hasInvalidCharacters(s), { message: 'validation.invalidCharacters', abort: true })
    .refine((s) => s === '' || !isInvisibleOnly(s), { message: 'validation.invisibleOnly' })
    .optional();

/** A calendar date `YYYY-MM-DD` that exists (rejects 2025-02-29). */
export const isoDate = () =>
  z
    .string({ message: 'validation.required' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.invalidDate' })
    .refine(isRealDate, { message: 'validation.invalidDate' });

export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2200) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** ISO-8601 UTC instant, as the schema stores instants. */
export const isoInstant = () => z.iso.datetime({ message: 'validation.invalidDateTime' });

export const email = () =>
  z
    .string()
    .trim()
    .max(200, { message: 'validation.tooLong' })
    .pipe(z.email({ message: 'validation.invalidEmail' }));

/** Mainland mobile, landline with area code, or extension: digits, spaces, + - ( ). */
export const phone = () =>
  z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{3,30}$/, { message: 'validation.invalidPhone' });

/** Optional in forms: an empty string means "not given". */
export const blankToUndefined = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

export const username = () =>
  z
    .string({ message: 'validation.required' })
    .trim()
    .min(2, { message: 'validation.tooShort' })
    .max(40, { message: 'validation.tooLong' })
    .regex(/^[A-Za-z0-9._-]+$/, { message: 'validation.invalidUsername' });

/**
 * A new password (accounts, encrypted backups): the strength rule of shared/domain/passwords.ts,
 * with its reason as the field's message. Forms that know whose password it is add that context
 * with `passwordInContext` (a password built on the person's name scores low).
 */
export const newPassword = () =>
  z
    .string({ message: 'validation.required' })
    .max(200, { message: 'validation.tooLong' })
    // Async: the estimate loads zxcvbn on first use (shared/domain/passwords.ts), so the core
    // parses inputs with safeParseAsync.
    .superRefine(async (p, ctx) => {
      const problem = await passwordProblem(p);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/**
 * An object-level check of the password field `field` against the names in the same input
 * (username, display name, department). Zod runs it even when other fields failed, so every
 * problem of a form comes back at once; the input may then hold values of any type, hence
 * `unknown`. Adds nothing when the field already has its own problem.
 */
export function passwordInContext(field: string, context: (input: Record<string, unknown>) => PasswordContext) {
  return async (input: Record<string, unknown>, ctx: z.core.$RefinementCtx) => {
    const password = input[field];
    if (typeof password !== 'string' || (await passwordProblem(password)) !== null) return;
    const problem = await passwordProblem(password, context(input));
    if (problem) ctx.addIssue({ code: 'custom', path: [field], message: problem });
  };
}

/** A value of an input that may have failed validation, as text when it is text. */
export const textOf = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Paging, sorting and search shared by every server-side list. */
export const listParams = <S extends [string, ...string[]]>(sortFields: S) =>
  ({
    page: z.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.number().int().min(1).max(200).default(20),
    sortField: z.enum(sortFields).optional(),
    sortOrder: z.enum(['asc', 'desc']).default('asc'),
    search: z.string().trim().max(100, { message: 'validation.tooLong' }).optional(),
  }) as const;

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** File content crossing the boundary (imports, attachments). 40 MB of base64 at most. */
export const fileUpload = () =>
  z
    .object({
      fileName: requiredText(255),
      contentBase64: z
        .string()
        .max(56_000_000, { message: 'validation.fileTooLarge' })
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'validation.invalidFile' }),
    })
    .strict();

export interface FileDownload {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}
