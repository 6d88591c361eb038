import { addDays, localDateTime } from './time.js';

/**
 * The day a punch belongs to: its local date, or the day before when it falls before that date's
 * day boundary (a 01:30 check-out after a late evening counts for the evening's day). The same
 * rule as the day windows of rules.ts, for one instant.
 */
export function workDateOf(instant: string, timeZone: string, boundaryOn: (date: string) => string): string {
  const { date, time } = localDateTime(instant, timeZone);
  return time < `${boundaryOn(date)}:00`.slice(0, 8) ? addDays(date, -1) : date;
}
