import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addFigures, emptyFigures, isWorkday, personMonth, type LeaveSpan, type PersonMonthInput } from '../../shared/domain/attendance/rules.js';
import { addDays, instantAt, monthDates } from '../../shared/domain/attendance/time.js';
import { DEFAULT_SCHEDULE_RULES, LEAVE_TYPES, type CalendarKind, type DayVerdict, type MonthFigures, type ScheduleRules } from '../../shared/domain/attendance/types.js';

/**
 * The attendance rules of issue 9 at their boundaries (one second either side). Punches are
 * written as department-local wall times and turned into UTC instants with the zone of the case,
 * so the computer's own zone (process.env.TZ, left as it is) plays no part.
 */

const SH = 'Asia/Shanghai';
const LA = 'America/Los_Angeles';

/** 'YYYY-MM-DD HH:MM[:SS[.mmm]]' of `timeZone` → a UTC instant. */
function local(text: string, timeZone = SH): string {
  const [date = '', time = ''] = text.split(' ');
  const [hms = '', ms] = time.split('.');
  const instant = instantAt(date, hms, timeZone);
  return ms === undefined ? instant : new Date(Date.parse(instant) + Number(ms)).toISOString();
}

interface Case extends Partial<Omit<PersonMonthInput, 'punches' | 'rulesOn'>> {
  /** Local wall times of the case's zone. */
  punches?: string[];
  rules?: Partial<ScheduleRules>;
  rulesOn?: PersonMonthInput['rulesOn'];
}

function run(c: Case): { days: DayVerdict[]; figures: MonthFigures } {
  const timeZone = c.timeZone ?? SH;
  const rules = { ...DEFAULT_SCHEDULE_RULES, ...c.rules };
  return personMonth({
    month: c.month ?? '2025-03',
    timeZone,
    today: c.today ?? '2026-01-01',
    employment: c.employment ?? { hireDate: '2020-01-01', leftDate: null },
    calendar: c.calendar ?? new Map(),
    rulesOn: c.rulesOn ?? (() => rules),
    punches: (c.punches ?? []).map((p) => local(p, timeZone)),
    leaves: c.leaves ?? [],
  });
}

function dayOf(days: readonly DayVerdict[], date: string): DayVerdict {
  const day = days.find((d) => d.date === date);
  if (!day) throw new Error(`no verdict for ${date}`);
  return day;
}

/** One date judged alone: the person is employed that day only, so the figures are the day's. */
function oneDay(date: string, times: string[], extra: Case = {}): { day: DayVerdict; figures: MonthFigures } {
  const { days, figures } = run({ month: date.slice(0, 7), employment: { hireDate: date, leftDate: date }, punches: times.map((t) => `${date} ${t}`), ...extra });
  return { day: dayOf(days, date), figures };
}

const MON = '2025-03-03';

describe('late arrival', () => {
  it.each([
    ['09:00:00', 0],
    ['09:10:00', 0],
    ['09:10:00.999', 0], // compared to the second
    ['09:10:01', 10],
    ['09:10:59', 10],
    ['09:11:00', 11],
    ['11:00:00', 120],
  ])('check-in %s with 10 minutes grace: %i minutes late', (time, minutes) => {
    const { day, figures } = oneDay(MON, [time, '18:00']);
    expect(day.lateMinutes).toBe(minutes);
    expect(figures.lateCount).toBe(minutes > 0 ? 1 : 0);
    expect(figures.lateMinutes).toBe(minutes);
    expect(figures.absentDays).toBe(0);
    expect(figures.presentDays).toBe(1);
  });

  it('a second late without grace is a minute late', () => {
    expect(oneDay(MON, ['09:00:00', '18:00'], { rules: { lateGraceMinutes: 0 } }).day.lateMinutes).toBe(0);
    expect(oneDay(MON, ['09:00:01', '18:00'], { rules: { lateGraceMinutes: 0 } }).day.lateMinutes).toBe(1);
  });

  it('later than start + the half-day threshold is half a day absent, not a late', () => {
    const { day, figures } = oneDay(MON, ['11:00:01', '18:00']);
    expect(day).toMatchObject({ lateMinutes: 0, absentDays: 0.5 });
    expect(figures).toMatchObject({ lateCount: 0, lateMinutes: 0, absentDays: 0.5, presentDays: 0.5 });
  });
});

