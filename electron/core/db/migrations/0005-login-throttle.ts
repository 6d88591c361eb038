import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, table } from '../schema.js';

/**
 * Sign-in guessing is slowed down instead of locking accounts (auth/throttle.ts): counters per
 * username bucket and per caller address, in a table of their own so unknown usernames are
 * counted too (the old users.failed_logins / locked_until could only count existing accounts,
 * which let a guesser tell them apart).
 *
 * users.failed_logins and users.locked_until stay in place, unused: dropping a column makes
 * SQLite rebuild the table, and users is referenced by ON DELETE CASCADE keys. A lock set by
 * the old rule simply ends with this upgrade.
 */
export class LoginThrottle1000000000005 implements MigrationInterface {
  name = 'LoginThrottle1000000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table('login_throttle', [
        { name: 'key', type: 'varchar', length: '40', isPrimary: true },
        c.int('failures', false, 0),
        c.instant('last_failure_at'),
        c.instant('retry_at', true),
      ]),
    );
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: restore a backup to go back.');
  }
}
