import fs from 'node:fs';
import path from 'node:path';
import type { SettingsView } from '../../../../shared/api/backup.js';
import type { ParsedInputOf } from '../../../../shared/api/index.js';
import { BACKUP_POLICY_KEYS, type BackupPolicy } from '../../../../shared/domain/settings.js';
import { AppError } from '../../kernel/errors.js';
import type { Ctx } from '../../kernel/context.js';
import type { DataPaths } from '../../paths.js';
import { resolveBackupFolder } from '../backup/files.js';
import { backupFolderProblem } from '../backup/places.js';
import { effectiveSettings } from './effective.js';
import { getSetting, setSetting } from './store.js';

export async function settingsView(ctx: Ctx): Promise<SettingsView> {
  const s = await effectiveSettings(ctx.manager, ctx.services.machine);
  return {
    backup: s.backup,
    backupFolder: resolveBackupFolder(s.backup.folder, ctx.services.paths),
    dataDir: ctx.services.paths.dataDir,
    language: s.language,
    locked: s.locked,
    machineFile: { path: ctx.services.machine.file, problem: ctx.services.machine.problem },
  };
}

const PLACE_MESSAGES = { systemFolder: 'validation.systemFolder', insideDataFolder: 'validation.insideDataFolder' } as const;

/**
 * A backup folder must be an absolute path OpsDesk can create and write to, outside the system's
 * folders and the data folder's insides (its default backups/ folder excepted; backup/places.ts).
 * Checked before anything is created there.
 */
function assertBackupFolder(folder: string, paths: DataPaths): void {
  const field = { 'backup.folder': 'validation.folderNotWritable' };
  if (!path.isAbsolute(folder)) throw new AppError('VALIDATION', 'error.validation', { 'backup.folder': 'validation.absolutePathRequired' });
  const problem = backupFolderProblem(folder, paths);
  if (problem) throw new AppError('VALIDATION', 'error.validation', { 'backup.folder': PLACE_MESSAGES[problem] });
  try {
    fs.mkdirSync(folder, { recursive: true });
    const probe = path.join(folder, `.opsdesk-write-test-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch {
    throw new AppError('VALIDATION', 'error.validation', field);
  }
}

/** Changes the department's own settings; a setting IT locked cannot be changed here. */
export async function updateSettings(ctx: Ctx, input: ParsedInputOf<'settings.update'>): Promise<SettingsView> {
  const { locked } = await effectiveSettings(ctx.manager, ctx.services.machine);
  const changes = input.backup;
  const refused = BACKUP_POLICY_KEYS.filter((k) => changes[k] !== undefined && locked.includes(`backup.${k}`));
  if (refused.length) {
    throw new AppError('FORBIDDEN', 'error.settingLocked', Object.fromEntries(refused.map((k) => [`backup.${k}`, 'validation.lockedByIT'])));
  }
  if (changes.folder) assertBackupFolder(changes.folder, ctx.services.paths);
  const before = JSON.parse((await getSetting(ctx.manager, 'backup.policy')) ?? '{}') as Partial<BackupPolicy>;
  const after: Partial<BackupPolicy> = { ...before };
  for (const k of BACKUP_POLICY_KEYS) {
    if (changes[k] === undefined) continue;
    (after as Record<string, unknown>)[k] = k === 'folder' && changes.folder === '' ? null : changes[k];
  }
  await setSetting(ctx.manager, 'backup.policy', JSON.stringify(after), ctx.nowIso);
  await ctx.audit({ entity: 'settings', recordId: null, action: 'update', before, after });
  return settingsView(ctx);
}
