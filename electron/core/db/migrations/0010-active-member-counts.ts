import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Member counts per group and per position (the groups and positions pages, the org chart's group
 * panel) count active employees only. Partial indexes on exactly those rows let both engines count
 * from the index alone: 0.78 ms -> 0.15 ms at 5,000 employees, where the (group_id, status) index
 * still read every row for archived_at (issue 7). Portable SQL: SQLite and PostgreSQL both take
 * partial indexes, and both use one when the query's WHERE names the same terms.
 */
export class ActiveMemberCounts1000000000010 implements MigrationInterface {
  name = 'ActiveMemberCounts1000000000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE INDEX ix_org_employees_active_group ON org_employees (group_id) WHERE archived_at IS NULL AND status = 'active'");
    await q.query("CREATE INDEX ix_org_employees_active_position ON org_employees (position_id) WHERE archived_at IS NULL AND status = 'active'");
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: restore a backup to go back.');
  }
}
