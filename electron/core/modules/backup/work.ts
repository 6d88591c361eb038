import fs from 'node:fs';
import path from 'node:path';
import type { EntityManager } from 'typeorm';
import type { DataPaths } from '../../paths.js';
import { effectiveSettings } from '../settings/effective.js';
import type { LoadedMachineSettings } from '../settings/machine.js';
import { resolveBackupFolder } from './files.js';

/**
 * Work folders: where a backup's snapshot is taken and where a backup's database is decrypted to
 * be checked or restored. They live in the data folder's private work folder (paths.workDir,
 * 0700; on Windows the data folder is in the user's own profile), never beside the backup file:
 * the backup folder may be a USB disk or a share, and a decrypted database must not land there.
 *
 * Each work folder is named `<purpose>-<pid>-<random>`, so the next start can tell a folder left
 * by a process that was killed (safe to delete: it holds only copies) from one a running process
 * (the app and the CLI on the same data folder) is still using.
 */
export type WorkPurpose = 'snapshot' | 'verify' | 'restore';

const NAME = /^(?:snapshot|verify|restore)-(\d+)-/;

export function makeWorkFolder(paths: DataPaths, purpose: WorkPurpose): string {
  fs.mkdirSync(paths.workDir, { recursive: true, mode: 0o700 });
  // A folder made by an older version, or by hand, may be wider open: tighten it every time.
  if (process.platform !== 'win32') fs.chmodSync(paths.workDir, 0o700);
  // mkdtemp creates the folder 0700 with a random suffix.
  return fs.mkdtempSync(path.join(paths.workDir, `${purpose}-${process.pid}-`));
}

export function removeWorkFolder(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Old versions' work folders, and those of a killed restore or backup: all hold only copies. */
const LEGACY_IN_DATA_DIR = ['restore-staging', '.backup-staging'];
const LEGACY_IN_BACKUP_FOLDER = /^\.opsdesk-verify-/;

/**
 * At start-up: removes work folders whose process is gone, the work folders of older versions in
 * the data folder, and the `.opsdesk-verify-*` folders older versions left in backup folders
 * (with a plaintext copy of the database inside). A folder that cannot be read (USB disk
 * unplugged) is skipped. Returns what was removed, for the log.
 */
export function removeStaleWorkFolders(paths: DataPaths, backupFolders: string[], alive: (pid: number) => boolean = processAlive): string[] {
  const removed: string[] = [];
  const remove = (dir: string) => {
    fs.rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  };
  for (const name of listNames(paths.workDir)) {
    const pid = NAME.exec(name)?.[1];
    if (!pid || !alive(Number(pid))) remove(path.join(paths.workDir, name));
  }
  for (const name of LEGACY_IN_DATA_DIR) if (fs.existsSync(path.join(paths.dataDir, name))) remove(path.join(paths.dataDir, name));
  for (const folder of new Set(backupFolders.map((f) => path.resolve(f)))) {
    for (const name of listNames(folder)) if (LEGACY_IN_BACKUP_FOLDER.test(name)) remove(path.join(folder, name));
  }
  return removed;
}

function listNames(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * The configured backup folder is known only once the database is open: its legacy
 * `.opsdesk-verify-*` folders are swept then. Never fails the start: an unplugged USB disk or an
 * offline share is simply skipped.
 */
export async function sweepBackupFolder(manager: EntityManager, machine: LoadedMachineSettings, paths: DataPaths): Promise<string[]> {
  try {
    const { backup } = await effectiveSettings(manager, machine);
    return removeStaleWorkFolders(paths, [resolveBackupFolder(backup.folder, paths)]);
  } catch {
    return [];
  }
}
