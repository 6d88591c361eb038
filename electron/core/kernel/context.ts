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
  /** Record access rules and approval hooks contributed by the modules. */
  hooks: ModuleHooks;
}

export interface AuditEntry {
  entity: string;
  recordId: string | null;
  action: string;
  before?: unknown;
  after?: unknown;
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
  readonly services: CoreServices;
  /** Writes an audit row in the call's transaction. */
  audit(entry: AuditEntry): Promise<void>;
  /** Runs after the transaction committed (events, file clean-up); never on failure. */
  afterCommit(fn: () => void): void;
  /** Commits what the handler wrote, then returns this error (only login failures need this). */
  failAfterCommit(error: AppError): void;
  /** Progress of a long call, pushed to the caller as a 'progress' event. */
  progress(done: number, total: number, phase: string): void;
}

export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor;
}
