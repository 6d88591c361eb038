import type { EntityManager } from 'typeorm';
import type { Ctx } from '../kernel/context.js';
import { AuditEntity } from '../kernel/entities.js';
import { hashAt, readHead, type AuditHead, type ChainKeys } from '../kernel/audit-chain.js';
import { compareWithCheckpoint } from '../kernel/audit-checkpoint.js';
import { listBackupFiles, type BackupFileEntry } from '../modules/backup/files.js';
import { originOf } from '../modules/backup/origin.js';
import { readBackup } from '../modules/backup/reader.js';
import { configuredBackupFolder } from '../modules/backup/service.js';

/** The backup folder as doctor reports it (`folderNotAllowed`: a system folder or inside the data folder). */
export interface BackupStatus {
  folder: string;
  folderNotAllowed: boolean;
  count: number;
  lastBackupAt: string | null;
  lastBackupAgeHours: number | null;
  autoEnabled: boolean;
  intervalHours: number;
}

/**
 * The audit log against the head recorded in the newest backup this install made since the last
 * restore. The checkpoint file alone cannot tell when someone deleted the newest rows and put an
 * older (validly tagged) copy of the checkpoint back; a backup's manifest holds the head at its
 * time under the install's keyed origin tag (modules/backup/origin.ts), so a log shorter than that,
 * or with another row at that place, was cut or rewritten since. Backups made before the latest
 * restore are not compared: the restore legitimately replaced the log with an older one.
 */
export interface BackupHeadCheck {
  result: 'matches' | 'truncated' | 'differs' | 'noBackup';
  /** The backup compared with, and the head its manifest recorded. */
  file: string | null;
  head: AuditHead | null;
}

/** Backups whose manifests are read looking for the newest of this install's (newest first). */
const MAX_BACKUPS_READ = 20;

export async function backupStatus(ctx: Ctx): Promise<{ status: BackupStatus; files: BackupFileEntry[] }> {
  const { folder, settings, notAllowed } = await configuredBackupFolder(ctx);
  const files = notAllowed ? [] : listBackupFiles(folder);
  const newest = files[0] ?? null;
  const status = {
    folder,
    folderNotAllowed: notAllowed,
    count: files.length,
    lastBackupAt: newest ? newest.createdAt.toISOString() : null,
    lastBackupAgeHours: newest ? Math.round(((ctx.now.getTime() - newest.createdAt.getTime()) / 3_600_000) * 10) / 10 : null,
    autoEnabled: settings.backup.enabled,
    intervalHours: settings.backup.intervalHours,
  };
  return { status, files };
}

export async function compareWithNewestOwnBackup(manager: EntityManager, keys: ChainKeys, files: BackupFileEntry[]): Promise<BackupHeadCheck> {
  const since = await latestRestoreAt(manager);
  for (const file of files.slice(0, MAX_BACKUPS_READ)) {
    if (since !== null && file.createdAt.getTime() <= since) break;
    const head = ownBackupHead(keys, file.path);
    if (!head) continue;
    const rows = (await readHead(manager)).count;
    const result = compareWithCheckpoint(head, rows, rows >= head.count ? await hashAt(manager, head.count) : null);
    return { result, file: file.path, head };
  }
  return { result: 'noBackup', file: null, head: null };
}

/** The audit head in a backup's manifest, when the backup is this install's own (tag verified). */
function ownBackupHead(keys: ChainKeys, file: string): AuditHead | null {
  try {
    // Encrypted backups keep their manifest encrypted: doctor has no password and skips them.
    const { header, manifest, manifestSha256 } = readBackup(file, null, () => null, { stopAfterManifest: true });
    if (originOf(keys, header, manifestSha256) !== 'here') return null;
    return manifest.auditHead ?? null;
  } catch {
    return null;
  }
}

async function latestRestoreAt(manager: EntityManager): Promise<number | null> {
  const row = await manager.getRepository(AuditEntity).findOne({ where: { entity: 'backup', action: 'restore' }, order: { seq: 'DESC' }, select: { at: true } });
  return row ? new Date(row.at).getTime() : null;
}
