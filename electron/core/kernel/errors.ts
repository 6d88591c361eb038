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
    /** Values the message's {placeholders} name (a record's name, never a secret). */
    readonly params?: Record<string, string>,
  ) {
    super(messageKey);
    this.name = 'AppError';
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.messageKey, ...(this.fields ? { fields: this.fields } : {}), ...(this.params ? { params: this.params } : {}) };
  }
}

export const notFound = (key = 'error.notFound') => new AppError('NOT_FOUND', key);
export const forbidden = (key = 'error.forbidden') => new AppError('FORBIDDEN', key);
export const conflict = (key: string, fields?: Record<string, string>) => new AppError('CONFLICT', key, fields);
export const invalidState = (key: string) => new AppError('INVALID_STATE', key);
export const unauthenticated = (key = 'error.unauthenticated') => new AppError('UNAUTHENTICATED', key);
/** A rule the schema cannot express (depends on stored data), reported next to a form field. */
export const fieldError = (field: string, key: string) => new AppError('VALIDATION', 'error.validation', { [field]: key });
