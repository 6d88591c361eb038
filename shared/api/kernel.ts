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
  /** The signed-in user who acted; null for sign-in rows (no one is signed in yet) and the system. */
  userId: string | null;
  /** Who acted, or for sign-in rows the username that was tried. */
  username: string | null;
  /** The acting user's name as the users list shows it (null when there is no such account). */
  userDisplayName: string | null;
  /** A contract method, or one of the core's own operations (shared/domain/operations.ts names both). */
  method: string;
  entity: string;
  recordId: string | null;
  /** The record as people read it when the row was written: "王小明 (YY021)". */
  recordLabel: string | null;
  action: string;
  before: unknown;
  after: unknown;
  /** Names of the records that before/after values refer to by id (id -> label). */
  refLabels: Record<string, string>;
}

/** Integrity findings the audit log records about itself (rows of entity 'audit'). */
export const AUDIT_INCIDENT_KINDS = ['checkpointMissing', 'checkpointInvalid', 'headMismatch', 'resealed', 'accountTampered'] as const;
export type AuditIncidentKind = (typeof AUDIT_INCIDENT_KINDS)[number];

export interface AuditIncident {
  seq: number;
  at: string;
  kind: AuditIncidentKind;
}

/**
 * The audit log's integrity, as `audit.verify` and `opsdesk doctor --json` (its `audit` field)
 * report it. Field names are stable: IT scripts read them.
 */
export interface AuditIntegrity {
  /** The chain verifies from the first row and the head matches the checkpoint. */
  ok: boolean;
  /** Rows in the log. */
  rows: number;
  /** The first row that does not verify (edited, deleted, reordered, or forged), null when none. */
  firstBrokenSeq: number | null;
  /** The log has fewer rows than the checkpoint counted: its newest rows were deleted. */
  truncated: boolean;
  /**
   * The head checkpoint kept outside the database: 'matches'; 'mismatch' (truncated, or the
   * checkpointed row was rewritten); 'missing'; 'invalid' (damaged or edited); 'otherKey'
   * (written with another install key: the folder or file came from elsewhere).
   */
  checkpoint: 'matches' | 'mismatch' | 'missing' | 'invalid' | 'otherKey';
  /** The row count the checkpoint recorded (null without a valid checkpoint). */
  checkpointRows: number | null;
  /** The first row keyed with the install key; earlier rows carry the plain hash of older versions. */
  keyedFromSeq: number | null;
  /** What the log records about its own integrity (a checkpoint found missing, a re-keyed restore). */
  incidents: AuditIncident[];
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
  /** `hidden`: the field changed, but its values are not for this reader (contact details: org.contacts). */
  changes: { field: string; from: unknown; to: unknown; hidden?: true }[] | null;
  /** Names of the records that changed values refer to by id (id -> label). */
  labels: Record<string, string>;
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
  /** Walks the audit hash chain and compares its head with the checkpoint; reports where it breaks. */
  'audit.verify': query<AuditIntegrity>()({
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
