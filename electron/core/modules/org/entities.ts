import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

export interface GroupRecord {
  id: string;
  name: string;
  description: string;
  leadEmployeeId: string | null;
  sortOrder: number;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Edits so far (db/columns.ts version). */
  version: number;
}
export const GroupEntity = new EntitySchema<GroupRecord>({
  name: 'Group',
  tableName: 'org_groups',
  columns: {
    id: col.id(),
    name: col.text('name'),
    description: col.longText('description'),
    leadEmployeeId: col.ref('lead_employee_id', true),
    sortOrder: col.int('sort_order'),
    archivedAt: col.instant('archived_at', true),
    createdAt: col.instant('created_at'),
    updatedAt: col.instant('updated_at'),
    version: col.version(),
  },
});

export interface PositionRecord {
  id: string;
  title: string;
  level: number;
  duties: string;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Edits so far (db/columns.ts version). */
  version: number;
}
export const PositionEntity = new EntitySchema<PositionRecord>({
  name: 'Position',
  tableName: 'org_positions',
  columns: {
    id: col.id(),
    title: col.text('title'),
    level: col.int('level'),
    duties: col.longText('duties'),
    archivedAt: col.instant('archived_at', true),
    createdAt: col.instant('created_at'),
    updatedAt: col.instant('updated_at'),
    version: col.version(),
  },
});

export interface EmployeeRecord {
  id: string;
  employeeNo: string;
  name: string;
  /** The name's pinyin key for sorting and pinyin search (modules/org/name-pinyin.ts), kept with every write of the name. */
  namePinyin: string;
  gender: string;
  positionId: string | null;
  groupId: string | null;
  managerId: string | null;
  hireDate: string;
  phone: string | null;
  email: string | null;
  status: string;
  leftDate: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Edits so far (db/columns.ts version). */
  version: number;
}
export const EmployeeEntity = new EntitySchema<EmployeeRecord>({
  name: 'Employee',
  tableName: 'org_employees',
  columns: {
    id: col.id(),
    employeeNo: col.text('employee_no'),
    name: col.text('name'),
    namePinyin: col.text('name_pinyin'),
    gender: col.text('gender'),
    positionId: col.ref('position_id', true),
    groupId: col.ref('group_id', true),
    managerId: col.ref('manager_id', true),
    hireDate: col.date('hire_date'),
    phone: col.text('phone', true),
    email: col.text('email', true),
    status: col.text('status'),
    leftDate: col.date('left_date', true),
    archivedAt: col.instant('archived_at', true),
    createdAt: col.instant('created_at'),
    updatedAt: col.instant('updated_at'),
    version: col.version(),
  },
});

export interface DeputyGroupRecord {
  employeeId: string;
  groupId: string;
}
export const DeputyGroupEntity = new EntitySchema<DeputyGroupRecord>({
  name: 'DeputyGroup',
  tableName: 'org_deputy_groups',
  columns: {
    employeeId: { type: 'varchar', length: 36, name: 'employee_id', primary: true },
    groupId: { type: 'varchar', length: 36, name: 'group_id', primary: true },
  },
});

export const orgEntities = [GroupEntity, PositionEntity, EmployeeEntity, DeputyGroupEntity];
