import type { AuditRow } from '../../../shared/api/kernel.js';
import type { Page } from '../../../shared/api/fields.js';
import type { ParsedInputOf } from '../../../shared/api/index.js';
import type { Ctx } from './context.js';
import { AuditEntity, type AuditRecord } from './entities.js';
import { containsPattern, likeClause } from './listing.js';
import { userNames } from './names.js';
import { labelsFor, referencedIds } from './record-labels.js';

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

/**
 * The audit log page: newest first, filtered by record, user or operation, and searched by what
 * people see - the record's label ("王小明"), the username (also the one tried at a failed
 * sign-in), the user's name - or the operation's method name.
 */
export async function listAudit(ctx: Ctx, input: ParsedInputOf<'audit.list'>): Promise<Page<AuditRow>> {
  const qb = ctx.manager.getRepository(AuditEntity).createQueryBuilder('a');
  if (input.entity) qb.andWhere('a.entity = :entity', { entity: input.entity });
  if (input.recordId) qb.andWhere('a.record_id = :recordId', { recordId: input.recordId });
  if (input.userId) qb.andWhere('a.user_id = :userId', { userId: input.userId });
  if (input.method) qb.andWhere('a.method = :method', { method: input.method });
  if (input.search) {
    const matches = [
      likeClause('a.record_label', 's'),
      likeClause('a.username', 's'),
      likeClause('a.method', 's'),
      `a.user_id IN (SELECT u.id FROM users u WHERE ${likeClause('u.display_name', 's')})`,
    ];
    qb.andWhere(`(${matches.join(' OR ')})`, { s: containsPattern(input.search) });
  }
  const total = await qb.getCount();
  const records = await qb
    .orderBy('a.seq', input.sortOrder === 'asc' && input.sortField === 'seq' ? 'ASC' : 'DESC')
    .offset((input.page - 1) * input.pageSize)
    .limit(input.pageSize)
    .getMany();
  return { total, page: input.page, pageSize: input.pageSize, rows: await auditRows(ctx, records) };
}

/** Rows as the page shows them: parsed values, the acting user's name, names for referenced ids (one lookup per page). */
async function auditRows(ctx: Ctx, records: AuditRecord[]): Promise<AuditRow[]> {
  const parsed = records.map((r) => ({ r, before: parse(r.beforeJson), after: parse(r.afterJson) }));
  const names = await userNames(ctx.manager, records.map((r) => r.userId));
  const refLabels = await labelsFor(ctx, referencedIds(parsed.flatMap((p) => [p.before, p.after])));
  return parsed.map(({ r, before, after }) => {
    const ids = referencedIds([before, after]);
    return {
      id: r.id,
      seq: r.seq,
      at: r.at,
      userId: r.userId,
      username: r.username,
      userDisplayName: r.userId ? (names.get(r.userId) ?? null) : null,
      method: r.method,
      entity: r.entity,
      recordId: r.recordId,
      recordLabel: r.recordLabel,
      action: r.action,
      before,
      after,
      refLabels: Object.fromEntries([...ids.keys()].filter((id) => Object.hasOwn(refLabels, id)).map((id) => [id, refLabels[id]!])),
    };
  });
}
