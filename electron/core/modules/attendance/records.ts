import type { ModuleDefinition } from '../../kernel/module.js';

// STUB: record access and approval hooks for leave, punchCorrection, discipline (to be implemented).
export const attendanceRecordAccess: NonNullable<ModuleDefinition['recordAccess']> = {};
export const attendanceApprovalHooks: NonNullable<ModuleDefinition['approvalHooks']> = {};
