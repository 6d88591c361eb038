import type { Ctx } from '../../kernel/context.js';
import { AppError } from '../../kernel/errors.js';
import { createBackup, currentBackupFolder } from './service.js';
import { listBackupFiles } from './files.js';

/**
 * Automatic backups while the app runs: checked at start (so a desktop that was off for days backs
 * up at once) and then every quarter hour; a backup is due when the newest automatic one in the
 * backup folder is older than the policy's interval. A failure (USB disk not plugged in, share
 * offline) is kept for the Data page and retried at the next check.
 */
export const CHECK_EVERY_MS = 15 * 60 * 1000;
const START_DELAY_MS = 10 * 1000;

type Run = <T>(label: string, fn: (ctx: Ctx) => Promise<T>) => Promise<T>;

export interface AutoBackup {
  /** Runs the check now; resolves to the backup's file name, or null when none was due. */
  checkNow(): Promise<string | null>;
  readonly lastProblem: string | null;
  stop(): void;
}

export function startAutoBackup(run: Run, log: (message: string, err?: unknown) => void, options: { timers?: boolean } = {}): AutoBackup {
  let lastProblem: string | null = null;
  let running = false;
  const checkNow = async (): Promise<string | null> => {
    if (running) return null;
    running = true;
    try {
      const made = await run('backup.auto', async (ctx) => {
        const { folder, settings } = await currentBackupFolder(ctx);
        if (!settings.backup.enabled) return null;
        const last = listBackupFiles(folder).find((f) => f.kind === 'auto');
        const slackMs = 5 * 60 * 1000;
        if (last && ctx.now.getTime() - last.createdAt.getTime() < settings.backup.intervalHours * 3_600_000 - slackMs) return null;
        return (await createBackup(ctx, { kind: 'auto', password: null })).fileName;
      });
      lastProblem = null;
      return made;
    } catch (err) {
      lastProblem = err instanceof AppError ? err.messageKey : 'backup.problem.autoFailed';
      log('automatic backup failed', err);
      return null;
    } finally {
      running = false;
    }
  };
  const timers: NodeJS.Timeout[] = [];
  if (options.timers !== false) {
    timers.push(setTimeout(() => void checkNow(), START_DELAY_MS));
    timers.push(setInterval(() => void checkNow(), CHECK_EVERY_MS));
    for (const t of timers) t.unref();
  }
  return {
    checkNow,
    get lastProblem() {
      return lastProblem;
    },
    stop: () => timers.forEach((t) => clearTimeout(t)),
  };
}
