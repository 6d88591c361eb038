/**
 * Error codes that cross the API boundary (ARCHITECTURE.md, "The contract").
 * The renderer maps each code to a behaviour in one place; messages are i18n keys.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_STATE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What a failed call returns. `message` and the values of `fields` are i18n keys. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  /** form field path (dot-joined) -> i18n key of the problem */
  fields?: Record<string, string>;
  /** Values for the message's {placeholders}, e.g. the group a refusal is about. */
  params?: Record<string, string>;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };
