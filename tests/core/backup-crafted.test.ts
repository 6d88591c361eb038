import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alteredDatabase, onlySchemaMigrations, withDatabase } from './support/backup-craft.js';
import { count, fails, fingerprint, initialised, ok, tempDir } from './support/harness.js';

/**
 * Issue 6 item 1: a backup whose checksums are right but whose database is not what its schema
 * version claims must be refused before anything of the live data changes.
 */
async function department() {
  const world = await initialised({ demo: true });
  const backup = await ok(world.core, world.admin, 'backup.create', {});
  return { ...world, backup, folder: path.dirname(backup.path) };
}

const crafted = (folder: string, n: number) => path.join(folder, `OpsDesk-manual-2025010${n}T000000000Z.opsdesk-backup`);

describe('restore of a crafted backup (checksums recomputed)', () => {
  const cases: [string, (source: string, scratch: string) => Buffer][] = [
    ['an empty database holding only schema_migrations', (source, scratch) => onlySchemaMigrations(source, scratch)],
    ['a missing table', (source, scratch) => alteredDatabase(source, scratch, (db) => db.exec('DROP TABLE backup_records'))],
    ['a missing column', (source, scratch) => alteredDatabase(source, scratch, (db) => db.exec('ALTER TABLE backup_records DROP COLUMN manifest_json'))],
    ['a missing index', (source, scratch) => alteredDatabase(source, scratch, (db) => db.exec('DROP INDEX ix_backup_records_created_at'))],
  ];

  it.each(cases.map(([name, make], i) => ({ name, make, i })))('is refused for $name; the live data stays as it was and usable', async ({ make, i }) => {
    const { core, admin, dir, backup, folder } = await department();
    const file = withDatabase(backup.path, crafted(folder, i + 1), make(backup.path, path.join(tempDir(), 'crafted.sqlite')));
    const liveBefore = await fingerprint(core);
    const filesBefore = fs.readdirSync(folder).sort();

    expect(await fails(core, admin, 'backup.restore', { file: path.basename(file), confirm: true })).toEqual({ code: 'INVALID_STATE', message: 'backup.problem.schemaMismatch' });
    // Nothing changed, not even a pre-restore backup, and no copy is left in the work folder.
    expect(await fingerprint(core)).toBe(liveBefore);
    expect(fs.readdirSync(folder).sort()).toEqual(filesBefore);
    expect(fs.readdirSync(path.join(dir, '.opsdesk-work'))).toEqual([]);
    // A full check says the same, without restoring.
    expect(await ok(core, admin, 'backup.verify', { file: path.basename(file) })).toMatchObject({ ok: false, problem: 'backup.problem.schemaMismatch' });

    // The data folder works: settings load, a write succeeds, the real backup restores.
    await ok(core, admin, 'org.groups.create', { name: '拒绝之后新建的组' });
    expect((await ok(core, admin, 'backup.overview', {})).backups.length).toBeGreaterThan(0);
    const restored = await ok(core, admin, 'backup.restore', { file: backup.fileName, confirm: true });
    expect(await count(core, 'org_groups', "name = '拒绝之后新建的组'")).toBe(0);
    // The data from before that restore is a backup that itself restores into the same folder.
    await ok(core, admin, 'backup.restore', { file: restored.preRestoreBackup, confirm: true });
    expect(await count(core, 'org_groups', "name = '拒绝之后新建的组'")).toBe(1);
    expect((await ok(core, admin, 'audit.verify', {})).ok).toBe(true);
  });

  it('refuses a database with a table this build never makes, or a trigger', async () => {
    const { core, admin, backup, folder } = await department();
    const scratch = path.join(tempDir(), 'crafted.sqlite');
    const extraTable = withDatabase(backup.path, crafted(folder, 7), alteredDatabase(backup.path, scratch, (db) => db.exec('CREATE TABLE evil (x)')));
    expect((await fails(core, admin, 'backup.restore', { file: path.basename(extraTable), confirm: true })).message).toBe('backup.problem.schemaMismatch');
    const trigger = withDatabase(
      backup.path,
      crafted(folder, 8),
      alteredDatabase(backup.path, `${scratch}2`, (db) => db.exec('CREATE TRIGGER wipe AFTER INSERT ON audit_log BEGIN DELETE FROM users; END')),
    );
    expect((await fails(core, admin, 'backup.restore', { file: path.basename(trigger), confirm: true })).message).toBe('backup.problem.schemaMismatch');
    expect(await count(core, 'users')).toBeGreaterThan(0);
  });
});
