import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planRotation, isoWeekKey } from '../../electron/core/modules/backup/rotation.js';
import { listBackupFiles } from '../../electron/core/modules/backup/files.js';
import { startAutoBackup } from '../../electron/core/modules/backup/scheduler.js';
import { initialised, ok, tempDir } from './support/harness.js';

const DAY = 86_400_000;

describe('rotation (grandfather-father-son)', () => {
  it('over 400 simulated daily backups keeps exactly 7 daily, 4 weekly and 12 monthly', () => {
    const start = new Date(2025, 0, 1, 18, 0, 0).getTime();
    let kept: { createdAt: Date }[] = [];
    for (let day = 0; day < 400; day++) {
      kept.push({ createdAt: new Date(start + day * DAY) });
      kept = planRotation(kept, { keepDaily: 7, keepWeekly: 4, keepMonthly: 12 }).keep;
    }
    const newest = new Date(start + 399 * DAY);
    const days = kept.map((b) => Math.round((newest.getTime() - b.createdAt.getTime()) / DAY)).sort((a, b) => a - b);
    // The last 7 days...
    expect(days.slice(0, 7)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // ...the newest of each of the last 4 ISO weeks, and of each of the last 12 months.
    const weeks = new Set(kept.map((b) => isoWeekKey(b.createdAt)));
    const months = new Set(kept.map((b) => `${b.createdAt.getFullYear()}-${b.createdAt.getMonth()}`));
    expect(weeks.size).toBeGreaterThanOrEqual(4);
    expect(months.size).toBe(12);
    expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(kept.length).toBeGreaterThanOrEqual(12);
  });

  it('keeps the newest backup even with a zero policy, and several per day collapse to one', () => {
    const base = new Date(2026, 5, 1, 9).getTime();
    const backups = [0, 1, 2, 3].map((h) => ({ name: `b${h}`, createdAt: new Date(base + h * 3_600_000) }));
    expect(planRotation(backups, { keepDaily: 0, keepWeekly: 0, keepMonthly: 0 }).keep.map((b) => b.name)).toEqual(['b3']);
    expect(planRotation(backups, { keepDaily: 7, keepWeekly: 0, keepMonthly: 0 }).remove.map((b) => b.name)).toEqual(['b2', 'b1', 'b0']);
  });

  it('computes ISO weeks across the year boundary', () => {
    expect(isoWeekKey(new Date(2026, 0, 1))).toBe('2026-W1'); // a Thursday
    expect(isoWeekKey(new Date(2027, 0, 1))).toBe('2026-W53'); // a Friday, still in 2026's last week
    expect(isoWeekKey(new Date(2024, 11, 30))).toBe('2025-W1');
  });
});

describe('automatic backups', () => {
  it('back up when due, not again within the interval, and rotate only their own files in the backup folder', async () => {
    const { core, clock, admin } = await initialised();
    const folder = tempDir('opsdesk-backups-');
    await ok(core, admin, 'settings.update', { backup: { folder, keepDaily: 2, keepWeekly: 0, keepMonthly: 0 } });
    fs.writeFileSync(path.join(folder, 'someone-elses-file.txt'), 'keep me');
    const manual = await ok(core, admin, 'backup.create', {});
    const auto = startAutoBackup((label, fn) => core.runInternal(label, null, fn, { transaction: false }), () => {}, { timers: false });
    const made: (string | null)[] = [];
    for (let day = 0; day < 5; day++) {
      made.push(await auto.checkNow());
      made.push(await auto.checkNow()); // same moment: not due again
      clock.advance(DAY);
    }
    auto.stop();
    expect(made.filter((m) => m !== null)).toHaveLength(5);
    expect(made.filter((m, i) => i % 2 === 1 && m !== null)).toHaveLength(0);
    const autos = listBackupFiles(folder).filter((f) => f.kind === 'auto');
    expect(autos).toHaveLength(2);
    expect(fs.existsSync(path.join(folder, 'someone-elses-file.txt'))).toBe(true);
    expect(fs.existsSync(manual.path)).toBe(true);
  });

  it('report a failure (backup folder unavailable) and try again at the next check', async () => {
    const { core, admin } = await initialised();
    const parent = tempDir('opsdesk-usb-');
    const folder = path.join(parent, 'usb');
    await ok(core, admin, 'settings.update', { backup: { folder } });
    // The "USB disk" goes away: a file now stands where the folder was.
    fs.rmSync(folder, { recursive: true, force: true });
    fs.writeFileSync(folder, 'not a folder');
    const auto = startAutoBackup((label, fn) => core.runInternal(label, null, fn, { transaction: false }), () => {}, { timers: false });
    expect(await auto.checkNow()).toBeNull();
    expect(auto.lastProblem).toBe('backup.problem.folderUnavailable');
    fs.rmSync(folder);
    expect(await auto.checkNow()).not.toBeNull();
    expect(auto.lastProblem).toBeNull();
  });
});
