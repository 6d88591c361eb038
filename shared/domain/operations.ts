import type { MethodName } from '../api/index.js';

/**
 * What the audit log calls each operation, in both languages: every contract method (the type
 * makes a new method without its words a type error; tests/shared/operations.test.ts says which)
 * and the core's own operations that write audit rows. Shared because the audit log page and
 * the audit log's Excel export (made by the core, also from the CLI) must use the same words.
 */
export interface Bilingual {
  zh: string;
  en: string;
}

/** Operations the core runs on its own (core.runInternal labels, integrity findings). */
export const INTERNAL_OPERATIONS = [
  'audit.integrity',
  'backup.auto',
  'backup.restore.check',
  'cli.backup',
  'cli.backupVerify',
  'cli.restore',
  'maintenance.demo',
  'maintenance.doctor',
  'maintenance.exportAll',
  'maintenance.usersUnlock',
] as const;
export type InternalOperation = (typeof INTERNAL_OPERATIONS)[number];

export const OPERATION_NAMES: Record<MethodName | InternalOperation, Bilingual> = {
  'setup.status': { zh: '查看初始化状态', en: 'Check setup status' },
  'setup.initialize': { zh: '初始化部门', en: 'Set up the department' },
  'auth.login': { zh: '登录', en: 'Sign in' },
  'auth.logout': { zh: '退出登录', en: 'Sign out' },
  'auth.me': { zh: '查看当前账号', en: 'View own account' },
  'auth.changePassword': { zh: '修改密码', en: 'Change password' },
  'auth.setLocale': { zh: '切换语言', en: 'Change language' },
  'users.list': { zh: '查看用户账号', en: 'View user accounts' },
  'users.create': { zh: '新建账号', en: 'Create account' },
  'users.update': { zh: '编辑账号', en: 'Edit account' },
  'users.setDisabled': { zh: '停用或启用账号', en: 'Disable or enable account' },
  'users.resetPassword': { zh: '重置密码', en: 'Reset password' },
  'users.unlock': { zh: '解除登录限制', en: 'Lift sign-in slow-down' },
  'org.department.get': { zh: '查看部门', en: 'View department' },
  'org.department.update': { zh: '修改部门名称', en: 'Rename department' },
  'org.groups.list': { zh: '查看小组', en: 'View groups' },
  'org.groups.create': { zh: '新建小组', en: 'Create group' },
  'org.groups.update': { zh: '编辑小组', en: 'Edit group' },
  'org.groups.archive': { zh: '归档小组', en: 'Archive group' },
  'org.groups.restore': { zh: '恢复小组', en: 'Restore group' },
  'org.positions.list': { zh: '查看岗位', en: 'View positions' },
  'org.positions.create': { zh: '新建岗位', en: 'Create position' },
  'org.positions.update': { zh: '编辑岗位', en: 'Edit position' },
  'org.positions.archive': { zh: '归档岗位', en: 'Archive position' },
  'org.positions.restore': { zh: '恢复岗位', en: 'Restore position' },
  'org.employees.list': { zh: '查看员工', en: 'View employees' },
  'org.employees.get': { zh: '查看员工详情', en: 'View employee' },
  'org.employees.create': { zh: '新建员工', en: 'Create employee' },
  'org.employees.update': { zh: '编辑员工', en: 'Edit employee' },
  'org.employees.archive': { zh: '归档员工', en: 'Archive employee' },
  'org.employees.restore': { zh: '恢复员工', en: 'Restore employee' },
  'org.employees.importPreview': { zh: '预览员工导入', en: 'Preview employee import' },
  'org.employees.importCommit': { zh: '导入员工', en: 'Import employees' },
  'org.employees.importTemplate': { zh: '下载员工导入模板', en: 'Download employee import template' },
  'org.employees.export': { zh: '导出员工', en: 'Export employees' },
  'org.deputies.list': { zh: '查看副经理分管', en: 'View deputies' },
  'org.deputies.assign': { zh: '设置分管小组', en: 'Assign groups to a deputy' },
  'org.chart': { zh: '查看组织架构图', en: 'View org chart' },
  'org.chart.reports': { zh: '展开组织架构图', en: 'Expand org chart' },
  'org.chart.path': { zh: '在组织架构图中查找', en: 'Find in org chart' },
  'audit.list': { zh: '查看审计日志', en: 'View audit log' },
  'audit.verify': { zh: '校验审计日志', en: 'Verify audit log' },
  'timeline.list': { zh: '查看动态', en: 'View timeline' },
  'timeline.comment': { zh: '发表评论', en: 'Comment' },
  'attachments.list': { zh: '查看附件', en: 'View attachments' },
  'attachments.upload': { zh: '上传附件', en: 'Upload attachment' },
  'attachments.download': { zh: '下载附件', en: 'Download attachment' },
  'attachments.archive': { zh: '归档附件', en: 'Archive attachment' },
  'approvals.mine': { zh: '查看我的审批', en: 'View my approvals' },
  'approvals.forRecord': { zh: '查看审批', en: 'View approvals' },
  'approvals.decide': { zh: '审批', en: 'Decide approval' },
  'approvals.cancel': { zh: '撤回审批', en: 'Withdraw approval' },
  'reminders.mine': { zh: '查看提醒', en: 'View reminders' },
  'reminders.due': { zh: '查看到期提醒', en: 'View due reminders' },
  'reminders.create': { zh: '新建提醒', en: 'Create reminder' },
  'reminders.complete': { zh: '完成提醒', en: 'Complete reminder' },
  'notifications.list': { zh: '查看通知', en: 'View notifications' },
  'notifications.markRead': { zh: '标记通知已读', en: 'Mark notifications read' },
  'home.summary': { zh: '查看工作台', en: 'View home page' },
  'directory.users': { zh: '查看人员名单', en: 'View people list' },
  'exports.list': { zh: '导出列表', en: 'Export list' },
  'backup.overview': { zh: '查看备份', en: 'View backups' },
  'backup.create': { zh: '备份数据', en: 'Back up data' },
  'backup.inspect': { zh: '读取备份内容', en: 'Read backup contents' },
  'backup.verify': { zh: '校验备份', en: 'Verify backup' },
  'backup.pickFile': { zh: '选择备份文件', en: 'Choose backup file' },
  'backup.restore': { zh: '从备份恢复', en: 'Restore from backup' },
  'settings.get': { zh: '查看设置', en: 'View settings' },
  'settings.update': { zh: '修改设置', en: 'Change settings' },
  'attendance.settings.get': { zh: '查看考勤设置', en: 'View attendance settings' },
  'attendance.settings.update': { zh: '修改考勤设置', en: 'Change attendance settings' },
  'attendance.schedules.list': { zh: '查看作息制度', en: 'View work schedules' },
  'attendance.schedules.create': { zh: '新建作息制度', en: 'Create work schedule' },
  'attendance.schedules.update': { zh: '修改作息制度', en: 'Change work schedule' },
  'attendance.schedules.assign': { zh: '分配作息制度', en: 'Assign work schedule' },
  'attendance.schedules.unassign': { zh: '取消作息制度分配', en: 'Remove schedule assignment' },
  'attendance.calendar.year': { zh: '查看节假日日历', en: 'View holiday calendar' },
  'attendance.calendar.set': { zh: '修改节假日日历', en: 'Change holiday calendar' },
  'attendance.calendar.import': { zh: '导入节假日', en: 'Import holidays' },
  'attendance.today': { zh: '查看今日打卡', en: "View today's punches" },
  'attendance.clock': { zh: '打卡', en: 'Clock in or out' },
  'attendance.punches.list': { zh: '查看打卡记录', en: 'View punches' },
  'attendance.import.preview': { zh: '预览考勤机导入', en: 'Preview punch import' },
  'attendance.import.commit': { zh: '导入考勤机记录', en: 'Import punches' },
  'attendance.import.presets': { zh: '查看导入列映射', en: 'View import mappings' },
  'attendance.import.savePreset': { zh: '保存导入列映射', en: 'Save import mapping' },
  'attendance.corrections.create': { zh: '申请补卡', en: 'Request punch correction' },
  'attendance.corrections.list': { zh: '查看补卡申请', en: 'View punch corrections' },
  'attendance.leave.create': { zh: '申请请假', en: 'Request leave' },
  'attendance.leave.list': { zh: '查看请假', en: 'View leave' },
  'attendance.leave.get': { zh: '查看请假详情', en: 'View leave request' },
  'attendance.leave.cancel': { zh: '撤销请假', en: 'Cancel leave' },
  'attendance.leave.balance': { zh: '查看年假余额', en: 'View annual leave balance' },
  'attendance.entitlements.set': { zh: '设置年假天数', en: 'Set annual leave entitlement' },
  'attendance.discipline.create': { zh: '登记违纪', en: 'Record discipline case' },
  'attendance.discipline.list': { zh: '查看违纪记录', en: 'View discipline records' },
  'attendance.discipline.comment': { zh: '说明违纪记录', en: 'Comment on discipline record' },
  'attendance.month.report': { zh: '查看月度考勤', en: 'View monthly attendance' },
  'attendance.month.person': { zh: '查看个人月度考勤', en: "View a person's month" },
  'attendance.month.lock': { zh: '锁定考勤月份', en: 'Lock attendance month' },
  'attendance.month.unlock': { zh: '解锁考勤月份', en: 'Unlock attendance month' },
  'attendance.month.export': { zh: '导出月度考勤', en: 'Export monthly attendance' },

  'audit.integrity': { zh: '审计日志完整性检查', en: 'Audit log integrity check' },
  'backup.auto': { zh: '自动备份', en: 'Automatic backup' },
  'backup.restore.check': { zh: '恢复前检查备份', en: 'Check a backup before restoring it' },
  'cli.backup': { zh: '命令行备份', en: 'Backup (command line)' },
  'cli.backupVerify': { zh: '命令行校验备份', en: 'Verify backup (command line)' },
  'cli.restore': { zh: '命令行恢复', en: 'Restore (command line)' },
  'maintenance.demo': { zh: '生成演示数据', en: 'Add demo data' },
  'maintenance.doctor': { zh: '健康检查', en: 'Health check' },
  'maintenance.exportAll': { zh: '导出全部数据', en: 'Export all data' },
  'maintenance.usersUnlock': { zh: '命令行解除登录限制', en: 'Lift sign-in slow-down (command line)' },
};

