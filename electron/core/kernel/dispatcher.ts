import type { DataSource, EntityManager } from 'typeorm';
import { contract, isMethodName, type MethodName } from '../../../shared/api/index.js';
import type { ApiError, ApiResult } from '../../../shared/domain/errors.js';
import { scopeFor } from '../../../shared/domain/permissions.js';
import { AppError } from './errors.js';
import { AuditWriter } from './audit.js';
import type { Actor, CoreServices, Ctx } from './context.js';
import type { CallGate, Lease } from './gate.js';
import { takeWriterTurn } from '../db/sql.js';
import { statementProblem } from '../db/errors.js';
import type { Registry } from './registry.js';
import { issuesToFields } from './validation.js';

export interface CallOptions {
  /** Session token from the transport; never a user id (the core resolves who is calling). */
  token?: string | null;
  /** Chosen by the caller to match 'progress' events to this call. */
  callId?: string | null;
  /** The caller's address when the transport has one (the HTTP bridge); sign-in guessing is slowed per source too. */
  source?: string | null;
}

export type CallFn = (method: string, input: unknown, options?: CallOptions) => Promise<ApiResult<unknown>>;

export interface DispatcherDeps {
  /** The open database; a restore replaces it, so it is read at each call. */
  dataSource: () => DataSource;
  registry: Registry;
  services: CoreServices;
  /** Loads the user behind a session; null when the account no longer exists or is disabled. */
  loadActor(manager: EntityManager, userId: string): Promise<Actor | null>;
  /** The id of the account with this username (case-insensitive), for internal runs. */
  findUserId(manager: EntityManager, username: string): Promise<string | null>;
  log(message: string, err?: unknown): void;
  /** Who may use the connection now (kernel/gate.ts): serial on SQLite, concurrent on PostgreSQL. */
  gate: CallGate;
}

export interface Dispatcher {
  call: CallFn;
  runInternal<T>(label: string, username: string | null, fn: (ctx: Ctx) => Promise<T>, options?: { transaction?: boolean }): Promise<T>;
  /** Resolves once every queued call has finished. */
  drain(): Promise<void>;
}

/** Methods a user who must change their password may still call. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set<string>(['auth.me', 'auth.changePassword', 'auth.logout', 'auth.setLocale', 'setup.status']);

/**
 * The one entry point of the core: validate -> authenticate -> authorise -> run (a mutation in one
 * transaction with its audit rows) -> envelope. On SQLite a call holds the one connection while it
 * uses the database and lends it out during long work that needs none (ctx.unlocked): see gate.ts.
 */
export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  return {
    call: (method, input, options = {}) => deps.gate.run((lease) => dispatch(deps, lease, method, input, options)),
    runInternal: (label, username, fn, options = {}) =>
      deps.gate.run(async (lease) => {
        const now = deps.services.clock.now();
        let actor: Actor | null = null;
        if (username) {
          const userId = await deps.findUserId(deps.dataSource().manager, username);
          actor = userId ? await deps.loadActor(deps.dataSource().manager, userId) : null;
          if (!actor) throw new AppError('NOT_FOUND', 'error.unknownUser');
        }
        const after: (() => void)[] = [];
        const parts = (manager: EntityManager, writer: AuditWriter | null): CtxParts => ({
          manager,
          method: label,
          now,
          actor,
          token: null,
          writer,
          callId: null,
          after,
          defer: () => {},
          source: null,
          lease,
        });
        // Long maintenance (a backup) opens its own short transactions: see ctx.withTransaction.
        const result =
          options.transaction === false
            ? await fn(buildCtx(deps, parts(deps.dataSource().manager, null)))
            : await transact(deps, now, (manager, writer) => fn(buildCtx(deps, parts(manager, writer))));
        runAfterCommit(deps, label, after);
        return result;
      }),
    drain: () => deps.gate.drain(),
  };
}

interface CtxParts {
  manager: EntityManager;
  method: string;
  now: Date;
  actor: Actor | null;
  token: string | null;
  source: string | null;
  /** The transaction's audit writer; null outside a transaction (queries, handler-managed calls). */
  writer: AuditWriter | null;
  callId: string | null;
  after: (() => void)[];
  defer: (err: AppError) => void;
  lease: Lease;
}

/**
 * One transaction with its audit rows: the writer appends them and renews the seals of changed
 * accounts before the commit; after it, the new head goes to the checkpoint. Nothing of it when
 * `run` throws (the transaction rolls back).
 */
async function transact<T>(deps: DispatcherDeps, now: Date, run: (manager: EntityManager, writer: AuditWriter) => Promise<T>): Promise<T> {
  const chain = deps.services.auditChain;
  let writer: AuditWriter | null = null;
  const result = await deps.dataSource().transaction(async (manager) => {
    await takeWriterTurn(manager);
    writer = new AuditWriter(chain, manager, deps.services.newId);
    const value = await run(manager, writer);
    await writer.finish(now.toISOString());
    return value;
  });
  chain.committed((writer as AuditWriter | null)?.written ?? null);
  return result;
}

