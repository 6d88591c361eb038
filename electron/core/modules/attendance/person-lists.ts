import type { Ctx } from '../../kernel/context.js';
import { requireActor } from '../../kernel/context.js';
import { scopeOf } from '../../kernel/access.js';
import { containsPattern } from '../../kernel/listing.js';
import { likeSql, SqlWhere } from '../../db/sql-where.js';
import { widerScope } from '../../../../shared/domain/roles.js';
import type { TablePermission } from '../../../../shared/domain/permissions.js';
import { visibleEmployeesWhere } from './access.js';

/**
 * What the leave, correction and discipline lists share: rows about people, joined to
 * org_employees as `e`, limited to the people the caller may see, filtered by person, group and a
 * search on name or employee number, one page at a time with a COUNT(*) of the same WHERE.
 */

export interface PersonFilters {
  employeeId?: string | undefined;
  groupId?: string | undefined;
  search?: string | undefined;
}

/**
 * The people whose records the caller sees, on alias `e`: attendance.read's reach (staff their
 * own, a lead or deputy their groups, HR and the manager everyone), widened by `also` (the
 * discipline permission, for the discipline list). The own record is always in.
 */
export function reachWhere(ctx: Ctx, also: TablePermission | null = null): { sql: string; params: string[] } {
  if (!also) return visibleEmployeesWhere(ctx, 'e');
  const actor = requireActor(ctx);
  const scope = widerScope(scopeOf(ctx, 'attendance.read'), scopeOf(ctx, also));
  if (scope === 'department') return { sql: '1 = 1', params: [] };
  const own = actor.employeeId ? [actor.employeeId] : [];
  const groups = scope === 'group' ? actor.groupIds : [];
  const parts = [...(own.length ? ['e.id = ?'] : []), ...(groups.length ? [`e.group_id IN (${groups.map(() => '?').join(', ')})`] : [])];
  return parts.length ? { sql: `(${parts.join(' OR ')})`, params: [...own, ...groups] } : { sql: '1 = 0', params: [] };
}

/**
 * The WHERE of a list: reach, then the person filters; `employeeColumn` is the row's employee id
 * column. `joinsEmployee`: whether it names `e` (when not, the count reads the one table alone).
 */
export function personWhere(ctx: Ctx, f: PersonFilters, employeeColumn: string, also: TablePermission | null = null): { where: SqlWhere; joinsEmployee: boolean } {
  const reach = reachWhere(ctx, also);
  const where = new SqlWhere();
  const everyone = reach.sql === '1 = 1';
  if (!everyone) where.and(reach.sql, ...reach.params);
  if (f.employeeId) where.and(`${employeeColumn} = ?`, f.employeeId);
  if (f.groupId) where.and('e.group_id = ?', f.groupId);
  if (f.search) {
    const s = containsPattern(f.search);
    where.anyOf([likeSql('e.name', s), likeSql('e.employee_no', s)]);
  }
  return { where, joinsEmployee: !everyone || Boolean(f.groupId) || Boolean(f.search) };
}

export const pageTail = (input: { page: number; pageSize: number }) => ({ sql: ' LIMIT ? OFFSET ?', params: [input.pageSize, (input.page - 1) * input.pageSize] });

export const sortDirection = (input: { sortOrder: 'asc' | 'desc' }) => (input.sortOrder === 'desc' ? 'DESC' : 'ASC');
