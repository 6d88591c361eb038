import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CHECKPOINT_FILE } from '../../../electron/core/kernel/audit-checkpoint.js';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index.js';
import { BackupRecords1000000000002 } from '../../../electron/core/db/migrations/0002-backup-records.js';
import { InboxOrder1000000000003 } from '../../../electron/core/db/migrations/0003-inbox-order.js';
import { RemindersByCreator1000000000004 } from '../../../electron/core/db/migrations/0004-reminders-by-creator.js';
import { LookupIndexes1000000000008 } from '../../../electron/core/db/migrations/0008-lookup-indexes.js';
import { RecordVersions1000000000009 } from '../../../electron/core/db/migrations/0009-record-versions.js';
import { LoginThrottle1000000000005 } from '../../../electron/core/db/migrations/0005-login-throttle.js';
import { NamePinyin1000000000006 } from '../../../electron/core/db/migrations/0006-name-pinyin.js';
import { AuditKeyed1000000000007 } from '../../../electron/core/db/migrations/0007-audit-keyed.js';
import { ADMIN, closeCore, ok, openCore } from './harness.js';

/**
 * Data folders "made by a previous version": today's code cannot write an older schema (its
 * entities have columns the older schema lacks), so a department is set up with demo data by
 * today's code and then turned into what the older version would have left, migration by
 * migration, newest first. Each undo here is the exact inverse of its migration.
 */
const NAMES = MIGRATIONS.map((M) => new M().name ?? M.name);

/** The foundation's plain audit hash (before the keyed chain), as that version computed it. */
export function plainAuditHash(prevHash: string, r: Record<string, unknown>): string {
  const canonical = JSON.stringify([r.seq, r.at, r.user_id, r.username, r.method, r.entity, r.record_id, r.action, r.before_json, r.after_json]);
  return crypto.createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** Rewrites the audit rows' hashes from `fromSeq` (to `toSeq`) with the plain algorithm, in order (what the older version wrote). */
export function rewritePlainChain(db: Database.Database, fromSeq = 1, toSeq = Number.MAX_SAFE_INTEGER): void {
  const rows = db.prepare('SELECT * FROM audit_log WHERE seq >= ? AND seq <= ? ORDER BY seq').all(fromSeq, toSeq) as Record<string, unknown>[];
  let prev = fromSeq === 1 ? '0'.repeat(64) : (db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(fromSeq - 1) as { hash: string }).hash;
  const hasChain = (db.prepare("SELECT COUNT(*) AS n FROM pragma_table_info('audit_log') WHERE name = 'chain'").get() as { n: number }).n > 0;
  const update = db.prepare(hasChain ? 'UPDATE audit_log SET prev_hash = ?, hash = ?, chain = 0 WHERE seq = ?' : 'UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
  db.transaction(() => {
    for (const r of rows) {
      const hash = plainAuditHash(prev, r);
      update.run(prev, hash, r.seq);
      prev = hash;
    }
  })();
}

/** Indexes of a table that use a column (SQLite cannot drop a column an index still uses). */
function indexesOn(db: Database.Database, table: string, column: string): string[] {
  const indexes = db.prepare(`SELECT name FROM pragma_index_list('${table}')`).all() as { name: string }[];
  return indexes.map((i) => i.name).filter((name) => (db.prepare(`SELECT name FROM pragma_index_info('${name}')`).all() as { name: string }[]).some((c) => c.name === column));
}

const UNDO: Record<string, (db: Database.Database) => void> = {
  [new LookupIndexes1000000000008().name]: (db) => db.exec('DROP INDEX ux_org_employees_employee_no_lower; DROP INDEX ux_users_username_lower; DROP INDEX ix_org_employees_group_employee_no;'),
  [new RecordVersions1000000000009().name]: (db) => {
    for (const table of ['org_employees', 'org_groups', 'org_positions']) db.exec(`ALTER TABLE ${table} DROP COLUMN version`);
  },
  [new AuditKeyed1000000000007().name]: (db) => {
    rewritePlainChain(db);
    db.exec('DROP TABLE account_seals; ALTER TABLE audit_log DROP COLUMN record_label; ALTER TABLE audit_log DROP COLUMN chain;');
  },
  [new NamePinyin1000000000006().name]: (db) => {
    for (const index of indexesOn(db, 'org_employees', 'name_pinyin')) db.exec(`DROP INDEX "${index}"`);
    db.exec('ALTER TABLE org_employees DROP COLUMN name_pinyin');
  },
  [new LoginThrottle1000000000005().name]: (db) => db.exec('DROP TABLE login_throttle'),
  [new RemindersByCreator1000000000004().name]: (db) => db.exec('DROP INDEX ix_reminders_created_by_done_at_due_at'),
  [new InboxOrder1000000000003().name]: (db) => db.exec('DROP INDEX ix_notifications_user_id_created_at_id'),
  [new BackupRecords1000000000002().name]: (db) => db.exec('DROP TABLE backup_records'),
};

/** Schemas from the keyed audit chain on can be written by today's code; only older ones need undoing. */
export const KEYED_CHAIN_MIGRATION = new AuditKeyed1000000000007().name;
/**
 * The migration count of the last version with the plain audit chain: tests about upgrading from it
 * pass this, so they keep testing that upgrade when later migrations are added.
 */
export const BEFORE_KEYED_CHAIN = NAMES.indexOf(KEYED_CHAIN_MIGRATION);
/** The newest migration whose schema today's entities need (older ones are made by undoing it and those before). */
export const FIRST_WRITABLE = NAMES.indexOf(new RecordVersions1000000000009().name) + 1;

/**
 * A data folder with a department (demo data, admin 'admin') as the first `migrationCount`
 * migrations' version left it: older schema, plain audit chain, no checkpoint file. Made with
 * the migrations up to `migrationCount` (at least up to the keyed chain), so a later migration
 * needs no undo here unless it, too, makes the older schema unwritable by today's entities.
 */
export async function previousVersionFolder(migrationCount = MIGRATIONS.length - 1, departmentName = '运营部'): Promise<{ dir: string }> {
  const made = MIGRATIONS.slice(0, Math.max(migrationCount, FIRST_WRITABLE));
  // A previous version's data folder is an SQLite file, on either test leg.
  const { core, dir } = await openCore({ migrations: made, databaseUrl: null });
  await ok(core, null, 'setup.initialize', { departmentName, adminUsername: ADMIN.username, adminPassword: ADMIN.password, withDemoData: true });
  await closeCore(core);
  const db = new Database(path.join(dir, 'opsdesk.sqlite'));
  try {
    for (const name of NAMES.slice(migrationCount, made.length).reverse()) {
      const undo = UNDO[name];
      if (!undo) throw new Error(`no undo for migration ${name}: add one to tests/core/support/legacy.ts`);
      undo(db);
      db.prepare('DELETE FROM schema_migrations WHERE name = ?').run(name);
    }
    db.pragma(`user_version = ${migrationCount}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  fs.rmSync(path.join(dir, CHECKPOINT_FILE), { force: true });
  return { dir };
}
