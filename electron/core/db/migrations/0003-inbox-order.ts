import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The inbox lists a user's notifications newest first; with only (user_id, read_at, created_at)
 * SQLite sorted every notification of the user for each page (24 s to export 50,000). An index in
 * the list's own order makes each page a range read.
 */
export class InboxOrder1000000000003 implements MigrationInterface {
  name = 'InboxOrder1000000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('notifications', new TableIndex({ name: 'ix_notifications_user_id_created_at_id', columnNames: ['user_id', 'created_at', 'id'] }));
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: restore a backup to go back.');
  }
}
