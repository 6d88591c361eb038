import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditRow } from '../../../shared/api/kernel.js';
import type { Page } from '../../../shared/api/fields.js';
import type { ParsedInputOf } from '../../../shared/api/index.js';
import { AuditEntity, type AuditRecord } from './entities.js';
import { containsPattern, likeClause } from './listing.js';
import type { Actor, AuditEntry } from './context.js';

/**
 * The audit log: who changed what, when, through which method, with before/after values. Rows
 * form a hash chain (hash = SHA-256(previous hash + row)), so an edited, deleted or reordered row
 * is detected at the row where the chain breaks.
 */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

function rowHash(prevHash: string, r: Omit<AuditRecord, 'id' | 'hash' | 'prevHash'>): string {
  const canonical = JSON.stringify([r.seq, r.at, r.userId, r.username, r.method, r.entity, r.recordId, r.action, r.beforeJson, r.afterJson]);
  return crypto.createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

const toJson = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/** Appends one row; must run inside the call's transaction (calls are serialised, so seq is safe). */
export async function appendAudit(
  manager: EntityManager,
  meta: { id: string; at: string; actor: Actor | null; method: string },
  entry: AuditEntry,
): Promise<void> {
  const repo = manager.getRepository(AuditEntity);
  const last = await repo.find({ order: { seq: 'DESC' }, take: 1, select: { seq: true, hash: true } });
  const prevHash = last[0]?.hash ?? AUDIT_GENESIS_HASH;
  const row = {
    seq: (last[0]?.seq ?? 0) + 1,
    at: meta.at,
    userId: meta.actor?.userId ?? null,
    username: meta.actor?.username ?? null,
    method: meta.method,
    entity: entry.entity,
    recordId: entry.recordId,
    action: entry.action,
    beforeJson: toJson(entry.before),
    afterJson: toJson(entry.after),
  };
  await repo.insert({ id: meta.id, ...row, prevHash, hash: rowHash(prevHash, row) });
}

/** Walks the chain in order, in batches, and reports the first row that does not match. */
export async function verifyAuditChain(manager: EntityManager): Promise<{ ok: boolean; rows: number; firstBrokenSeq: number | null }> {
  const repo = manager.getRepository(AuditEntity);
  let prevHash = AUDIT_GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  const batch = 2000;
  for (;;) {
    const chunk = await repo.find({ order: { seq: 'ASC' }, skip: rows, take: batch });
    for (const r of chunk) {
      rows++;
      if (r.seq !== expectedSeq || r.prevHash !== prevHash || rowHash(prevHash, r) !== r.hash) {
        return { ok: false, rows, firstBrokenSeq: expectedSeq };
      }
      prevHash = r.hash;
      expectedSeq++;
    }
    if (chunk.length < batch) break;
  }
  return { ok: true, rows, firstBrokenSeq: null };
}

export async function latestAuditHash(manager: EntityManager): Promise<string> {
  const last = await manager.getRepository(AuditEntity).find({ order: { seq: 'DESC' }, take: 1, select: { hash: true } });
  return last[0]?.hash ?? AUDIT_GENESIS_HASH;
}

export async function listAudit(manager: EntityManager, input: ParsedInputOf<'audit.list'>): Promise<Page<AuditRow>> {
  const qb = manager.getRepository(AuditEntity).createQueryBuilder('a');
  if (input.entity) qb.andWhere('a.entity = :entity', { entity: input.entity });
  if (input.recordId) qb.andWhere('a.record_id = :recordId', { recordId: input.recordId });
  if (input.userId) qb.andWhere('a.user_id = :userId', { userId: input.userId });
  if (input.method) qb.andWhere('a.method = :method', { method: input.method });
  if (input.search) qb.andWhere(`(${likeClause('a.username', 's')} OR ${likeClause('a.method', 's')})`, { s: containsPattern(input.search) });
  const total = await qb.getCount();
  const records = await qb
    .orderBy('a.seq', input.sortOrder === 'asc' && input.sortField === 'seq' ? 'ASC' : 'DESC')
    .offset((input.page - 1) * input.pageSize)
    .limit(input.pageSize)
    .getMany();
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    rows: records.map((r) => ({
      id: r.id,
      seq: r.seq,
      at: r.at,
      userId: r.userId,
      username: r.username,
      method: r.method,
      entity: r.entity,
      recordId: r.recordId,
      action: r.action,
      before: r.beforeJson === null ? null : JSON.parse(r.beforeJson),
      after: r.afterJson === null ? null : JSON.parse(r.afterJson),
    })),
  };
}
