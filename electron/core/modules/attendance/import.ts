import type { Ctx } from '../../kernel/context.js';
import type { OutputOf, ParsedInputOf } from '../../../../shared/api/index.js';

// STUB: to be implemented.
export async function importPreview(ctx: Ctx, input: ParsedInputOf<'attendance.import.preview'>): Promise<OutputOf<'attendance.import.preview'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.import.preview');
}

export async function importCommit(ctx: Ctx, input: ParsedInputOf<'attendance.import.commit'>): Promise<OutputOf<'attendance.import.commit'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.import.commit');
}

export async function importPresets(ctx: Ctx, input: ParsedInputOf<'attendance.import.presets'>): Promise<OutputOf<'attendance.import.presets'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.import.presets');
}

export async function savePreset(ctx: Ctx, input: ParsedInputOf<'attendance.import.savePreset'>): Promise<OutputOf<'attendance.import.savePreset'>> {
  void ctx; void input;
  throw new Error('not implemented: attendance.import.savePreset');
}

