import type { RecordType } from '../../../shared/domain/records.js';
import type { MethodName } from '../../../shared/api/index.js';
import { EXPORTABLE_LISTS } from '../../../shared/api/exports.js';
import type { HandlerMap } from './registry.js';
import type { Ctx } from './context.js';
import type { ApprovalHooks } from './approvals.js';
import type { ListExports } from './export.js';
import type { FieldChange } from './timeline.js';

/**
 * Who may see and change a record of a given type, for the kernel's generic features
 * (timeline, attachments, approvals, reminders). Each throws FORBIDDEN or NOT_FOUND.
 */
export interface RecordAccess {
  assertRead(ctx: Ctx, recordId: string): Promise<void>;
  assertWrite(ctx: Ctx, recordId: string): Promise<void>;
  /** A short human label for notifications and lists ("张伟 (E001)"). */
  label(ctx: Ctx, recordId: string): Promise<string>;
  /**
   * The record's timeline changes as this caller may see them (values of fields they may not
   * read left out). Absent: every change as recorded.
   */
  visibleChanges?(ctx: Ctx, recordId: string, changes: FieldChange[]): Promise<FieldChange[]>;
}

/**
 * Field problems of a call that only the stored data can show (an employee number already
 * taken), for a call whose input failed its schema: the dispatcher reports them with the
 * schema's own, so a form gets every problem at once instead of in rounds. `raw` is the
 * unvalidated input; a check uses only the fields that pass their own schema. Runs after the
 * caller is authenticated and authorised for the method, never in a transaction.
 */
export type InputCheck = (ctx: Ctx, raw: Record<string, unknown>) => Promise<Record<string, string>>;
export type InputChecks = Partial<Record<MethodName, InputCheck>>;

/** What a module contributes to the core. */
export interface ModuleDefinition {
  name: string;
  handlers: Partial<HandlerMap<MethodName>>;
  recordAccess?: Partial<Record<RecordType, RecordAccess>>;
  approvalHooks?: Partial<Record<RecordType, ApprovalHooks>>;
  /** Columns of the lists this module's pages show, for 'exports.list' (next to their handlers). */
  exports?: ListExports;
  inputChecks?: InputChecks;
}

export interface ModuleHooks {
  recordAccess: Partial<Record<RecordType, RecordAccess>>;
  approvalHooks: Partial<Record<RecordType, ApprovalHooks>>;
  listExports: ListExports;
  inputChecks: InputChecks;
}

export function collectHooks(modules: ModuleDefinition[]): ModuleHooks {
  const hooks: ModuleHooks = { recordAccess: {}, approvalHooks: {}, listExports: {}, inputChecks: {} };
  for (const m of modules) {
    for (const [type, access] of Object.entries(m.recordAccess ?? {}) as [RecordType, RecordAccess][]) {
      if (hooks.recordAccess[type]) throw new Error(`Record type ${type} registered twice (module ${m.name})`);
      hooks.recordAccess[type] = access;
    }
    for (const [type, h] of Object.entries(m.approvalHooks ?? {}) as [RecordType, ApprovalHooks][]) {
      if (hooks.approvalHooks[type]) throw new Error(`Approval hooks for ${type} registered twice (module ${m.name})`);
      hooks.approvalHooks[type] = h;
    }
    for (const [list, format] of Object.entries(m.exports ?? {})) {
      if (!(EXPORTABLE_LISTS as readonly string[]).includes(list)) throw new Error(`Export of ${list}, which is not an exportable list (module ${m.name})`);
      if (Object.hasOwn(hooks.listExports, list)) throw new Error(`Export of ${list} registered twice (module ${m.name})`);
      Object.assign(hooks.listExports, { [list]: format });
    }
    for (const [method, check] of Object.entries(m.inputChecks ?? {})) {
      if (Object.hasOwn(hooks.inputChecks, method)) throw new Error(`Input check of ${method} registered twice (module ${m.name})`);
      Object.assign(hooks.inputChecks, { [method]: check });
    }
  }
  return hooks;
}

export function recordAccessFor(ctx: Ctx, type: RecordType): RecordAccess {
  const access = ctx.services.hooks.recordAccess[type];
  if (!access) throw new Error(`No record access registered for ${type}`);
  return access;
}
