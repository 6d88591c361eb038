import fs from 'node:fs';
import path from 'node:path';
import type { BackupKind } from '../../../../shared/api/backup.js';
import type { DataPaths } from '../../paths.js';

/**
 * Backup files in the backup folder are named by kind and time, so rotation and "when was the
 * last automatic backup" need only the folder listing, even on a slow share or USB disk.
 *
 * The time is the computer's local time with its UTC offset, e.g. a backup at 16:00 in Beijing:
 * OpsDesk-auto-20261125T160000000+0800.opsdesk-backup
 * The Data page shows backup times in the same local time, so a name and its row agree, and the
 * offset keeps the name an exact instant when the disk is read on a computer in another zone.
 * (Rotation's days and weeks are local ones too; rotation.ts.) Names written by earlier versions
 * in UTC (…T080000000Z) are still read.
 */
export const BACKUP_EXTENSION = '.opsdesk-backup';
const NAME = /^OpsDesk-(manual|auto|pre-restore)-(\d{8}T\d{6})(\d{3})?(Z|[+-]\d{4})(?:-(\d+))?\.opsdesk-backup$/;

export interface BackupFileEntry {
  fileName: string;
  path: string;
  kind: BackupKind;
  createdAt: Date;
  size: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `at` in the computer's local time: 20261125T160000000+0800. */
export function localStamp(at: Date): string {
  const offset = -at.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}${pad(Math.abs(offset) % 60)}`;
  return `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}T${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}${pad(at.getMilliseconds(), 3)}${zone}`;
}

export function backupFileName(kind: BackupKind, at: Date): string {
  return `OpsDesk-${kind}-${localStamp(at)}${BACKUP_EXTENSION}`;
}

/**
 * A name that does not exist yet in `folder` and is not `reserved` by a backup still being written
 * (two backups in the same millisecond get -2, -3...).
 */
export function freshBackupPath(folder: string, kind: BackupKind, at: Date, reserved: ReadonlySet<string> = new Set()): string {
  const base = backupFileName(kind, at);
  const taken = (file: string) => fs.existsSync(file) || reserved.has(file);
  let candidate = path.join(folder, base);
  for (let n = 2; taken(candidate); n++) candidate = path.join(folder, base.replace(BACKUP_EXTENSION, `-${n}${BACKUP_EXTENSION}`));
  return candidate;
}

export function parseBackupFileName(fileName: string): { kind: BackupKind; createdAt: Date } | null {
  const m = NAME.exec(fileName);
  if (!m) return null;
  const s = m[2]!;
  const zone = m[4] === 'Z' ? 'Z' : `${m[4]!.slice(0, 3)}:${m[4]!.slice(3)}`;
  const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${m[3] ?? '000'}${zone}`;
  const createdAt = new Date(iso);
  return Number.isNaN(createdAt.getTime()) ? null : { kind: m[1] as BackupKind, createdAt };
}

/** The backups in a folder, newest first. A missing folder (unplugged USB disk) lists nothing. */
export function listBackupFiles(folder: string): BackupFileEntry[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const entries: BackupFileEntry[] = [];
  for (const fileName of names) {
    const parsed = parseBackupFileName(fileName);
    if (!parsed) continue;
    const file = path.join(folder, fileName);
    try {
      entries.push({ fileName, path: file, size: fs.statSync(file).size, ...parsed });
    } catch {
      // vanished between listing and stat
    }
  }
  return entries.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/** The folder backups go to: the configured one, or the data folder's own backups/. */
export function resolveBackupFolder(configured: string | null, paths: DataPaths): string {
  return configured ? path.resolve(configured) : paths.backupsDir;
}