function buildCtx(deps: DispatcherDeps, p: CtxParts): Ctx {
  const ctx: Ctx = {
    method: p.method,
    manager: p.manager,
    now: p.now,
    nowIso: p.now.toISOString(),
    actor: p.actor,
    token: p.token,
    source: p.source,
    services: deps.services,
    audit: (entry) => {
      if (!p.writer) throw new Error(`audit() called from query method ${p.method}`);
      return p.writer.append(ctx, { at: p.now.toISOString(), actor: p.actor, method: p.method }, entry);
    },
    afterCommit: (fn) => p.after.push(fn),
    failAfterCommit: p.defer,
    withTransaction: (fn) => transact(deps, p.now, (manager, writer) => fn(buildCtx(deps, { ...p, manager, writer }))),
    unlocked: (fn) => {
      // On SQLite a transaction lives on the shared connection: lending it out mid-transaction
      // would let another call's statements into this one.
      if (p.writer) throw new Error(`unlocked() inside the transaction of ${p.method}`);
      return p.lease.unlocked(fn);
    },
    offConnection: (fn) => (p.writer ? fn() : p.lease.unlocked(fn)),
    exclusive: (fn) => {
      if (p.writer) throw new Error(`exclusive() inside the transaction of ${p.method}`);
      return p.lease.exclusive(fn);
    },
    progress: (done, total, phase) => {
      if (p.callId) deps.services.emit({ type: 'progress', callId: p.callId, done, total, phase });
    },
  };
  return ctx;
}

function runAfterCommit(deps: DispatcherDeps, method: string, after: (() => void)[]): void {
  for (const fn of after) {
    try {
      fn();
    } catch (err) {
      deps.log(`after-commit hook of ${method} failed`, err);
    }
  }
}

async function dispatch(deps: DispatcherDeps, lease: Lease, method: string, input: unknown, options: CallOptions): Promise<ApiResult<unknown>> {
  try {
    if (!isMethodName(method)) throw new AppError('NOT_FOUND', 'error.unknownMethod');
    const spec = contract[method];
    const parsed = await spec.input.safeParseAsync(input);
    if (!parsed.success) throw await invalidInput(deps, lease, method, input, issuesToFields(parsed.error.issues), options.token ?? null);

    const now = deps.services.clock.now();
    const token = options.token ?? null;
    const actor = await authenticate(deps, token, now);
    authorise(method, spec.permission, actor);

    const handler = deps.registry.get(method)!;
    const after: (() => void)[] = [];
    let deferred: AppError | null = null;
    const parts = (manager: EntityManager, writer: AuditWriter | null): CtxParts => ({
      manager,
      method,
      now,
      actor,
      token,
      source: options.source ?? null,
      writer,
      callId: options.callId ?? null,
      after,
      defer: (err) => {
        deferred = err;
      },
      lease,
    });
    // Most writes run whole in one transaction; a few long operations (backup, restore) manage
    // their own short transactions around work that must not hold one open (spec.transaction).
    const data = spec.mutates && spec.transaction !== 'handler'
      ? await transact(deps, now, (manager, writer) => Promise.resolve(handler(buildCtx(deps, parts(manager, writer)), parsed.data as never)))
      : await handler(buildCtx(deps, parts(deps.dataSource().manager, null)), parsed.data as never);
    runAfterCommit(deps, method, after);
    if (deferred) throw deferred;
    return { ok: true, data: data ?? null };
  } catch (err) {
    return { ok: false, error: toApiError(deps, method, err) };
  }
}

/**
 * The VALIDATION error of an input that fails its schema, with the module's stored-data field
 * problems added where it has an input check (module.ts InputCheck): every problem at once. The
 * check runs only for a caller who may make the call; the schema's message wins for a field.
 */
async function invalidInput(deps: DispatcherDeps, lease: Lease, method: MethodName, input: unknown, fields: Record<string, string>, token: string | null): Promise<AppError> {
  const check = deps.services.hooks.inputChecks[method];
  if (!check || typeof input !== 'object' || input === null || Array.isArray(input)) return new AppError('VALIDATION', 'error.validation', fields);
  const now = deps.services.clock.now();
  const actor = await authenticate(deps, token, now);
  authorise(method, contract[method].permission, actor);
  const parts: CtxParts = { manager: deps.dataSource().manager, method, now, actor, token, source: null, writer: null, callId: null, after: [], defer: () => {}, lease };
  const stored = await check(buildCtx(deps, parts), input as Record<string, unknown>);
  return new AppError('VALIDATION', 'error.validation', { ...stored, ...fields });
}

async function authenticate(deps: DispatcherDeps, token: string | null, now: Date): Promise<Actor | null> {
  if (!token) return null;
  const userId = deps.services.sessions.resolve(token, now);
  if (!userId) return null;
  const actor = await deps.loadActor(deps.dataSource().manager, userId);
  if (!actor) deps.services.sessions.revoke(token);
  return actor;
}

/** The permission check every call passes; also applied by exports.list to the list it runs. */
export function authorise(method: MethodName, permission: (typeof contract)[MethodName]['permission'], actor: Actor | null): void {
  if (permission === 'public') return;
  if (!actor) throw new AppError('UNAUTHENTICATED', 'error.unauthenticated');
  if (actor.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(method)) {
    throw new AppError('FORBIDDEN', 'error.mustChangePassword');
  }
  if (permission === 'session') return;
  if (scopeFor(actor.roles, permission) === null) throw new AppError('FORBIDDEN', 'error.forbidden');
}

/** Only a code and an i18n key cross the boundary: never a stack, SQL text or a file path. */
function toApiError(deps: DispatcherDeps, method: string, err: unknown): ApiError {
  if (err instanceof AppError) return err.toApiError();
  switch (statementProblem(err)) {
    case 'unique':
      return { code: 'CONFLICT', message: 'error.conflict' };
    case 'foreignKey':
      return { code: 'CONFLICT', message: 'error.referenceMissing' };
    case 'diskFull':
      return { code: 'INTERNAL', message: 'error.diskFull' };
    case 'readOnly':
      return { code: 'INTERNAL', message: 'error.readOnly' };
    case 'busy':
      return { code: 'CONFLICT', message: 'error.busy' };
    default:
      break;
  }
  deps.log(`internal error in ${method}`, err);
  return { code: 'INTERNAL', message: 'error.internal' };
}