describe('early leave', () => {
  it.each([
    ['18:00:00', 0],
    ['18:30:00', 0],
    ['17:59:59', 1],
    ['17:59:00', 1],
    ['17:58:59', 1],
    ['17:58:00', 2],
    ['16:00:00', 120],
  ])('check-out %s without grace: %i minutes early', (time, minutes) => {
    const { day, figures } = oneDay(MON, ['08:55', time]);
    expect(day.earlyMinutes).toBe(minutes);
    expect(figures).toMatchObject({ earlyCount: minutes > 0 ? 1 : 0, earlyMinutes: minutes, absentDays: 0 });
  });

  it('the early grace mirrors the late one', () => {
    const rules = { earlyGraceMinutes: 5 };
    expect(oneDay(MON, ['08:55', '17:55:00'], { rules }).day.earlyMinutes).toBe(0);
    expect(oneDay(MON, ['08:55', '17:54:59'], { rules }).day.earlyMinutes).toBe(5);
  });

  it('earlier than end − the half-day threshold is half a day absent, not an early leave', () => {
    const { day, figures } = oneDay(MON, ['08:55', '15:59:59']);
    expect(day).toMatchObject({ earlyMinutes: 0, absentDays: 0.5 });
    expect(figures).toMatchObject({ earlyCount: 0, absentDays: 0.5, presentDays: 0.5 });
  });

  it('both sides beyond the threshold: a whole day absent', () => {
    const { day, figures } = oneDay(MON, ['11:00:01', '15:59:59']);
    expect(day).toMatchObject({ lateMinutes: 0, earlyMinutes: 0, absentDays: 1 });
    expect(figures).toMatchObject({ absentDays: 1, presentDays: 0 });
  });
});

describe('punches of a day', () => {
  it('no punch and no leave: absent a day', () => {
    const { day, figures } = oneDay(MON, []);
    expect(day).toMatchObject({ kind: 'workday', absentDays: 1, missingPunches: 0, checkIn: null, checkOut: null });
    expect(figures).toMatchObject({ workdays: 1, absentDays: 1, presentDays: 0 });
  });

  it('first in, last out', () => {
    const { day, figures } = oneDay(MON, ['12:01', '08:50', '18:10', '13:02']);
    expect(day.checkIn).toBe(local(`${MON} 08:50`));
    expect(day.checkOut).toBe(local(`${MON} 18:10`));
    expect(day.punches).toHaveLength(4);
    expect(figures).toMatchObject({ presentDays: 1, lateCount: 0, earlyCount: 0, missingPunches: 0 });
  });

  it.each([
    ['08:55:00', 'in', 0, 0],
    ['09:30:00', 'in', 30, 0],
    ['12:59:59', 'in', 0, 0.5], // before lunch end: a check-in, beyond the threshold
    ['13:00:00', 'out', 0, 0.5], // from lunch end: a check-out, beyond the threshold
    ['17:00:00', 'out', 60, 0],
    ['18:05:00', 'out', 0, 0],
  ])('one punch at %s is a check-%s, judged on its side only', (time, side, minutes, absent) => {
    const { day, figures } = oneDay(MON, [time]);
    const instant = local(`${MON} ${time}`);
    expect(day.checkIn).toBe(side === 'in' ? instant : null);
    expect(day.checkOut).toBe(side === 'out' ? instant : null);
    expect(day.lateMinutes + day.earlyMinutes).toBe(minutes);
    expect(figures).toMatchObject({ missingPunches: 1, absentDays: absent, presentDays: 1 - absent });
  });

  it('duplicates are removed, whatever shape the same instant comes in', () => {
    const at = local(`${MON} 08:55`);
    const result = personMonth({
      month: '2025-03',
      timeZone: SH,
      today: '2026-01-01',
      employment: { hireDate: MON, leftDate: MON },
      calendar: new Map(),
      rulesOn: () => DEFAULT_SCHEDULE_RULES,
      punches: [at, at, at.replace('.000Z', 'Z'), '2025-03-03T08:55:00+08:00'],
      leaves: [],
    });
    expect(dayOf(result.days, MON)).toMatchObject({ punches: [at], checkIn: at, missingPunches: 1 });
  });

  it('leaves out unreadable punches and ones without an offset instead of failing', () => {
    const result = personMonth({
      month: '2025-03',
      timeZone: SH,
      today: '2026-01-01',
      employment: { hireDate: MON, leftDate: MON },
      calendar: new Map(),
      rulesOn: () => DEFAULT_SCHEDULE_RULES,
      punches: ['garbage', '2025-03-03 09:00:00', '2025-03-03T09:00:00', local(`${MON} 18:00`)],
      leaves: [],
    });
    expect(dayOf(result.days, MON).punches).toEqual([local(`${MON} 18:00`)]);
  });
});

