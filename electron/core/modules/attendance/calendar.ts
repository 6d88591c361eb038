import type { Ctx } from '../../kernel/context.js';
import type { OutputOf, ParsedInputOf } from '../../../../shared/api/index.js';

// STUB: to be implemented.
export async function calendarYear(ctx: Ctx, input: ParsedInputOf<'attendance.calendar.year'>): Promise<OutputOf<'attendance.calendar.year'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.calendar.year');
}

export async function setCalendarDay(ctx: Ctx, input: ParsedInputOf<'attendance.calendar.set'>): Promise<OutputOf<'attendance.calendar.set'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.calendar.set');
}

export async function importCalendar(ctx: Ctx, input: ParsedInputOf<'attendance.calendar.import'>): Promise<OutputOf<'attendance.calendar.import'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.calendar.import');
}

