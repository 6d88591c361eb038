import { instantAt } from './time.js';
import type { DayVerdict, ScheduleRules } from './types.js';

/**
 * One workday judged by the rules of issue 9: check-in and check-out against the expected start
 * and end (moved by a half-day leave), late and early within the half-day threshold, half a day
 * absent beyond it. Punches are compared as UTC milliseconds against instants computed once per
 * date and time, so no Intl call is made per punch (the department month judges 200 people).
 */

interface Instant {
  iso: string;
  ms: number;
}

const instants = new Map<string, Instant>();
/** A year of dates × a few clock times × a few zones fits many times; beyond it, start over. */
const MAX_CACHED_INSTANTS = 50_000;

/** `instantAt`, remembered: every person of the department asks for the same edges of the month. */
export function cachedInstant(date: string, time: string, timeZone: string): Instant {
  const key = `${timeZone} ${date} ${time}`;
  let hit = instants.get(key);
  if (!hit) {
    if (instants.size >= MAX_CACHED_INSTANTS) instants.clear();
    const iso = instantAt(date, time, timeZone);
    hit = { iso, ms: Date.parse(iso) };
    instants.set(key, hit);
  }
  return hit;
}

/** What judging a workday decides: the day's verdict less what the calendar and the leave say. */
export type WorkdayJudgement = Pick<DayVerdict, 'checkIn' | 'checkOut' | 'lateMinutes' | 'earlyMinutes' | 'absentDays' | 'missingPunches'>;

const MINUTE = 60_000;

/** Whole seconds: the rules compare to the second (09:10:00.900 is still 09:10:00). */
const toSecond = (iso: string): number => Math.floor(Date.parse(iso) / 1000) * 1000;

/** Minutes past a limit in whole minutes (floor), at least 1: a second late is a minute late. */
const wholeMinutes = (ms: number): number => Math.max(1, Math.floor(ms / MINUTE));

interface Side {
  minutes: number;
  halfAbsent: boolean;
}

/** How far past `limit` a moment is judged: within grace nothing, past the threshold half a day absent. */
function judgeSide(pastMs: number, graceMinutes: number, halfDayMinutes: number): Side {
  if (pastMs > halfDayMinutes * MINUTE) return { minutes: 0, halfAbsent: true };
  if (pastMs > graceMinutes * MINUTE) return { minutes: wholeMinutes(pastMs), halfAbsent: false };
  return { minutes: 0, halfAbsent: false };
}

/**
 * Judges a workday that is not wholly on leave. `punches`: the day's, sorted, without duplicates.
 * `leave`: the halves a leave covers (at most one of them): a morning leave moves the expected
 * start to lunch end, an afternoon leave the expected end to lunch start, and the day can then
 * lose at most the remaining half.
 */
export function judgeWorkday(
  date: string,
  rules: ScheduleRules,
  timeZone: string,
  punches: readonly string[],
  leave: { am: boolean; pm: boolean },
): WorkdayJudgement {
  const workingHalves = (leave.am ? 0 : 1) + (leave.pm ? 0 : 1);
  const maxAbsent = workingHalves / 2;
  const none: WorkdayJudgement = { checkIn: null, checkOut: null, lateMinutes: 0, earlyMinutes: 0, absentDays: 0, missingPunches: 0 };
  if (punches.length === 0) return { ...none, absentDays: maxAbsent };

  const start = cachedInstant(date, leave.am ? rules.lunchEnd : rules.workStart, timeZone).ms;
  const end = cachedInstant(date, leave.pm ? rules.lunchStart : rules.workEnd, timeZone).ms;
  const first = punches[0] as string;
  const last = punches[punches.length - 1] as string;
  let checkIn: string | null = first;
  let checkOut: string | null = last;
  let missingPunches = 0;
  if (punches.length === 1) {
    missingPunches = 1;
    if (toSecond(first) < splitPoint(date, rules, timeZone, leave, start, end)) checkOut = null;
    else checkIn = null;
  }
  const late = checkIn === null ? null : judgeSide(toSecond(checkIn) - start, rules.lateGraceMinutes, rules.halfDayMinutes);
  const early = checkOut === null ? null : judgeSide(end - toSecond(checkOut), rules.earlyGraceMinutes, rules.halfDayMinutes);
  const halves = (late?.halfAbsent ? 1 : 0) + (early?.halfAbsent ? 1 : 0);
  return {
    checkIn,
    checkOut,
    lateMinutes: late?.minutes ?? 0,
    earlyMinutes: early?.minutes ?? 0,
    absentDays: Math.min(maxAbsent, halves / 2),
    missingPunches,
  };
}

/**
 * Where a lone punch stops being a check-in. On a full day: lunch end (before it, the punch is
 * the morning's check-in; from it on, the check-out). On a half-day-leave day lunch end is an
 * edge of the remaining half, so the middle of that half divides instead: a morning-leave
 * arrival at 13:05 is a check-in, an afternoon-leave departure at 12:01 a check-out.
 */
function splitPoint(date: string, rules: ScheduleRules, timeZone: string, leave: { am: boolean; pm: boolean }, start: number, end: number): number {
  if (leave.am || leave.pm) return start + Math.floor((end - start) / 2);
  return cachedInstant(date, rules.lunchEnd, timeZone).ms;
}