describe('the day boundary', () => {
  it('a punch at 01:30 belongs to the previous day; 04:00:00 starts the next', () => {
    const { days } = run({ punches: ['2025-03-03 08:55', '2025-03-04 01:30', '2025-03-04 03:59:59', '2025-03-04 04:00:00', '2025-03-04 18:00'] });
    expect(dayOf(days, '2025-03-03')).toMatchObject({ checkOut: local('2025-03-04 03:59:59'), earlyMinutes: 0, absentDays: 0 });
    expect(dayOf(days, '2025-03-03').punches).toHaveLength(3);
    expect(dayOf(days, '2025-03-04')).toMatchObject({ checkIn: local('2025-03-04 04:00:00'), punches: [local('2025-03-04 04:00:00'), local('2025-03-04 18:00')] });
  });

  it('the month starts at its first boundary and ends at the next month’s', () => {
    // 2025-03-31 is a Monday; 04-01 02:00 is still its night. 03-01 03:00 belongs to 02-28.
    const { days } = run({ punches: ['2025-03-01 03:00', '2025-03-31 09:00', '2025-04-01 02:00', '2025-04-01 04:00'] });
    expect(dayOf(days, '2025-03-01').punches).toEqual([]);
    expect(dayOf(days, '2025-03-31')).toMatchObject({ checkIn: local('2025-03-31 09:00'), checkOut: local('2025-04-01 02:00') });
    expect(days.flatMap((d) => d.punches)).toHaveLength(2);
  });

  it('a boundary of 00:00 makes the day the calendar day', () => {
    const { days } = run({ rules: { dayBoundary: '00:00' }, punches: ['2025-03-03 23:59:59', '2025-03-04 00:00:00'] });
    expect(dayOf(days, '2025-03-03').punches).toEqual([local('2025-03-03 23:59:59')]);
    expect(dayOf(days, '2025-03-04').punches).toEqual([local('2025-03-04 00:00:00')]);
  });
});

describe('a schedule change in the middle of the month', () => {
  const later: ScheduleRules = { ...DEFAULT_SCHEDULE_RULES, workDays: [1, 2, 3, 4, 5, 6], workStart: '10:00', workEnd: '19:00', lunchStart: '13:00', lunchEnd: '14:00', dayBoundary: '05:00' };
  const rulesOn = (date: string): ScheduleRules => (date >= '2025-03-16' ? later : DEFAULT_SCHEDULE_RULES);

  it('judges each day by the rules in effect on it', () => {
    const { days } = run({ rulesOn, punches: ['2025-03-14 09:30', '2025-03-14 18:00', '2025-03-17 09:30', '2025-03-17 19:00', '2025-03-18 10:15', '2025-03-18 18:00'] });
    expect(dayOf(days, '2025-03-14').lateMinutes).toBe(30);
    expect(dayOf(days, '2025-03-17')).toMatchObject({ lateMinutes: 0, earlyMinutes: 0 });
    expect(dayOf(days, '2025-03-18')).toMatchObject({ lateMinutes: 15, earlyMinutes: 60 });
  });

  it('counts the new weekly rule from its date (Saturdays from the 16th)', () => {
    const { days, figures } = run({ rulesOn });
    expect(dayOf(days, '2025-03-15').kind).toBe('restday');
    expect(dayOf(days, '2025-03-22').kind).toBe('workday');
    expect(figures.workdays).toBe(10 + 13);
  });

  it('the window of the day before the change ends at the new boundary', () => {
    // 03-15 runs from 03-15 04:00 to 03-16 05:00; 03-16 to 03-17 05:00.
    const { days } = run({ rulesOn, punches: ['2025-03-16 04:30', '2025-03-16 05:00', '2025-03-17 04:59:59', '2025-03-17 05:00'] });
    expect(dayOf(days, '2025-03-15').punches).toEqual([local('2025-03-16 04:30')]);
    expect(dayOf(days, '2025-03-16').punches).toEqual([local('2025-03-16 05:00'), local('2025-03-17 04:59:59')]);
    expect(dayOf(days, '2025-03-17').punches).toEqual([local('2025-03-17 05:00')]);
  });
});

