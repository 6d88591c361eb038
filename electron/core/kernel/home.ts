import type { HomeSummary } from '../../../shared/api/kernel.js';
import { IsNull } from 'typeorm';
import type { Ctx } from './context.js';
import { requireActor } from './context.js';
import { pendingForActor, views } from './approvals.js';
import { dueReminders } from './reminders.js';
import { NotificationEntity } from './entities.js';
import { notificationView, unreadCount } from './notifications.js';

/** The home page: what waits for the user now. Due means due by the end of the user's next 24 hours. */
export async function homeSummary(ctx: Ctx): Promise<HomeSummary> {
  const actor = requireActor(ctx);
  const pendingIds = await pendingForActor(ctx);
  const until = new Date(ctx.now.getTime() + 24 * 60 * 60 * 1000).toISOString();
  const reminders = await dueReminders(ctx, { until });
  const unread = await ctx.manager.getRepository(NotificationEntity).find({
    where: { userId: actor.userId, readAt: IsNull() },
    order: { createdAt: 'DESC' },
    take: 10,
  });
  return {
    pendingApprovals: await views(ctx, pendingIds.slice(0, 10)),
    dueReminders: reminders.slice(0, 10),
    notifications: unread.map(notificationView),
    counts: { pendingApprovals: pendingIds.length, dueReminders: reminders.length, unreadNotifications: await unreadCount(ctx) },
  };
}
