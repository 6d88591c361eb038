import { IsNull, LessThanOrEqual, Not, type FindOptionsWhere } from 'typeorm';
import type { ReminderRow } from '../../../shared/api/kernel.js';
import type { ParsedInputOf } from '../../../shared/api/index.js';
import type { RecordType } from '../../../shared/domain/records.js';
import { AppError, forbidden, notFound } from './errors.js';
import { requireActor, type Ctx } from './context.js';
import { ReminderEntity, type ReminderRecord } from './entities.js';
import { recordAccessFor } from './module.js';
import { userNames } from './names.js';
import { notify } from './notifications.js';
import { UserEntity } from '../modules/auth/entities.js';

/** Roles that may set reminders for other people (they hand out work); everyone may remind themselves. */
const ASSIGNING_ROLES = new Set(['admin', 'manager', 'deputy', 'lead', 'hr']);

function view(r: ReminderRecord, names: Map<string, string>, nowIso: string): ReminderRow {
  return {
    id: r.id,
    title: r.title,
    note: r.note,
    dueAt: r.dueAt,
    doneAt: r.doneAt,
    assigneeId: r.assigneeId,
    assigneeName: names.get(r.assigneeId) ?? '',
    createdById: r.createdBy,
    createdByName: r.createdBy ? (names.get(r.createdBy) ?? '') : '',
    entity: r.entity as RecordType | null,
    recordId: r.recordId,
    overdue: r.doneAt === null && r.dueAt < nowIso,
  };
}

async function views(ctx: Ctx, rows: ReminderRecord[]): Promise<ReminderRow[]> {
  const names = await userNames(ctx.manager, rows.flatMap((r) => [r.assigneeId, r.createdBy]));
  return rows.map((r) => view(r, names, ctx.nowIso));
}

/** Creates a reminder (modules call this for due tasks, SLA deadlines, collections...). */
export async function addReminder(
  ctx: Ctx,
  r: { title: string; note?: string | null; dueAt: string; assigneeId: string; entity?: RecordType | null; recordId?: string | null },
): Promise<ReminderRecord> {
  const record: ReminderRecord = {
    id: ctx.services.newId(),
    title: r.title,
    note: r.note ?? null,
    dueAt: new Date(r.dueAt).toISOString(),
    doneAt: null,
    assigneeId: r.assigneeId,
    createdBy: ctx.actor?.userId ?? null,
    entity: r.entity ?? null,
    recordId: r.recordId ?? null,
    createdAt: ctx.nowIso,
  };
  await ctx.manager.getRepository(ReminderEntity).insert(record);
  await ctx.audit({ entity: 'reminder', recordId: record.id, action: 'create', after: { ...record } });
  if (record.assigneeId !== ctx.actor?.userId) {
    await notify(ctx, [record.assigneeId], {
      kind: 'reminder',
      titleKey: 'notify.reminderAssigned',
      params: { title: record.title },
      entity: record.entity as RecordType | null,
      recordId: record.recordId,
    });
  }
  return record;
}

export async function createReminder(ctx: Ctx, input: ParsedInputOf<'reminders.create'>): Promise<ReminderRow> {
  const actor = requireActor(ctx);
  const assigneeId = input.assigneeId ?? actor.userId;
  if (assigneeId !== actor.userId) {
    if (!actor.roles.some((r) => ASSIGNING_ROLES.has(r))) throw forbidden('error.cannotAssignReminder');
    const assignee = await ctx.manager.getRepository(UserEntity).findOne({ where: { id: assigneeId } });
    if (!assignee || assignee.disabled) throw new AppError('VALIDATION', 'error.validation', { assigneeId: 'validation.unknownUser' });
  }
  if (input.entity && input.recordId) await recordAccessFor(ctx, input.entity).assertRead(ctx, input.recordId);
  const record = await addReminder(ctx, { ...input, assigneeId });
  return (await views(ctx, [record]))[0]!;
}

export async function completeReminder(ctx: Ctx, input: ParsedInputOf<'reminders.complete'>): Promise<ReminderRow> {
  const actor = requireActor(ctx);
  const repo = ctx.manager.getRepository(ReminderEntity);
  const record = await repo.findOne({ where: { id: input.id } });
  if (!record) throw notFound();
  if (record.assigneeId !== actor.userId && record.createdBy !== actor.userId) throw forbidden();
  if (record.doneAt) throw new AppError('INVALID_STATE', 'error.reminderAlreadyDone');
  await repo.update({ id: record.id }, { doneAt: ctx.nowIso });
  await ctx.audit({ entity: 'reminder', recordId: record.id, action: 'complete', before: { doneAt: null }, after: { doneAt: ctx.nowIso } });
  return (await views(ctx, [{ ...record, doneAt: ctx.nowIso }]))[0]!;
}

/**
 * The user's to-dos ('mine'), or what the user set for other people ('assignedByMe'): a reminder
 * someone assigns stays in view for them until it is done, and no one else sees it.
 */
export async function myReminders(ctx: Ctx, input: ParsedInputOf<'reminders.mine'>): Promise<ReminderRow[]> {
  const actor = requireActor(ctx);
  const whose: FindOptionsWhere<ReminderRecord> =
    input.scope === 'assignedByMe' ? { createdBy: actor.userId, assigneeId: Not(actor.userId) } : { assigneeId: actor.userId };
  const rows = await ctx.manager.getRepository(ReminderEntity).find({
    where: { ...whose, ...(input.includeDone ? {} : { doneAt: IsNull() }) },
    order: { dueAt: 'ASC' },
    take: 500,
  });
  return views(ctx, rows);
}

/** What is due: open reminders of the user whose time has come by `until` (default now). */
export async function dueReminders(ctx: Ctx, input: ParsedInputOf<'reminders.due'>): Promise<ReminderRow[]> {
  const actor = requireActor(ctx);
  const until = input.until ? new Date(input.until).toISOString() : ctx.nowIso;
  const rows = await ctx.manager.getRepository(ReminderEntity).find({
    where: { assigneeId: actor.userId, doneAt: IsNull(), dueAt: LessThanOrEqual(until) },
    order: { dueAt: 'ASC' },
    take: 500,
  });
  return views(ctx, rows);
}
