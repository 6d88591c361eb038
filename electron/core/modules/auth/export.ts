import type { UserRow } from '../../../../shared/api/auth.js';
import { sheetFormat, type ListExports } from '../../kernel/export.js';
import { localInstant, pick, ROLE_NAMES } from '../../kernel/words.js';

/** The user accounts page's list as its export button writes it. `now` decides what is still locked. */
const usersExport = sheetFormat<UserRow, string>({
  fileBase: { zh: '用户账号', en: 'users' },
  sheetName: { zh: '用户账号', en: 'Users' },
  lookup: async (ctx) => ctx.nowIso,
  columns: [
    { key: 'username', zh: '用户名', en: 'Username', width: 14 },
    { key: 'displayName', zh: '姓名', en: 'Name', width: 12 },
    { key: 'roles', zh: '角色', en: 'Roles', width: 24, value: (r, zh) => r.roles.map((role) => pick(ROLE_NAMES[role], zh)).join(zh ? '、' : ', ') },
    { key: 'employeeName', zh: '关联员工', en: 'Employee', width: 12 },
    { key: 'disabled', zh: '状态', en: 'Status', width: 8, value: (r, zh) => (r.disabled ? (zh ? '已停用' : 'Disabled') : zh ? '正常' : 'Active') },
    { key: 'lockedUntil', zh: '暂停登录至', en: 'Sign-in paused until', width: 18, value: (r, _zh, now) => (r.lockedUntil && r.lockedUntil > now ? localInstant(r.lockedUntil) : null) },
    { key: 'lastLoginAt', zh: '最近登录', en: 'Last sign-in', width: 18, value: (r) => localInstant(r.lastLoginAt) },
    { key: 'createdAt', zh: '创建时间', en: 'Created', width: 18, value: (r) => localInstant(r.createdAt) },
  ],
});

export const authListExports: ListExports = { 'users.list': usersExport };
