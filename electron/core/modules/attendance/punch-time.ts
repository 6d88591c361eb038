/**
 * Dates and times as punch machines and spreadsheets write them, read as the department's wall
 * time: '2026-03-02 08:58:12', '2026/3/2 8:58', '2026-03-02T08:58:12', '20260302 085812',
 * '2026年3月2日 8:58', '8:58 PM', an Excel serial number (46083.374) when a cell lost its date
 * format. Pure functions, run in the worker for a whole file. Orders that are ambiguous (3/2/2026:
 * 2 March or 3 February?) are refused rather than guessed.
 */

/** What a cell says: a wall date and/or time of day, or an instant when it names its offset. */
export interface WallParts {
  date: string | null;
  time: string | null;
  /** An ISO instant, when the text carries its own offset ('…+08:00', '…Z'). */
  instant: string | null;
}

const NONE: WallParts = { date: null, time: null, instant: null };
const pad = (n: number) => String(n).padStart(2, '0');
/** Excel's day 0 (serial numbers count days from it, the fraction is the time of day). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function validDate(y: number, m: number, d: number): string | null {
  if (y < 1970 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function validTime(h: number, m: number, s: number): string | null {
  if (h > 23 || m > 59 || s > 59) return null;
  return `${pad(h)}:${pad(m)}:${pad(s)}`;
}

const DATE_PATTERNS: RegExp[] = [/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/, /^(\d{4})(\d{2})(\d{2})$/];

function parseDatePart(text: string): string | null {
  for (const pattern of DATE_PATTERNS) {
    const m = pattern.exec(text);
    if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  return null;
}

const TIME_COLON = /^(\d{1,2})[:：](\d{2})(?:[:：](\d{2})(?:[.,]\d+)?)?$/;
const TIME_COMPACT = /^(\d{2})(\d{2})(\d{2})?$/;
const TIME_CHINESE = /^(\d{1,2})时(\d{1,2})分(?:(\d{1,2})秒)?$/;
const MERIDIEM = /^(?:(am|pm|a\.m\.|p\.m\.|上午|下午|早上|晚上|中午)\s*)?(.+?)(?:\s*(am|pm|a\.m\.|p\.m\.|上午|下午))?$/i;

function parseTimePart(text: string): string | null {
  const parts = MERIDIEM.exec(text);
  if (!parts) return null;
  const meridiem = (parts[1] ?? parts[3] ?? '').toLowerCase().replace(/\./g, '');
  const body = parts[2]!;
  const m = TIME_COLON.exec(body) ?? TIME_CHINESE.exec(body) ?? (meridiem ? null : TIME_COMPACT.exec(body));
  if (!m) return null;
  let h = Number(m[1]);
  if (meridiem) {
    if (h < 1 || h > 12) return null;
    const afternoon = meridiem === 'pm' || meridiem === '下午' || meridiem === '晚上' || (meridiem === '中午' && h < 6);
    h = (h % 12) + (afternoon ? 12 : 0);
  }
  return validTime(h, Number(m[2]), Number(m[3] ?? 0));
}

/** Excel serial number: whole days since 1899-12-30 and the time of day as the fraction (rounded to the second). */
function parseSerial(text: string): WallParts | null {
  if (!/^(\d{5}(\.\d+)?|0?\.\d+|0)$/.test(text)) return null;
  const value = Number(text);
  const whole = Math.floor(value);
  if (whole !== 0 && (whole < 25_569 || whole > 73_051)) return null; // 1970 … 2100
  const ms = EXCEL_EPOCH_MS + Math.round(value * 86_400) * 1000;
  const iso = new Date(ms).toISOString();
  const hasTime = value !== whole;
  return { date: whole === 0 ? null : iso.slice(0, 10), time: hasTime || whole === 0 ? iso.slice(11, 19) : null, instant: null };
}

