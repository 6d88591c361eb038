import type { MigrationInterface } from 'typeorm';
import type { CoreEvent } from '../../shared/api/events.js';
import { systemClock, type Clock } from './clock.js';
import { newId as defaultNewId, type IdGenerator } from './ids.js';
import { dataPaths, type DataPaths } from './paths.js';
import type { OpenedDatabase } from './db/data-source.js';
import { openSlot } from './db/slot.js';
import { NO_MACHINE_SETTINGS, type LoadedMachineSettings } from './modules/settings/machine.js';
import { SCHEMA_VERSION } from './db/migrations/index.js';
import type { MigrationReport } from './db/migrate.js';
import { ALL_ENTITIES } from './entities.js';
import { assemble, MODULES } from './api.js';
import type { ModuleDefinition } from './kernel/module.js';
import { createDispatcher, type CallFn } from './kernel/dispatcher.js';
import { concurrentGate, serialGate } from './kernel/gate.js';
import { SessionStore } from './kernel/sessions.js';
import { createJobRunner, type JobRunner } from './kernel/jobs/runner.js';
import { STANDARD_COST, type ScryptCost } from './modules/auth/passwords.js';
import { loadActor } from './modules/auth/actor.js';
import { findUserId } from './modules/auth/service.js';
import type { CoreServices, Ctx } from './kernel/context.js';
import { readAppVersion } from './version.js';
import { recoverInterruptedRestore } from './modules/backup/swap.js';
import { startAutoBackup, type AutoBackup } from './modules/backup/scheduler.js';
import { PickedFiles, type BackupFileDialog } from './modules/backup/file-access.js';
import { sweepBackupFolder } from './modules/backup/work.js';
import { AuditChain } from './kernel/audit.js';
import { checkpointPath } from './kernel/audit-checkpoint.js';
import { AuditKeyed1000000000007 } from './db/migrations/0007-audit-keyed.js';

export interface CoreOptions {
  /** The data folder: the SQLite file, attachments and backups live here. */
  dataDir: string;
  /**
   * A postgres:// URL: the data lives on that PostgreSQL server instead of the data folder's
   * SQLite file (the folder still holds attachments, the audit checkpoint and backups).
   */
  databaseUrl?: string | null;
  clock?: Clock;
  newId?: IdGenerator;
  passwordCost?: ScryptCost;
  /**
   * 'inline' runs spreadsheet and backup work on the calling thread (tests); default: worker when
   * built. Tests may pass a runner of their own (e.g. one as slow as a worker on a big file).
   */
  jobs?: 'worker' | 'inline' | JobRunner;
  /** Tests build databases "made by the previous version" with an older migration set. */
  migrations?: (new () => MigrationInterface)[];
  log?: (message: string, err?: unknown) => void;
  /** Tests add modules (e.g. approval hooks on a record type); default: the app's modules. */
  modules?: ModuleDefinition[];
  /** The machine-wide settings file (see modules/settings/machine.ts); the entry points load it. */
  machineSettings?: LoadedMachineSettings;
  /** Run automatic backups on the policy's schedule (the app and browser mode do; tests and the CLI do not). */
  autoBackup?: boolean;
  /** The desktop app's open-file dialog for backups (backup.pickFile); browser mode and the CLI have none. */
  fileDialog?: BackupFileDialog;
  /**
   * Sweep stale work folders in the configured backup folder at start (default). A restore's
   * check opens its copy through a core of its own that must not touch anything outside it.
   */
  startupCleanup?: boolean;
  /**
   * The data folder's install key (kernel/secrets.ts), which keys the audit chain, its checkpoint
   * and the account seals. The entry point loads it: wrapped by the OS keychain in the desktop
   * app, a 0600 file in browser mode and the CLI; tests pass a fixed one.
   */
  auditKey: Buffer;
  /**
   * Demo data includes three months of attendance (default). The core tests of the attendance rules
   * start from the demo organisation without that history, so their figures are their own.
   */
  demoAttendance?: boolean;
}

