import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations/index.js';
import { DatabaseOpenError } from '../../electron/core/db/errors.js';
import { c, table } from '../../electron/core/db/schema.js';
import { createCore, type Core } from '../../electron/core/index.js';
import { manualClock } from '../../electron/core/clock.js';
import { TEST_COST } from '../../electron/core/modules/auth/passwords.js';
import { TEST_AUDIT_KEY } from '../support/keys.js';
import { ADMIN, closeCore, ok, openCore, tempDir } from './support/harness.js';
import { FIRST_WRITABLE, previousVersionFolder } from './support/legacy.js';

const NAMES = MIGRATIONS.map((M) => new M().name ?? M.name);

type Snapshot = Record<string, { columns: string[]; rows: unknown[] }>;

/** Every table's columns and rows, so a later schema can be checked to still hold them. */
function snapshot(db: Database.Database): Snapshot {
  const out: Snapshot = {};
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables) {
    const columns = (db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]).map((col) => col.name);
    out[name] = { columns, rows: selectColumns(db, name, columns) };
  }
  return out;
}

function selectColumns(db: Database.Database, tableName: string, columns: string[]): unknown[] {
  return db.prepare(`SELECT ${columns.map((col) => `"${col}"`).join(', ')} FROM "${tableName}" ORDER BY rowid`).all();
}

/** The older data is still there: every old table, old column and row (migrations only add here). */
function expectDataKept(db: Database.Database, before: Snapshot): void {
  for (const [name, { columns, rows }] of Object.entries(before)) {
    if (name === 'schema_migrations') continue;
    expect({ table: name, rows: selectColumns(db, name, columns) }).toEqual({ table: name, rows });
  }
}

function expectHealthy(core: Core, applied: string[]): void {
  const db = core.db.raw;
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  expect((db.prepare('SELECT name FROM schema_migrations ORDER BY id').all() as { name: string }[]).map((r) => r.name)).toEqual(applied);
  expect(db.pragma('user_version', { simple: true })).toBe(applied.length);
}

/**
 * Puts data into a database made by today's code (no tables yet, or the full schema). Older
 * schemas are made by support/legacy.ts: today's entities cannot write them.
 */
async function seed(core: Core, migrationCount: number): Promise<void> {
  if (migrationCount === 0) return; // no tables yet
  await ok(core, null, 'setup.initialize', { departmentName: '运营部', adminUsername: ADMIN.username, adminPassword: ADMIN.password, withDemoData: true });
}

const backups = (dir: string) => (fs.existsSync(path.join(dir, 'backups')) ? fs.readdirSync(path.join(dir, 'backups')) : []);
const fileHash = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A migration this build does not have yet, as the next version would ship it. */
class NextVersion9999999999990 implements MigrationInterface {
  name = 'NextVersion9999999999990';
  async up(q: QueryRunner): Promise<void> {
    await q.createTable(table('test_next', [c.id(), c.text('note')]));
  }
  async down(): Promise<void> {}
}

async function upgradeFrom(older: (new () => MigrationInterface)[], newer: (new () => MigrationInterface)[]) {
  // Today's entities write only the schema from FIRST_WRITABLE migrations on (support/legacy.ts).
  const olderSchema = older.length > 0 && older.length < FIRST_WRITABLE;
  // Today's code cannot write an older schema: such a folder is made, then turned back (support/legacy.ts).
  const { dir } = olderSchema ? await previousVersionFolder(older.length) : await seededFolder(older);
  const raw = new Database(path.join(dir, 'opsdesk.sqlite'), { readonly: true });
  const before = snapshot(raw);
  raw.close();
  if (older.length === 0) expect(before).toEqual({});
  const reopened = (await openCore({ dataDir: dir, clock: manualClock('2026-03-02T01:00:00.000Z'), migrations: newer })).core;
  return { core: reopened, before, dir };
}

async function seededFolder(migrations: (new () => MigrationInterface)[]): Promise<{ dir: string }> {
  const { core, dir } = await openCore({ migrations });
  await seed(core, migrations.length);
  await closeCore(core);
  return { dir };
}

