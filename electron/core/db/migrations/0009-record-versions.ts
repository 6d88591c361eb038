import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An edit count on the records people edit in forms (issue 8): on a shared server two people may
 * open the same employee, group or position and both save; the second save names the version it
 * was made from, finds a newer one and is refused with CONFLICT instead of silently undoing the
 * first. Existing rows start at 1.
 *
 * Plain ALTER TABLE, the same on both engines: TypeORM's addColumn on SQLite rebuilds the table
 * and loses the expression indexes of migration 0008 (LOWER(employee_no)); the migration test
 * caught it.
 */
export class RecordVersions1000000000009 implements MigrationInterface {
  name = 'RecordVersions1000000000009';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['org_employees', 'org_groups', 'org_positions']) await q.query(`ALTER TABLE ${table} ADD COLUMN version integer NOT NULL DEFAULT 1`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: restore a backup to go back.');
  }
}
