import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the lookups every write and list makes (issue 7), portable to PostgreSQL:
 * - employee numbers and usernames are unique without regard to case ('YY001' and 'yy001' are one
 *   number): a unique index on LOWER(...) both enforces it and serves the check, which before
 *   read the whole table (1.1 ms at 20,000 employees);
 * - a group's list in number order: (group_id, employee_no) serves its first page without sorting
 *   the whole group.
 * The core has always refused case-only duplicates, so existing data satisfies the unique indexes;
 * should a file edited by hand hold some, the migration stops with the numbers to fix and the
 * database stays as it was (migrations run in one transaction, after a backup of the file).
 */
export class LookupIndexes1000000000008 implements MigrationInterface {
  name = 'LookupIndexes1000000000008';

  async up(q: QueryRunner): Promise<void> {
    await refuseCaseDuplicates(q, 'org_employees', 'employee_no', 'employee numbers');
    await refuseCaseDuplicates(q, 'users', 'username', 'usernames');
    await q.query('CREATE UNIQUE INDEX ux_org_employees_employee_no_lower ON org_employees (LOWER(employee_no))');
    await q.query('CREATE UNIQUE INDEX ux_users_username_lower ON users (LOWER(username))');
    await q.query('CREATE INDEX ix_org_employees_group_employee_no ON org_employees (group_id, employee_no)');
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: restore a backup to go back.');
  }
}

async function refuseCaseDuplicates(q: QueryRunner, table: string, column: string, what: string): Promise<void> {
  const rows = (await q.query(`SELECT LOWER(${column}) AS v FROM ${table} GROUP BY LOWER(${column}) HAVING COUNT(*) > 1`)) as { v: string }[];
  if (rows.length) throw new Error(`${what} that differ only in case must be made distinct before this version can open the data: ${rows.map((r) => r.v).join(', ')}`);
}
