import type { Locale } from './locale.js';

/**
 * Settings that IT can preset machine-wide (a settings file beside the app or in the OS's shared
 * program-data folder) and lock, so that a user's own choice cannot override them.
 */
export const MACHINE_SETTING_NAMES = [
  'dataDir',
  'language',
  'backup.enabled',
  'backup.folder',
  'backup.intervalHours',
  'backup.keepDaily',
  'backup.keepWeekly',
  'backup.keepMonthly',
] as const;
export type MachineSettingName = (typeof MACHINE_SETTING_NAMES)[number];

/** Automatic backups: how often, where, and how many to keep (grandfather-father-son rotation). */
export interface BackupPolicy {
  enabled: boolean;
  /** null: the data folder's own backups/ folder. */
  folder: string | null;
  intervalHours: number;
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
}

export const DEFAULT_BACKUP_POLICY: BackupPolicy = {
  enabled: true,
  folder: null,
  intervalHours: 24,
  keepDaily: 7,
  keepWeekly: 4,
  keepMonthly: 12,
};

export const BACKUP_POLICY_KEYS = ['enabled', 'folder', 'intervalHours', 'keepDaily', 'keepWeekly', 'keepMonthly'] as const satisfies readonly (keyof BackupPolicy)[];

/** What the machine-wide file may say (all optional), after validation. */
export interface MachineSettings {
  dataDir?: string;
  language?: Locale;
  backup?: Partial<BackupPolicy>;
  locked?: MachineSettingName[];
}
