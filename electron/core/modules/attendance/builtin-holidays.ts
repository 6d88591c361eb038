import { createRequire } from 'node:module';
import type { CalendarDay } from '../../../../shared/domain/attendance/types.js';

/**
 * The PRC statutory holidays and official make-up workdays (调休上班), from the chinese-days data
 * package (2004 to its latest year; see ../shared/notes/libraries.md: correct on every day
 * checked, and cross-checked in tests/core/attendance-calendar.test.ts against tyme4ts). Read as
 * date strings only: the package's Date-based functions answer in the computer's time zone.
 * Migration 0011 copies them into the department's calendar table, where HR can change them.
 */
interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** The package's "English name,中文名,n" label: the Chinese name. */
const chineseName = (label: string): string => label.split(',')[1] ?? label;

export function builtinCalendarDays(): CalendarDay[] {
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as PackageData;
  const days: CalendarDay[] = [
    ...Object.entries(data.holidays).map(([date, label]) => ({ date, kind: 'holiday' as const, name: chineseName(label) })),
    ...Object.entries(data.workdays).map(([date, label]) => ({ date, kind: 'workday' as const, name: chineseName(label) })),
  ];
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
