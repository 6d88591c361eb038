import type { ApiError, ErrorCode } from '../../../shared/domain/errors.js';

/**
 * The one error a handler throws on purpose. The dispatcher turns it into the envelope; anything
 * else becomes INTERNAL with no detail leaked (no stack, SQL or path crosses the boundary).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** i18n key, e.g. 'error.notFound' */
    readonly messageKey: string,
    readonly fields?: Record<string, string>,
    /** Placeholder values of the message (the renderer fills `{name}` in the translation). */
    readonly params?: Record<string, string | number>,
  ) {
    super(messageKey);
    this.name = 'AppError';
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.messageKey, ...(this.params ? { params: this.params } : {}), ...(this.fields ? { fields: this.fields } : {}) };
  }
}

export const notFound = (key = 'error.notFound') => new AppError('NOT_FOUND', key);
export const forbidden = (key = 'error.forbidden') => new AppError('FORBIDDEN', key);
export const conflict = (key: string, fields?: Record<string, string>) => new AppError('CONFLICT', key, fields);
export const invalidState = (key: string) => new AppError('INVALID_STATE', key);
export const unauthenticated = (key = 'error.unauthenticated') => new AppError('UNAUTHENTICATED', key);
/** A rule the schema cannot express (depends on stored data), reported next to a form field. */
export const fieldError = (field: string, key: string) => new AppError('VALIDATION', 'error.validation', { [field]: key });

/**
 * A form saved from an older version of the record than the stored one: someone else saved in
 * between. Refused rather than silently undoing their change; `expected` undefined (a script that
 * does not send it) overwrites as before.
 */
export function assertVersion(stored: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== stored) throw new AppError('CONFLICT', 'error.editedMeanwhile', undefined, { version: stored });
}
