import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER_NAME = 'OpsDesk';
export const DB_FILE_NAME = 'opsdesk.sqlite';

/**
 * The per-user application-data folder, the same place Electron's app.getPath('userData')
 * points to, computed without Electron so the CLI and browser mode agree with the desktop app.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER_NAME);
}

export interface DataPaths {
  dataDir: string;
  dbFile: string;
  attachmentsDir: string;
  backupsDir: string;
  /**
   * The data folder's private work folder (0700): decrypted copies of a backup's database while
   * it is checked or restored, and the snapshot a backup starts from. Never the backup folder,
   * which may be a USB disk or a share.
   */
  workDir: string;
}

export function dataPaths(dataDir: string): DataPaths {
  const dir = path.resolve(dataDir);
  return {
    dataDir: dir,
    dbFile: path.join(dir, DB_FILE_NAME),
    attachmentsDir: path.join(dir, 'attachments'),
    backupsDir: path.join(dir, 'backups'),
    workDir: path.join(dir, '.opsdesk-work'),
  };
}
