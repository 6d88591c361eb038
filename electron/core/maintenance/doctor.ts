import fs from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { sqlFor, tableNames } from '../db/sql.js';
import type { Engine } from '../db/data-source.js';
import type { Core } from '../index.js';
import { inspectStorage, storageWarnings, systemProbe, type StorageProbe, type StorageReport, type StorageWarning } from './storage.js';
import { backupStatus, compareWithNewestOwnBackup, type BackupHeadCheck, type BackupStatus } from './doctor-backups.js';
import type { AuditIntegrity } from '../../../shared/api/kernel.js';
import { auditIntegrity } from '../kernel/audit.js';
import { checkAccounts, type AccountsCheck } from '../kernel/account-seals.js';

/**
 * The health report of a data folder: what `opsdesk doctor` prints and what the app's
 * maintenance page will show. Plain data (JSON-safe) so every transport can carry it.
 */
export interface DoctorCheck {
  /** Stable id; the UI translates it. */
  name: 'integrity' | 'foreignKeys' | 'schema' | 'pragmas' | 'auditChain' | 'auditBackupHead' | 'accounts';
  ok: boolean;
  /** What is wrong, as SQLite or the check words it (empty when ok). */
  details: string[];
}

/**
 * Something to act on that does not make the data unhealthy (yet): a network or synced folder,
 * little free space, a large WAL. An i18n key plus the values its text shows.
 */
export interface DoctorWarning {
  key: StorageWarning['key'] | 'doctor.noRecentBackup' | 'doctor.machineSettings' | 'doctor.backupFolderNotAllowed';
  params: Record<string, string | number>;
}

/** The newest backup in the backup folder and how old it is. */
export interface DoctorReport {
  /** The database itself: every check ok. Warnings do not change it. */
  healthy: boolean;
  checkedAt: string;
  appVersion: string;
  /** Where the data is: the desktop's SQLite file, or a PostgreSQL server. */
  engine: Engine;
  /** SQLite's library version (null on PostgreSQL). */
  sqliteVersion: string | null;
  /** The PostgreSQL server's version and the database's name (null on SQLite). */
  server: { serverVersion: string; database: string } | null;
  schema: {
    /** Migrations recorded in the database's schema_migrations table. */
    database: number;
    /** Migrations this build knows (SCHEMA_VERSION). */
    code: number;
    migrations: string[];
  };
  paths: { dataDir: string; dbFile: string };
  sizes: { dbBytes: number; walBytes: number };
  /** Where the data folder lives: free space, WAL size, network filesystem, synced folder. */
  storage: StorageReport;
  backup: BackupStatus;
  checks: DoctorCheck[];
  warnings: DoctorWarning[];
  /** Rows per table, tables in name order. */
  counts: Record<string, number>;
  /** The audit log's keyed chain and its head against the checkpoint (check 'auditChain'). */
  audit: AuditIntegrity;
  /** The log against the head in the newest backup this install made since the last restore (check 'auditBackupHead'). */
  auditBackupHead: BackupHeadCheck;
  /** Accounts whose security fields were changed outside the core (check 'accounts'). */
  accounts: AccountsCheck;
}

/** foreign_key_check can list every row of a broken table: the report keeps the first ones. */
const MAX_DETAILS = 100;

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * SQLite's own checks: integrity_check and foreign_key_check over the file, and the durability
 * pragmas the app relies on. A PostgreSQL server enforces foreign keys itself and keeps its pages
 * checked (its administrator runs amcheck where wanted), so these have no counterpart there.
 */
function sqliteChecks(raw: BetterSqlite3.Database): DoctorCheck[] {
  const checks: DoctorCheck[] = [];
  const integrity = (raw.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const integrityOk = integrity.length === 1 && integrity[0] === 'ok';
  checks.push({ name: 'integrity', ok: integrityOk, details: integrityOk ? [] : integrity.slice(0, MAX_DETAILS) });

  const violations = raw.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string; fkid: number }[];
  checks.push({
    name: 'foreignKeys',
    ok: violations.length === 0,
    details: [
      ...violations.slice(0, MAX_DETAILS).map((v) => `${v.table} row ${v.rowid ?? '?'} refers to a missing ${v.parent} row`),
      ...(violations.length > MAX_DETAILS ? [`... and ${violations.length - MAX_DETAILS} more`] : []),
    ],
  });

  // The durability settings ARCHITECTURE.md requires; createCore asserts them, the report shows them.
  const journal = String(raw.pragma('journal_mode', { simple: true }));
  const synchronous = Number(raw.pragma('synchronous', { simple: true }));
  const foreignKeys = Number(raw.pragma('foreign_keys', { simple: true }));
  const pragmaProblems = [
    ...(journal === 'wal' ? [] : [`journal_mode is ${journal}, expected wal`]),
    ...(synchronous === 2 ? [] : [`synchronous is ${synchronous}, expected 2 (FULL)`]),
    ...(foreignKeys === 1 ? [] : ['foreign_keys is off']),
  ];
  checks.push({ name: 'pragmas', ok: pragmaProblems.length === 0, details: pragmaProblems });
  return checks;
}

/**
 * Checks the open database: on SQLite PRAGMA integrity_check and foreign_key_check, the schema version
 * against this build's, the pragmas the app relies on, and rows per table; and looks at where the
 * data folder lives (storage.ts), which gives warnings rather than failed checks.
 *
 * Runs through core.runInternal so it is queued behind any call in progress and reads one
 * consistent snapshot (it writes nothing). This is SQLite-specific maintenance code, like
 * backup; the portability rule for business SQL does not apply to it. integrity_check blocks
 * the thread for about 2 s on a ten-year database (notes/performance-baseline.md): fine for the
 * CLI, but the desktop UI should run it when idle or move it to a worker.
 */
