import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The reminders list has an "assigned by me" view: the open reminders a user set for other
 * people, soonest first. Reminders were indexed by assignee only, so that view read the whole
 * table; this index serves it as a range read in the list's order.
 */
export class RemindersByCreator1000000000004 implements MigrationInterface {
  name = 'RemindersByCreator1000000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('reminders', new TableIndex({ name: 'ix_reminders_created_by_done_at_due_at', columnNames: ['created_by', 'done_at', 'due_at'] }));
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: restore a backup to go back.');
  }
}
