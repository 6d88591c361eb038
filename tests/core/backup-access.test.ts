import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { count, fails, initialised, ok, tempDir } from './support/harness.js';

/**
 * Issue 6 item 13: backup.inspect / verify / restore must not tell a page which files exist on
 * the computer. Files in the backup folder, and files picked in the desktop dialog, are answered
 * in detail; a typed path elsewhere only when it is a backup (browser mode), never on the desktop.
 */
const METHODS = ['backup.inspect', 'backup.verify', 'backup.restore'] as const;
const inputFor = (method: (typeof METHODS)[number], file: string) => (method === 'backup.restore' ? { file, confirm: true } : { file });

/** A backup made in another data folder, lying on a "USB disk" outside this one's backup folder. */
async function foreignBackup(): Promise<string> {
  const other = await initialised();
  const made = await ok(other.core, other.admin, 'backup.create', {});
  const usb = tempDir('opsdesk-usb-');
  const file = path.join(usb, made.fileName);
  fs.copyFileSync(made.path, file);
  return file;
}

function oddFiles(): Record<string, string> {
  const dir = tempDir('opsdesk-probe-');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'hello');
  fs.mkdirSync(path.join(dir, 'a-folder'));
  return {
    missing: path.join(dir, 'does-not-exist.opsdesk-backup'),
    'a text file': path.join(dir, 'notes.txt'),
    'a folder': path.join(dir, 'a-folder'),
    'a system file': '/etc/hostname',
  };
}

describe('which files a backup call may read', () => {
  it('browser mode: a typed path is read only when it is a backup; missing, folders and other files get one answer', async () => {
    const { core, admin } = await initialised();
    for (const [name, file] of Object.entries(oddFiles())) {
      for (const method of METHODS) {
        expect({ name, method, error: await fails(core, admin, method, inputFor(method, file)) }).toEqual({
          name,
          method,
          error: { code: 'INVALID_STATE', message: 'backup.problem.unavailable' },
        });
      }
    }
    // Nothing about those files was remembered.
    expect(await count(core, 'backup_records')).toBe(0);
    const usb = await foreignBackup();
    expect((await ok(core, admin, 'backup.inspect', { file: usb })).manifest?.schemaVersion).toBeGreaterThan(0);
    expect((await ok(core, admin, 'backup.verify', { file: usb })).ok).toBe(true);
  });

  it('desktop: a typed path outside the backup folder is refused; one picked in the file dialog is read and restored', async () => {
    const usb = await foreignBackup();
    let answer: string | null = null;
    const { core, admin } = await initialised({ fileDialog: { pickBackupFile: async () => answer } });
    expect((await ok(core, admin, 'backup.overview', {})).canPickFile).toBe(true);
    for (const file of [usb, ...Object.values(oddFiles())]) {
      for (const method of METHODS) expect((await fails(core, admin, method, inputFor(method, file))).message).toBe('backup.problem.unavailable');
    }
    // Cancelled: nothing granted.
    expect(await ok(core, admin, 'backup.pickFile', {})).toEqual({ file: null });
    answer = usb;
    expect(await ok(core, admin, 'backup.pickFile', {})).toEqual({ file: usb });
    expect((await ok(core, admin, 'backup.inspect', { file: usb })).manifest).not.toBeNull();
    // A picked file that is not a backup is explained in detail: the user chose it.
    const notes = oddFiles()['a text file']!;
    answer = notes;
    await ok(core, admin, 'backup.pickFile', {});
    expect((await fails(core, admin, 'backup.inspect', { file: notes })).message).toBe('backup.problem.notABackup');
    // The picked backup restores (another department's data: its own admin account signs in next).
    await ok(core, admin, 'backup.restore', { file: usb, confirm: true });
    expect(await count(core, 'audit_log', "action = 'restore'")).toBe(1);
  });

  it('files in the backup folder get their own reasons; there is no file dialog in browser mode', async () => {
    const { core, admin, dir } = await initialised();
    expect((await ok(core, admin, 'backup.overview', {})).canPickFile).toBe(false);
    expect(await fails(core, admin, 'backup.pickFile', {})).toEqual({ code: 'INVALID_STATE', message: 'backup.problem.noFileDialog' });
    const folder = path.join(dir, 'backups');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'OpsDesk-manual-20260101T000000000Z.opsdesk-backup'), 'not a backup');
    expect((await fails(core, admin, 'backup.inspect', { file: path.join(folder, 'OpsDesk-manual-20260101T000000000Z.opsdesk-backup') })).message).toBe('backup.problem.notABackup');
    expect((await fails(core, admin, 'backup.inspect', { file: 'OpsDesk-manual-20260102T000000000Z.opsdesk-backup' })).message).toBe('backup.problem.notFound');
  });
});
