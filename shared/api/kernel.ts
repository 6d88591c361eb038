import { z } from 'zod';
import { mutation, query } from './define.js';
import { fileUpload, id, isoInstant, listParams, optionalText, requiredText, type FileDownload, type Page } from './fields.js';
import { RECORD_TYPES, type RecordType } from '../domain/records.js';
import { ROLES, type Role } from '../domain/roles.js';

const recordRef = { entity: z.enum(RECORD_TYPES), recordId: id() };

export interface AuditRow {
  id: string;
  seq: number;
  at: string;
  userId: string | null;
  username: string | null;
  method: string;
  entity: string;
  recordId: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

export type TimelineKind = 'comment' | 'created' | 'status' | 'fields' | 'attachment' | 'approval';

export interface TimelineEntry {
  id: string;
  at: string;
  kind: TimelineKind;
  authorId: string | null;
  authorName: string | null;
  /** comment text, or for changes a JSON object described by `kind` */
  body: string | null;
  changes: { field: string; from: unknown; to: unknown }[] | null;
}

export interface AttachmentRow {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  createdAt: string;
  createdByName: string | null;
}

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';
export type ApprovalStepStatus = 'waiting' | 'pending' | 'approved' | 'rejected' | 'skipped';

export interface ApprovalStepView {
  id: string;
  seq: number;
  approverRole: Role | null;
  approverUserId: string | null;
  approverName: string | null;
  status: ApprovalStepStatus;
  decidedByName: string | null;
  decidedAt: string | null;
  comment: string | null;
}

export interface ApprovalRequestView {
  id: string;
  entity: RecordType;
  recordId: string;
  title: string;
  status: ApprovalStatus;
  requestedById: string;
  requestedByName: string;
  createdAt: string;
  decidedAt: string | null;
  steps: ApprovalStepView[];
  /** Whether the asking user may approve or reject the current step. */
  canDecide: boolean;
}

/** Which reminders a list shows: the user's own to-dos, or those the user assigned to others. */
export const REMINDER_SCOPES = ['mine', 'assignedByMe'] as const;
export type ReminderScope = (typeof REMINDER_SCOPES)[number];

export interface ReminderRow {
  id: string;
  title: string;
  note: string | null;
  dueAt: string;
  doneAt: string | null;
  assigneeId: string;
  assigneeName: string;
  /** Who set the reminder (null for reminders a module created, e.g. a due task). */
  createdById: string | null;
  createdByName: string;
  entity: RecordType | null;
  recordId: string | null;
  overdue: boolean;
}

export interface NotificationRow {
  id: string;
  kind: string;
  /** i18n key and its parameters */
  titleKey: string;
  params: Record<string, string>;
  entity: RecordType | null;
  recordId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface HomeSummary {
  pendingApprovals: ApprovalRequestView[];
  dueReminders: ReminderRow[];
  notifications: NotificationRow[];
  counts: { pendingApprovals: number; dueReminders: number; unreadNotifications: number };
}

export const kernelContract = {
  'audit.list': query<Page<AuditRow>>()({
    input: z
      .object({
        ...listParams(['seq']),
        entity: z.string().max(40).optional(),
        recordId: id().optional(),
        userId: id().optional(),
        method: z.string().max(80).optional(),
      })
      .strict(),
    permission: 'audit.read',
  }),
  /** Walks the audit hash chain; reports the first row that does not match. */
  'audit.verify': query<{ ok: boolean; rows: number; firstBrokenSeq: number | null }>()({
    input: z.object({}).strict(),
    permission: 'audit.read',
  }),

  'timeline.list': query<TimelineEntry[]>()({ input: z.object(recordRef).strict(), permission: 'session' }),
  'timeline.comment': mutation<TimelineEntry>()({
    input: z.object({ ...recordRef, body: requiredText(5000) }).strict(),
    permission: 'session',
  }),

  'attachments.list': query<AttachmentRow[]>()({ input: z.object(recordRef).strict(), permission: 'session' }),
  'attachments.upload': mutation<AttachmentRow>()({
    input: z.object({ ...recordRef, file: fileUpload() }).strict(),
    permission: 'session',
  }),
  'attachments.download': query<FileDownload>()({ input: z.object({ id: id() }).strict(), permission: 'session' }),
  'attachments.archive': mutation<null>()({ input: z.object({ id: id() }).strict(), permission: 'session' }),

  /** 我的审批: requests whose current step the user may decide, or that the user decided. */
  'approvals.mine': query<ApprovalRequestView[]>()({
    input: z.object({ view: z.enum(['pending', 'decided', 'requested']).default('pending') }).strict(),
    permission: 'session',
  }),
  'approvals.forRecord': query<ApprovalRequestView[]>()({ input: z.object(recordRef).strict(), permission: 'session' }),
  'approvals.decide': mutation<ApprovalRequestView>()({
    input: z
      .object({ requestId: id(), decision: z.enum(['approve', 'reject']), comment: optionalText(2000) })
      .strict()
      .refine((v) => v.decision === 'approve' || (v.comment ?? '').length > 0, {
        message: 'validation.rejectNeedsComment',
        path: ['comment'],
      }),
    permission: 'session',
  }),
  'approvals.cancel': mutation<ApprovalRequestView>()({ input: z.object({ requestId: id() }).strict(), permission: 'session' }),

  /**
   * The user's reminders: `scope` 'mine' (default) those the user must do, 'assignedByMe' those
   * the user set for other people (a reminder set for oneself is only under 'mine').
   */
  'reminders.mine': query<ReminderRow[]>()({
    input: z
      .object({
        scope: z.enum(REMINDER_SCOPES, { message: 'validation.invalidValue' }).default('mine'),
        includeDone: z.boolean().default(false),
      })
      .strict(),
    permission: 'session',
  }),
  /** Reminders assigned to the user that are due by `until` (default: now) and not done. */
  'reminders.due': query<ReminderRow[]>()({
    input: z.object({ until: isoInstant().optional() }).strict(),
    permission: 'session',
  }),
  'reminders.create': mutation<ReminderRow>()({
    input: z
      .object({
        title: requiredText(200),
        note: optionalText(2000),
        dueAt: isoInstant(),
        assigneeId: id().optional(),
        entity: z.enum(RECORD_TYPES).optional(),
        recordId: id().optional(),
      })
      .strict()
      .refine((v) => (v.entity === undefined) === (v.recordId === undefined), {
        message: 'validation.recordRefIncomplete',
        path: ['recordId'],
      }),
    permission: 'session',
  }),
  'reminders.complete': mutation<ReminderRow>()({ input: z.object({ id: id() }).strict(), permission: 'session' }),

  'notifications.list': query<Page<NotificationRow>>()({
    input: z.object({ ...listParams(['createdAt']), unreadOnly: z.boolean().default(false) }).strict(),
    permission: 'session',
  }),
  'notifications.markRead': mutation<{ updated: number }>()({
    input: z.object({ ids: z.array(id()).max(500).optional(), all: z.boolean().default(false) }).strict(),
    permission: 'session',
  }),

  'home.summary': query<HomeSummary>()({ input: z.object({}).strict(), permission: 'session' }),

  /** Users a reminder or approval step can name: id, name and roles, no account details. */
  'directory.users': query<{ id: string; displayName: string; roles: Role[] }[]>()({
    input: z.object({ role: z.enum(ROLES).optional() }).strict(),
    permission: 'session',
  }),
};