export interface Core {
  /** The one entry point every transport uses. */
  call: CallFn;
  /** Subscribes to pushed events (progress, inbox changes); returns the unsubscribe function. */
  on(listener: (event: CoreEvent) => void): () => void;
  close(): Promise<void>;
  readonly info: { paths: DataPaths; appVersion: string; schemaVersion: number; migration: MigrationReport };
  /**
   * For the CLI's maintenance commands and for tests: runs `fn` in one transaction, serialised
   * with calls, acting as `username` (or as the system when null), with audit rows. Not reachable
   * from any transport.
   */
  runInternal<T>(label: string, username: string | null, fn: (ctx: Ctx) => Promise<T>, options?: { transaction?: boolean }): Promise<T>;
  /** The open database, for maintenance code in the core (doctor, backup); a restore replaces it. */
  readonly db: OpenedDatabase;
  readonly services: CoreServices;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const paths = dataPaths(options.dataDir);
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((message: string, err?: unknown) => console.error(`[opsdesk] ${message}`, err ?? ''));
  // Assembled before the database is opened: a module error (missing or duplicate handler) must
  // not leave an open connection to the data folder behind.
  const { registry, hooks } = assemble(options.modules ?? MODULES);
  // A restore cut short by a crash is rolled back before anything opens the database.
  if (recoverInterruptedRestore(paths) === 'rolledBack') log('an interrupted restore was rolled back; the data is as before it');
  const slot = await openSlot({
    dbFile: paths.dbFile,
    databaseUrl: options.databaseUrl ?? null,
    backupsDir: paths.backupsDir,
    entities: ALL_ENTITIES,
    ...(options.migrations ? { migrations: options.migrations } : {}),
    now: () => clock.now(),
  });
  if (options.startupCleanup !== false) {
    const swept = await sweepBackupFolder(slot.current().dataSource.manager, options.machineSettings ?? NO_MACHINE_SETTINGS, paths);
    if (swept.length) log(`removed work folders left by an interrupted backup or restore: ${swept.join(', ')}`);
  }
  const auditChain = new AuditChain(options.auditKey, checkpointPath(paths.dataDir), log);
  try {
    const migration = slot.current().migration;
    await auditChain.open(slot.current().dataSource.manager, migration.applied.includes(new AuditKeyed1000000000007().name), clock.now().toISOString());
  } catch (err) {
    await slot.current().close();
    throw err;
  }
  const listeners = new Set<(event: CoreEvent) => void>();
  const jobs = typeof options.jobs === 'object' ? options.jobs : createJobRunner(options.jobs);
  const services: CoreServices = {
    paths,
    clock,
    newId: options.newId ?? defaultNewId,
    sessions: new SessionStore(),
    jobs,
    emit: (event) => {
      for (const listener of listeners) listener(event);
    },
    appVersion: readAppVersion(),
    passwordCost: options.passwordCost ?? STANDARD_COST,
    hooks,
    database: slot,
    machine: options.machineSettings ?? NO_MACHINE_SETTINGS,
    autoBackupProblem: () => autoBackup?.lastProblem ?? null,
    registry,
    fileDialog: options.fileDialog ?? null,
    demoAttendance: options.demoAttendance ?? true,
    pickedFiles: new PickedFiles(),
    auditChain,
  };
  let autoBackup: AutoBackup | null = null;
  const dispatcher = createDispatcher({ dataSource: () => slot.current().dataSource, registry, services, loadActor, findUserId, log, gate: slot.current().engine === 'postgres' ? concurrentGate() : serialGate() });
  // OpsDesk's backups copy the desktop's SQLite file; a server's data is backed up on the server.
  if (options.autoBackup && slot.current().engine === 'sqlite') {
    autoBackup = startAutoBackup((label, fn) => dispatcher.runInternal(label, null, fn, { transaction: false }), log);
  }
  let closed = false;
  return {
    call: dispatcher.call,
    runInternal: dispatcher.runInternal,
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      autoBackup?.stop();
      await dispatcher.drain();
      await jobs.close();
      await slot.current().close();
    },
    info: { paths, appVersion: services.appVersion, schemaVersion: SCHEMA_VERSION, migration: slot.current().migration },
    get db() {
      return slot.current();
    },
    services,
  };
}

export type { CallFn } from './kernel/dispatcher.js';
