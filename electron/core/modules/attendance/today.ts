import type { Ctx } from '../../kernel/context.js';
import { workDateOf } from '../../../../shared/domain/attendance/work-date.js';
import type { ScheduleRules } from '../../../../shared/domain/attendance/types.js';
import { defaultRulesOn } from './schedules.js';
import { departmentTimeZone } from './settings.js';

/**
 * The department's work day now: its date, or yesterday before the day boundary (at 00:30 on
 * 1 March, 28 February is still open for its 02:00 check-out). What "today" means for the month's
 * figures, the "month is over" check of a lock, and the default of forms.
 */
export async function departmentToday(ctx: Ctx): Promise<string> {
  const [timeZone, rulesOn] = await Promise.all([departmentTimeZone(ctx.manager), defaultRulesOn(ctx.manager)]);
  return todayBy(ctx, timeZone, rulesOn);
}

/** The same, for a caller that has the time zone and the default rules at hand. */
export function todayBy(ctx: Ctx, timeZone: string, defaultRules: (date: string) => ScheduleRules): string {
  return workDateOf(ctx.nowIso, timeZone, (date) => defaultRules(date).dayBoundary);
}
