import type { Ctx } from '../../kernel/context.js';
import type { OutputOf, ParsedInputOf } from '../../../../shared/api/index.js';

// STUB: to be implemented.
export async function leaveBalance(ctx: Ctx, input: ParsedInputOf<'attendance.leave.balance'>): Promise<OutputOf<'attendance.leave.balance'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.leave.balance');
}

export async function setEntitlement(ctx: Ctx, input: ParsedInputOf<'attendance.entitlements.set'>): Promise<OutputOf<'attendance.entitlements.set'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.entitlements.set');
}

