/**
 * Phone numbers of employees, one rule for the contract, the import and the form.
 *
 * A mainland number is a mobile 1[3-9]xxxxxxxxx or a landline with its area code
 * (010/02x + 8 digits, 0xxx + 7 or 8 digits, optional extension), written with an optional
 * +86, spaces, dashes and brackets around the area code. Anything else is accepted only as a
 * number marked "other" (foreign): a leading + and 6 to 20 digits.
 */
export const PHONE_KINDS = ['mainland', 'other'] as const;
export type PhoneKind = (typeof PHONE_KINDS)[number];

/** What is wrong with a phone number, as a message key, or null when it is fine. */
export type PhoneProblem = 'validation.invalidPhone' | 'validation.phoneNotMainland' | 'validation.invalidForeignPhone';

const MOBILE = /^1[3-9]\d{9}$/;
/** Area code without its trunk 0, then the local number (which never starts with 0 or 1). */
const LANDLINE = /^(?:(?:10|2\d)[2-9]\d{7}|[3-9]\d{2}[2-9]\d{6,7})$/;
/** Characters a written number may hold besides digits: separators and +; an extension at its end. */
const WRITTEN = /^[0-9+\-()（）\s]+$/;
const MARKED_EXTENSION = /(?:转|ext\.?|x|#)\s*\d{1,6}$/i;

/** The number without its extension: "转123", "ext 123", "x123", "#123", or a third dashed group. */
function withoutExtension(s: string): string[] {
  const marked = /^(.*?)(?:转|ext\.?|x|#)\d{1,6}$/i.exec(s);
  if (marked) return [marked[1]!];
  const dashed = /^(.*\d)-\d{1,6}$/.exec(s);
  return dashed ? [s, dashed[1]!] : [s];
}

function isMainlandNumber(s: string): boolean {
  if (!/^\+?[\d\-()（）]+$/.test(s)) return false;
  let digits = s.replace(/[-()（）]/g, '');
  const international = /^(?:\+86|0086)/.exec(digits);
  if (international) digits = digits.slice(international[0].length);
  else if (digits.startsWith('+')) return false;
  if (MOBILE.test(digits)) return true;
  // At home a landline is dialled with its trunk 0 (021-…); after +86 it is left out, though
  // people often write "+86 (0)21 …".
  if (digits.startsWith('0')) return LANDLINE.test(digits.slice(1));
  return international !== null && LANDLINE.test(digits);
}

export function isMainlandPhone(text: string): boolean {
  return withoutExtension(text.trim().replace(/\s+/g, '')).some(isMainlandNumber);
}

/** A foreign number: + and 6 to 20 digits, spaces and dashes allowed between them. */
export function isForeignPhone(text: string): boolean {
  const s = text.trim();
  return /^\+?[\d\s\-()]+$/.test(s) && /^\+?\d{6,20}$/.test(s.replace(/[\s\-()]/g, ''));
}

/** Checks a non-empty phone number of the given kind. */
export function phoneProblem(text: string, kind: PhoneKind = 'mainland'): PhoneProblem | null {
  const s = text.trim();
  if (s.length > 30 || !WRITTEN.test(s.replace(MARKED_EXTENSION, ''))) return 'validation.invalidPhone';
  if (kind === 'other') return isForeignPhone(s) ? null : 'validation.invalidForeignPhone';
  return isMainlandPhone(s) ? null : 'validation.phoneNotMainland';
}

/**
 * The kind a number written without a choice (an imported cell) must have been meant as: a
 * number in international form (+ and a country code other than 86) is foreign, anything else
 * must be a mainland number. The form asks instead.
 */
export function impliedPhoneKind(text: string): PhoneKind {
  const s = text.trim().replace(/^00/, '+');
  return s.startsWith('+') && !s.startsWith('+86') ? 'other' : 'mainland';
}
