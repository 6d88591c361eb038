import type { EntityManager } from 'typeorm';
import type { AuditIncident, AuditIncidentKind, AuditIntegrity } from '../../../shared/api/kernel.js';
import { AUDIT_INCIDENT_KINDS } from '../../../shared/api/kernel.js';
import { checkAccounts, SEALING_ACTIONS, sealAccounts } from './account-seals.js';
import { CHAIN_KEYED, chainRows, deriveKeys, hashAt, readHead, rowHash, walkChain, type AuditHead, type ChainKeys, type HashedRow } from './audit-chain.js';
import { compareWithCheckpoint, readCheckpoint, writeCheckpoint } from './audit-checkpoint.js';
import type { Actor, AuditEntry, Ctx } from './context.js';
import { UserEntity } from '../modules/auth/entities.js';
import { AccountSealEntity, AuditEntity } from './entities.js';
import { usernameOf } from './names.js';
import { sqlFor } from '../db/sql.js';
import { auditRecordLabel } from './record-labels.js';

/**
 * The audit log: who changed what, when, through which method, with before/after values, in a
 * keyed hash chain (kernel/audit-chain.ts) whose head is checkpointed outside the database
 * (kernel/audit-checkpoint.ts). Every mutation writes its rows through an AuditWriter in its own
 * transaction; the dispatcher hands the head to the AuditChain once the transaction committed.
 */
export { AUDIT_GENESIS_HASH } from './audit-chain.js';

/** The method name integrity findings are written under (they are the core's, not a user's). */
export const INTEGRITY_METHOD = 'audit.integrity';
const SIGN_IN_METHOD = 'auth.login';

/** The chain's state for one open data folder: its keys and the newest head this core knows. */
export class AuditChain {
  readonly keys: ChainKeys;
  /** The head last written to or read from the checkpoint; null until known. */
  private known: AuditHead | null = null;
  /** What was wrong with the checkpoint at start-up, recorded in the log with the next mutation. */
  private pending: AuditIncidentKind | null = null;
  /** The invalid checkpoint was tagged with another install key. */
  private pendingOtherKey = false;

  constructor(
    /** The data folder's install key: a restore's scratch core keys the restored copy with it. */
    readonly installKey: Buffer,
    readonly checkpointFile: string,
    private readonly log: (message: string, err?: unknown) => void,
  ) {
    this.keys = deriveKeys(installKey);
  }

  /**
   * At start-up. `firstKeyedOpen`: the keyed-chain migration ran just now (a database of an older
   * version, or a new one): what is there is taken as it is - accounts sealed, head checkpointed.
   * Otherwise the checkpoint is read; a missing or invalid one is an incident. Writes nothing
   * else, so doctor stays a reader.
   */
  async open(manager: EntityManager, firstKeyedOpen: boolean, nowIso: string): Promise<void> {
    if (firstKeyedOpen) {
      await manager.transaction((tx) => sealAccounts(tx, this.keys, null, nowIso));
      this.committed(await readHead(manager));
      return;
    }
    const checkpoint = readCheckpoint(this.checkpointFile, this.keys);
    if (checkpoint.status === 'present') this.known = checkpoint.head;
    else {
      this.pending = checkpoint.status === 'missing' ? 'checkpointMissing' : 'checkpointInvalid';
      this.pendingOtherKey = checkpoint.status === 'invalid' && checkpoint.otherKey;
    }
  }

  /** What to record before the first row a transaction appends, given the database's head. */
  async incidentBefore(manager: EntityManager, dbHead: AuditHead): Promise<{ kind: AuditIncidentKind; detail: unknown } | null> {
    if (this.pending) return { kind: this.pending, detail: { found: dbHead, ...(this.pendingOtherKey ? { otherKey: true } : {}) } };
    const known = this.known;
    if (!known) return null;
    const hash = dbHead.count === known.count ? dbHead.hash : await hashAt(manager, known.count);
    const state = compareWithCheckpoint(known, dbHead.count, hash);
    return state === 'matches' ? null : { kind: 'headMismatch', detail: { expected: known, found: dbHead, truncated: state === 'truncated' } };
  }

