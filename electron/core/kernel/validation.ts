import type { z } from 'zod';

/**
 * Turns zod issues into `fields: { path: i18nKey }`. Schemas in shared/api carry i18n keys as
 * their messages; zod's own issues (unknown keys, wrong types) are mapped here to generic keys.
 */
export function issuesToFields(issues: z.core.$ZodIssue[]): Record<string, string> {
  // Paths come from the caller's input: a key such as "__proto__" or "constructor" must become a
  // field of its own, not reach (or be hidden by) Object.prototype, hence a Map and fromEntries.
  const fields = new Map<string, string>();
  const setOnce = (path: string, key: string) => {
    if (!fields.has(path)) fields.set(path, key);
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) setOnce([...issue.path, key].join('.'), 'validation.unknownField');
      continue;
    }
    setOnce(issue.path.join('.') || '_root', messageKey(issue));
  }
  return Object.fromEntries(fields);
}

function messageKey(issue: z.core.$ZodIssue): string {
  if (issue.message.startsWith('validation.')) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined/.test(issue.message) ? 'validation.required' : 'validation.invalidType';
    case 'too_small':
      return 'validation.tooSmall';
    case 'too_big':
      return 'validation.tooBig';
    case 'invalid_format':
      return 'validation.invalidFormat';
    case 'invalid_value':
      return 'validation.invalidValue';
    default:
      return 'validation.invalid';
  }
}