describe('employment', () => {
  it('days before the hire date and after the leave date are neither workdays nor absences', () => {
    const { days, figures } = run({ employment: { hireDate: '2025-03-12', leftDate: '2025-03-20' }, punches: ['2025-03-11 09:00', '2025-03-11 18:00', '2025-03-21 09:00'] });
    expect(dayOf(days, '2025-03-11')).toMatchObject({ kind: 'notEmployed', absentDays: 0, checkIn: null, punches: [local('2025-03-11 09:00'), local('2025-03-11 18:00')] });
    expect(dayOf(days, '2025-03-12').kind).toBe('workday');
    expect(dayOf(days, '2025-03-20').kind).toBe('workday');
    expect(dayOf(days, '2025-03-21')).toMatchObject({ kind: 'notEmployed', punches: [local('2025-03-21 09:00')] });
    // 12, 13, 14, 17–20: seven workdays, no punch on them.
    expect(figures).toMatchObject({ workdays: 7, absentDays: 7, presentDays: 0, missingPunches: 0 });
  });

  it('hired in the middle of the month and still employed', () => {
    expect(run({ employment: { hireDate: '2025-03-12', leftDate: null } }).figures.workdays).toBe(14);
  });
});

describe('today and the future', () => {
  it('days from today on are shown with their punches, not judged and not counted', () => {
    const { days, figures } = run({ today: '2025-03-19', punches: ['2025-03-18 09:00', '2025-03-18 18:00', '2025-03-19 09:30', '2025-03-20 01:00'] });
    expect(dayOf(days, '2025-03-18')).toMatchObject({ kind: 'workday', absentDays: 0 });
    expect(dayOf(days, '2025-03-19')).toMatchObject({ kind: 'future', lateMinutes: 0, absentDays: 0, checkIn: null });
    expect(dayOf(days, '2025-03-19').punches).toEqual([local('2025-03-19 09:30'), local('2025-03-20 01:00')]);
    expect(dayOf(days, '2025-03-22').kind).toBe('future');
    // 3–7, 10–14, 17, 18: twelve workdays, one of them present.
    expect(figures).toMatchObject({ workdays: 12, presentDays: 1, absentDays: 11, lateCount: 0 });
  });
});

describe('leave', () => {
  const leave = (type: LeaveSpan['type'], startDate: string, startHalf: LeaveSpan['startHalf'], endDate: string, endHalf: LeaveSpan['endHalf']): LeaveSpan => ({ type, startDate, startHalf, endDate, endHalf });

  it('a whole-day leave is a leave day of its type, not an absence, whatever the punches', () => {
    const { day, figures } = oneDay(MON, ['11:30'], { leaves: [leave('sick', MON, 'am', MON, 'pm')] });
    expect(day).toMatchObject({ kind: 'workday', leave: { type: 'sick', days: 1 }, absentDays: 0, missingPunches: 0, lateMinutes: 0, checkIn: null });
    expect(figures).toMatchObject({ workdays: 1, presentDays: 0, absentDays: 0 });
    expect(figures.leaveDays.sick).toBe(1);
  });

  it('a morning leave moves the expected start to lunch end', () => {
    const morning = [leave('personal', MON, 'am', MON, 'am')];
    expect(oneDay(MON, ['13:10:00', '18:00'], { leaves: morning }).day).toMatchObject({ lateMinutes: 0, absentDays: 0, leave: { type: 'personal', days: 0.5 } });
    expect(oneDay(MON, ['13:10:01', '18:00'], { leaves: morning }).day.lateMinutes).toBe(10);
    expect(oneDay(MON, ['15:00:00', '18:00'], { leaves: morning }).day).toMatchObject({ lateMinutes: 120, absentDays: 0 });
    const { day, figures } = oneDay(MON, ['15:00:01', '18:00'], { leaves: morning });
    expect(day).toMatchObject({ lateMinutes: 0, absentDays: 0.5 });
    expect(figures).toMatchObject({ presentDays: 0, absentDays: 0.5, leaveDays: expect.objectContaining({ personal: 0.5 }) });
  });

  it('an afternoon leave moves the expected end to lunch start', () => {
    const afternoon = [leave('annual', MON, 'pm', MON, 'pm')];
    expect(oneDay(MON, ['09:00', '12:00:00'], { leaves: afternoon }).day).toMatchObject({ earlyMinutes: 0, absentDays: 0 });
    expect(oneDay(MON, ['09:00', '11:59:59'], { leaves: afternoon }).day.earlyMinutes).toBe(1);
    expect(oneDay(MON, ['09:00', '09:59:59'], { leaves: afternoon }).day).toMatchObject({ earlyMinutes: 0, absentDays: 0.5 });
    expect(oneDay(MON, ['09:00', '11:59:59'], { leaves: afternoon }).figures).toMatchObject({ presentDays: 0.5, leaveDays: expect.objectContaining({ annual: 0.5 }) });
  });

  it('a half-day leave and no punch: the other half absent; nothing can lose more than the other half', () => {
    const morning = [leave('personal', MON, 'am', MON, 'am')];
    expect(oneDay(MON, [], { leaves: morning }).figures).toMatchObject({ absentDays: 0.5, presentDays: 0 });
    expect(oneDay(MON, ['16:00', '16:30'], { leaves: morning }).figures).toMatchObject({ absentDays: 0.5, presentDays: 0 });
  });

  it('a lone punch on a half-day-leave day is judged against the middle of the remaining half', () => {
    const morning = [leave('personal', MON, 'am', MON, 'am')];
    expect(oneDay(MON, ['13:05'], { leaves: morning }).day).toMatchObject({ checkOut: null, lateMinutes: 0, missingPunches: 1, absentDays: 0 });
    const afternoon = [leave('personal', MON, 'pm', MON, 'pm')];
    expect(oneDay(MON, ['12:01'], { leaves: afternoon }).day).toMatchObject({ checkIn: null, earlyMinutes: 0, missingPunches: 1, absentDays: 0 });
  });

  it('two leaves of different types fill the day between them', () => {
    const { figures } = oneDay(MON, [], { leaves: [leave('personal', MON, 'am', MON, 'am'), leave('sick', MON, 'pm', MON, 'pm')] });
    expect(figures).toMatchObject({ absentDays: 0, presentDays: 0, leaveDays: expect.objectContaining({ personal: 0.5, sick: 0.5 }) });
  });

  it('a leave spanning two months counts its own month’s workdays in each', () => {
    // Thu 02-27 afternoon to Tue 03-04 morning: 0.5 + 1 in February, 1 + 0.5 in March (not the weekend).
    const span = [leave('annual', '2025-02-27', 'pm', '2025-03-04', 'am')];
    const punches = ['2025-02-27 09:00', '2025-02-27 12:00', '2025-03-04 13:00', '2025-03-04 18:00'];
    const feb = run({ month: '2025-02', leaves: span, punches, employment: { hireDate: '2025-02-27', leftDate: null } });
    const mar = run({ month: '2025-03', leaves: span, punches, employment: { hireDate: '2020-01-01', leftDate: '2025-03-04' } });
    expect(feb.figures).toMatchObject({ workdays: 2, presentDays: 0.5, absentDays: 0, leaveDays: expect.objectContaining({ annual: 1.5 }) });
    expect(mar.figures).toMatchObject({ workdays: 2, presentDays: 0.5, absentDays: 0, leaveDays: expect.objectContaining({ annual: 1.5 }) });
    expect(dayOf(mar.days, '2025-03-01').leave).toBeNull();
  });

  it('keys leave days by all eight types', () => {
    expect(Object.keys(run({}).figures.leaveDays).sort()).toEqual([...LEAVE_TYPES].sort());
  });
});

