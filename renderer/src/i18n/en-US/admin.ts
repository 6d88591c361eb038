import type { admin as zh } from '../zh-CN/admin';

/** Administration: user accounts and roles (the audit log has its own catalog, audit.ts). Typed by the Chinese catalog: a missing or extra key fails the type check. */
export const admin: Record<keyof typeof zh, string> = {
  'users.title': 'User accounts',
  'users.new': 'New account',
  'users.edit': 'Edit account',
  'users.username': 'Username',
  'users.displayName': 'Name',
  'users.password': 'Initial password',
  'users.roles': 'Roles',
  'users.employee': 'Employee',
  'users.disabled': 'Disabled',
  'users.enabled': 'Active',
  'users.locked': 'Locked',
  'users.lastLogin': 'Last sign-in',
  'users.disable': 'Disable',
  'users.enable': 'Enable',
  'users.resetPassword': 'Reset password',
  'users.resetHint': 'The user must change this temporary password at next sign-in.',
  'users.saved': 'Account saved',
  'users.passwordReset': 'Password reset',
  'users.confirmDisable': 'A disabled user cannot sign in. Disable “{name}”?',
  'users.searchPlaceholder': 'Search username or name',

  'role.admin': 'Administrator',
  'role.manager': 'Manager',
  'role.deputy': 'Deputy manager',
  'role.lead': 'Group lead',
  'role.staff': 'Staff',
  'role.hr': 'HR',
};
