import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { sqlFor } from '../db/sql.js';
import { AuditEntity, type AuditRecord } from './entities.js';

/**
 * The audit hash chain. Each row's hash covers the previous row's hash and the row itself, so an
 * edited, deleted or reordered row breaks the chain at that row.
 *
 * Rows are keyed (chain 1): HMAC-SHA256 with a key derived from the install key (kernel/secrets.ts),
 * which lives outside the database file, so whoever edits the file cannot recompute the chain.
 * Rows written by versions before the keyed chain keep their plain SHA-256 hash (chain 0) and still
 * verify, under one rule that stops a downgrade: plain rows may only come before the first keyed
 * row. Turning keyed rows back into plain ones therefore means rewriting every row up to the
 * newest, which changes the head, and the head is checkpointed outside the database with a keyed
 * tag (kernel/audit-checkpoint.ts) and recorded in every backup manifest.
 */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);
export const CHAIN_PLAIN = 0;
export const CHAIN_KEYED = 1;

/** Separate keys for separate uses, derived from the one install key. */
export interface ChainKeys {
  chain: Buffer;
  checkpoint: Buffer;
  accounts: Buffer;
  /** Tags the manifest of each backup this install writes (modules/backup/origin.ts). */
  backupOrigin: Buffer;
  /** A public fingerprint of the install key: tells "written with another key" from "edited". */
  keyId: string;
}

export function deriveKeys(installKey: Buffer): ChainKeys {
  if (installKey.length < 32) throw new Error('The install key must be at least 32 bytes');
  const derive = (purpose: string) => crypto.createHmac('sha256', installKey).update(`opsdesk/${purpose}/v1`).digest();
  return { chain: derive('audit-chain'), checkpoint: derive('audit-checkpoint'), accounts: derive('account-seals'), backupOrigin: derive('backup-origin'), keyId: derive('key-id').toString('hex').slice(0, 16) };
}

export type HashedRow = Pick<AuditRecord, 'seq' | 'at' | 'userId' | 'username' | 'method' | 'entity' | 'recordId' | 'recordLabel' | 'action' | 'beforeJson' | 'afterJson' | 'chain'>;

/** The foundation's hash (chain 0), unchanged so its rows still verify. */
function plainHash(prevHash: string, r: HashedRow): string {
  const canonical = JSON.stringify([r.seq, r.at, r.userId, r.username, r.method, r.entity, r.recordId, r.action, r.beforeJson, r.afterJson]);
  return crypto.createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** The keyed hash (chain 1): also covers the chain version and the record label. */
function keyedHash(key: Buffer, prevHash: string, r: HashedRow): string {
  const canonical = JSON.stringify([CHAIN_KEYED, r.seq, r.at, r.userId, r.username, r.method, r.entity, r.recordId, r.recordLabel, r.action, r.beforeJson, r.afterJson]);
  return crypto.createHmac('sha256', key).update(prevHash).update('\n').update(canonical).digest('hex');
}

export function rowHash(keys: ChainKeys, prevHash: string, r: HashedRow): string {
  return r.chain === CHAIN_KEYED ? keyedHash(keys.chain, prevHash, r) : plainHash(prevHash, r);
}

export interface AuditHead {
  count: number;
  hash: string;
}

export const EMPTY_HEAD: AuditHead = { count: 0, hash: AUDIT_GENESIS_HASH };

const HEAD = 'SELECT seq AS "seq", hash AS "hash" FROM audit_log ORDER BY seq DESC LIMIT 1';

/** The newest row's seq and hash (seq equals the row count in an intact log). */
export async function readHead(manager: EntityManager): Promise<AuditHead> {
  // Read by every audited write: one prepared statement on the seq index.
  const last = await sqlFor(manager).get<{ seq: number | string; hash: string }>(HEAD, []);
  return last ? { count: Number(last.seq), hash: last.hash } : EMPTY_HEAD;
}

/** The hash of the row with this seq, or null when there is none. */
export async function hashAt(manager: EntityManager, seq: number): Promise<string | null> {
  if (seq === 0) return AUDIT_GENESIS_HASH;
  const row = await manager.getRepository(AuditEntity).findOne({ where: { seq }, select: { hash: true } });
  return row?.hash ?? null;
}

export interface ChainWalk {
  /** Rows in the log. */
  rows: number;
  /** The first row that does not verify (edited, missing, out of order, or not keyed where it must be). */
  firstBrokenSeq: number | null;
  /** The first keyed row; rows before it carry the plain hash of older versions. Null when there is none. */
  keyedFromSeq: number | null;
  /** The hash of the row with seq `watchSeq` (for comparing with the checkpoint), if it was reached. */
  watchedHash: string | null;
}

const COLUMNS = ['seq', 'at', 'userId', 'username', 'method', 'entity', 'recordId', 'recordLabel', 'action', 'beforeJson', 'afterJson', 'chain', 'prevHash', 'hash'] as const;
type WalkedRow = Pick<AuditRecord, (typeof COLUMNS)[number]>;

/** Rows after `afterSeq` in order, a batch at a time (keyset paging: each batch is a range read). */
export async function* chainRows(manager: EntityManager, afterSeq = 0, batch = 2000): AsyncGenerator<WalkedRow> {
  const repo = manager.getRepository(AuditEntity);
  let last = afterSeq;
  for (;;) {
    const chunk = await repo
      .createQueryBuilder('a')
      .select(COLUMNS.map((c) => `a.${c}`))
      .where('a.seq > :last', { last })
      .orderBy('a.seq', 'ASC')
      .limit(batch)
      .getMany();
    for (const r of chunk) yield r;
    if (chunk.length < batch) return;
    last = chunk[chunk.length - 1]!.seq;
  }
}

/** Walks the chain from the first row and stops at the first one that does not verify. */
export async function walkChain(manager: EntityManager, keys: ChainKeys, watchSeq: number | null = null): Promise<ChainWalk> {
  let prevHash = AUDIT_GENESIS_HASH;
  let expectedSeq = 1;
  let keyedFromSeq: number | null = null;
  let watchedHash = watchSeq === 0 ? AUDIT_GENESIS_HASH : null;
  let firstBrokenSeq: number | null = null;
  for await (const r of chainRows(manager)) {
    const plainAfterKeyed = r.chain !== CHAIN_KEYED && keyedFromSeq !== null;
    const knownVersion = r.chain === CHAIN_KEYED || r.chain === CHAIN_PLAIN;
    if (r.seq !== expectedSeq || r.prevHash !== prevHash || plainAfterKeyed || !knownVersion || rowHash(keys, prevHash, r) !== r.hash) {
      firstBrokenSeq = expectedSeq;
      break;
    }
    if (r.chain === CHAIN_KEYED && keyedFromSeq === null) keyedFromSeq = r.seq;
    if (r.seq === watchSeq) watchedHash = r.hash;
    prevHash = r.hash;
    expectedSeq++;
  }
  const rows = firstBrokenSeq === null ? expectedSeq - 1 : await manager.getRepository(AuditEntity).count();
  return { rows, firstBrokenSeq, keyedFromSeq, watchedHash };
}
