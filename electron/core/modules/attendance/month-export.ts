import type { Ctx } from '../../kernel/context.js';
import type { OutputOf, ParsedInputOf } from '../../../../shared/api/index.js';

// STUB: to be implemented.
export async function exportMonth(ctx: Ctx, input: ParsedInputOf<'attendance.month.export'>): Promise<OutputOf<'attendance.month.export'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.month.export');
}

