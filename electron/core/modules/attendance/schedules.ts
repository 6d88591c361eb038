import type { Ctx } from '../../kernel/context.js';
import type { OutputOf, ParsedInputOf } from '../../../../shared/api/index.js';

// STUB: to be implemented.
export async function listSchedules(ctx: Ctx, input: ParsedInputOf<'attendance.schedules.list'>): Promise<OutputOf<'attendance.schedules.list'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.schedules.list');
}

export async function createSchedule(ctx: Ctx, input: ParsedInputOf<'attendance.schedules.create'>): Promise<OutputOf<'attendance.schedules.create'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.schedules.create');
}

export async function updateSchedule(ctx: Ctx, input: ParsedInputOf<'attendance.schedules.update'>): Promise<OutputOf<'attendance.schedules.update'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.schedules.update');
}

export async function assignSchedule(ctx: Ctx, input: ParsedInputOf<'attendance.schedules.assign'>): Promise<OutputOf<'attendance.schedules.assign'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.schedules.assign');
}

export async function unassignSchedule(ctx: Ctx, input: ParsedInputOf<'attendance.schedules.unassign'>): Promise<OutputOf<'attendance.schedules.unassign'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.schedules.unassign');
}

