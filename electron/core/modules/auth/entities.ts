import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  employeeId: string | null;
  disabled: boolean;
  locale: string;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}
export const UserEntity = new EntitySchema<UserRecord>({
  name: 'User',
  tableName: 'users',
  columns: {
    id: col.id(),
    username: col.text('username'),
    displayName: col.text('display_name'),
    passwordHash: col.text('password_hash'),
    employeeId: col.ref('employee_id', true),
    disabled: col.bool('disabled'),
    // failed_logins and locked_until (the old lock-out) are no longer read or written: see
    // migration 0004 and login_throttle below.
    locale: col.text('locale'),
    mustChangePassword: col.bool('must_change_password'),
    lastLoginAt: col.instant('last_login_at', true),
    createdAt: col.instant('created_at'),
    updatedAt: col.instant('updated_at'),
  },
});

export interface UserRoleRecord {
  userId: string;
  role: string;
}
export const UserRoleEntity = new EntitySchema<UserRoleRecord>({
  name: 'UserRole',
  tableName: 'user_roles',
  columns: {
    userId: { type: 'varchar', length: 36, name: 'user_id', primary: true },
    role: { type: 'varchar', length: 20, primary: true },
  },
});

/**
 * Failed sign-in counters (auth/throttle.ts). `key` is a bucket, never a username or address:
 * `name:<n>` for a username's hash, `source:<n>` for a caller's address, so guessing many names
 * cannot grow the table beyond the bucket counts.
 */
export interface LoginThrottleRecord {
  key: string;
  /** Failures in a row, forgotten after an hour without one. */
  failures: number;
  lastFailureAt: string;
  /** Attempts before this instant are refused without checking the password. */
  retryAt: string | null;
}
export const LoginThrottleEntity = new EntitySchema<LoginThrottleRecord>({
  name: 'LoginThrottle',
  tableName: 'login_throttle',
  columns: {
    key: { type: 'varchar', length: 40, primary: true },
    failures: col.int('failures'),
    lastFailureAt: col.instant('last_failure_at'),
    retryAt: col.instant('retry_at', true),
  },
});

export const authEntities = [UserEntity, UserRoleEntity, LoginThrottleEntity];
