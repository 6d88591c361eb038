import type { Ctx } from '../../kernel/context.js';
import type { OutputOf, ParsedInputOf } from '../../../../shared/api/index.js';

// STUB: to be implemented.
export async function monthReport(ctx: Ctx, input: ParsedInputOf<'attendance.month.report'>): Promise<OutputOf<'attendance.month.report'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.month.report');
}

export async function personMonthOf(ctx: Ctx, input: ParsedInputOf<'attendance.month.person'>): Promise<OutputOf<'attendance.month.person'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.month.person');
}

export async function lockMonth(ctx: Ctx, input: ParsedInputOf<'attendance.month.lock'>): Promise<OutputOf<'attendance.month.lock'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.month.lock');
}

export async function unlockMonth(ctx: Ctx, input: ParsedInputOf<'attendance.month.unlock'>): Promise<OutputOf<'attendance.month.unlock'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.month.unlock');
}

