/**
 * Record types the kernel's generic features (timeline, attachments, approvals, reminders) can
 * hang on. Each module adds its own; the core registers who may read and write each type.
 */
export const RECORD_TYPES = ['employee', 'group', 'position', 'user', 'leave', 'punchCorrection', 'discipline'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