export async function runDoctor(core: Core, options: { storageProbe?: StorageProbe } = {}): Promise<DoctorReport> {
  const db = core.db;
  const { paths, appVersion, schemaVersion } = core.info;
  return core.runInternal('maintenance.doctor', null, async (ctx) => {
    const storage = inspectStorage(paths.dataDir, paths.dbFile, options.storageProbe ?? systemProbe);

    const checks: DoctorCheck[] = db.engine === 'sqlite' ? sqliteChecks(db.raw) : [];

    const migrations = (await sqlFor(ctx.manager).all<{ name: string }>('SELECT name FROM schema_migrations ORDER BY timestamp, id')).map((r) => r.name);
    // Listed where it always was: after the file checks on SQLite.
    checks.splice(db.engine === 'sqlite' ? 2 : 0, 0, {
      name: 'schema',
      ok: migrations.length === schemaVersion,
      details: migrations.length === schemaVersion ? [] : [`database has ${migrations.length} migrations, this version expects ${schemaVersion}`],
    });

    const audit = await auditIntegrity(ctx.manager, ctx.services.auditChain);
    checks.push({ name: 'auditChain', ok: audit.ok, details: auditProblems(audit) });
    const { status: backup, files: backupFiles } = await backupStatus(ctx);
    const auditBackupHead = await compareWithNewestOwnBackup(ctx.manager, ctx.services.auditChain.keys, backupFiles);
    checks.push({ name: 'auditBackupHead', ok: auditBackupHead.result === 'matches' || auditBackupHead.result === 'noBackup', details: backupHeadProblems(auditBackupHead) });
    const accounts = await checkAccounts(ctx.manager, ctx.services.auditChain.keys);
    checks.push({
      name: 'accounts',
      ok: accounts.ok,
      details: [
        ...accounts.tampered.map((u) => `account ${u}: username, password, roles, disabled or linked employee changed outside OpsDesk`),
        ...accounts.removed.map((u) => `account ${u}: removed outside OpsDesk`),
      ],
    });

    const counts: Record<string, number> = {};
    for (const name of await tableNames(ctx.manager)) {
      counts[name] = await sqlFor(ctx.manager).count(`SELECT COUNT(*) AS n FROM "${name.replace(/"/g, '""')}"`);
    }

    const warnings: DoctorWarning[] = [...storageWarnings(storage)];
    if (backup.folderNotAllowed) warnings.push({ key: 'doctor.backupFolderNotAllowed', params: { folder: backup.folder } });
    // No backup, or none for twice the schedule (a week when automatic backups are off).
    const limitHours = backup.autoEnabled ? backup.intervalHours * 2 : 24 * 7;
    // A server's data is backed up on the server, by its administrator: not a warning about this folder.
    if (db.engine === 'sqlite' && (backup.lastBackupAgeHours === null || backup.lastBackupAgeHours > limitHours)) {
      warnings.push({ key: 'doctor.noRecentBackup', params: { ageHours: backup.lastBackupAgeHours ?? 'never', folder: backup.folder } });
    }
    const machine = ctx.services.machine;
    if (machine.file && machine.problem) warnings.push({ key: 'doctor.machineSettings', params: { file: machine.file, problem: machine.problem } });

    return {
      healthy: checks.every((c) => c.ok),
      checkedAt: ctx.nowIso,
      appVersion,
      engine: db.engine,
      sqliteVersion: db.engine === 'sqlite' ? (db.raw.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v : null,
      server: db.postgres ? { serverVersion: db.postgres.serverVersion, database: db.postgres.database } : null,
      schema: { database: migrations.length, code: schemaVersion, migrations },
      paths: { dataDir: paths.dataDir, dbFile: paths.dbFile },
      sizes: { dbBytes: fileSize(paths.dbFile), walBytes: storage.walBytes },
      storage,
      backup,
      checks,
      warnings,
      counts,
      audit,
      auditBackupHead,
      accounts,
    };
  });
}

function backupHeadProblems(c: BackupHeadCheck): string[] {
  if (c.result === 'truncated') return [`the audit log has fewer rows than the ${c.head!.count} recorded in the backup ${c.file}: its newest rows were deleted`];
  if (c.result === 'differs') return [`the audit log's row ${c.head!.count} is not the one the backup ${c.file} recorded: it was rewritten`];
  return [];
}

/** What the chain check found, in the words of the CLI summary (the JSON has the fields). */
function auditProblems(a: AuditIntegrity): string[] {
  return [
    ...(a.firstBrokenSeq !== null ? [`the audit log does not verify from row ${a.firstBrokenSeq} on (edited, deleted or forged rows)`] : []),
    ...(a.truncated ? [`the audit log has ${a.rows} rows, the checkpoint recorded ${a.checkpointRows}: its newest rows were deleted`] : []),
    ...(a.checkpoint === 'mismatch' && !a.truncated ? [`the audit log's row ${a.checkpointRows} is not the one the checkpoint recorded: it was rewritten`] : []),
    ...(a.checkpoint === 'missing' ? ['the audit checkpoint file (audit-checkpoint.json) is missing'] : []),
    ...(a.checkpoint === 'invalid' ? ['the audit checkpoint file (audit-checkpoint.json) is damaged or was edited'] : []),
    ...(a.checkpoint === 'otherKey' ? ['the audit checkpoint was written with another install key: this data folder (or its opsdesk.key) came from elsewhere'] : []),
  ];
}
