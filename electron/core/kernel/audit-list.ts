import type { AuditRow } from '../../../shared/api/kernel.js';
import type { Page } from '../../../shared/api/fields.js';
import type { ParsedInputOf } from '../../../shared/api/index.js';
import type { Ctx } from './context.js';
import type { AuditRecord } from './entities.js';
import { containsPattern } from './listing.js';
import { sqlFor } from '../db/sql.js';
import { likeSql, SqlWhere } from '../db/sql-where.js';
import { userNames } from './names.js';
import { labelsFor, referencedIds } from './record-labels.js';

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

/**
 * The audit log page: newest first, filtered by record, user or operation, and searched by what
 * people see - the record's label ("王小明"), the username (also the one tried at a failed
 * sign-in), the user's name - or the operation's method name.
 */
export async function listAudit(ctx: Ctx, input: ParsedInputOf<'audit.list'>): Promise<Page<AuditRow>> {
  const where = new SqlWhere();
  if (input.entity) where.and('a.entity = ?', input.entity);
  if (input.recordId) where.and('a.record_id = ?', input.recordId);
  if (input.userId) where.and('a.user_id = ?', input.userId);
  if (input.method) where.and('a.method = ?', input.method);
  if (input.search) {
    const s = containsPattern(input.search);
    const byName = likeSql('u.display_name', s);
    where.anyOf([
      likeSql('a.record_label', s),
      likeSql('a.username', s),
      likeSql('a.method', s),
      { sql: `a.user_id IN (SELECT u.id FROM users u WHERE ${byName.sql})`, params: byName.params },
    ]);
  }
  // Prepared statements (db/sql.ts): COUNT(*) on the filtered table uses SQLite's count
  // optimisation, where the query builder's COUNT(DISTINCT a.id) read every row (issue 7).
  const sql = sqlFor(ctx.manager);
  const total = await sql.count(`SELECT COUNT(*) AS n FROM audit_log a${where.sql}`, where.params);
  const order = input.sortOrder === 'asc' && input.sortField === 'seq' ? 'ASC' : 'DESC';
  const records = await sql.all<ListedRecord>(`SELECT ${AUDIT_COLUMNS} FROM audit_log a${where.sql} ORDER BY a.seq ${order} LIMIT ? OFFSET ?`, [
    ...where.params,
    input.pageSize,
    (input.page - 1) * input.pageSize,
  ]);
  return { total, page: input.page, pageSize: input.pageSize, rows: await auditRows(ctx, records) };
}

/** An audit row without its hashes: what the page shows. */
type ListedRecord = Omit<AuditRecord, 'chain' | 'prevHash' | 'hash'>;

/** The columns of ListedRecord, named as its fields. */
const AUDIT_COLUMNS = [
  'a.id AS "id"',
  'a.seq AS "seq"',
  'a.at AS "at"',
  'a.user_id AS "userId"',
  'a.username AS "username"',
  'a.method AS "method"',
  'a.entity AS "entity"',
  'a.record_id AS "recordId"',
  'a.action AS "action"',
  'a.before_json AS "beforeJson"',
  'a.after_json AS "afterJson"',
  'a.record_label AS "recordLabel"',
].join(', ');

/** Rows as the page shows them: parsed values, the acting user's name, names for referenced ids (one lookup per page). */
async function auditRows(ctx: Ctx, records: ListedRecord[]): Promise<AuditRow[]> {
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