  /** After a commit that appended rows: the new head, also written to the checkpoint. */
  committed(head: AuditHead | null): void {
    if (!head) return;
    this.known = head;
    this.pending = null;
    try {
      writeCheckpoint(this.checkpointFile, this.keys, head);
    } catch (err) {
      // The commit stands; doctor will show the checkpoint behind (or missing) until the next write.
      this.log('cannot write the audit checkpoint', err);
    }
  }

  /**
   * After a restore swapped in a database whose log was adopted under this key (in the restore's
   * scratch core): its head is the one to expect from now on, and the checkpoint says so.
   */
  async resync(manager: EntityManager): Promise<void> {
    this.committed(await readHead(manager));
  }

  /** After a restore replaced the database: its (verified or re-keyed) head is the one to expect. */
  adopt(head: AuditHead): void {
    this.known = head;
    this.pending = null;
  }
}

const toJson = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/**
 * Writes a transaction's audit rows. Reads the head once, checks it against the checkpoint (a
 * mismatch is recorded as an incident row first), then keeps it in memory: calls run one at a
 * time, so within the transaction only this writer appends.
 */
export class AuditWriter {
  private head: AuditHead | null = null;
  private appended = false;
  private readonly accounts = new Set<string>();

  constructor(
    private readonly chain: AuditChain,
    private readonly manager: EntityManager,
    private readonly newId: () => string,
  ) {}

  /** The head after this transaction's rows, or null when it wrote none. */
  get written(): AuditHead | null {
    return this.appended ? this.head : null;
  }

  async append(ctx: Ctx, meta: { at: string; actor: Actor | null; method: string }, entry: AuditEntry): Promise<void> {
    if (!this.head) {
      const dbHead = await readHead(this.manager);
      this.head = dbHead;
      const incident = await this.chain.incidentBefore(this.manager, dbHead);
      if (incident) {
        await this.insert({ at: meta.at, userId: null, username: null, method: INTEGRITY_METHOD }, { entity: 'audit', recordId: null, action: incident.kind, after: incident.detail }, null);
      }
    }
    // Sign-in rows have no signed-in user yet: they name the account tried (auth.login writes its
    // rows about that account), or the name typed when the entry says so.
    const signIn = !meta.actor && meta.method === SIGN_IN_METHOD && entry.entity === 'user' && entry.recordId;
    const username = meta.actor?.username ?? entry.username ?? (signIn ? await usernameOf(this.manager, entry.recordId!) : null);
    const label = await auditRecordLabel(ctx, entry);
    await this.insert({ at: meta.at, userId: meta.actor?.userId ?? null, username, method: meta.method }, entry, label);
    // A deliberate change of an account's sealed fields renews its seal (kernel/account-seals.ts).
    if (entry.entity === 'user' && entry.recordId && SEALING_ACTIONS.has(entry.action)) this.accounts.add(entry.recordId);
  }

  private async insert(who: { at: string; userId: string | null; username: string | null; method: string }, entry: AuditEntry, recordLabel: string | null): Promise<void> {
    const prev = this.head!;
    const row: HashedRow = {
      seq: prev.count + 1,
      at: who.at,
      userId: who.userId,
      username: who.username,
      method: who.method,
      entity: entry.entity,
      recordId: entry.recordId,
      recordLabel,
      action: entry.action,
      beforeJson: toJson(entry.before),
      afterJson: toJson(entry.after),
      chain: CHAIN_KEYED,
    };
    const hash = rowHash(this.chain.keys, prev.hash, row);
    await sqlFor(this.manager).run(INSERT_AUDIT, [
      this.newId(), row.seq, row.at, row.userId, row.username, row.method, row.entity, row.recordId, row.action,
      row.beforeJson, row.afterJson, row.recordLabel, row.chain, prev.hash, hash,
    ]);
    this.head = { count: row.seq, hash };
    this.appended = true;
  }