describe('migrations', () => {
  it.each(MIGRATIONS.map((_, i) => i))('upgrades a database made by the first %i migration(s) to the full set', async (i) => {
    const { core, before, dir } = await upgradeFrom(MIGRATIONS.slice(0, i), MIGRATIONS);
    expect(core.info.migration).toMatchObject({ from: i, to: MIGRATIONS.length, applied: NAMES.slice(i) });
    expectHealthy(core, NAMES);
    expectDataKept(core.db.raw, before);
    if (i === 0) {
      expect(core.info.migration.backupFile).toBeNull(); // nothing to back up in a new file
      expect(backups(dir)).toEqual([]);
    } else {
      expectBackupOf(core, dir, before, NAMES.slice(0, i));
    }
    // The upgraded database works: the demo admin signs in and lists the employees.
    if (i > 0) {
      const token = (await ok(core, null, 'auth.login', ADMIN)).token;
      expect((await ok(core, token, 'org.employees.list', {})).total).toBe(25);
      // Employees from before the pinyin key (migration 0006) got theirs: found by pinyin, sorted by it.
      expect((await ok(core, token, 'org.employees.list', { search: 'wjg' })).rows.map((r) => r.name)).toEqual(['王建国']);
      const byName = (await ok(core, token, 'org.employees.list', { sortField: 'name', pageSize: 3 })).rows.map((r) => r.name);
      expect(byName).toEqual(['曹宇', '陈静', '邓倩']);
    }
  });

  it('backs up and upgrades a database of this version when a newer version adds a migration', async () => {
    const { core, before, dir } = await upgradeFrom(MIGRATIONS, [...MIGRATIONS, NextVersion9999999999990]);
    expect(core.info.migration).toMatchObject({ from: NAMES.length, to: NAMES.length + 1, applied: ['NextVersion9999999999990'] });
    expectHealthy(core, [...NAMES, 'NextVersion9999999999990']);
    expectDataKept(core.db.raw, before);
    expectBackupOf(core, dir, before, NAMES);
    expect(core.db.raw.prepare('SELECT COUNT(*) AS n FROM test_next').get()).toEqual({ n: 0 });
  });

  it('opens a current database without migrating or backing up', async () => {
    const { core, before, dir } = await upgradeFrom(MIGRATIONS, MIGRATIONS);
    expect(core.info.migration).toEqual({ from: NAMES.length, to: NAMES.length, applied: [], backupFile: null });
    expectDataKept(core.db.raw, before);
    expect(backups(dir)).toEqual([]);
  });

  it('refuses a database written by a newer version and leaves it untouched', async () => {
    const { core, dir } = await openCore();
    await seed(core, MIGRATIONS.length);
    await closeCore(core);
    const dbFile = path.join(dir, 'opsdesk.sqlite');
    const raw = new Database(dbFile);
    raw.prepare('INSERT INTO schema_migrations (timestamp, name) VALUES (?, ?)').run(9999999999991, 'FromTheFuture9999999999991');
    raw.close();
    const hash = fileHash(dbFile);
    const files = fs.readdirSync(dir).sort();

    const error = await openCore({ dataDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as DatabaseOpenError).reason).toBe('newerVersion');
    expect(fileHash(dbFile)).toBe(hash);
    expect(fs.readdirSync(dir).filter((f) => !f.endsWith('-wal') && !f.endsWith('-shm')).sort()).toEqual(files);
    expect(backups(dir)).toEqual([]);
  });

  it('refuses a database whose migration history differs from this version', async () => {
    const { core, dir } = await openCore();
    await closeCore(core);
    // A build whose list has a migration the database skipped, before the ones it applied.
    class Inserted1000000000000 implements MigrationInterface {
      name = 'Inserted1000000000000';
      async up(): Promise<void> {}
      async down(): Promise<void> {}
    }
    await expect(openCore({ dataDir: dir, migrations: [Inserted1000000000000, ...MIGRATIONS] })).rejects.toMatchObject({
      name: 'DatabaseOpenError',
      reason: 'historyMismatch',
    });
  });

  it('refuses a file that is not an SQLite database', async () => {
    const dir = tempDir();
    try {
      fs.writeFileSync(path.join(dir, 'opsdesk.sqlite'), 'this is a spreadsheet, honest'.repeat(100));
      const error = await createCore({ dataDir: dir, clock: manualClock('2026-03-02T00:00:00Z'), passwordCost: TEST_COST, log: () => {}, auditKey: TEST_AUDIT_KEY }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'DatabaseOpenError', reason: 'notADatabase' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs with WAL, synchronous=FULL and foreign keys on', async () => {
    const { core } = await openCore();
    expect(core.db.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(core.db.raw.pragma('synchronous', { simple: true })).toBe(2);
    expect(core.db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(core.db.raw.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(core.info.schemaVersion).toBe(MIGRATIONS.length);
  });
});

/** The pre-migration copy exists in <dataDir>/backups and holds the older schema and data. */
function expectBackupOf(core: Core, dir: string, before: Snapshot, olderNames: string[]): void {
  const file = core.info.migration.backupFile;
  expect(file).not.toBeNull();
  expect(path.dirname(file!)).toBe(path.join(dir, 'backups'));
  expect(backups(dir)).toEqual([path.basename(file!)]);
  const copy = new Database(file!, { readonly: true });
  try {
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare('SELECT name FROM schema_migrations ORDER BY id').all() as { name: string }[]).map((r) => r.name)).toEqual(olderNames);
    expect(snapshot(copy)).toEqual(before);
  } finally {
    copy.close();
  }
}

describe('migration 0008 (case-insensitive unique employee numbers and usernames)', () => {
  it('enforces the rule in the database: a case-only duplicate cannot be written even outside the core', async () => {
    const { core } = await openCore();
    await ok(core, null, 'setup.initialize', { departmentName: '运营部', adminUsername: ADMIN.username, adminPassword: ADMIN.password, withDemoData: true });
    expect(() => core.db.raw.prepare("UPDATE org_employees SET employee_no = 'yy002' WHERE employee_no = 'YY001'").run()).toThrow(/UNIQUE/);
    expect(() => core.db.raw.prepare("UPDATE users SET username = 'ADMIN' WHERE username = 'staff1'").run()).toThrow(/UNIQUE/);
  });

  it('stops with the numbers to fix when a file edited by hand holds case-only duplicates, leaving it as it was', async () => {
    const { dir } = await previousVersionFolder(NAMES.indexOf('LookupIndexes1000000000008'));
    const dbFile = path.join(dir, 'opsdesk.sqlite');
    const raw = new Database(dbFile);
    raw.prepare("UPDATE org_employees SET employee_no = 'yy002' WHERE employee_no = 'YY001'").run();
    raw.close();
    const hash = fileHash(dbFile);
    const error = await openCore({ dataDir: dir }).catch((e: unknown) => e);
    expect(String((error as Error).message)).toContain('yy002');
    expect(fileHash(dbFile)).toBe(hash);
  });
});
