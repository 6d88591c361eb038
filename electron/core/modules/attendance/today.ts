import type { Ctx } from '../../kernel/context.js';
import { workDateOf } from '../../../../shared/domain/attendance/work-date.js';
import { defaultRulesOn } from './schedules.js';
import { departmentTimeZone } from './settings.js';

/**
 * The department's work day now: its date, or yesterday before the day boundary (at 00:30 on
 * 1 March, 28 February is still open for its 02:00 check-out). What "today" means for the month's
 * figures, the "month is over" check of a lock, and the default of forms.
 */
export async function departmentToday(ctx: Ctx): Promise<string> {
  const [timeZone, rulesOn] = await Promise.all([departmentTimeZone(ctx.manager), defaultRulesOn(ctx.manager)]);
  return workDateOf(ctx.nowIso, timeZone, (date) => rulesOn(date).dayBoundary);
}
