/**
 * The password rule for accounts and encrypted backups, one pure function for the core and the
 * renderer. The estimate itself (zxcvbn and its dictionaries: about 1 MB gzip, 0.25 s to import)
 * lives in password-strength.ts, imported the first time a password is judged, so neither the
 * core's start nor the app's first screen pays for it (nor for pinyin-pro, which reads the
 * person's name there).
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
  return strengthProblem([...password].slice(0, ESTIMATED_LENGTH).join(''), context, MIN_PASSWORD_SCORE);
}
