import type { Ctx } from '../../kernel/context.js';
import type { OutputOf, ParsedInputOf } from '../../../../shared/api/index.js';

// STUB: to be implemented.
export async function createLeave(ctx: Ctx, input: ParsedInputOf<'attendance.leave.create'>): Promise<OutputOf<'attendance.leave.create'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.leave.create');
}

export async function listLeave(ctx: Ctx, input: ParsedInputOf<'attendance.leave.list'>): Promise<OutputOf<'attendance.leave.list'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.leave.list');
}

export async function getLeave(ctx: Ctx, input: ParsedInputOf<'attendance.leave.get'>): Promise<OutputOf<'attendance.leave.get'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.leave.get');
}

export async function cancelLeave(ctx: Ctx, input: ParsedInputOf<'attendance.leave.cancel'>): Promise<OutputOf<'attendance.leave.cancel'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.leave.cancel');
}

