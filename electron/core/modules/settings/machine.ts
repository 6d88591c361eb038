import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LOCALES } from '../../../../shared/domain/locale.js';
import { MACHINE_SETTING_NAMES, type MachineSettings } from '../../../../shared/domain/settings.js';
import { defaultDataDir } from '../../paths.js';

/**
 * The machine-wide settings file IT can place to preset (and lock) a desktop's settings:
 * `opsdesk-settings.json` beside the installed app, or `settings.json` in the OS's shared
 * program-data folder (see README "For IT"). A malformed file is reported and ignored, never a crash.
 */
export const MACHINE_FILE_NAME = 'opsdesk-settings.json';

const count = (max: number) => z.number().int().min(0).max(max);
const schema = z
  .object({
    $schema: z.string().optional(),
    dataDir: z.string().min(1).optional(),
    language: z.enum(LOCALES).optional(),
    backup: z
      .object({
        enabled: z.boolean().optional(),
        folder: z.string().min(1).nullable().optional(),
        intervalHours: z.number().int().min(1).max(24 * 7).optional(),
        keepDaily: count(365).optional(),
        keepWeekly: count(260).optional(),
        keepMonthly: count(240).optional(),
      })
      .strict()
      .optional(),
    locked: z.array(z.enum(MACHINE_SETTING_NAMES)).optional(),
  })
  .strict();

export interface LoadedMachineSettings {
  /** The file that was read, or null when none exists. */
  file: string | null;
  settings: MachineSettings;
  /** Why the file was ignored (unreadable, not JSON, invalid), or null. */
  problem: string | null;
}

export const NO_MACHINE_SETTINGS: LoadedMachineSettings = { file: null, settings: {}, problem: null };

/** Where the file may be, most specific first. */
export function machineSettingsCandidates(o: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; appDir?: string | null } = {}): string[] {
  const env = o.env ?? process.env;
  const platform = o.platform ?? process.platform;
  const candidates: string[] = [];
  if (env.OPSDESK_SETTINGS_FILE) candidates.push(env.OPSDESK_SETTINGS_FILE);
  if (o.appDir) candidates.push(path.join(o.appDir, MACHINE_FILE_NAME));
  if (platform === 'win32') candidates.push(path.join(env.ProgramData ?? 'C:\\ProgramData', 'OpsDesk', 'settings.json'));
  else if (platform === 'darwin') candidates.push('/Library/Application Support/OpsDesk/settings.json');
  else candidates.push('/etc/opsdesk/settings.json');
  return candidates;
}

/** Reads the first settings file that exists. */
export function loadMachineSettings(o: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; appDir?: string | null } = {}): LoadedMachineSettings {
  const file = machineSettingsCandidates(o).find((f) => fs.existsSync(f));
  if (!file) return NO_MACHINE_SETTINGS;
  return parseMachineSettings(file, () => fs.readFileSync(file, 'utf8'));
}

export function parseMachineSettings(file: string, read: () => string): LoadedMachineSettings {
  let text: string;
  try {
    text = read();
  } catch (err) {
    return { file, settings: {}, problem: `cannot be read: ${(err as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { file, settings: {}, problem: 'is not valid JSON' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { file, settings: {}, problem: `is invalid at "${issue.path.join('.') || '(top)'}": ${issue.message}` };
  }
  const { $schema: _schema, ...settings } = parsed.data;
  return { file, settings: settings as MachineSettings, problem: null };
}

/** The data folder when none is given on the command line: IT's machine-wide setting, else the per-user one. */
export function defaultDataDirFor(machine: LoadedMachineSettings): string {
  return machine.settings.dataDir ?? defaultDataDir();
}
