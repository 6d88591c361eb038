import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { count, fails, initialised, ok } from './support/harness.js';

/** The swap step, made to fail once the files have moved: what a full disk or an EIO would do. */
const failure = vi.hoisted(() => ({ afterSwap: false }));
vi.mock('../../electron/core/modules/backup/swap.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/core/modules/backup/swap.js')>();
  return {
    ...real,
    swapIn: (...args: Parameters<typeof real.swapIn>) => {
      real.swapIn(...args);
      if (failure.afterSwap) throw new Error('EIO: i/o error (simulated, after the files moved)');
    },
  };
});

describe('a restore that fails after the swap started', () => {
  it('puts the old database back: the live data is as before and usable', async () => {
    const { core, admin, dir } = await initialised({ demo: true });
    const backup = await ok(core, admin, 'backup.create', {});
    await ok(core, admin, 'org.groups.create', { name: '恢复失败后仍在的组' });
    const groups = await count(core, 'org_groups');

    failure.afterSwap = true;
    try {
      expect(await fails(core, admin, 'backup.restore', { file: backup.fileName, confirm: true })).toEqual({ code: 'INVALID_STATE', message: 'backup.problem.rolledBack' });
    } finally {
      failure.afterSwap = false;
    }
    // The data as before (the pre-restore backup, made before the swap, is the one addition).
    expect(await count(core, 'org_groups', "name = '恢复失败后仍在的组'")).toBe(1);
    expect(await count(core, 'org_groups')).toBe(groups);
    expect(await count(core, 'audit_log', "action = 'restore'")).toBe(0);
    expect(await count(core, 'audit_log', "action = 'create' AND entity = 'backup'")).toBe(2);
    expect(fs.existsSync(path.join(dir, 'restore-journal.json'))).toBe(false);
    expect(fs.readdirSync(dir).filter((n) => n.includes('before-restore'))).toEqual([]);
    expect(core.db.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    // ...and a restore then works.
    await ok(core, admin, 'backup.restore', { file: backup.fileName, confirm: true });
    expect(await count(core, 'org_groups', "name = '恢复失败后仍在的组'")).toBe(0);
  });
});
