import { In, IsNull } from 'typeorm';
import type { NotificationRow } from '../../../shared/api/kernel.js';
import type { Page } from '../../../shared/api/fields.js';
import type { ParsedInputOf } from '../../../shared/api/index.js';
import type { RecordType } from '../../../shared/domain/records.js';
import { requireActor, type Ctx } from './context.js';
import { NotificationEntity, type NotificationRecord } from './entities.js';

export interface NewNotification {
  kind: string;
  /** i18n key of the title, e.g. 'notify.approvalRequested' */
  titleKey: string;
  params?: Record<string, string>;
  entity?: RecordType | null;
  recordId?: string | null;
}

/** Puts a notification in each user's inbox (in the caller's transaction) and, once committed, tells the UI. */
export async function notify(ctx: Ctx, userIds: string[], n: NewNotification): Promise<void> {
  const targets = [...new Set(userIds)];
  if (targets.length === 0) return;
  await ctx.manager.getRepository(NotificationEntity).insert(
    targets.map((userId) => ({
      id: ctx.services.newId(),
      userId,
      kind: n.kind,
      titleKey: n.titleKey,
      paramsJson: JSON.stringify(n.params ?? {}),
      entity: n.entity ?? null,
      recordId: n.recordId ?? null,
      createdAt: ctx.nowIso,
      readAt: null,
    })),
  );
  ctx.afterCommit(() => ctx.services.emit({ type: 'inbox', userIds: targets }));
}

export function notificationView(r: NotificationRecord): NotificationRow {
  return {
    id: r.id,
    kind: r.kind,
    titleKey: r.titleKey,
    params: JSON.parse(r.paramsJson) as Record<string, string>,
    entity: r.entity as RecordType | null,
    recordId: r.recordId,
    createdAt: r.createdAt,
    readAt: r.readAt,
  };
}

export async function listNotifications(ctx: Ctx, input: ParsedInputOf<'notifications.list'>): Promise<Page<NotificationRow>> {
  const actor = requireActor(ctx);
  const where = { userId: actor.userId, ...(input.unreadOnly ? { readAt: IsNull() } : {}) };
  // An inbox reads newest first. listParams defaults sortOrder to 'asc', so oldest first only
  // when the caller names the sort field too (as audit.list does).
  const direction = input.sortField === 'createdAt' && input.sortOrder === 'asc' ? 'ASC' : 'DESC';
  const [rows, total] = await ctx.manager.getRepository(NotificationEntity).findAndCount({
    where,
    order: { createdAt: direction, id: direction },
    skip: (input.page - 1) * input.pageSize,
    take: input.pageSize,
  });
  return { rows: rows.map(notificationView), total, page: input.page, pageSize: input.pageSize };
}

export async function markRead(ctx: Ctx, input: ParsedInputOf<'notifications.markRead'>): Promise<{ updated: number }> {
  const actor = requireActor(ctx);
  const repo = ctx.manager.getRepository(NotificationEntity);
  if (!input.all && !input.ids?.length) return { updated: 0 };
  const where = { userId: actor.userId, readAt: IsNull(), ...(input.all ? {} : { id: In(input.ids!) }) };
  const result = await repo.update(where, { readAt: ctx.nowIso });
  ctx.afterCommit(() => ctx.services.emit({ type: 'inbox', userIds: [actor.userId] }));
  return { updated: result.affected ?? 0 };
}

export async function unreadCount(ctx: Ctx): Promise<number> {
  const actor = requireActor(ctx);
  return ctx.manager.getRepository(NotificationEntity).count({ where: { userId: actor.userId, readAt: IsNull() } });
}
