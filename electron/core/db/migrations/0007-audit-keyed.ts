import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { c, table } from '../schema.js';

/**
 * The keyed audit chain and the readable audit log (issue 6, items 7 and 8).
 *
 * - `audit_log.chain`: how each row's hash is made. Rows written before this migration keep
 *   0 (plain SHA-256) and still verify; every later row gets 1 (HMAC-SHA256 with the install key,
 *   kernel/audit-chain.ts). Plain rows may only precede keyed ones, and the first keyed row chains
 *   onto the last plain one, so an old row cannot be edited, nor a new one turned back into a
 *   plain one, without breaking a keyed row.
 * - `audit_log.record_label`: the record as people read it ("王小明 (YY021)"), stored with the
 *   row when it is written (the name it had then, searchable). Older rows get today's names.
 * - `account_seals`: a keyed digest of each account's security fields, so a change to `users` or
 *   `user_roles` made outside the core shows in doctor.
 */
export class AuditKeyed1000000000007 implements MigrationInterface {
  name = 'AuditKeyed1000000000007';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('audit_log', new TableColumn(c.int('chain', false, 0)));
    await q.addColumn('audit_log', new TableColumn(c.text('record_label', true)));
    await q.createTable(
      table('account_seals', [{ ...c.ref('user_id'), isPrimary: true }, c.text('username'), c.text('digest'), c.instant('sealed_at')]),
    );
    // Labels for the rows written before: the record types whose names the foundation had.
    const labels: [string, string][] = [
      ['employee', "SELECT e.name || ' (' || e.employee_no || ')' FROM org_employees e WHERE e.id = audit_log.record_id"],
      ['group', 'SELECT g.name FROM org_groups g WHERE g.id = audit_log.record_id'],
      ['position', 'SELECT p.title FROM org_positions p WHERE p.id = audit_log.record_id'],
      ['user', 'SELECT u.display_name FROM users u WHERE u.id = audit_log.record_id'],
    ];
    for (const [entity, select] of labels) {
      await q.query(`UPDATE audit_log SET record_label = (${select}) WHERE entity = '${entity}' AND record_id IS NOT NULL`);
    }
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: restore a backup to go back.');
  }
}
