import { z } from 'zod';
import { mutation, query } from './define.js';
import { newPassword, optionalText } from './fields.js';
import type { Locale } from '../domain/locale.js';
import type { BackupPolicy, MachineSettingName } from '../domain/settings.js';

export type BackupKind = 'manual' | 'auto' | 'pre-restore';

export interface BackupFileView {
  fileName: string;
  /** Absolute path of the file. */
  path: string;
  kind: BackupKind;
  createdAt: string;
  size: number;
  encrypted: boolean;
  appVersion: string | null;
  schemaVersion: number | null;
  /** From OpsDesk's own records: when it last checked this file, and the result. */
  verifiedAt: string | null;
  verifyOk: boolean | null;
  verifyProblem: string | null;
}

export interface BackupManifestView {
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  kind: string;
  counts: Record<string, number>;
  parts: number;
  totalBytes: number;
}

export interface BackupOverview {
  folder: string;
  policy: BackupPolicy;
  lastAutoBackupAt: string | null;
  nextAutoBackupAt: string | null;
  /** The last automatic backup's failure, if the most recent attempt failed (e.g. USB disk absent). */
  autoProblem: string | null;
  backups: BackupFileView[];
  /**
   * True in the desktop app: a backup elsewhere is chosen in the system's file dialog
   * (backup.pickFile). False in browser mode, where its full path is typed instead.
   */
  canPickFile: boolean;
}

export interface SettingsView {
  backup: BackupPolicy;
  /** The folder backups go to now (the data folder's backups/ when none is set). */
  backupFolder: string;
  dataDir: string;
  language: Locale;
  locked: MachineSettingName[];
  machineFile: { path: string | null; problem: string | null };
}

/**
 * A backup named by its file in the backup folder, or by an absolute path elsewhere (USB disk):
 * one picked in the desktop app's file dialog, or typed in browser mode (core: file-access.ts).
 */
const backupRef = {
  file: z.string().trim().min(1, { message: 'validation.required' }).max(1000),
  password: z.string().max(200).optional(),
};

const backupPassword = newPassword().optional();

export const backupContract = {
  'backup.overview': query<BackupOverview>()({ input: z.object({}).strict(), permission: 'backup.manage' }),
  /** Writes a verified backup file to the backup folder now. */
  'backup.create': mutation<BackupFileView>()({
    input: z.object({ password: backupPassword, note: optionalText(200) }).strict(),
    permission: 'backup.manage',
    transaction: 'handler',
  }),
  /**
   * The desktop app's open-file dialog for a backup elsewhere (USB disk, share). Resolves to the
   * chosen file's path (null when cancelled), which backup.inspect/verify/restore then accept.
   * INVALID_STATE backup.problem.noFileDialog in browser mode: type the path there.
   */
  'backup.pickFile': mutation<{ file: string | null }>()({
    input: z.object({}).strict(),
    permission: 'backup.manage',
    transaction: 'handler',
  }),
  /** The manifest of a backup (date, version, counts) without restoring it; not a full check. */
  'backup.inspect': query<{ file: BackupFileView; needsPassword: boolean; manifest: BackupManifestView | null }>()({
    input: z.object(backupRef).strict(),
    permission: 'backup.manage',
  }),
  /** Reads the whole backup and checks every part, as a restore would, without restoring. */
  'backup.verify': mutation<{ ok: boolean; problem: string | null; manifest: BackupManifestView | null }>()({
    input: z.object(backupRef).strict(),
    permission: 'backup.manage',
    transaction: 'handler',
  }),
  /**
   * Replaces the department's data with a backup's, after verifying it and saving the current data
   * as a backup.
   */
  'backup.restore': mutation<{ restoredFrom: string; preRestoreBackup: string; manifest: BackupManifestView }>()({
    input: z
      .object({
        ...backupRef,
        confirm: z.literal(true, { message: 'validation.confirmRequired' }),
        /**
         * A second consent, for a backup that is not this install's own and whose audit log does not
         * verify here (INVALID_STATE backup.problem.unverifiedAuditLog names who would be admin).
         */
        acceptUnverifiedAuditLog: z.literal(true).optional(),
      })
      .strict(),
    permission: 'backup.manage',
    transaction: 'handler',
  }),
};

export const settingsContract = {
  'settings.get': query<SettingsView>()({ input: z.object({}).strict(), permission: 'settings.manage' }),
  'settings.update': mutation<SettingsView>()({
    input: z
      .object({
        backup: z
          .object({
            enabled: z.boolean().optional(),
            folder: z.string().trim().max(1000).nullable().optional(),
            intervalHours: z.number().int().min(1).max(168).optional(),
            keepDaily: z.number().int().min(0).max(365).optional(),
            keepWeekly: z.number().int().min(0).max(260).optional(),
            keepMonthly: z.number().int().min(0).max(240).optional(),
          })
          .strict(),
      })
      .strict(),
    permission: 'settings.manage',
  }),
};
