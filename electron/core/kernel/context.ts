import type { EntityManager } from 'typeorm';
import type { Role } from '../../../shared/domain/roles.js';
import type { Locale } from '../../../shared/domain/locale.js';
import type { CoreEvent } from '../../../shared/api/events.js';
import type { Clock } from '../clock.js';
import type { IdGenerator } from '../ids.js';
import type { DataPaths } from '../paths.js';
import type { SessionStore } from './sessions.js';
import type { JobRunner } from './jobs/runner.js';
import type { ModuleHooks } from './module.js';
import type { DatabaseSlot } from '../db/slot.js';
import type { LoadedMachineSettings } from '../modules/settings/machine.js';
import type { Registry } from './registry.js';
import type { BackupFileDialog, PickedFiles } from '../modules/backup/file-access.js';
import type { AuditChain } from './audit.js';
import { AppError, unauthenticated } from './errors.js';

/** The signed-in user a call acts for, resolved by the core from its session, never from the page. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  employeeId: string | null;
  locale: Locale;
  mustChangePassword: boolean;
  /** Groups in the user's "group" scope: groups they lead, or manage as a deputy (分管). */
  groupIds: string[];
}

/** Long-lived services the core hands to every call. */
export interface CoreServices {
  paths: DataPaths;
  clock: Clock;
  newId: IdGenerator;
  sessions: SessionStore;
  jobs: JobRunner;
  emit(event: CoreEvent): void;
  appVersion: string;
  /** scrypt parameters for new password hashes (tests use cheaper ones). */
  passwordCost: { N: number; r: number; p: number };
  /** Record access rules, approval hooks and list exports contributed by the modules. */
  hooks: ModuleHooks;
  /** Every handler by method: 'exports.list' runs a list's own handler (kernel/list-export.ts). */
  registry: Registry;
  /** The open database (replaced as a whole by a restore). */
  database: DatabaseSlot;
  /** The machine-wide settings file IT may have placed (empty when none). */
  machine: LoadedMachineSettings;
  /** Why the last automatic backup failed, if it did (null when it worked or never ran). */
  autoBackupProblem(): string | null;
  /** The desktop shell's open-file dialog for backups; null in browser mode and the CLI. */
  fileDialog: BackupFileDialog | null;
  /** Backup files the user picked in that dialog: backup.inspect/verify/restore may read them. */
  pickedFiles: PickedFiles;
  /** The keyed audit chain of this data folder (kernel/audit.ts). */
  auditChain: AuditChain;
  /** Whether demo data includes attendance history (CoreOptions.demoAttendance). */
  demoAttendance: boolean;
}

export interface AuditEntry {
  entity: string;
  recordId: string | null;
  action: string;
  before?: unknown;
  after?: unknown;
  /**
   * Who, when no one is signed in: the username typed at a sign-in. Without it, auth.login's rows
   * about an account name that account.
   */
  username?: string;
}

/** What a handler receives besides its validated input. */
export interface Ctx {
  readonly method: string;
  /** Bound to the call's transaction for mutations. */
  readonly manager: EntityManager;
  readonly now: Date;
  readonly nowIso: string;
  readonly actor: Actor | null;
  readonly token: string | null;
  /** Where the call came from when the transport knows (the bridge: the remote address); null for IPC, CLI, internal runs. */
  readonly source: string | null;
  readonly services: CoreServices;
  /** Writes an audit row in the call's transaction. */
  audit(entry: AuditEntry): Promise<void>;
  /** Runs after the transaction committed (events, file clean-up); never on failure. */
  afterCommit(fn: () => void): void;
  /** Commits what the handler wrote, then returns this error (only login failures need this). */
  failAfterCommit(error: AppError): void;
  /**
   * Runs `fn` in a transaction of its own, with audit allowed: for methods declared with
   * `transaction: 'handler'`, which must not hold one transaction across long work.
   */
  withTransaction<T>(fn: (tx: Ctx) => Promise<T>): Promise<T>;
  /**
   * Runs long work that needs no database (scrypt, a worker job, reading a file) without holding
   * the connection, so other calls need not wait behind it (kernel/gate.ts). Not inside a
   * transaction: methods that need it declare `transaction: 'handler'` or are queries.
   */
  unlocked<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Worker jobs (reading or writing a spreadsheet) that any call may run: unlocked() where the
   * call holds no transaction (queries such as an import preview or an export), in place inside
   * one (an import's commit), where the connection cannot be lent out.
   */
  offConnection<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs `fn` with no other call in flight: a restore replacing the database under them. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Progress of a long call, pushed to the caller as a 'progress' event. */
  progress(done: number, total: number, phase: string): void;
}

export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor;
}
