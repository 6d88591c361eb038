import { ZxcvbnFactory, type MatchExtended, type ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary } from '@zxcvbn-ts/language-en';
import { pinyin } from 'pinyin-pro';
import type { PasswordContext, PasswordProblem } from './passwords.js';
import { COMMON_PASSWORDS_ZH } from './passwords-zh.js';

/**
 * zxcvbn's estimate with the reason for a weak result, for passwords.ts (which imports this
 * module only when it first judges a password).
 *
 * l33tMaxSubstitutions: zxcvbn-ts tries up to 100 l33t substitutions by default, which made one
 * 46-character estimate take 0.6 s (the call queue waits meanwhile). 10 gives the same score on
 * every weak and strong sample in tests/shared/passwords.test.ts at a tenth of the time.
 */
const L33T_MAX_SUBSTITUTIONS = 10;

let estimator: ZxcvbnFactory | null = null;

/** Built on first use (about 0.1 s of ranking the dictionaries). */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...englishDictionary, 'passwords-zh': [...COMMON_PASSWORDS_ZH] },
    graphs: adjacencyGraphs,
    l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
  });
  return estimator;
}

/** Null when zxcvbn scores `password` at least `minScore`, with the person's words (userInputs) known. */
export function strengthProblem(password: string, context: PasswordContext, minScore: number): PasswordProblem | null {
  const result = zxcvbn().check(password, userInputs(context));
  return result.score >= minScore ? null : reasonFor(result);
}

/** The most telling reason: a personal word first (the user can fix that), then zxcvbn's warning. */
function reasonFor(result: ZxcvbnResult): PasswordProblem {
  if (result.sequence.some((m) => m.pattern === 'dictionary' && m.dictionaryName === 'userInputs')) return 'validation.passwordPersonal';
  switch (result.feedback.warning) {
    case 'simpleRepeat':
    case 'extendedRepeat':
      return 'validation.passwordRepeated';
    case 'sequences':
      return 'validation.passwordSequence';
    case 'straightRow':
    case 'keyPattern':
      return 'validation.passwordKeyboard';
    case 'dates':
    case 'recentYears':
      return 'validation.passwordDate';
    case 'topTen':
    case 'topHundred':
    case 'common':
    case 'similarToCommon':
    case 'wordByItself':
    case 'namesByThemselves':
    case 'commonNames':
    case 'pwned':
      return 'validation.passwordCommon';
    case 'userInputs':
      return 'validation.passwordPersonal';
  }
  return reasonOfPattern(dominantMatch(result.sequence));
}

/** The longest part zxcvbn recognised: what the password mostly consists of. */
function dominantMatch(sequence: MatchExtended[]): MatchExtended | undefined {
  return [...sequence].sort((a, b) => b.token.length - a.token.length)[0];
}

function reasonOfPattern(match: MatchExtended | undefined): PasswordProblem {
  switch (match?.pattern) {
    case 'repeat':
      return 'validation.passwordRepeated';
    case 'sequence':
      return 'validation.passwordSequence';
    case 'spatial':
      return 'validation.passwordKeyboard';
    case 'date':
      return 'validation.passwordDate';
    case 'dictionary':
      return 'validation.passwordCommon';
    default:
      return 'validation.passwordWeak';
  }
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
