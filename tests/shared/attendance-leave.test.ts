import { describe, expect, it } from 'vitest';
import { isWorkday, leaveHalfDays, leaveHalvesOn, statutoryAnnualLeaveDays, type LeaveSpan } from '../../shared/domain/attendance/rules.js';
import { DEFAULT_SCHEDULE_RULES, type CalendarKind, type DayHalf } from '../../shared/domain/attendance/types.js';

/** Leave halves, the half-days a leave takes, and the statutory annual-leave entitlement. */

const span = (startDate: string, startHalf: DayHalf, endDate: string, endHalf: DayHalf): LeaveSpan => ({ type: 'annual', startDate, startHalf, endDate, endHalf });
const both = { am: true, pm: true };
const none = { am: false, pm: false };

describe('leaveHalvesOn', () => {
  it('one morning is am/am, one afternoon pm/pm, a day am/pm', () => {
    expect(leaveHalvesOn(span('2025-03-03', 'am', '2025-03-03', 'am'), '2025-03-03')).toEqual({ am: true, pm: false });
    expect(leaveHalvesOn(span('2025-03-03', 'pm', '2025-03-03', 'pm'), '2025-03-03')).toEqual({ am: false, pm: true });
    expect(leaveHalvesOn(span('2025-03-03', 'am', '2025-03-03', 'pm'), '2025-03-03')).toEqual(both);
  });

  it('a span from an afternoon to a morning covers the whole days between', () => {
    const leave = span('2025-03-03', 'pm', '2025-03-06', 'am');
    expect(leaveHalvesOn(leave, '2025-03-02')).toEqual(none);
    expect(leaveHalvesOn(leave, '2025-03-03')).toEqual({ am: false, pm: true });
    expect(leaveHalvesOn(leave, '2025-03-04')).toEqual(both);
    expect(leaveHalvesOn(leave, '2025-03-05')).toEqual(both);
    expect(leaveHalvesOn(leave, '2025-03-06')).toEqual({ am: true, pm: false });
    expect(leaveHalvesOn(leave, '2025-03-07')).toEqual(none);
  });

  it('an afternoon-to-morning leave of one date covers nothing', () => {
    expect(leaveHalvesOn(span('2025-03-03', 'pm', '2025-03-03', 'am'), '2025-03-03')).toEqual(none);
  });
});

describe('leaveHalfDays', () => {
  const weekly = (date: string): boolean => isWorkday(date, DEFAULT_SCHEDULE_RULES, undefined);

  it.each([
    [span('2025-03-03', 'am', '2025-03-03', 'am'), 1],
    [span('2025-03-03', 'am', '2025-03-03', 'pm'), 2],
    [span('2025-03-03', 'am', '2025-03-07', 'pm'), 10],
    [span('2025-03-07', 'pm', '2025-03-10', 'am'), 2], // Friday afternoon to Monday morning, the weekend not counted
    [span('2025-03-08', 'am', '2025-03-09', 'pm'), 0], // a weekend
    [span('2025-02-27', 'pm', '2025-03-04', 'am'), 6], // across two months
    [span('2024-02-28', 'am', '2024-03-01', 'pm'), 6], // a leap day
    [span('2025-03-03', 'pm', '2025-03-03', 'am'), 0],
    [span('2025-03-07', 'am', '2025-03-03', 'pm'), 0], // ends before it starts
  ])('%j takes %i half-days', (leave, halves) => {
    expect(leaveHalfDays(leave, weekly)).toBe(halves);
  });

  it('skips the calendar’s holidays and counts its make-up workdays', () => {
    const calendar = new Map<string, CalendarKind>([
      ['2025-09-28', 'workday'],
      ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => [`2025-10-${d}`, 'holiday'] as [string, CalendarKind]),
      ['2025-10-11', 'workday'],
    ]);
    const onCalendar = (date: string): boolean => isWorkday(date, DEFAULT_SCHEDULE_RULES, calendar.get(date));
    // Fri 09-26 .. Sun 10-12: 09-26, 09-28, 09-29, 09-30, 10-09, 10-10, 10-11.
    expect(leaveHalfDays(span('2025-09-26', 'am', '2025-10-12', 'pm'), onCalendar)).toBe(14);
  });

  it('takes nothing for malformed dates instead of failing', () => {
    expect(leaveHalfDays(span('garbage', 'am', '2025-03-03', 'pm'), weekly)).toBe(0);
    expect(leaveHalfDays(span('2025-03-03', 'am', '', 'pm'), weekly)).toBe(0);
  });

  it('asks about each date once', () => {
    const asked: string[] = [];
    leaveHalfDays(span('2025-03-01', 'am', '2025-03-05', 'pm'), (date) => (asked.push(date), true));
    expect(asked).toEqual(['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04', '2025-03-05']);
  });
});

describe('statutoryAnnualLeaveDays', () => {
  it.each([
    // Full years of service on 1 January of the year, one day either side of each threshold.
    ['2025-01-01', 2025, 0],
    ['2024-01-02', 2025, 0],
    ['2024-01-01', 2025, 5],
    ['2024-06-30', 2025, 0],
    ['2024-06-30', 2026, 5],
    ['2016-01-02', 2025, 5],
    ['2016-01-01', 2025, 5],
    ['2015-01-02', 2025, 5],
    ['2015-01-01', 2025, 10],
    ['2005-01-02', 2025, 10],
    ['2005-01-01', 2025, 15],
    ['1990-07-15', 2025, 15],
    ['2020-02-29', 2021, 0],
    ['2020-02-29', 2022, 5],
    ['2026-03-01', 2025, 0], // hired after the year
  ])('hired %s, year %i: %i days', (hireDate, year, days) => {
    expect(statutoryAnnualLeaveDays(hireDate, year)).toBe(days);
  });

  it('answers 0 for input it cannot read', () => {
    expect(statutoryAnnualLeaveDays('', 2025)).toBe(0);
    expect(statutoryAnnualLeaveDays('2020/01/01', 2025)).toBe(0);
    expect(statutoryAnnualLeaveDays('2000-01-01', Number.NaN)).toBe(0);
  });
});
