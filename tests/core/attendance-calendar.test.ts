import { LegalHoliday } from 'tyme4ts';
import { describe, expect, it } from 'vitest';
import { builtinCalendarDays } from '../../electron/core/modules/attendance/builtin-holidays.js';
import { isWorkday } from '../../shared/domain/attendance/rules.js';
import { datesBetween } from '../../shared/domain/attendance/time.js';
import { DEFAULT_SCHEDULE_RULES } from '../../shared/domain/attendance/types.js';

/**
 * The built-in PRC holiday calendar (chinese-days) checked against a second source, tyme4ts's
 * legal holidays, for every date of 2020–2026. Both are read from dates as text and numbers, so
 * the computer's time zone cannot shift a day.
 */

const YEARS = [2020, 2021, 2022, 2023, 2024, 2025, 2026];
/** Workdays per year by the notes (../shared/notes/libraries.md), Mon–Fri plus make-up days minus holidays. */
const WORKDAYS_PER_YEAR: Record<number, number> = { 2020: 249, 2021: 250, 2022: 249, 2023: 249, 2024: 251, 2025: 248, 2026: 248 };

const builtin = builtinCalendarDays();
const entries = new Map(builtin.map((d) => [d.date, d.kind]));

/** The department's answer: the built-in entry, else Monday to Friday. */
const builtinWorkday = (date: string): boolean => isWorkday(date, DEFAULT_SCHEDULE_RULES, entries.get(date));

/** tyme4ts's answer: a legal-holiday record says work or rest; no record, the weekly rule. */
function tymeWorkday(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const holiday = LegalHoliday.fromYmd(y, m, d);
  if (holiday) return holiday.isWork();
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

describe('the built-in holiday calendar', () => {
  it.each(YEARS)('agrees with tyme4ts on every date of %i', (year) => {
    const disagreements = datesBetween(`${year}-01-01`, `${year}-12-31`).filter((date) => builtinWorkday(date) !== tymeWorkday(date));
    expect(disagreements).toEqual([]);
  });

  it.each(YEARS)('has the published number of workdays in %i', (year) => {
    const dates = datesBetween(`${year}-01-01`, `${year}-12-31`);
    expect(dates.filter(builtinWorkday)).toHaveLength(WORKDAYS_PER_YEAR[year] as number);
    expect(dates.filter(tymeWorkday)).toHaveLength(WORKDAYS_PER_YEAR[year] as number);
  });

  it('has the days the notes checked by hand', () => {
    expect(entries.get('2025-01-26')).toBe('workday'); // a Sunday
    for (const date of datesBetween('2025-10-01', '2025-10-08')) expect([date, entries.get(date)]).toEqual([date, 'holiday']);
    for (const date of ['2025-09-28', '2025-10-11']) expect([date, entries.get(date)]).toEqual([date, 'workday']);
    for (const date of datesBetween('2026-02-15', '2026-02-23')) expect([date, entries.get(date)]).toEqual([date, 'holiday']);
    for (const date of ['2026-02-14', '2026-02-28', '2026-09-20', '2026-10-10']) expect([date, entries.get(date)]).toEqual([date, 'workday']);
    expect(builtinWorkday('2025-10-09')).toBe(true);
    expect(builtinWorkday('2025-10-12')).toBe(false);
  });

  it('lists each date once, in order, with a name and a known kind', () => {
    const dates = builtin.map((d) => d.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    for (const day of builtin) {
      expect(day.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['holiday', 'workday']).toContain(day.kind);
      expect(day.name.length).toBeGreaterThan(0);
    }
  });
});
