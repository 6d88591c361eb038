import type { EntityManager } from 'typeorm';
import type { ParsedInputOf } from '../../../../shared/api/index.js';
import type { CalendarYear } from '../../../../shared/api/attendance.js';
import type { CalendarKind, CalendarSource } from '../../../../shared/domain/attendance/types.js';
import { isWorkday } from '../../../../shared/domain/attendance/rules.js';
import { isRealDate } from '../../../../shared/api/fields.js';
import type { Ctx } from '../../kernel/context.js';
import { AppError } from '../../kernel/errors.js';
import { sqlFor } from '../../db/sql.js';
import { CalendarDayEntity } from './entities.js';
import { assertDatesOpen, lockedMonths } from './locks.js';
import { scheduleResolver } from './schedules.js';

/**
 * The department's calendar (节假日与调休): the days that differ from a schedule's weekly rule. It
 * starts with the built-in PRC holidays and make-up workdays (migration 0011); HR changes days
 * and imports a new year from a CSV. Whether a date is a workday always asks this table.
 */

const ENTRIES = 'SELECT date AS "date", kind AS "kind" FROM att_calendar_days WHERE date >= ? AND date <= ?';

export async function calendarEntries(manager: EntityManager, from: string, to: string): Promise<Map<string, CalendarKind>> {
  const rows = await sqlFor(manager).all<{ date: string; kind: CalendarKind }>(ENTRIES, [from, to]);
  return new Map(rows.map((r) => [r.date, r.kind]));
}

/** Whether each date from..to is a workday for this person: their schedule's weekly rule and the calendar. */
export async function workdayChecker(
  manager: EntityManager,
  employee: { id: string; groupId: string | null },
  from: string,
  to: string,
): Promise<(date: string) => boolean> {
  const [entries, rulesOn] = await Promise.all([calendarEntries(manager, from, to), scheduleResolver(manager, [employee], from, to)]);
  return (date) => isWorkday(date, rulesOn(employee.id, date), entries.get(date));
}

const YEAR = 'SELECT date AS "date", kind AS "kind", name AS "name", source AS "source" FROM att_calendar_days WHERE date >= ? AND date <= ? ORDER BY date';
const HOLIDAYS_IN = "SELECT COUNT(*) AS n FROM att_calendar_days WHERE date >= ? AND date <= ? AND kind = 'holiday'";

/** Whether a year has any holiday entry: none means no package had it and HR has not added it. */
export async function yearHasHolidays(manager: EntityManager, year: number): Promise<boolean> {
  return (await sqlFor(manager).count(HOLIDAYS_IN, [`${year}-01-01`, `${year}-12-31`])) > 0;
}

export async function calendarYear(ctx: Ctx, input: { year: number }): Promise<CalendarYear> {
  const days = await sqlFor(ctx.manager).all<{ date: string; kind: CalendarKind; name: string; source: CalendarSource }>(YEAR, [`${input.year}-01-01`, `${input.year}-12-31`]);
  return { year: input.year, days, hasHolidays: days.some((d) => d.kind === 'holiday') };
}

async function storeDay(ctx: Ctx, day: { date: string; kind: CalendarKind; name: string }, source: CalendarSource): Promise<void> {
  const repo = ctx.manager.getRepository(CalendarDayEntity);
  const before = await repo.findOne({ where: { date: day.date } });
  await repo.save({ date: day.date, kind: day.kind, name: day.name, source, updatedAt: ctx.nowIso });
  await ctx.audit({
    entity: 'calendarDay',
    recordId: null,
    action: before ? 'update' : 'create',
    before: before ? { date: before.date, kind: before.kind, name: before.name } : undefined,
    after: { date: day.date, kind: day.kind, name: day.name, source },
  });
}

