import type { Ctx } from '../../kernel/context.js';
import type { OutputOf, ParsedInputOf } from '../../../../shared/api/index.js';

// STUB: to be implemented.
export async function listPunches(ctx: Ctx, input: ParsedInputOf<'attendance.punches.list'>): Promise<OutputOf<'attendance.punches.list'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.punches.list');
}

