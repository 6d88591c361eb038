import { pinyin } from 'pinyin-pro';

/**
 * The password rule for accounts and encrypted backups, one pure function for the core and the
 * renderer. The estimate itself (zxcvbn and its dictionaries: about 1 MB gzip, 0.25 s to import)
 * lives in password-strength.ts, imported the first time a password is judged, so neither the
 * core's start nor the app's first screen pays for it.
 *
 * A password is accepted when it has at least 8 characters, no control characters and a zxcvbn
 * score of at least 3, i.e. an estimated 10^8 guesses or more. Why 3: sign-in guessing is slowed
 * to at most one guess per 30 s per account (auth/throttle.ts), about 2,900 a day, so 10^8
 * guesses take about a century; the hashes are scrypt N=2^17 (about 0.3 s each on an office PC),
 * so even a stolen database file costs an attacker years per account. Score 4 (10^10) would
 * refuse most passwords people can remember, which leads to notes on monitors.
 */
export const MIN_PASSWORD_LENGTH = 8;
export const MIN_PASSWORD_SCORE = 3;
/**
 * zxcvbn's matching grows faster than the length (a 200-character password took 5.5 s, holding
 * every other call); only this many leading characters are estimated. Characters added after a
 * strong start cannot make it weaker, and a weak start over 64 characters is still refused.
 */
const ESTIMATED_LENGTH = 64;

/** Who the password is for: a password built on these scores low ("based on your name"). */
export interface PasswordContext {
  username?: string | null;
  displayName?: string | null;
  departmentName?: string | null;
}

/** Each reason is an i18n key the forms show next to the password field. */
export type PasswordProblem =
  | 'validation.invalidCharacters'
  | 'validation.passwordTooShort'
  | 'validation.passwordPersonal'
  | 'validation.passwordCommon'
  | 'validation.passwordRepeated'
  | 'validation.passwordSequence'
  | 'validation.passwordKeyboard'
  | 'validation.passwordDate'
  | 'validation.passwordWeak';

type Strength = typeof import('./password-strength.js');
let strength: Promise<Strength> | null = null;

/** Null when the password may be used; otherwise why not, as an i18n key. */
export async function passwordProblem(password: string, context: PasswordContext = {}): Promise<PasswordProblem | null> {
  // Control characters (NUL, escape...) and lone surrogates cannot be typed back reliably, and a
  // lone surrogate would hash like U+FFFD.
  if (/[\p{Cc}\p{Cs}]/u.test(password)) return 'validation.invalidCharacters';
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'validation.passwordTooShort';
  strength ??= import('./password-strength.js').catch((err: unknown) => {
    strength = null; // the next check tries again (a renderer chunk that failed to load)
    throw err;
  });
  const { strengthProblem } = await strength;
  return strengthProblem([...password].slice(0, ESTIMATED_LENGTH).join(''), userInputs(context), MIN_PASSWORD_SCORE);
}

/**
 * The words a guesser tries first for this person: the username and its parts, the display name
 * and department name with their pinyin (王小明 -> wangxiaoming, xiaoming, wang, wxm), so
 * `wangxiaoming1990` is as weak as it is.
 */
export function userInputs(context: PasswordContext): string[] {
  const words = new Set<string>();
  const add = (word: string) => {
    const w = word.toLowerCase();
    if ([...w].length >= 3) words.add(w);
  };
  for (const text of [context.username, context.displayName, context.departmentName]) {
    if (!text) continue;
    add(text.replace(/\s+/g, ''));
    for (const part of text.split(/[^\p{L}\p{N}]+/u)) add(part);
    if (/\p{Script=Han}/u.test(text)) for (const variant of pinyinVariants(text)) add(variant);
  }
  return [...words];
}

function pinyinVariants(text: string): string[] {
  const han = [...text].filter((ch) => /\p{Script=Han}/u.test(ch)).join('');
  const syllables = pinyin(han, { toneType: 'none', type: 'array' }).map((s) => s.replace(/ü/g, 'v'));
  if (syllables.length === 0) return [];
  const initials = syllables.map((s) => s[0] ?? '').join('');
  // For a person's name: surname and given name alone, and the surname with the given name's initials.
  const given = syllables.slice(1).join('');
  return [syllables.join(''), syllables[0]!, given, `${syllables[0]}${syllables.slice(1).map((s) => s[0]).join('')}`, initials];
}
