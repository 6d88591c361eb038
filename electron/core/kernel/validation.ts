import type { z } from 'zod';

/**
 * Turns zod issues into `fields: { path: i18nKey }`. Schemas in shared/api carry i18n keys as
 * their messages; zod's own issues (unknown keys, wrong types) are mapped here to generic keys.
 */
export function issuesToFields(issues: z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) setOnce(fields, [...issue.path, key].join('.'), 'validation.unknownField');
      continue;
    }
    setOnce(fields, issue.path.join('.') || '_root', messageKey(issue));
  }
  return fields;
}

function setOnce(fields: Record<string, string>, path: string, key: string): void {
  if (!(path in fields)) fields[path] = key;
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
