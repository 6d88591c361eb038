import type { TimelineEntry, TimelineKind } from '../../../shared/api/kernel.js';
import type { ParsedInputOf } from '../../../shared/api/index.js';
import type { RecordType } from '../../../shared/domain/records.js';
import type { Ctx } from './context.js';
import { TimelineEntity, type TimelineRecord } from './entities.js';
import { recordAccessFor } from './module.js';
import { sqlFor } from '../db/sql.js';
import { userNames } from './names.js';
import { labelsFor, referencedIds } from './record-labels.js';

export type FieldChange = { field: string; from: unknown; to: unknown; hidden?: true };

/** The fields whose values differ between two snapshots of a record. */
export function diffFields<T extends object>(before: T, after: T, fields: (keyof T & string)[]): FieldChange[] {
  return fields
    .filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null))
    .map((f) => ({ field: f, from: before[f] ?? null, to: after[f] ?? null }));
}

/** Adds an entry to a record's timeline, in the caller's transaction. */
/** Prepared once (db/sql.ts): written on every change of a record. */
const INSERT_TIMELINE = 'INSERT INTO timeline_entries (id, entity, record_id, kind, author_id, at, body, changes_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';

export async function addTimeline(
  ctx: Ctx,
  entry: { entity: RecordType; recordId: string; kind: TimelineKind; body?: string | null; changes?: FieldChange[] | null },
): Promise<TimelineRecord> {
  const record: TimelineRecord = {
    id: ctx.services.newId(),
    entity: entry.entity,
    recordId: entry.recordId,
    kind: entry.kind,
    authorId: ctx.actor?.userId ?? null,
    at: ctx.nowIso,
    body: entry.body ?? null,
    changesJson: entry.changes ? JSON.stringify(entry.changes) : null,
  };
  await sqlFor(ctx.manager).run(INSERT_TIMELINE, [record.id, record.entity, record.recordId, record.kind, record.authorId, record.at, record.body, record.changesJson]);
  return record;
}

const changesOf = (r: TimelineRecord): FieldChange[] | null => (r.changesJson ? (JSON.parse(r.changesJson) as FieldChange[]) : null);

/** Old and new values of the changes, as snapshots: what referencedIds reads. */
const valuesOf = (changes: FieldChange[] | null) => (changes ?? []).flatMap((c) => [{ [c.field]: c.from }, { [c.field]: c.to }]);

function view(r: TimelineRecord, names: Map<string, string>, labels: Record<string, string>): TimelineEntry {
  const changes = changesOf(r);
  const own = [...referencedIds(valuesOf(changes)).keys()].filter((id) => Object.hasOwn(labels, id));
  return {
    id: r.id,
    at: r.at,
    kind: r.kind as TimelineKind,
    authorId: r.authorId,
    authorName: r.authorId ? (names.get(r.authorId) ?? null) : null,
    body: r.body,
    changes,
    labels: Object.fromEntries(own.map((id) => [id, labels[id]!])),
  };
}

export async function listTimeline(ctx: Ctx, input: ParsedInputOf<'timeline.list'>): Promise<TimelineEntry[]> {
  const access = recordAccessFor(ctx, input.entity);
  await access.assertRead(ctx, input.recordId);
  const rows = await ctx.manager.getRepository(TimelineEntity).find({
    where: { entity: input.entity, recordId: input.recordId },
    order: { at: 'DESC', id: 'DESC' },
    take: 500,
  });
  const names = await userNames(ctx.manager, rows.map((r) => r.authorId));
  // Changed references (a new group, another manager) are shown by name: one label lookup per record referred to.
  const labels = await labelsFor(ctx, referencedIds(rows.flatMap((r) => valuesOf(changesOf(r)))));
  const entries = rows.map((r) => view(r, names, labels));
  if (!access.visibleChanges) return entries;
  for (const entry of entries) if (entry.changes) entry.changes = await access.visibleChanges(ctx, input.recordId, entry.changes);
  return entries;
}

/** Anyone who may read a record may comment on it. */
export async function comment(ctx: Ctx, input: ParsedInputOf<'timeline.comment'>): Promise<TimelineEntry> {
  await recordAccessFor(ctx, input.entity).assertRead(ctx, input.recordId);
  const record = await addTimeline(ctx, { entity: input.entity, recordId: input.recordId, kind: 'comment', body: input.body });
  await ctx.audit({ entity: input.entity, recordId: input.recordId, action: 'comment', after: { body: input.body } });
  return view(record, await userNames(ctx.manager, [record.authorId]), {});
}
