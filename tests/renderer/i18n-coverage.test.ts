import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { enUS, enUSModules } from '../../renderer/src/i18n/en-US';
import { zhCN, zhCNModules } from '../../renderer/src/i18n/zh-CN';
import { installCatalog, translate } from '../../renderer/src/i18n';
import { BACKUP_PROBLEMS } from '../../electron/core/modules/backup/errors';

/** Every message key the core and the contract can send must have a text in both languages. */
function keysUsedIn(dir: string): Set<string> {
  const keys = new Set<string>();
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|cts)$/.test(entry.name)) {
        for (const m of fs.readFileSync(full, 'utf8').matchAll(/'((?:error|validation|notify)\.[A-Za-z]+)'/g)) keys.add(m[1]!);
      }
    }
  };
  walk(dir);
  return keys;
}

describe('message catalogs', () => {
  it('translate every error, validation and notification key the core and the contract use', () => {
    const used = new Set([...keysUsedIn('electron/core'), ...keysUsedIn('shared')]);
    expect(used.size).toBeGreaterThan(40);
    const missing = [...used].filter((key) => !(key in zhCN));
    expect(missing).toEqual([]);
  });

  it('explain every reason a backup can be refused (keys the core builds as backup.problem.<reason>)', () => {
    const reasons = [...BACKUP_PROBLEMS, 'folderUnavailable', 'autoFailed'];
    expect(reasons.filter((r) => !(`backup.problem.${r}` in zhCN))).toEqual([]);
  });

  it('have the same keys and no empty texts in both languages', () => {
    expect(Object.keys(enUS).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [key, text] of [...Object.entries(zhCN), ...Object.entries(enUS)]) expect(text.trim(), key).not.toBe('');
  });

  it('define each key in one module catalog only, the same modules in both languages', () => {
    for (const modules of [zhCNModules, enUSModules]) {
      const all = Object.values(modules).flatMap((m) => Object.keys(m));
      expect(all.length).toBe(new Set(all).size);
    }
    expect(Object.keys(enUSModules).sort()).toEqual(Object.keys(zhCNModules).sort());
  });

  it('fill placeholders and fall back to a generic text for an unknown error key', () => {
    installCatalog('zh-CN', zhCN);
    installCatalog('en-US', enUS);
    expect(translate('zh-CN', 'import.summary', { total: 3, valid: 2, invalid: 1 })).toBe('共 3 行：2 行可导入，1 行有问题（不会导入）');
    expect(translate('en-US', 'common.total', { total: 25 })).toBe('25 in total');
    expect(translate('en-US', 'error.fromANewerCore')).toBe('The operation failed');
  });
});
