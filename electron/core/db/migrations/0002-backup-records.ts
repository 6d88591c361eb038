import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, table } from '../schema.js';

/**
 * What OpsDesk knows about the backups it made or checked: when, where, how big, and whether the
 * file verified. The backup folder itself is the source of truth for which files exist (it may be
 * a USB disk or a share); these rows add the verification history.
 */
export class BackupRecords1000000000002 implements MigrationInterface {
  name = 'BackupRecords1000000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table(
        'backup_records',
        [
          c.id(),
          c.text('file_name'),
          c.text('folder'),
          c.text('kind'),
          c.instant('created_at'),
          c.int('size'),
          c.text('file_sha256', true),
          c.int('encrypted', false, 0),
          c.instant('verified_at', true),
          c.int('verify_ok', true),
          c.text('verify_problem', true),
          c.longText('manifest_json', true),
        ],
        { indices: [['file_name'], ['created_at']] },
      ),
    );
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: restore a backup to go back.');
  }
}
