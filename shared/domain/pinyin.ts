/**
 * Pinyin for names: the stored key is made in the core (electron/core/modules/org/name-pinyin.ts,
 * which loads pinyin-pro's dictionary on first use); a search text is read here.
 */

/**
 * A search text as pinyin to look for in the key ("Wang Xiao" -> "wangxiao", "xi'an" ->
 * "xian"), or null when it is not pinyin (Chinese characters, digits, an email address).
 */
export function pinyinQuery(text: string): string | null {
  const s = text.trim().toLowerCase();
  if (!/^[a-z][a-z\s']*$/.test(s)) return null;
  return s.replace(/[\s']+/g, '');
}
