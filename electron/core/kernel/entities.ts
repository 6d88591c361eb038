import { EntitySchema } from 'typeorm';
import { col } from '../db/columns.js';

export interface SettingRecord {
  key: string;
  value: string;
  updatedAt: string;
}
export const SettingEntity = new EntitySchema<SettingRecord>({
  name: 'Setting',
  tableName: 'settings',
  columns: { key: { type: 'varchar', length: 100, primary: true }, value: col.longText('value'), updatedAt: col.instant('updated_at') },
});

export interface AuditRecord {
  id: string;
  seq: number;
  at: string;
  userId: string | null;
  username: string | null;
  method: string;
  entity: string;
  recordId: string | null;
  action: string;
  beforeJson: string | null;
  afterJson: string | null;
  /** The record as people read it when the row was written ("王小明 (YY021)"), for the log page and its search. */
  recordLabel: string | null;
  /** How `hash` is computed: 0 plain SHA-256 (rows of versions before the keyed chain), 1 HMAC-SHA256 with the install key. */
  chain: number;
  prevHash: string;
  hash: string;
}
export const AuditEntity = new EntitySchema<AuditRecord>({
  name: 'Audit',
  tableName: 'audit_log',
  columns: {
    id: col.id(),
    seq: col.int('seq'),
    at: col.instant('at'),
    userId: col.ref('user_id', true),
    username: col.text('username', true),
    method: col.text('method'),
    entity: col.text('entity'),
    recordId: col.ref('record_id', true),
    action: col.text('action'),
    beforeJson: col.longText('before_json', true),
    afterJson: col.longText('after_json', true),
    recordLabel: col.text('record_label', true),
    chain: col.int('chain'),
    prevHash: col.text('prev_hash'),
    hash: col.text('hash'),
  },
});

export interface TimelineRecord {
  id: string;
  entity: string;
  recordId: string;
  kind: string;
  authorId: string | null;
  at: string;
  body: string | null;
  changesJson: string | null;
}
export const TimelineEntity = new EntitySchema<TimelineRecord>({
  name: 'Timeline',
  tableName: 'timeline_entries',
  columns: {
    id: col.id(),
    entity: col.text('entity'),
    recordId: col.ref('record_id'),
    kind: col.text('kind'),
    authorId: col.ref('author_id', true),
    at: col.instant('at'),
    body: col.longText('body', true),
    changesJson: col.longText('changes_json', true),
  },
});

export interface AttachmentRecord {
  id: string;
  entity: string;
  recordId: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  createdBy: string | null;
  createdAt: string;
  archivedAt: string | null;
}
export const AttachmentEntity = new EntitySchema<AttachmentRecord>({
  name: 'Attachment',
  tableName: 'attachments',
  columns: {
    id: col.id(),
    entity: col.text('entity'),
    recordId: col.ref('record_id'),
    fileName: col.text('file_name'),
    mimeType: col.text('mime_type'),
    size: col.int('size'),
    sha256: col.text('sha256'),
    createdBy: col.ref('created_by', true),
    createdAt: col.instant('created_at'),
    archivedAt: col.instant('archived_at', true),
  },
});

export interface ApprovalRequestRecord {
  id: string;
  entity: string;
  recordId: string;
  title: string;
  status: string;
  requestedBy: string;
  createdAt: string;
  decidedAt: string | null;
}
export const ApprovalRequestEntity = new EntitySchema<ApprovalRequestRecord>({
  name: 'ApprovalRequest',
  tableName: 'approval_requests',
  columns: {
    id: col.id(),
    entity: col.text('entity'),
    recordId: col.ref('record_id'),
    title: col.text('title'),
    status: col.text('status'),
    requestedBy: col.ref('requested_by'),
    createdAt: col.instant('created_at'),
    decidedAt: col.instant('decided_at', true),
  },
});

export interface ApprovalStepRecord {
  id: string;
  requestId: string;
  seq: number;
  approverRole: string | null;
  approverUserId: string | null;
  status: string;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
}
export const ApprovalStepEntity = new EntitySchema<ApprovalStepRecord>({
  name: 'ApprovalStep',
  tableName: 'approval_steps',
  columns: {
    id: col.id(),
    requestId: col.ref('request_id'),
    seq: col.int('seq'),
    approverRole: col.text('approver_role', true),
    approverUserId: col.ref('approver_user_id', true),
    status: col.text('status'),
    decidedBy: col.ref('decided_by', true),
    decidedAt: col.instant('decided_at', true),
    comment: col.longText('comment', true),
  },
});

export interface ReminderRecord {
  id: string;
  title: string;
  note: string | null;
  dueAt: string;
  doneAt: string | null;
  assigneeId: string;
  createdBy: string | null;
  entity: string | null;
  recordId: string | null;
  createdAt: string;
}
export const ReminderEntity = new EntitySchema<ReminderRecord>({
  name: 'Reminder',
  tableName: 'reminders',
  columns: {
    id: col.id(),
    title: col.text('title'),
    note: col.longText('note', true),
    dueAt: col.instant('due_at'),
    doneAt: col.instant('done_at', true),
    assigneeId: col.ref('assignee_id'),
    createdBy: col.ref('created_by', true),
    entity: col.text('entity', true),
    recordId: col.ref('record_id', true),
    createdAt: col.instant('created_at'),
  },
});

export interface NotificationRecord {
  id: string;
  userId: string;
  kind: string;
  titleKey: string;
  paramsJson: string;
  entity: string | null;
  recordId: string | null;
  createdAt: string;
  readAt: string | null;
}
export const NotificationEntity = new EntitySchema<NotificationRecord>({
  name: 'Notification',
  tableName: 'notifications',
  columns: {
    id: col.id(),
    userId: col.ref('user_id'),
    kind: col.text('kind'),
    titleKey: col.text('title_key'),
    paramsJson: col.longText('params_json'),
    entity: col.text('entity', true),
    recordId: col.ref('record_id', true),
    createdAt: col.instant('created_at'),
    readAt: col.instant('read_at', true),
  },
});

/**
 * A keyed digest of each account's security fields (kernel/account-seals.ts), kept by the core
 * whenever it changes an account, so doctor can tell a change made outside the core.
 */
export interface AccountSealRecord {
  userId: string;
  /** The username when sealed: names an account that later vanished from users. */
  username: string;
  digest: string;
  sealedAt: string;
}
export const AccountSealEntity = new EntitySchema<AccountSealRecord>({
  name: 'AccountSeal',
  tableName: 'account_seals',
  columns: {
    userId: { type: 'varchar', length: 36, name: 'user_id', primary: true },
    username: col.text('username'),
    digest: col.text('digest'),
    sealedAt: col.instant('sealed_at'),
  },
});

export const kernelEntities = [
  SettingEntity,
  AuditEntity,
  TimelineEntity,
  AttachmentEntity,
  ApprovalRequestEntity,
  ApprovalStepEntity,
  ReminderEntity,
  NotificationEntity,
  AccountSealEntity,
];
