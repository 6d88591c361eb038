import { createRequire } from 'node:module';

type PinyinPro = typeof import('pinyin-pro');
let pinyinPro: PinyinPro | null = null;

function loadPinyin(): PinyinPro {
  pinyinPro ??= createRequire(import.meta.url)('pinyin-pro') as PinyinPro;
  return pinyinPro;
}

/**
 * The pinyin key stored beside a person's name (org_employees.name_pinyin), so the database can
 * sort names as Chinese readers expect and search them by pinyin:
 *
 *   王小明 -> "wang xiao ming  wangxiaoming wxm"
 *
 * First the syllables one space apart (the sort order: 李 before 李娜 before 林), then after two
 * spaces the whole pinyin and the initials (what a search typed as "wangxiaoming" or "wxm"
 * matches). Surnames are read as surnames (单 shan, 曾 zeng); ü is written v (吕 lv), as pinyin
 * keyboards type it. Latin names keep their words (Tom Li -> "tom li  tomli tl").
 *
 * The core only: pinyin-pro's dictionary is large, and pages sort with Intl.Collator('zh-CN').
 * It takes about 50 ms to load, so it is loaded on the first name written, not when the core
 * starts (issue 7: the core callable within 200 ms of start).
 */
export function namePinyinKey(name: string): string {
  const syllables = loadPinyin().pinyin(name.trim(), { toneType: 'none', type: 'array', surname: 'head', v: true, nonZh: 'consecutive' })
    .flatMap((part) => part.toLowerCase().split(/[^a-z0-9]+/))
    .filter((s) => s !== '');
  if (syllables.length === 0) return '';
  return `${syllables.join(' ')}  ${syllables.join('')} ${syllables.map((s) => s[0]).join('')}`;
}
