import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  employeeId: string | null;
  disabled: boolean;
  failedLogins: number;
  lockedUntil: string | null;
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
    failedLogins: col.int('failed_logins'),
    lockedUntil: col.instant('locked_until', true),
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

export const authEntities = [UserEntity, UserRoleEntity];
