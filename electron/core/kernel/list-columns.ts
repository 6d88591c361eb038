import type { ApprovalRequestView, ApprovalStepStatus, AuditRow, NotificationRow, ReminderRow } from '../../../shared/api/kernel.js';
import { sheetFormat, type ListExports } from './export.js';
import { APPROVAL_STATUS_NAMES, nameOf, notificationTitle, pick, RECORD_TYPE_NAMES, ROLE_NAMES, yesNo, type Bilingual } from './words.js';
import { actionName, operationName, recordText } from '../../../shared/domain/operations.js';

/** JSON of an audit row's before/after values, as the audit page's detail shows them. */
const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

const auditLog = sheetFormat<AuditRow>({
  fileBase: { zh: '审计日志', en: 'audit-log' },
  sheetName: { zh: '审计日志', en: 'Audit log' },
  columns: [
    { key: 'seq', zh: '序号', en: 'No.', width: 8 },
    { key: 'at', zh: '时间', en: 'Time', width: 18, format: 'dateTime' },
    { key: 'username', zh: '用户', en: 'User', width: 18, value: (r) => (r.userDisplayName && r.username && r.userDisplayName !== r.username ? `${r.userDisplayName} (${r.username})` : r.username) },
    { key: 'method', zh: '操作', en: 'Operation', width: 20, value: (r, zh) => operationName(r.method, zh) },
    { key: 'action', zh: '结果', en: 'Outcome', width: 20, value: (r, zh) => actionName(r.action, zh) },
    { key: 'entity', zh: '对象', en: 'Record', width: 26, value: (r, zh) => recordText(r.entity, r.recordLabel, zh) },
    { key: 'recordId', zh: '记录 ID', en: 'Record ID', width: 38 },
    { key: 'before', zh: '变更前', en: 'Before', width: 40, value: (r) => json(r.before) },
    { key: 'after', zh: '变更后', en: 'After', width: 40, value: (r) => json(r.after) },
  ],
});

const reminders = sheetFormat<ReminderRow>({
  fileBase: { zh: '提醒事项', en: 'reminders' },
  sheetName: { zh: '提醒事项', en: 'Reminders' },
  columns: [
    { key: 'title', zh: '事项', en: 'Reminder', width: 30 },
    { key: 'note', zh: '备注', en: 'Note', width: 30 },
    { key: 'dueAt', zh: '到期时间', en: 'Due', width: 18, format: 'dateTime' },
    { key: 'assigneeName', zh: '负责人', en: 'Assignee', width: 12 },
    { key: 'overdue', zh: '已逾期', en: 'Overdue', width: 8, value: (r, zh) => yesNo(r.overdue, zh) },
    { key: 'doneAt', zh: '完成时间', en: 'Done', width: 18, format: 'dateTime' },
    { key: 'entity', zh: '关联对象', en: 'About', width: 12, value: (r, zh) => nameOf(RECORD_TYPE_NAMES, r.entity, zh) },
  ],
});

const notifications = sheetFormat<NotificationRow>({
  fileBase: { zh: '通知', en: 'notifications' },
  sheetName: { zh: '通知', en: 'Notifications' },
  columns: [
    { key: 'titleKey', zh: '通知', en: 'Notification', width: 40, value: (r, zh) => notificationTitle(r.titleKey, r.params, zh) },
    { key: 'createdAt', zh: '时间', en: 'Time', width: 18, format: 'dateTime' },
    { key: 'readAt', zh: '已读', en: 'Read', width: 8, value: (r, zh) => yesNo(r.readAt !== null, zh) },
  ],
});

const STEP_STATUS_NAMES: Record<ApprovalStepStatus, Bilingual> = {
  waiting: { zh: '未开始', en: 'Waiting' },
  pending: { zh: '待审批', en: 'Pending' },
  approved: { zh: '已同意', en: 'Approved' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  skipped: { zh: '已跳过', en: 'Skipped' },
};

/** The steps in one cell, one line each: "1. 系统管理员 已同意（张伟：同意）". */
function stepsText(r: ApprovalRequestView, zh: boolean): string {
  return r.steps
    .map((s) => {
      const who = s.approverName ?? (s.approverRole ? pick(ROLE_NAMES[s.approverRole], zh) : '');
      const decided = s.decidedByName ? (zh ? `（${s.decidedByName}${s.comment ? `：${s.comment}` : ''}）` : ` (${s.decidedByName}${s.comment ? `: ${s.comment}` : ''})`) : '';
      return `${s.seq}. ${who} ${pick(STEP_STATUS_NAMES[s.status], zh)}${decided}`;
    })
    .join('\n');
}

const approvals = sheetFormat<ApprovalRequestView>({
  fileBase: { zh: '我的审批', en: 'approvals' },
  sheetName: { zh: '审批', en: 'Approvals' },
  columns: [
    { key: 'title', zh: '事项', en: 'Request', width: 30 },
    { key: 'entity', zh: '对象', en: 'Object', width: 10, value: (r, zh) => nameOf(RECORD_TYPE_NAMES, r.entity, zh) },
    { key: 'status', zh: '状态', en: 'Status', width: 10, value: (r, zh) => pick(APPROVAL_STATUS_NAMES[r.status], zh) },
    { key: 'requestedByName', zh: '申请人', en: 'Requested by', width: 12 },
    { key: 'createdAt', zh: '提交时间', en: 'Submitted', width: 18, format: 'dateTime' },
    { key: 'decidedAt', zh: '完成时间', en: 'Decided', width: 18, format: 'dateTime' },
    { key: 'steps', zh: '审批步骤', en: 'Steps', width: 40, value: stepsText },
  ],
});

/** The kernel's lists (audit log and the inbox pages) as the export button writes them. */
export const kernelListExports: ListExports = {
  'audit.list': auditLog,
  'reminders.mine': reminders,
  'notifications.list': notifications,
  'approvals.mine': approvals,
};
