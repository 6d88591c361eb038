import type { OpenDialogOptions } from 'electron';
import type { BackupFileDialog } from '../core/modules/backup/file-access.js';
import type { Locale } from '../../shared/domain/locale.js';

/** Electron's dialog.showOpenDialog, bound to the app's window (index.ts hands in the real one). */
export type ShowOpenDialog = (options: OpenDialogOptions) => Promise<{ canceled: boolean; filePaths: string[] }>;

const TEXT = {
  'zh-CN': { title: '选择要恢复的备份文件', button: '选择', filter: 'OpsDesk 备份', all: '所有文件' },
  'en-US': { title: 'Choose the backup file to restore', button: 'Choose', filter: 'OpsDesk backups', all: 'All files' },
} as const;

/**
 * The open-file dialog the core uses for backup.pickFile (modules/backup/file-access.ts): the
 * path comes from the operating system's dialog, never from the page, and only a file chosen here
 * may be read outside the backup folder.
 */
export function backupFileDialog(show: ShowOpenDialog, locale: Locale): BackupFileDialog {
  const text = TEXT[locale];
  return {
    async pickBackupFile() {
      const result = await show({
        title: text.title,
        buttonLabel: text.button,
        properties: ['openFile'],
        filters: [
          { name: text.filter, extensions: ['opsdesk-backup'] },
          { name: text.all, extensions: ['*'] },
        ],
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
