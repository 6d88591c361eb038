import type { EntityManager } from 'typeorm';
import { DEFAULT_LOCALE, type Locale } from '../../../../shared/domain/locale.js';
import { BACKUP_POLICY_KEYS, DEFAULT_BACKUP_POLICY, type BackupPolicy, type MachineSettingName } from '../../../../shared/domain/settings.js';
import type { LoadedMachineSettings } from './machine.js';
import { getSetting } from './store.js';

export interface EffectiveSettings {
  backup: BackupPolicy;
  language: Locale;
  locked: MachineSettingName[];
}

/**
 * What applies now, for each setting: a value IT locked in the machine file, else the department's
 * own choice (stored in the database), else IT's preset, else the built-in default.
 */
export async function effectiveSettings(manager: EntityManager, machine: LoadedMachineSettings): Promise<EffectiveSettings> {
  const locked = machine.settings.locked ?? [];
  const it = machine.settings.backup ?? {};
  const own = parseOwnPolicy(await getSetting(manager, 'backup.policy'));
  const backup = { ...DEFAULT_BACKUP_POLICY };
  for (const key of BACKUP_POLICY_KEYS) {
    const isLocked = locked.includes(`backup.${key}`);
    const value = isLocked ? (it[key] ?? own[key]) : (own[key] ?? it[key]);
    if (value !== undefined) (backup as Record<string, unknown>)[key] = value;
  }
  return { backup, language: machine.settings.language ?? DEFAULT_LOCALE, locked };
}

function parseOwnPolicy(text: string | null): Partial<BackupPolicy> {
  if (!text) return {};
  try {
    return JSON.parse(text) as Partial<BackupPolicy>;
  } catch {
    return {};
  }
}