/**
 * What happened, by the `action` an audit row records. One word for most rows; sign-in rows
 * say how the attempt ended, integrity rows what was found.
 */
export const AUDIT_ACTION_NAMES: Record<string, Bilingual> = {
  create: { zh: '新建', en: 'Created' },
  update: { zh: '修改', en: 'Changed' },
  archive: { zh: '归档', en: 'Archived' },
  restore: { zh: '恢复', en: 'Restored' },
  import: { zh: '导入', en: 'Imported' },
  comment: { zh: '评论', en: 'Commented' },
  upload: { zh: '上传', en: 'Uploaded' },
  request: { zh: '提交审批', en: 'Requested approval' },
  approve: { zh: '同意', en: 'Approved' },
  reject: { zh: '驳回', en: 'Rejected' },
  cancel: { zh: '撤回', en: 'Withdrawn' },
  complete: { zh: '完成', en: 'Completed' },
  assignDeputy: { zh: '设置分管', en: 'Assigned groups' },
  seedStructure: { zh: '建立默认小组和岗位', en: 'Created default groups and positions' },
  seedDemo: { zh: '生成演示数据', en: 'Added demo data' },
  login: { zh: '登录成功', en: 'Signed in' },
  loginFailed: { zh: '登录失败：密码错误', en: 'Sign-in failed: wrong password' },
  locked: { zh: '登录失败：密码错误，账号已锁定', en: 'Sign-in failed: wrong password, account locked' },
  loginWhileLocked: { zh: '登录失败：账号锁定中', en: 'Sign-in refused: account locked' },
  wrongCurrentPassword: { zh: '修改密码失败：当前密码错误', en: 'Password change failed: wrong current password' },
  unlock: { zh: '解除登录限制', en: 'Lifted sign-in slow-down' },
  changePassword: { zh: '修改密码', en: 'Changed password' },
  resetPassword: { zh: '重置密码', en: 'Reset password' },
  setLocale: { zh: '切换语言', en: 'Changed language' },
  disable: { zh: '停用', en: 'Disabled' },
  enable: { zh: '启用', en: 'Enabled' },
  rotate: { zh: '清理旧的自动备份', en: 'Removed old automatic backups' },
  verify: { zh: '校验', en: 'Verified' },
  checkpointMissing: { zh: '发现审计检查点文件丢失', en: 'Audit checkpoint found missing' },
  checkpointInvalid: { zh: '发现审计检查点文件无效', en: 'Audit checkpoint found invalid' },
  headMismatch: { zh: '发现最新的审计记录与检查点不符', en: 'Newest audit rows found not matching the checkpoint' },
  resealed: { zh: '恢复的审计记录无法用本机密钥校验，已重新签名', en: 'Restored audit rows could not be verified with this key: re-keyed' },
  accountTampered: { zh: '发现账号在 OpsDesk 之外被修改（角色、密码或状态）', en: 'Account found changed outside OpsDesk (roles, password or status)' },
  restoreVerified: { zh: '恢复的审计记录校验通过', en: 'Restored audit rows verified' },
  clock: { zh: '打卡', en: 'Clocked' },
  lock: { zh: '锁定', en: 'Locked' },
  unlockMonth: { zh: '解锁', en: 'Unlocked' },
  assign: { zh: '分配', en: 'Assigned' },
  unassign: { zh: '取消分配', en: 'Unassigned' },
  requestCancel: { zh: '申请撤销', en: 'Asked to cancel' },
  set: { zh: '设置', en: 'Set' },
};