/** A date at the start of a cell, then a T, blanks or (after 日) nothing before the time. */
const DATE_HEAD = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日?|\d{8})(?:[T\s]+|$|(?<=日))/;
const WEEKDAY = /(星期|周|礼拜)[一二三四五六日天]|\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b\.?,?/gi;
const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/** A cell's text as its date and time parts; NONE when it is neither (or an impossible date/time). */
export function parseWallParts(raw: string): WallParts {
  const text = raw.replace(WEEKDAY, ' ').replace(/\s+/g, ' ').trim();
  if (!text) return NONE;
  const serial = parseSerial(text);
  if (serial) return serial;
  const compact = /^(\d{8})(\d{6})$/.exec(text);
  if (compact) {
    const date = parseDatePart(compact[1]!);
    const time = parseTimePart(compact[2]!);
    return date && time ? { date, time, instant: null } : NONE;
  }
  const offset = OFFSET.exec(text);
  if (offset && /\d[T ]\d/.test(text)) return withOffset(text, offset[1]!);
  const head = DATE_HEAD.exec(text);
  if (!head) {
    const time = parseTimePart(text);
    return time ? { date: null, time, instant: null } : NONE;
  }
  const date = parseDatePart(head[1]!);
  if (!date) return NONE;
  const rest = text.slice(head[0].length).trim();
  if (!rest) return { date, time: null, instant: null };
  const time = parseTimePart(rest);
  return time ? { date, time, instant: null } : NONE;
}

/** '2026-03-02T08:58:12+08:00' / '…Z': an instant of its own, whatever the department's zone. */
function withOffset(text: string, offset: string): WallParts {
  const body = text.slice(0, text.length - offset.length).trim();
  const [datePart, timePart] = body.split(/[T ]/);
  const date = datePart ? parseDatePart(datePart) : null;
  const time = timePart ? parseTimePart(timePart) : null;
  if (!date || !time) return NONE;
  const zone = offset.toUpperCase() === 'Z' ? 'Z' : offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
  const ms = Date.parse(`${date}T${time}${zone}`);
  return Number.isNaN(ms) ? NONE : { date, time, instant: new Date(ms).toISOString() };
}

/**
 * The instant of a punch from its cells: one date-time cell, or a date cell and a time cell
 * (either may also hold both parts: the time cell's time and the date cell's date win).
 */
export function punchWallTime(dateTimeText: string | null, dateText: string | null, timeText: string | null): WallParts {
  if (dateTimeText !== null) {
    const p = parseWallParts(dateTimeText);
    return p.date && p.time ? p : NONE;
  }
  const d = parseWallParts(dateText ?? '');
  const t = parseWallParts(timeText ?? '');
  const date = d.date ?? t.date;
  const time = t.time ?? d.time;
  if (!date || !time) return NONE;
  const instant = t.instant && t.date === date ? t.instant : null;
  return { date, time, instant };
}

/**
 * Wall time -> UTC instant, memoised: the zone conversion (several Intl calls) is the costly part
 * of reading 100,000 rows. A date whose offset is the same at its first and last minute has no
 * daylight-saving change (no zone changes twice a day): every time of it takes that offset. A
 * date with a change converts by the minute (changes move whole minutes; the seconds add on).
 */
export function instantCache(toInstant: (date: string, time: string) => string): (date: string, time: string) => string {
  const dayOffsets = new Map<string, number | null>();
  const minutes = new Map<string, number>();
  const wallMs = (date: string, time: string) => Date.parse(`${date}T${time}Z`);
  return (date, time) => {
    let offset = dayOffsets.get(date);
    if (offset === undefined) {
      const first = wallMs(date, '00:00:00') - Date.parse(toInstant(date, '00:00:00'));
      const last = wallMs(date, '23:59:00') - Date.parse(toInstant(date, '23:59:00'));
      offset = first === last ? first : null;
      dayOffsets.set(date, offset);
    }
    if (offset !== null) return new Date(wallMs(date, time) - offset).toISOString();
    const key = `${date} ${time.slice(0, 5)}`;
    let base = minutes.get(key);
    if (base === undefined) {
      base = Date.parse(toInstant(date, `${time.slice(0, 5)}:00`));
      minutes.set(key, base);
    }
    return new Date(base + Number(time.slice(6, 8) || 0) * 1000).toISOString();
  };
}
