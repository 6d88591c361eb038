import path from 'node:path';
import { AppError } from '../../kernel/errors.js';
import type { Ctx } from '../../kernel/context.js';
import { BackupError, type BackupProblem } from './errors.js';
import { parseBackupFileName } from './files.js';
import { isWithin } from './places.js';

/**
 * Which backup files a call may read (backup.inspect, backup.verify, backup.restore). A page
 * could otherwise use these calls to learn which files exist anywhere on the computer, and read
 * the start of any of them. Allowed:
 * - a file in the backup folder, named by its file name (or its full path);
 * - a file the user picked in the desktop app's own file dialog (backup.pickFile): the path comes
 *   from the operating system's dialog through the Electron shell, never from the page;
 * - in browser mode, which has no such dialog, a typed path, but only once it proves to be a
 *   regular file starting with the backup format's magic bytes. A missing, unreadable or foreign
 *   file gets one answer (backup.problem.unavailable), so the call does not reveal which exist.
 * The desktop app never accepts a typed path outside the backup folder.
 * The CLI ('machine' access: someone at the computer, with its files at hand) names any file and
 * gets every problem in detail.
 */
export type FileAccess = 'user' | 'machine';

/** The desktop shell's open-file dialog, handed to the core (browser mode and the CLI have none). */
export interface BackupFileDialog {
  /** Shows the dialog; resolves to the chosen file's path, or null when the user cancelled. */
  pickBackupFile(): Promise<string | null>;
}

/** The files picked in the dialog during this run of the app (the most recent few). */
export class PickedFiles {
  private readonly files: string[] = [];

  grant(file: string): void {
    const resolved = path.resolve(file);
    this.files.splice(0, this.files.length, resolved, ...this.files.filter((f) => f !== resolved).slice(0, 19));
  }

  has(file: string): boolean {
    return this.files.includes(path.resolve(file));
  }
}

export interface ResolvedBackupFile {
  path: string;
  /** False for a path typed in browser mode outside the backup folder: see readAsUntrusted. */
  trusted: boolean;
}

/** Problems that must not tell a typed path's caller whether the file exists or what it is. */
const REVEALING: readonly BackupProblem[] = ['notFound', 'notAFile', 'unreadable', 'notABackup'];

export const unavailable = () => new AppError('INVALID_STATE', 'backup.problem.unavailable');

/** A refusal the UI explains: each reason has its own message (i18n `backup.problem.<reason>`). */
export function backupRefusal(err: BackupError): AppError {
  return new AppError('INVALID_STATE', `backup.problem.${err.problem}`, undefined, err.params);
}

/** The refusal for a file as resolved: an untrusted path never learns more than "unavailable". */
export function refusalFor(err: BackupError, file: ResolvedBackupFile): AppError {
  return !file.trusted && REVEALING.includes(err.problem) ? unavailable() : backupRefusal(err);
}

/** A backup named by its file name in the backup folder, or by a path the caller may read. */
export async function resolveBackupFile(ctx: Ctx, file: string, folder: string, access: FileAccess): Promise<ResolvedBackupFile> {
  if (!path.isAbsolute(file)) {
    if (file.includes('/') || file.includes('\\') || !parseBackupFileName(file)) throw new AppError('VALIDATION', 'error.validation', { file: 'validation.invalidFile' });
    return { path: path.join(folder, file), trusted: true };
  }
  const resolved = path.resolve(file);
  if (access === 'machine' || isWithin(folder, resolved) || ctx.services.pickedFiles.has(resolved)) return { path: resolved, trusted: true };
  if (ctx.services.fileDialog) throw unavailable();
  // Browser mode: the magic bytes decide, read off the main thread (a FIFO or a share must not hold it).
  try {
    await ctx.unlocked(() => ctx.services.jobs.run('unpackBackup', { file: resolved, password: null, mode: 'header' }));
  } catch (err) {
    if (err instanceof BackupError && REVEALING.includes(err.problem)) throw unavailable();
    throw err;
  }
  return { path: resolved, trusted: false };
}

/** backup.pickFile: the desktop dialog; the chosen file may then be inspected and restored. */
export async function pickBackupFile(ctx: Ctx): Promise<{ file: string | null }> {
  const dialog = ctx.services.fileDialog;
  if (!dialog) throw new AppError('INVALID_STATE', 'backup.problem.noFileDialog');
  // The dialog stays open as long as the user takes: other calls (an automatic backup) go on.
  const picked = await ctx.unlocked(() => dialog.pickBackupFile());
  if (!picked) return { file: null };
  const file = path.resolve(picked);
  ctx.services.pickedFiles.grant(file);
  return { file };
}
