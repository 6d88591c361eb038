import { describe, expect, it } from 'vitest';
import { zhCNModules } from '../../renderer/src/i18n/zh-CN';

/**
 * Chinese text takes full-width punctuation (：，；（）). An ASCII colon, comma, semicolon or
 * parenthesis touching a Chinese character (or with one space between) is a slip; ASCII stays
 * right between Latin letters and digits (a path like E:\\, a version, "Open:").
 */
const HAN = '\\p{Script=Han}';
const FULL_WIDTH = '，。、：；！？（）';
const ASCII = '[:,;()]';
const SLIP = new RegExp(`[${HAN}${FULL_WIDTH}] ?${ASCII}|${ASCII} ?${HAN}`, 'u');

function slips(modules: Record<string, Record<string, string>>): string[] {
  return Object.entries(modules).flatMap(([module, catalog]) =>
    Object.entries(catalog)
      .filter(([, text]) => SLIP.test(text))
      .map(([key, text]) => `${module}: ${key} = ${text}`),
  );
}

describe('Chinese catalogs', () => {
  it('use full-width colons, commas, semicolons and parentheses next to Chinese text', () => {
    expect(slips(zhCNModules)).toEqual([]);
  });

  it('catch the slips they are meant to catch, and leave Latin text alone', () => {
    const sample = { m: { a: '成员: 3', b: '员工 王小明 (YY021)', c: '导出,完成', d: '已完成;下一步', e: 'E:\\OpsDesk-备份', f: '“Open:”后面的地址', g: '成员：3（共 5 人）' } };
    expect(slips(sample)).toEqual(['m: a = 成员: 3', 'm: b = 员工 王小明 (YY021)', 'm: c = 导出,完成', 'm: d = 已完成;下一步']);
  });
});
