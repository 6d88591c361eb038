import type { EntityManager } from 'typeorm';
import { SettingEntity } from '../../kernel/entities.js';

/** Department-wide settings, a small key/value table (department name, setup state...). */
export type SettingKey = 'department.name' | 'setup.completedAt' | 'backup.policy' | 'attendance.timeZone' | 'attendance.calendarSeed';

export async function getSetting(manager: EntityManager, key: SettingKey): Promise<string | null> {
  const row = await manager.getRepository(SettingEntity).findOne({ where: { key } });
  return row?.value ?? null;
}

export async function setSetting(manager: EntityManager, key: SettingKey, value: string, nowIso: string): Promise<void> {
  await manager.getRepository(SettingEntity).save({ key, value, updatedAt: nowIso });
}
