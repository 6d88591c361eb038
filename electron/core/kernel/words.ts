import dayjs from 'dayjs';
import type { ApprovalStatus } from '../../../shared/api/kernel.js';
import type { EmployeeStatus, Gender } from '../../../shared/domain/org.js';
import type { RecordType } from '../../../shared/domain/records.js';
import type { Role } from '../../../shared/domain/roles.js';

/**
 * Words the core writes into files people open outside the app (list exports). The renderer
 * has the same words in its catalogs; a test keeps the two in step. They live here because an
 * export is made by the core (also from the CLI), not by a page.
 */
export interface Bilingual {
  zh: string;
  en: string;
}

export const pick = (words: Bilingual, zh: boolean): string => (zh ? words.zh : words.en);

export const ROLE_NAMES: Record<Role, Bilingual> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  manager: { zh: '经理', en: 'Manager' },
  deputy: { zh: '副经理', en: 'Deputy manager' },
  lead: { zh: '组长', en: 'Group lead' },
  staff: { zh: '员工', en: 'Staff' },
  hr: { zh: '人事', en: 'HR' },
};

export const GENDER_NAMES: Record<Gender, Bilingual> = { male: { zh: '男', en: 'Male' }, female: { zh: '女', en: 'Female' } };

export const EMPLOYEE_STATUS_NAMES: Record<EmployeeStatus, Bilingual> = {
  active: { zh: '在职', en: 'Active' },
  left: { zh: '离职', en: 'Left' },
};

export const APPROVAL_STATUS_NAMES: Record<ApprovalStatus, Bilingual> = {
  pending: { zh: '审批中', en: 'In approval' },
  approved: { zh: '已通过', en: 'Approved' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  cancelled: { zh: '已撤回', en: 'Withdrawn' },
};

export const RECORD_TYPE_NAMES: Record<RecordType, Bilingual> = {
  employee: { zh: '员工', en: 'Employee' },
  group: { zh: '小组', en: 'Group' },
  position: { zh: '岗位', en: 'Position' },
  user: { zh: '用户账号', en: 'User account' },
  leave: { zh: '请假', en: 'Leave request' },
  punchCorrection: { zh: '补卡申请', en: 'Punch correction' },
  discipline: { zh: '违纪记录', en: 'Discipline record' },
};

/** Notification titles by their message key, `{name}` filled from the notification's params. */
export const NOTIFICATION_TITLES: Record<string, Bilingual> = {
  'notify.approvalRequested': { zh: '待审批：{title}', en: 'Approval needed: {title}' },
  'notify.approvalApproved': { zh: '已通过：{title}', en: 'Approved: {title}' },
  'notify.approvalRejected': { zh: '已驳回：{title}', en: 'Rejected: {title}' },
  'notify.reminderAssigned': { zh: '新的提醒：{title}', en: 'New reminder: {title}' },
};

export const YES_NO = { yes: { zh: '是', en: 'Yes' }, no: { zh: '否', en: 'No' } } as const;

export const yesNo = (value: boolean, zh: boolean): string => pick(value ? YES_NO.yes : YES_NO.no, zh);

/** A word for a value the table may not know (a newer record type): the value itself then. */
export function nameOf<K extends string>(table: Record<K, Bilingual>, value: string | null, zh: boolean): string | null {
  if (value === null) return null;
  return Object.hasOwn(table, value) ? pick(table[value as K], zh) : value;
}

/** A notification's title as the inbox shows it; an unknown key (from a newer module) stays as is. */
export function notificationTitle(titleKey: string, params: Record<string, string>, zh: boolean): string {
  const template = Object.hasOwn(NOTIFICATION_TITLES, titleKey) ? pick(NOTIFICATION_TITLES[titleKey]!, zh) : titleKey;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? params[name]! : whole));
}

/**
 * An instant as people read it, in the computer's time zone (the app runs on the user's own
 * desktop), to the minute as the pages show it. Stored values stay UTC.
 */
export const localInstant = (iso: string | null): string | null => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : null);