describe('the calendar', () => {
  // October 2025: 10-01..08 national holidays (the Saturday and Sunday inside too), 10-11 a make-up Saturday.
  const october = new Map<string, CalendarKind>([
    ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => [`2025-10-${d}`, 'holiday'] as [string, CalendarKind]),
    ['2025-09-28', 'workday'],
    ['2025-10-11', 'workday'],
  ]);

  it('a make-up Saturday is a workday, a holiday weekday is not', () => {
    const { days, figures } = run({ month: '2025-10', calendar: october, punches: ['2025-10-09 09:00', '2025-10-09 18:00', '2025-10-01 09:00'] });
    expect(dayOf(days, '2025-10-11')).toMatchObject({ kind: 'workday', absentDays: 1 });
    expect(dayOf(days, '2025-10-01')).toMatchObject({ kind: 'holiday', absentDays: 0, punches: [local('2025-10-01 09:00')] });
    expect(dayOf(days, '2025-10-04').kind).toBe('holiday');
    expect(dayOf(days, '2025-10-12').kind).toBe('restday');
    // 23 weekdays − 6 holiday weekdays + 1 make-up Saturday.
    expect(figures).toMatchObject({ workdays: 18, presentDays: 1, absentDays: 17 });
  });

  it('a punch on a holiday or a rest day changes no figure', () => {
    const base = run({ month: '2025-10', calendar: october });
    const punched = run({ month: '2025-10', calendar: october, punches: ['2025-10-02 09:30', '2025-10-02 18:00', '2025-10-12 11:00', '2025-10-12 23:00'] });
    expect(punched.figures).toEqual(base.figures);
  });

  it('a make-up Sunday in September', () => {
    expect(dayOf(run({ month: '2025-09', calendar: october }).days, '2025-09-28').kind).toBe('workday');
  });

  it('isWorkday: the calendar entry first, else the weekly rule; normal goes back to the rule', () => {
    const rules = DEFAULT_SCHEDULE_RULES;
    expect(isWorkday('2025-10-01', rules, 'holiday')).toBe(false);
    expect(isWorkday('2025-10-11', rules, 'workday')).toBe(true);
    expect(isWorkday('2025-10-01', rules, 'normal')).toBe(true);
    expect(isWorkday('2025-10-11', rules, 'normal')).toBe(false);
    expect(isWorkday('2025-10-11', rules, undefined)).toBe(false);
    expect(isWorkday('2025-10-12', { ...rules, workDays: [7] }, undefined)).toBe(true);
    expect(isWorkday('2025-10-13', { ...rules, workDays: [7] }, undefined)).toBe(false);
  });
});

