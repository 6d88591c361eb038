import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { Ctx } from '../../kernel/context.js';
import { AppError } from '../../kernel/errors.js';
import { MonthLockEntity } from './entities.js';

/**
 * A locked month (月度考勤锁定) no longer changes: no punch, correction, leave, schedule or calendar
 * change may touch one of its days until HR or the manager unlocks it with a reason.
 */
export async function lockedMonths(manager: EntityManager, months: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(months)];
  if (unique.length === 0) return new Set();
  const rows = await manager.getRepository(MonthLockEntity).find({ select: { month: true }, where: { month: In(unique) } });
  return new Set(rows.map((r) => r.month));
}

/** Refuses a change touching a day of a locked month: INVALID_STATE error.monthLocked, on `field` when named. */
export async function assertDatesOpen(ctx: Ctx, dates: readonly string[], field?: string): Promise<void> {
  const locked = await lockedMonths(ctx.manager, dates.map((d) => d.slice(0, 7)));
  if (locked.size === 0) return;
  throw new AppError('INVALID_STATE', 'error.monthLocked', field ? { [field]: 'validation.monthLocked' } : undefined);
}
