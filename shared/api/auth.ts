import { z } from 'zod';
import { mutation, query } from './define.js';
import { blankToUndefined, hasInvalidCharacters, id, listParams, newPassword, passwordInContext, requiredText, textOf, username, type Page } from './fields.js';
import { ROLES, type Role } from '../domain/roles.js';
import { LOCALES, type Locale } from '../domain/locale.js';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  employeeId: string | null;
  locale: Locale;
  mustChangePassword: boolean;
  /** Groups in the user's "group" scope (led, or managed as a deputy), so the UI can mirror scope checks. */
  groupIds: string[];
}

export interface LoginOutput {
  token: string;
  user: SessionUser;
}

export interface MeOutput {
  user: SessionUser;
  departmentName: string;
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  employeeId: string | null;
  employeeName: string | null;
  disabled: boolean;
  /** Failed sign-ins in a row for this username (forgotten after an hour without one). */
  failedLogins: number;
  /** Until when sign-in attempts are refused (growing delays after failures); null when allowed now. */
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

const roles = () =>
  z.array(z.enum(ROLES, { message: 'validation.invalidRole' })).min(1, { message: 'validation.rolesRequired' }).max(ROLES.length);

export const setupContract = {
  /** `defaultLocale`: the language before anyone signs in (IT's machine-wide setting, else Chinese). */
  'setup.status': query<{ initialized: boolean; departmentName: string | null; defaultLocale: Locale }>()({
    input: z.object({}).strict(),
    permission: 'public',
  }),
  'setup.initialize': mutation<{ departmentName: string; adminUsername: string }>()({
    input: z
      .object({
        departmentName: requiredText(100),
        adminUsername: username(),
        adminDisplayName: blankToUndefined(requiredText(60)),
        adminPassword: newPassword(),
        locale: z.enum(LOCALES).default('zh-CN'),
        withDemoData: z.boolean().default(false),
      })
      .strict()
      .superRefine(
        passwordInContext('adminPassword', (v) => ({ username: textOf(v.adminUsername), displayName: textOf(v.adminDisplayName), departmentName: textOf(v.departmentName) })),
      ),
    permission: 'public',
  }),
};

export const authContract = {
  'auth.login': mutation<LoginOutput>()({
    input: z
      .object({
        username: z
          .string()
          .trim()
          .min(1, { message: 'validation.required' })
          .max(40, { message: 'validation.tooLong' })
          .refine((s) => !hasInvalidCharacters(s), { message: 'validation.invalidCharacters' }),
        password: z.string().min(1, { message: 'validation.required' }).max(200),
      })
      .strict(),
    permission: 'public',
    // The scrypt runs off the connection, the writes in a short transaction (auth/sign-in.ts).
    transaction: 'handler',
  }),
  'auth.logout': mutation<null>()({ input: z.object({}).strict(), permission: 'session' }),
  'auth.me': query<MeOutput>()({ input: z.object({}).strict(), permission: 'session' }),
  'auth.changePassword': mutation<null>()({
    input: z
      .object({ currentPassword: z.string().min(1, { message: 'validation.required' }).max(200), newPassword: newPassword() })
      .strict(),
    permission: 'session',
    transaction: 'handler',
  }),
  'auth.setLocale': mutation<null>()({
    input: z.object({ locale: z.enum(LOCALES) }).strict(),
    permission: 'session',
  }),
};

export const usersContract = {
  'users.list': query<Page<UserRow>>()({
    input: z
      .object({
        ...listParams(['username', 'displayName', 'createdAt', 'lastLoginAt']),
        role: z.enum(ROLES).optional(),
        disabled: z.boolean().optional(),
      })
      .strict(),
    permission: 'users.manage',
  }),
  'users.create': mutation<UserRow>()({
    input: z
      .object({
        username: username(),
        displayName: requiredText(60),
        password: newPassword(),
        roles: roles(),
        employeeId: id().nullable().default(null),
      })
      .strict()
      .superRefine(passwordInContext('password', (v) => ({ username: textOf(v.username), displayName: textOf(v.displayName) }))),
    permission: 'users.manage',
    // The password is hashed off the connection, then the account written (auth/service.ts).
    transaction: 'handler',
  }),
  'users.update': mutation<UserRow>()({
    input: z
      .object({ id: id(), displayName: requiredText(60), roles: roles(), employeeId: id().nullable() })
      .strict(),
    permission: 'users.manage',
  }),
  'users.setDisabled': mutation<UserRow>()({
    input: z.object({ id: id(), disabled: z.boolean() }).strict(),
    permission: 'users.manage',
  }),
  /** Sets a temporary password the user must change at next login; also clears the failed sign-ins. */
  'users.resetPassword': mutation<null>()({
    input: z.object({ id: id(), newPassword: newPassword() }).strict(),
    permission: 'users.manage',
    transaction: 'handler',
  }),
  /** Clears the failed sign-ins of an account, so its owner can sign in again at once. */
  'users.unlock': mutation<UserRow>()({
    input: z.object({ id: id() }).strict(),
    permission: 'users.manage',
  }),
};
