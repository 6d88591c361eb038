import type { EntityManager } from 'typeorm';
import { sqlFor } from '../../db/sql.js';
import type { EmployeeRecord } from './entities.js';

/**
 * An employee record read and written on prepared statements (db/sql.ts): the update path reads
 * the record, checks it and writes it back on every save, and TypeORM's findOne and save() (which
 * reads the row again before its UPDATE) cost several times the SQL they run. Portable SQL; the
 * columns are those of EmployeeEntity (entities.ts), all text.
 */
const RECORD = `SELECT id AS "id", employee_no AS "employeeNo", name AS "name", name_pinyin AS "namePinyin", gender AS "gender",
  position_id AS "positionId", group_id AS "groupId", manager_id AS "managerId", hire_date AS "hireDate", phone AS "phone",
  email AS "email", status AS "status", left_date AS "leftDate", archived_at AS "archivedAt", created_at AS "createdAt",
  updated_at AS "updatedAt", version AS "version" FROM org_employees WHERE id = ?`;

/** The columns a save can change (not the id, the creation time or the archive state). */
const WRITABLE: Partial<Record<keyof EmployeeRecord, string>> = {
  employeeNo: 'employee_no',
  name: 'name',
  namePinyin: 'name_pinyin',
  gender: 'gender',
  positionId: 'position_id',
  groupId: 'group_id',
  managerId: 'manager_id',
  hireDate: 'hire_date',
  phone: 'phone',
  email: 'email',
  status: 'status',
  leftDate: 'left_date',
  updatedAt: 'updated_at',
};

const INSERT = `INSERT INTO org_employees (id, employee_no, name, name_pinyin, gender, position_id, group_id, manager_id, hire_date,
  phone, email, status, left_date, archived_at, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`;

export async function employeeRecord(manager: EntityManager, id: string): Promise<EmployeeRecord | null> {
  return (await sqlFor(manager).get<EmployeeRecord>(RECORD, [id])) ?? null;
}

/**
 * Writes the fields that changed (and updated_at), and raises the version. Only those: SQLite
 * rewrites every index on a column named in SET, changed or not, and org_employees has eight. One
 * statement text per set of columns, prepared once (db/sql.ts). `e.version` becomes the new one.
 */
export async function writeEmployeeRecord(manager: EntityManager, e: EmployeeRecord, changed: readonly (keyof EmployeeRecord)[]): Promise<void> {
  const fields = [...new Set([...changed, 'updatedAt' as const])].filter((f) => WRITABLE[f]).sort();
  const set = fields.map((f) => `${WRITABLE[f]} = ?`).join(', ');
  await sqlFor(manager).run(`UPDATE org_employees SET ${set}, version = version + 1 WHERE id = ?`, [...fields.map((f) => e[f]), e.id]);
  e.version += 1;
}

export async function insertEmployeeRecord(manager: EntityManager, e: EmployeeRecord): Promise<void> {
  await sqlFor(manager).run(INSERT, [
    e.id, e.employeeNo, e.name, e.namePinyin, e.gender, e.positionId, e.groupId, e.managerId, e.hireDate,
    e.phone, e.email, e.status, e.leftDate, e.archivedAt, e.createdAt, e.updatedAt,
  ]);
}
