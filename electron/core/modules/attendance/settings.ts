import type { EntityManager } from 'typeorm';
import type { Ctx } from '../../kernel/context.js';
import { AppError, fieldError } from '../../kernel/errors.js';
import { MonthLockEntity } from './entities.js';
import { DEFAULT_TIME_ZONE } from '../../../../shared/domain/attendance/types.js';
import { isValidTimeZone } from '../../../../shared/domain/attendance/time.js';
import { getSetting, setSetting } from '../settings/store.js';

/**
 * The department's time zone: days, work hours, deadlines and punches are in it, whatever the
 * computer's zone (a laptop set to another zone on a trip keeps the department's days).
 */
export async function departmentTimeZone(manager: EntityManager): Promise<string> {
  const stored = await getSetting(manager, 'attendance.timeZone');
  return stored && isValidTimeZone(stored) ? stored : DEFAULT_TIME_ZONE;
}

export async function getAttendanceSettings(ctx: Ctx): Promise<{ timeZone: string }> {
  return { timeZone: await departmentTimeZone(ctx.manager) };
}

export async function updateAttendanceSettings(ctx: Ctx, input: { timeZone: string }): Promise<{ timeZone: string }> {
  if (!isValidTimeZone(input.timeZone)) throw fieldError('timeZone', 'validation.invalidTimeZone');
  const before = await departmentTimeZone(ctx.manager);
  if (before === input.timeZone) return { timeZone: before };
  // Another zone moves every stored punch to other hours, some to other days: not under a locked month.
  if ((await ctx.manager.getRepository(MonthLockEntity).count()) > 0) throw new AppError('INVALID_STATE', 'error.monthLocked', { timeZone: 'validation.zoneWithLockedMonths' });
  await setSetting(ctx.manager, 'attendance.timeZone', input.timeZone, ctx.nowIso);
  await ctx.audit({ entity: 'settings', recordId: null, action: 'update', before: { timeZone: before }, after: { timeZone: input.timeZone } });
  return { timeZone: input.timeZone };
}
