import { RECORD_TYPES, type RecordType } from '../../../shared/domain/records.js';
import type { Ctx } from './context.js';
import { AuditEntity } from './entities.js';

/**
 * Records as people read them ("王小明 (YY021)", a group's name) for the audit log and timelines,
 * from each record type's own `label` (RecordAccess in kernel/module.ts).
 */
const isRecordType = (entity: string): entity is RecordType => (RECORD_TYPES as readonly string[]).includes(entity);

async function labelOf(ctx: Ctx, type: RecordType, id: string): Promise<string | null> {
  const access = ctx.services.hooks.recordAccess[type];
  if (!access) return null;
  try {
    return (await access.label(ctx, id)) || null;
  } catch {
    return null; // a record that no longer exists has no label
  }
}

/** What a snapshot of a record without a label hook calls it (a reminder's title, an attachment's file name). */
function nameIn(snapshot: unknown): string | null {
  if (!snapshot || typeof snapshot !== 'object') return null;
  const s = snapshot as Record<string, unknown>;
  const name = s.title ?? s.fileName ?? s.name;
  return typeof name === 'string' && name.trim() ? name : null;
}

/**
 * The label an audit row stores, resolved when it is written: from the record type's label hook,
 * else from the row's own snapshot, else the label an earlier row about the same record stored
 * (an attachment archived after its upload). Null for rows about no particular record.
 */
export async function auditRecordLabel(ctx: Ctx, entry: { entity: string; recordId: string | null; before?: unknown; after?: unknown }): Promise<string | null> {
  if (entry.recordId && isRecordType(entry.entity)) {
    const label = await labelOf(ctx, entry.entity, entry.recordId);
    if (label) return label;
  }
  const own = nameIn(entry.after) ?? nameIn(entry.before);
  if (own || !entry.recordId) return own;
  const earlier = await ctx.manager
    .getRepository(AuditEntity)
    .createQueryBuilder('a')
    .select('a.recordLabel')
    .where('a.entity = :entity AND a.record_id = :id AND a.record_label IS NOT NULL', { entity: entry.entity, id: entry.recordId })
    .orderBy('a.seq', 'DESC')
    .limit(1)
    .getOne();
  return earlier?.recordLabel ?? null;
}

/**
 * Fields whose values are ids of other records, by the record type they point at: their old and
 * new values are shown by name. A module whose records carry other references adds them here.
 */
export const REFERENCE_FIELDS: Record<string, RecordType> = {
  positionId: 'position',
  groupId: 'group',
  groupIds: 'group',
  managedGroups: 'group',
  managerId: 'employee',
  leadEmployeeId: 'employee',
  employeeId: 'employee',
  assigneeId: 'user',
  requestedBy: 'user',
  createdBy: 'user',
  approverUserId: 'user',
  recordedBy: 'user',
  correctionId: 'punchCorrection',
};

/** Collects the ids that fields of the snapshots refer to, by the type they point at. */
export function referencedIds(snapshots: unknown[], into = new Map<string, RecordType>()): Map<string, RecordType> {
  for (const snapshot of snapshots) {
    if (!snapshot || typeof snapshot !== 'object') continue;
    const s = snapshot as Record<string, unknown>;
    // A reminder, attachment or approval names the record it is about as { entity, recordId }.
    if (typeof s.entity === 'string' && isRecordType(s.entity) && typeof s.recordId === 'string') into.set(s.recordId, s.entity);
    for (const [field, value] of Object.entries(s)) {
      const type = Object.hasOwn(REFERENCE_FIELDS, field) ? REFERENCE_FIELDS[field]! : null;
      if (!type) continue;
      for (const id of Array.isArray(value) ? value : [value]) if (typeof id === 'string') into.set(id, type);
    }
  }
  return into;
}

/** Labels of referenced records, id -> label (ids that no longer resolve are left out). */
export async function labelsFor(ctx: Ctx, ids: Map<string, RecordType>): Promise<Record<string, string>> {
  const labels: Record<string, string> = {};
  for (const [id, type] of ids) {
    const label = await labelOf(ctx, type, id);
    if (label) labels[id] = label;
  }
  return labels;
}