/** What kind of record a row is about (the record types, and the other things audited). */
export const AUDIT_ENTITY_NAMES: Record<string, Bilingual> = {
  employee: { zh: '员工', en: 'Employee' },
  group: { zh: '小组', en: 'Group' },
  position: { zh: '岗位', en: 'Position' },
  user: { zh: '用户账号', en: 'User account' },
  department: { zh: '部门', en: 'Department' },
  settings: { zh: '设置', en: 'Settings' },
  backup: { zh: '备份', en: 'Backup' },
  attachment: { zh: '附件', en: 'Attachment' },
  reminder: { zh: '提醒', en: 'Reminder' },
  approval: { zh: '审批', en: 'Approval' },
  audit: { zh: '审计日志', en: 'Audit log' },
  schedule: { zh: '作息制度', en: 'Work schedule' },
  calendarDay: { zh: '节假日日历', en: 'Holiday calendar' },
  punch: { zh: '打卡记录', en: 'Punch' },
  leave: { zh: '请假', en: 'Leave request' },
  punchCorrection: { zh: '补卡申请', en: 'Punch correction' },
  discipline: { zh: '违纪记录', en: 'Discipline record' },
  entitlement: { zh: '年假天数', en: 'Annual leave entitlement' },
  attendanceMonth: { zh: '考勤月份', en: 'Attendance month' },
  importPreset: { zh: '导入列映射', en: 'Import mapping' },
};

export const UNKNOWN_OPERATION: Bilingual = { zh: '其他操作', en: 'Other operation' };

const lookup = (table: Record<string, Bilingual>, key: string): Bilingual | null => (Object.hasOwn(table, key) ? table[key]! : null);

/** The operation's words; an operation of a newer version reads as "other operation", never as its code. */
export function operationName(method: string, zh: boolean): string {
  const words = lookup(OPERATION_NAMES, method) ?? UNKNOWN_OPERATION;
  return zh ? words.zh : words.en;
}

/** The action's words, or null when the operation's name already says it all (an unknown action). */
export function actionName(action: string, zh: boolean): string | null {
  const words = lookup(AUDIT_ACTION_NAMES, action);
  return words ? (zh ? words.zh : words.en) : null;
}

export function auditEntityName(entity: string, zh: boolean): string {
  const words = lookup(AUDIT_ENTITY_NAMES, entity) ?? { zh: '记录', en: 'Record' };
  return zh ? words.zh : words.en;
}

/** "员工 王小明 (YY021)": the record's kind and its label; just the kind when the row has no label. */
export function recordText(entity: string, label: string | null, zh: boolean): string {
  return label ? `${auditEntityName(entity, zh)} ${label}` : auditEntityName(entity, zh);
}