describe('a department in another time zone than the computer’s', () => {
  it('judges Los Angeles wall times in Los Angeles', () => {
    // 2025-03-10 is the first Monday after the change to daylight saving time (03-09).
    const { days } = run({ timeZone: LA, punches: ['2025-03-10 09:10:00', '2025-03-10 18:00', '2025-03-11 09:10:01', '2025-03-12 01:30', '2025-03-11 17:59:59'] });
    expect(dayOf(days, '2025-03-10')).toMatchObject({ lateMinutes: 0, earlyMinutes: 0 });
    expect(dayOf(days, '2025-03-11')).toMatchObject({ lateMinutes: 10, earlyMinutes: 0, checkOut: local('2025-03-12 01:30', LA) });
    expect(dayOf(days, '2025-03-10').checkIn).toBe('2025-03-10T16:10:00.000Z');
  });

  it('the night of the clock change makes a 23-hour day and the windows still tile', () => {
    // Clocks go from 02:00 PST to 03:00 PDT on 03-09: 03-08 runs from 12:00Z to 03-09 11:00Z.
    const { days } = run({ timeZone: LA, punches: ['2025-03-08 04:00', '2025-03-09 03:59:59', '2025-03-09 04:00'] });
    expect(dayOf(days, '2025-03-08').punches).toEqual(['2025-03-08T12:00:00.000Z', '2025-03-09T10:59:59.000Z']);
    expect(dayOf(days, '2025-03-09').punches).toEqual(['2025-03-09T11:00:00.000Z']);
  });

  it('the same instant is a different day in Shanghai and in Los Angeles', () => {
    // 2025-03-03T16:30Z: 00:30 on 03-04 in Shanghai (still 03-03's night), 08:30 on 03-03 in Los Angeles.
    const input = (timeZone: string): PersonMonthInput => ({
      month: '2025-03', timeZone, today: '2026-01-01', employment: { hireDate: '2020-01-01', leftDate: null }, calendar: new Map(),
      rulesOn: () => DEFAULT_SCHEDULE_RULES, punches: ['2025-03-03T16:30:00.000Z'], leaves: [],
    });
    expect(dayOf(personMonth(input(SH)).days, '2025-03-03')).toMatchObject({ checkOut: '2025-03-03T16:30:00.000Z', checkIn: null });
    expect(dayOf(personMonth(input(LA)).days, '2025-03-03')).toMatchObject({ checkIn: '2025-03-03T16:30:00.000Z', lateMinutes: 0 });
  });

  it('instantAt: a repeated hour is its earlier reading on both sides of UTC, a skipped one the earlier offset', () => {
    expect(instantAt('2025-11-02', '01:30', LA)).toBe('2025-11-02T08:30:00.000Z'); // PDT, not PST
    expect(instantAt('2025-10-26', '01:30', 'Europe/London')).toBe('2025-10-26T00:30:00.000Z'); // BST, not GMT
    expect(instantAt('2025-04-06', '02:30', 'Australia/Sydney')).toBe('2025-04-05T15:30:00.000Z'); // AEDT, not AEST
    expect(instantAt('2025-03-09', '02:30', LA)).toBe('2025-03-09T09:30:00.000Z');
    expect(instantAt('2025-01-01', '00:00', SH)).toBe('2024-12-31T16:00:00.000Z');
  });

  it('gives the same answers whatever the computer’s zone is', () => {
    const cases: Case[] = [
      { timeZone: SH, punches: ['2025-03-03 09:10:01', '2025-03-04 01:30', '2025-03-10 08:00', '2025-03-10 15:59:59'] },
      { timeZone: LA, punches: ['2025-03-07 09:10:01', '2025-03-08 01:30', '2025-03-10 08:00', '2025-03-10 15:59:59', '2025-03-31 23:00'] },
    ];
    const saved = process.env.TZ;
    const answers: string[] = [];
    try {
      for (const tz of ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Chatham']) {
        process.env.TZ = tz;
        if (tz === 'America/Los_Angeles') expect(new Date('2025-01-15T12:00:00Z').getTimezoneOffset()).toBe(480); // the change took effect
        answers.push(JSON.stringify(cases.map(run)));
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    expect(new Set(answers).size).toBe(1);
  });
});

describe('figures', () => {
  it('emptyFigures are zeros, with every leave type', () => {
    expect(emptyFigures()).toEqual({
      workdays: 0, presentDays: 0, lateCount: 0, lateMinutes: 0, earlyCount: 0, earlyMinutes: 0, absentDays: 0, missingPunches: 0,
      leaveDays: Object.fromEntries(LEAVE_TYPES.map((t) => [t, 0])),
    });
    expect(emptyFigures()).not.toBe(emptyFigures());
  });

  it('addFigures adds every field, halves included, without changing its arguments', () => {
    const a = run({ punches: ['2025-03-03 09:30', '2025-03-03 17:00', '2025-03-04 09:00'], leaves: [{ type: 'sick', startDate: '2025-03-05', startHalf: 'pm', endDate: '2025-03-05', endHalf: 'pm' }] }).figures;
    const b = run({ punches: ['2025-03-03 11:30', '2025-03-03 18:00'], leaves: [{ type: 'annual', startDate: '2025-03-06', startHalf: 'am', endDate: '2025-03-07', endHalf: 'pm' }] }).figures;
    const before = JSON.stringify(a);
    const sum = addFigures(a, b);
    expect(JSON.stringify(a)).toBe(before);
    expect(sum).toMatchObject({ workdays: 42, lateCount: 1, lateMinutes: 30, earlyCount: 1, earlyMinutes: 60, missingPunches: 1, absentDays: a.absentDays + b.absentDays, presentDays: a.presentDays + b.presentDays });
    expect(sum.leaveDays).toMatchObject({ sick: 0.5, annual: 2, personal: 0 });
    expect(addFigures(emptyFigures(), a)).toEqual(a);
  });
});

// ---- properties ----------------------------------------------------------------------------

const MONTH = '2025-03';
/** The month and a day either side, as the core passes them. */
const SPAN_DATES = [addDays(`${MONTH}-01`, -1), ...monthDates(MONTH), addDays(`${MONTH}-31`, 1)];
const pad = (n: number): string => String(n).padStart(2, '0');
/** Times at the rules' edges, one second either side, and anywhere in the day. */
const KEY_TIMES = ['01:30:00', '03:59:59', '04:00:00', '08:59:59', '09:10:00', '09:10:01', '11:00:00', '11:00:01', '12:59:59', '13:00:00', '13:10:01', '15:00:01', '15:59:59', '16:00:00', '17:59:59', '18:00:00', '23:59:59'];
const timeArb = fc.oneof(fc.constantFrom(...KEY_TIMES), fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 })).map(([h, m, s]) => `${pad(h)}:${pad(m)}:${pad(s)}`));
const dateArb = fc.constantFrom(...SPAN_DATES);
const punchArb = fc.tuple(dateArb, timeArb).map(([d, t]) => `${d} ${t}`);
const halfArb = fc.constantFrom('am' as const, 'pm' as const);
/** Leaves of up to a week from one of `dates` (some spill over the month's end). */
const leaveArbFrom = (dates: string[]): fc.Arbitrary<LeaveSpan> =>
  fc
    .record({ type: fc.constantFrom(...LEAVE_TYPES), start: fc.constantFrom(...dates), length: fc.integer({ min: 0, max: 6 }), startHalf: halfArb, endHalf: halfArb })
    .map(({ type, start, length, startHalf, endHalf }) => ({ type, startDate: start, startHalf, endDate: addDays(start, length), endHalf }));
