import type { Ctx } from '../../kernel/context.js';
import type { OutputOf, ParsedInputOf } from '../../../../shared/api/index.js';

// STUB: to be implemented.
export async function createDiscipline(ctx: Ctx, input: ParsedInputOf<'attendance.discipline.create'>): Promise<OutputOf<'attendance.discipline.create'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.discipline.create');
}

export async function listDiscipline(ctx: Ctx, input: ParsedInputOf<'attendance.discipline.list'>): Promise<OutputOf<'attendance.discipline.list'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.discipline.list');
}

export async function commentDiscipline(ctx: Ctx, input: ParsedInputOf<'attendance.discipline.comment'>): Promise<OutputOf<'attendance.discipline.comment'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.discipline.comment');
}

