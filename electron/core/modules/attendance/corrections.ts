import type { Ctx } from '../../kernel/context.js';
import type { OutputOf, ParsedInputOf } from '../../../../shared/api/index.js';

// STUB: to be implemented.
export async function createCorrection(ctx: Ctx, input: ParsedInputOf<'attendance.corrections.create'>): Promise<OutputOf<'attendance.corrections.create'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.corrections.create');
}

export async function listCorrections(ctx: Ctx, input: ParsedInputOf<'attendance.corrections.list'>): Promise<OutputOf<'attendance.corrections.list'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.corrections.list');
}

