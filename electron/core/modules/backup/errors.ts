/**
 * Why a backup file was refused. Each reason has its own message for the user (i18n key
 * `backup.problem.<reason>`), so a wrong password is never reported as a damaged file.
 */
export const BACKUP_PROBLEMS = [
  'notABackup',
  'unsupportedFormat',
  'truncated',
  'corrupt',
  'passwordRequired',
  'wrongPassword',
  'newerSchema',
  'integrity',
  'notFound',
] as const;
export type BackupProblem = (typeof BACKUP_PROBLEMS)[number];

export class BackupError extends Error {
  constructor(
    readonly problem: BackupProblem,
    detail?: string,
  ) {
    super(detail ? `${problem}: ${detail}` : problem);
    this.name = 'BackupError';
  }
}
