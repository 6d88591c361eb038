/**
 * Why a backup file was refused. Each reason has its own message for the user (i18n key
 * `backup.problem.<reason>`), so a wrong password is never reported as a damaged file.
 */
export const BACKUP_PROBLEMS = [
  'notABackup',
  'unsupportedFormat',
  /** The plain-text header is malformed or names key-derivation settings this version never writes. */
  'invalidHeader',
  'truncated',
  'corrupt',
  'passwordRequired',
  'wrongPassword',
  'newerSchema',
  'integrity',
  /** The database inside does not have the tables, columns and indexes its schema version must have. */
  'schemaMismatch',
  'notFound',
  /** A folder, a pipe or a device: only regular files are read. */
  'notAFile',
  /** The file exists but cannot be opened (permissions). */
  'unreadable',
  /**
   * A path typed in browser mode outside the backup folder that is missing, unreadable or not a
   * backup: one answer for all three, so the call does not tell which files exist.
   */
  'unavailable',
  /** The desktop file dialog is not available (browser mode): type the path instead. */
  'noFileDialog',
  /** The swap failed after it had started and was undone: the data is as it was before the restore. */
  'rolledBack',
  /** Where a backup may not be written: over a folder, or into the data folder's own files. */
  'targetIsFolder',
  'targetInDataFolder',
  'targetInSystemFolder',
  /** A leftover temporary file at the target is a link or not a regular file: refused, never followed. */
  'targetUnsafe',
  /** Names this install as its writer, but its keyed tag does not match: edited after it was made. */
  'altered',
  /**
   * Made elsewhere (or by a version before backups were tagged) and its audit log or accounts do
   * not verify with this install's key: restored only with acceptUnverifiedAuditLog, after the
   * user has seen who will be an administrator (params.admins).
   */
  'unverifiedAuditLog',
] as const;
export type BackupProblem = (typeof BACKUP_PROBLEMS)[number];

export class BackupError extends Error {
  constructor(
    readonly problem: BackupProblem,
    detail?: string,
    /** Values the user's message needs (unverifiedAuditLog: the administrators it would bring). */
    readonly params?: Record<string, string | number>,
  ) {
    super(detail ? `${problem}: ${detail}` : problem);
    this.name = 'BackupError';
  }
}