const leaveArb = leaveArbFrom(SPAN_DATES);
const caseArb = fc.record({
  timeZone: fc.constantFrom(SH, LA),
  punches: fc.array(punchArb, { maxLength: 60 }),
  leaves: fc.array(leaveArb, { maxLength: 4 }),
  today: fc.oneof(dateArb, fc.constant('2026-01-01')),
  hire: fc.oneof(dateArb, fc.constant('2020-01-01')),
  left: fc.option(dateArb, { nil: null }),
  calendar: fc.array(fc.tuple(dateArb, fc.constantFrom<CalendarKind>('holiday', 'workday', 'normal')), { maxLength: 6 }),
  rules: fc.record({ lateGraceMinutes: fc.constantFrom(0, 10), earlyGraceMinutes: fc.constantFrom(0, 5), halfDayMinutes: fc.constantFrom(60, 120), dayBoundary: fc.constantFrom('00:00', '04:00', '05:30') }),
});
type Generated = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;
const toCase = (g: Generated, punches = g.punches): Case => ({
  timeZone: g.timeZone, punches, leaves: g.leaves, today: g.today, employment: { hireDate: g.hire, leftDate: g.left }, calendar: new Map(g.calendar), rules: g.rules,
});
const leaveTotal = (f: MonthFigures): number => LEAVE_TYPES.reduce((n, t) => n + f.leaveDays[t], 0);