  /** Before the commit: renews the seals of the accounts this transaction changed. */
  async finish(nowIso: string): Promise<void> {
    await sealAccounts(this.manager, this.chain.keys, [...this.accounts], nowIso);
  }
}

/**
 * One prepared statement for every audit row (db/sql.ts): TypeORM's insert wrote `seq` into the
 * SQL text, so each write prepared a new statement (issue 7).
 */
const INSERT_AUDIT = `INSERT INTO audit_log (id, seq, at, user_id, username, method, entity, record_id, action, before_json, after_json, record_label, chain, prev_hash, hash)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

async function incidents(manager: EntityManager): Promise<AuditIncident[]> {
  const rows = await manager.getRepository(AuditEntity).find({ where: { entity: 'audit' }, select: { seq: true, at: true, action: true }, order: { seq: 'ASC' } });
  return rows
    .filter((r) => (AUDIT_INCIDENT_KINDS as readonly string[]).includes(r.action))
    .map((r) => ({ seq: r.seq, at: r.at, kind: r.action as AuditIncidentKind }));
}

/**
 * The audit log's integrity as `audit.verify` and doctor report it: the chain walked from the
 * first row (where it breaks), the head against the checkpoint (truncation), and the integrity
 * findings the log itself records.
 */
export async function auditIntegrity(manager: EntityManager, chain: AuditChain): Promise<AuditIntegrity> {
  const checkpoint = readCheckpoint(chain.checkpointFile, chain.keys);
  const watch = checkpoint.status === 'present' ? checkpoint.head.count : null;
  const walk = await walkChain(manager, chain.keys, watch);
  let status: AuditIntegrity['checkpoint'] = checkpoint.status === 'missing' ? 'missing' : checkpoint.status === 'invalid' ? (checkpoint.otherKey ? 'otherKey' : 'invalid') : 'matches';
  let truncated = false;
  if (checkpoint.status === 'present') {
    const dbHead = await readHead(manager);
    const hash = walk.watchedHash ?? (await hashAt(manager, checkpoint.head.count));
    const state = compareWithCheckpoint(checkpoint.head, dbHead.count, hash);
    truncated = state === 'truncated';
    if (state !== 'matches') status = 'mismatch';
  }
  return {
    ok: walk.firstBrokenSeq === null && status === 'matches',
    rows: walk.rows,
    firstBrokenSeq: walk.firstBrokenSeq,
    truncated,
    checkpoint: status,
    checkpointRows: checkpoint.status === 'present' ? checkpoint.head.count : null,
    keyedFromSeq: walk.keyedFromSeq,
    incidents: await incidents(manager),
  };
}

/**
 * Rewrites the hashes from `fromSeq` on under this install's key (and closes gaps in seq), for a
 * restored log that does not verify here. Returns how many rows were rewritten.
 */
async function rekeyFrom(manager: EntityManager, keys: ChainKeys, fromSeq: number): Promise<number> {
  let prevHash = (await hashAt(manager, fromSeq - 1))!;
  let seq = fromSeq;
  const repo = manager.getRepository(AuditEntity);
  for await (const r of chainRows(manager, fromSeq - 1)) {
    const row: HashedRow = { ...r, seq, chain: CHAIN_KEYED };
    const hash = rowHash(keys, prevHash, row);
    await repo.createQueryBuilder().update().set({ seq, chain: CHAIN_KEYED, prevHash, hash }).where('seq = :old', { old: r.seq }).execute();
    prevHash = hash;
    seq++;
  }
  return seq - fromSeq;
}

export interface RestoredAuditLog {
  /** The restored chain verified with this install's key as it was (a backup made here). */
  verified: boolean;
  /** Where re-keying started, when it did. */
  rekeyedFromSeq: number | null;
}

/**
 * Whether a restored database's audit log and accounts are vouched for by this install's key:
 * the chain verifies with keyed rows in it (a log of only plain-hash rows can be rewritten by
 * anyone) and every account's seal matches. Restore asks this of a backup that is not known to
 * be this install's own (backup/origin.ts); `admins` is who would be an administrator after it.
 */
export async function restoredLogVouched(manager: EntityManager, keys: ChainKeys): Promise<{ vouched: boolean; admins: string[] }> {
  const walk = await walkChain(manager, keys);
  const accounts = await checkAccounts(manager, keys);
  const sealed = (await manager.getRepository(AccountSealEntity).count()) > 0;
  const admins = await manager
    .getRepository(UserEntity)
    .createQueryBuilder('u')
    .innerJoin('user_roles', 'r', "r.user_id = u.id AND r.role = 'admin'")
    .where('u.disabled = 0')
    .orderBy('u.username', 'ASC')
    .getMany();
  return {
    vouched: walk.firstBrokenSeq === null && walk.keyedFromSeq !== null && sealed && accounts.ok,
    admins: admins.map((u) => (u.displayName && u.displayName !== u.username ? `${u.username}（${u.displayName}）` : u.username)),
  };
}

/**
 * Called by restore (backup/restore.ts) right after the restored database is in place, in the
 * transaction that records the restore. The backup's own integrity has been checked by its
 * checksums; its audit chain is then walked with this install's key:
 *
 * - it verifies (a backup made by this install, or one from before the keyed chain): kept as it
 *   is; accounts whose seals do not match stay unsealed for doctor to report;
 * - it does not (a backup made on another PC or by another installation, keyed with another key;
 *   or one altered after it was made - the two cannot be told apart without that key): the rows
 *   from the first unverifiable one are re-keyed under this install's key and every account is
 *   sealed as restored. A `resealed` row records it, with where verification stopped and the
 *   head the backup's manifest recorded, so the log itself says which rows this install vouches
 *   for only since the restore.
 *
 * Either way the chain verifies afterwards and the checkpoint is written with the commit.
 */
export async function adoptRestoredAuditLog(ctx: Ctx, manifest: { auditHead?: AuditHead | null }, origin: 'here' | 'elsewhere'): Promise<RestoredAuditLog> {
  const chain = ctx.services.auditChain;
  const manager = ctx.manager;
  const found = await readHead(manager);
  const walk = await walkChain(manager, chain.keys);
  const neverSealed = (await manager.getRepository(AccountSealEntity).count()) === 0;
  const rekeyedFromSeq = walk.firstBrokenSeq;
  if (rekeyedFromSeq !== null) await rekeyFrom(manager, chain.keys, rekeyedFromSeq);
  const unverifiedAccounts = rekeyedFromSeq === null && !neverSealed ? (await checkAccounts(manager, chain.keys)).tampered : [];
  if (rekeyedFromSeq !== null || neverSealed) await sealAccounts(manager, chain.keys, null, ctx.nowIso);
  chain.adopt(await readHead(manager));
  const manifestHead = manifest.auditHead ?? null;
  await ctx.audit({
    entity: 'audit',
    recordId: null,
    action: rekeyedFromSeq === null ? 'restoreVerified' : 'resealed',
    after: {
      // true: the backup's tag shows this install wrote it; false: it did not, and a log this
      // install could not vouch for was restored because the user agreed (backup/restore.ts).
      madeHere: origin === 'here',
      rows: walk.rows,
      // Rows that carry only the plain hash of versions before the keyed chain (nobody's key vouches for them).
      plainRows: walk.keyedFromSeq !== null ? walk.keyedFromSeq - 1 : rekeyedFromSeq !== null ? rekeyedFromSeq - 1 : walk.rows,
      rekeyedFromSeq,
      foundHead: found,
      manifestHead,
      manifestHeadMatches: manifestHead ? manifestHead.count === found.count && manifestHead.hash === found.hash : null,
      accountsSealed: rekeyedFromSeq !== null || neverSealed,
      unverifiedAccounts,
    },
  });
  return { verified: rekeyedFromSeq === null, rekeyedFromSeq };
}
