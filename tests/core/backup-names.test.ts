import { afterEach, describe, expect, it } from 'vitest';
import { backupFileName, parseBackupFileName } from '../../electron/core/modules/backup/files.js';
import { initialised, ok } from './support/harness.js';

/**
 * Issue 6 item 18: backup file names were in UTC while the Data page lists backups in local time
 * (a backup at 16:00 in Beijing was named ...T080000Z). Names now carry the computer's local time
 * and its offset, as the list shows it; names from earlier versions still parse.
 */
const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('backup file names', () => {
  it('are in local time with the UTC offset, and read back to the same instant', () => {
    const at = new Date('2026-11-25T08:00:00.123Z');
    process.env.TZ = 'Asia/Shanghai';
    expect(backupFileName('auto', at)).toBe('OpsDesk-auto-20261125T160000123+0800.opsdesk-backup');
    expect(parseBackupFileName('OpsDesk-auto-20261125T160000123+0800.opsdesk-backup')).toEqual({ kind: 'auto', createdAt: at });
    process.env.TZ = 'America/New_York';
    expect(backupFileName('manual', at)).toBe('OpsDesk-manual-20261125T030000123-0500.opsdesk-backup');
    // Read on a computer in another zone, the name still means the same instant.
    process.env.TZ = 'Asia/Shanghai';
    expect(parseBackupFileName('OpsDesk-manual-20261125T030000123-0500.opsdesk-backup')?.createdAt).toEqual(at);
    process.env.TZ = 'Asia/Kolkata';
    expect(backupFileName('pre-restore', at)).toBe('OpsDesk-pre-restore-20261125T133000123+0530.opsdesk-backup');
  });

  it('written by earlier versions in UTC still parse (with and without milliseconds, and a -2 suffix)', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(parseBackupFileName('OpsDesk-auto-20261125T080000Z.opsdesk-backup')).toEqual({ kind: 'auto', createdAt: new Date('2026-11-25T08:00:00.000Z') });
    expect(parseBackupFileName('OpsDesk-manual-20261125T080000123Z-2.opsdesk-backup')?.createdAt).toEqual(new Date('2026-11-25T08:00:00.123Z'));
    expect(parseBackupFileName('OpsDesk-manual-20261125T080000+08.opsdesk-backup')).toBeNull();
    expect(parseBackupFileName('notes.txt')).toBeNull();
  });

  it('match the time the Data page lists for them', async () => {
    process.env.TZ = 'Asia/Shanghai';
    const { core, admin } = await initialised();
    const made = await ok(core, admin, 'backup.create', {});
    const local = new Date(made.createdAt);
    const hhmm = `${String(local.getHours()).padStart(2, '0')}${String(local.getMinutes()).padStart(2, '0')}`;
    expect(made.fileName).toContain(`T${hhmm}`);
    expect(made.fileName).toContain('+0800');
  });
});
