import type { Ctx } from '../../kernel/context.js';
import type { OutputOf, ParsedInputOf } from '../../../../shared/api/index.js';

// STUB: to be implemented.
export async function attendanceToday(ctx: Ctx, input: ParsedInputOf<'attendance.today'>): Promise<OutputOf<'attendance.today'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.today');
}

export async function clockPunch(ctx: Ctx, input: ParsedInputOf<'attendance.clock'>): Promise<OutputOf<'attendance.clock'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.clock');
}

