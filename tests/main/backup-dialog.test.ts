import { describe, expect, it } from 'vitest';
import { backupFileDialog, type ShowOpenDialog } from '../../electron/main/backup-dialog.js';

describe('the backup file dialog', () => {
  it('opens one file, backups first, in the shell language; cancelling picks nothing', async () => {
    const seen: Parameters<ShowOpenDialog>[0][] = [];
    let answer = { canceled: false, filePaths: ['E:\\OpsDesk-manual-20261125T160000000+0800.opsdesk-backup'] };
    const dialog = backupFileDialog(async (options) => (seen.push(options), answer), 'zh-CN');
    expect(await dialog.pickBackupFile()).toBe('E:\\OpsDesk-manual-20261125T160000000+0800.opsdesk-backup');
    expect(seen[0]).toMatchObject({ title: '选择要恢复的备份文件', properties: ['openFile'], filters: [{ extensions: ['opsdesk-backup'] }, { extensions: ['*'] }] });
    answer = { canceled: true, filePaths: [] };
    expect(await dialog.pickBackupFile()).toBeNull();
    await backupFileDialog(async (options) => (seen.push(options), answer), 'en-US').pickBackupFile();
    expect(seen.at(-1)?.title).toBe('Choose the backup file to restore');
  });
});