/** HR marks a day: a company holiday, a changed day, or back to the weekly rule ('normal'). */
export async function setCalendarDay(ctx: Ctx, input: ParsedInputOf<'attendance.calendar.set'>): Promise<CalendarYear> {
  await assertDatesOpen(ctx, [input.date], 'date');
  await storeDay(ctx, { date: input.date, kind: input.kind, name: input.name ?? '' }, 'custom');
  return calendarYear(ctx, { year: Number(input.date.slice(0, 4)) });
}

// ---- CSV import: date,kind,name ---------------------------------------------------------------

/** Words a notice transcribed by hand may use for the two kinds. */
const KIND_WORDS: Record<string, 'holiday' | 'workday'> = {
  holiday: 'holiday',
  休: 'holiday',
  假: 'holiday',
  节假日: 'holiday',
  放假: 'holiday',
  workday: 'workday',
  班: 'workday',
  上班: 'workday',
  调休上班: 'workday',
  补班: 'workday',
};

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

const MAX_CALENDAR_ROWS = 1000;

/** A few rows: parsed here, with csv-parse loaded on first use (not at the core's start). */
async function readCalendarCsv(contentBase64: string): Promise<string[][]> {
  const { parse: parseCsv } = await import('csv-parse/sync');
  try {
    return parseCsv(decodeText(Buffer.from(contentBase64, 'base64')), { relax_column_count: true, skip_empty_lines: true, bom: true, trim: true }) as string[][];
  } catch {
    throw new AppError('VALIDATION', 'error.validation', { file: 'validation.invalidFile' });
  }
}

/** Normalises '2027/1/1' and '2027-01-01' to 'YYYY-MM-DD', or null. */
function csvDate(text: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isRealDate(date) ? date : null;
}

/**
 * A new year's calendar from a small CSV (`date,kind,name`, kind = holiday | workday; a header
 * row is optional). Every row is checked first: with any problem nothing is stored and the
 * rejected rows come back, so a half-imported year can never be mistaken for a whole one.
 */
export async function importCalendar(ctx: Ctx, input: ParsedInputOf<'attendance.calendar.import'>): Promise<{ imported: number; rejected: { row: number; problem: string }[] }> {
  const table = await readCalendarCsv(input.contentBase64);
  if (table.length > MAX_CALENDAR_ROWS) throw new AppError('VALIDATION', 'error.validation', { file: 'validation.tooManyRows' });
  const rows = table.map((cells, i) => ({ row: i + 1, cells }));
  const body = rows.length > 0 && csvDate(rows[0]!.cells[0] ?? '') === null ? rows.slice(1) : rows;
  const rejected: { row: number; problem: string }[] = [];
  const days = new Map<string, { date: string; kind: 'holiday' | 'workday'; name: string }>();
  for (const { row, cells } of body) {
    const date = csvDate(cells[0] ?? '');
    const word = (cells[1] ?? '').toLowerCase();
    const kind = Object.hasOwn(KIND_WORDS, word) ? KIND_WORDS[word] : undefined;
    const name = (cells[2] ?? '').slice(0, 50);
    if (!date) rejected.push({ row, problem: 'badDate' });
    else if (!kind) rejected.push({ row, problem: 'badKind' });
    else if (days.has(date)) rejected.push({ row, problem: 'duplicateInFile' });
    else days.set(date, { date, kind, name });
  }
  const locked = await lockedMonths(ctx.manager, [...days.keys()].map((d) => d.slice(0, 7)));
  for (const { row, cells } of body) {
    const date = csvDate(cells[0] ?? '');
    if (date && locked.has(date.slice(0, 7)) && !rejected.some((r) => r.row === row)) rejected.push({ row, problem: 'monthLocked' });
  }
  if (days.size === 0 && rejected.length === 0) throw new AppError('VALIDATION', 'error.validation', { file: 'validation.fileEmpty' });
  if (rejected.length > 0) return { imported: 0, rejected: rejected.sort((a, b) => a.row - b.row) };
  for (const day of days.values()) await storeDay(ctx, day, 'import');
  return { imported: days.size, rejected: [] };
}
