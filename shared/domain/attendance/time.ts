/**
 * Dates and times of the department's time zone, from and to UTC instants, with Intl only (no
 * Date arithmetic in the computer's zone anywhere). Dates are 'YYYY-MM-DD' text, times 'HH:MM' or
 * 'HH:MM:SS', instants 'YYYY-MM-DDTHH:MM:SS.sssZ' (the shape the database stores and compares).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock date and time of an instant in `timeZone`. */
export function localDateTime(instant: string | Date, timeZone: string): { date: string; time: string } {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(d)) parts[p.type] = p.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}:${parts.second}` };
}

const DAY_MS = 86_400_000;

/** Milliseconds `timeZone` is ahead of UTC at `utcMs`. */
function offsetAt(utcMs: number, timeZone: string): number {
  const { date, time } = localDateTime(new Date(utcMs), timeZone);
  return Date.parse(`${date}T${time}Z`) - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant a wall-clock date and time of `timeZone` stands for. A time that a daylight-saving
 * change skips or repeats resolves to the earlier reading (China has no daylight saving).
 * The offsets a day either side are the two a change can be between (a zone is at most 14 h from
 * UTC): guessing from the offset at the wall time itself found only the later reading of a
 * repeated hour east of UTC (Europe/London 01:30 on 2025-10-26 gave GMT, not BST).
 */
export function instantAt(date: string, time: string, timeZone: string): string {
  const wall = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}Z`);
  const candidates = [...new Set([offsetAt(wall - DAY_MS, timeZone), offsetAt(wall + DAY_MS, timeZone)])].map((offset) => wall - offset);
  const readings = candidates.filter((t) => offsetAt(t, timeZone) === wall - t);
  // No reading: a skipped time; the earlier candidate, as before (LA 02:30 on 2025-03-09 → 01:30 PST).
  return new Date(Math.min(...(readings.length > 0 ? readings : candidates))).toISOString();
}

/** Today's date in `timeZone`. */
export function todayIn(timeZone: string, now: Date): string {
  return localDateTime(now, timeZone).date;
}

export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Every date of a month 'YYYY-MM', in order. */
export function monthDates(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** Minutes since midnight of 'HH:MM' or 'HH:MM:SS' (seconds as a fraction). */
export function minutesOf(time: string): number {
  const [h, m, s] = time.split(':').map(Number) as [number, number, number | undefined];
  return h * 60 + m + (s ?? 0) / 60;
}

/** Days from `from` to `to` inclusive, in order (empty when to < from). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
