import { defineHandlers } from './registry.js';
import type { ModuleDefinition } from './module.js';
import { auditIntegrity } from './audit.js';
import { listAudit } from './audit-list.js';
import { comment, listTimeline } from './timeline.js';
import { archiveAttachment, downloadAttachment, listAttachments, uploadAttachment } from './attachments.js';
import { cancel, decide, forRecord, mine } from './approvals.js';
import { completeReminder, createReminder, dueReminders, myReminders } from './reminders.js';
import { listNotifications, markRead } from './notifications.js';
import { homeSummary } from './home.js';
import { exportList } from './list-export.js';
import { kernelListExports } from './list-columns.js';

/** The kernel's own contract methods: audit, timeline, attachments, approvals, reminders, inbox, list exports. */
export const kernelModule: ModuleDefinition = {
  name: 'kernel',
  handlers: defineHandlers({
    'audit.list': listAudit,
    'audit.verify': (ctx) => auditIntegrity(ctx.manager, ctx.services.auditChain),
    'timeline.list': listTimeline,
    'timeline.comment': comment,
    'attachments.list': listAttachments,
    'attachments.upload': uploadAttachment,
    'attachments.download': downloadAttachment,
    'attachments.archive': archiveAttachment,
    'approvals.mine': mine,
    'approvals.forRecord': forRecord,
    'approvals.decide': decide,
    'approvals.cancel': cancel,
    'reminders.mine': myReminders,
    'reminders.due': dueReminders,
    'reminders.create': createReminder,
    'reminders.complete': completeReminder,
    'notifications.list': listNotifications,
    'notifications.markRead': markRead,
    'home.summary': homeSummary,
    'exports.list': exportList,
  }),
  exports: kernelListExports,
};