describe('properties', () => {
  it('present + absent + leave days = workdays, and the figures are the days’ sums', () => {
    fc.assert(
      fc.property(caseArb, (g) => {
        const { days, figures: f } = run(toCase(g));
        expect(f.presentDays + f.absentDays + leaveTotal(f)).toBe(f.workdays);
        expect(f.presentDays).toBeGreaterThanOrEqual(0);
        const judged = days.filter((d) => d.kind === 'workday');
        expect(f.workdays).toBe(judged.length);
        expect(f.absentDays).toBe(judged.reduce((n, d) => n + d.absentDays, 0));
        expect(f.lateMinutes).toBe(judged.reduce((n, d) => n + d.lateMinutes, 0));
        expect(f.lateCount).toBe(judged.filter((d) => d.lateMinutes > 0).length);
        expect(f.earlyMinutes).toBe(judged.reduce((n, d) => n + d.earlyMinutes, 0));
        expect(f.missingPunches).toBe(judged.reduce((n, d) => n + d.missingPunches, 0));
        for (const d of days) {
          expect([0, 0.5, 1]).toContain(d.absentDays);
          expect(d.absentDays + (d.leave?.days ?? 0)).toBeLessThanOrEqual(1);
          if (d.kind !== 'workday') expect(d).toMatchObject({ absentDays: 0, lateMinutes: 0, earlyMinutes: 0, missingPunches: 0, leave: null });
        }
      }),
    );
  });

  it('a duplicate punch, or the punches in another order, change nothing', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), (g, pick) => {
        fc.pre(g.punches.length > 0);
        const once = run(toCase(g));
        const twice = run(toCase(g, [...g.punches, g.punches[pick % g.punches.length] as string].reverse()));
        expect(twice).toEqual(once);
      }),
    );
  });

  it('punches on days that are not judged change no figure', () => {
    fc.assert(
      fc.property(caseArb, fc.array(timeArb, { minLength: 1, maxLength: 3 }), (g, times) => {
        const before = run(toCase(g));
        const unjudged = before.days.filter((d) => d.kind !== 'workday').map((d) => d.date);
        // Noon to 22:00 is inside the day's window whatever the boundary.
        const extra = unjudged.flatMap((date) => times.map((t) => `${date} ${pad(12 + (Number(t.slice(0, 2)) % 11))}${t.slice(2)}`));
        expect(run(toCase(g, [...g.punches, ...extra])).figures).toEqual(before.figures);
      }),
    );
  });

  it('every punch of the month lands in exactly one day, the one its local time says', () => {
    fc.assert(
      fc.property(caseArb, (g) => {
        const { days } = run(toCase(g));
        const boundary = `${g.rules.dayBoundary}:00`;
        const expected = new Map<string, Set<string>>();
        for (const p of g.punches) {
          const [date = '', time = ''] = p.split(' ');
          const workDate = time < boundary ? addDays(date, -1) : date;
          if (!workDate.startsWith(MONTH)) continue;
          if (!expected.has(workDate)) expected.set(workDate, new Set());
          expected.get(workDate)?.add(local(p, g.timeZone));
        }
        for (const d of days) expect(d.punches).toEqual([...(expected.get(d.date) ?? [])].sort());
      }),
    );
  });

  it('the same wall times give the same figures in Shanghai and in Los Angeles', () => {
    // June: no clock change in either zone.
    const juneDates = monthDates('2025-06');
    const junePunch = fc.tuple(fc.constantFrom(...juneDates), timeArb).map(([d, t]) => `${d} ${t}`);
    fc.assert(
      fc.property(fc.array(junePunch, { maxLength: 60 }), fc.array(leaveArbFrom(juneDates), { maxLength: 3 }), (punches, leaves) => {
        const june = (timeZone: string): MonthFigures => run({ month: '2025-06', timeZone, punches, leaves }).figures;
        expect(june(LA)).toEqual(june(SH));
      }),
    );
  });
});
