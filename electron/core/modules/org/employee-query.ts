import type { EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import type { EmployeeDetail, EmployeeRow } from '../../../../shared/api/org.js';
import type { Page } from '../../../../shared/api/fields.js';
import type { ParsedInputOf } from '../../../../shared/api/index.js';
import type { EmployeeStatus, Gender } from '../../../../shared/domain/org.js';
import { pinyinQuery } from '../../../../shared/domain/pinyin.js';
import { notFound } from '../../kernel/errors.js';
import type { Ctx } from '../../kernel/context.js';
import { containsPattern, likeClause, pageOf } from '../../kernel/listing.js';
import { UserEntity } from '../auth/entities.js';
import { contactReach, contactSearch, redactRow, seesContacts, type ContactReach } from './contacts.js';
import { DeputyGroupEntity, EmployeeEntity } from './entities.js';

/** Reading employees: the list with its filters and search, and one employee's detail. */

const SORT_COLUMNS: Record<string, string> = {
  employeeNo: 'e.employee_no',
  // The pinyin key: names in the order Chinese readers expect, served by an index (migration 0004).
  name: 'e.name_pinyin',
  hireDate: 'e.hire_date',
  groupName: 'g.name',
  positionTitle: 'p.title',
  status: 'e.status',
};

type ListFilters = Pick<ParsedInputOf<'org.employees.list'>, 'groupId' | 'positionId' | 'status' | 'includeArchived' | 'search'>;

/**
 * The employee list query with its joins and filters; shared by the paged list, the export and
 * the chart. A search matches name, employee number, the name's pinyin (full or initials), and
 * phone or email only where the caller may see them.
 */
export function employeeQuery(manager: EntityManager, f: ListFilters, reach: ContactReach) {
  const qb = manager
    .getRepository(EmployeeEntity)
    .createQueryBuilder('e')
    .leftJoin('org_groups', 'g', 'g.id = e.group_id')
    .leftJoin('org_positions', 'p', 'p.id = e.position_id')
    .leftJoin('org_employees', 'm', 'm.id = e.manager_id')
    .select([
      'e.id AS "id"',
      'e.employee_no AS "employeeNo"',
      'e.name AS "name"',
      'e.gender AS "gender"',
      'e.position_id AS "positionId"',
      'p.title AS "positionTitle"',
      'e.group_id AS "groupId"',
      'g.name AS "groupName"',
      'e.manager_id AS "managerId"',
      'm.name AS "managerName"',
      'e.hire_date AS "hireDate"',
      'e.phone AS "phone"',
      'e.email AS "email"',
      'e.status AS "status"',
      'e.left_date AS "leftDate"',
      'e.archived_at AS "archivedAt"',
    ]);
  if (!f.includeArchived) qb.andWhere('e.archived_at IS NULL');
  if (f.groupId) qb.andWhere('e.group_id = :groupId', { groupId: f.groupId });
  if (f.positionId) qb.andWhere('e.position_id = :positionId', { positionId: f.positionId });
  if (f.status) qb.andWhere('e.status = :status', { status: f.status });
  if (f.search) {
    const matches = [likeClause('e.name', 's'), likeClause('e.employee_no', 's'), contactSearch(qb, reach, 's')];
    const pinyin = pinyinQuery(f.search);
    if (pinyin) {
      qb.setParameter('py', containsPattern(pinyin));
      matches.push(likeClause('e.name_pinyin', 'py'));
    }
    qb.andWhere(`(${matches.join(' OR ')})`, { s: containsPattern(f.search) });
  }
  return qb;
}

/** A row as the query returns it; contact details still in (see redactRow). */
export function toEmployeeRow(r: Record<string, unknown>): EmployeeRow {
  return {
    id: r.id as string,
    employeeNo: r.employeeNo as string,
    name: r.name as string,
    gender: r.gender as Gender,
    positionId: (r.positionId as string | null) ?? null,
    positionTitle: (r.positionTitle as string | null) ?? null,
    groupId: (r.groupId as string | null) ?? null,
    groupName: (r.groupName as string | null) ?? null,
    managerId: (r.managerId as string | null) ?? null,
    managerName: (r.managerName as string | null) ?? null,
    hireDate: r.hireDate as string,
    phone: (r.phone as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    contactsHidden: false,
    status: r.status as EmployeeStatus,
    leftDate: (r.leftDate as string | null) ?? null,
    archived: r.archivedAt !== null && r.archivedAt !== undefined,
  };
}

/** Rows as the caller may see them: contact details of others only where they may. */
export function visibleRows(ctx: Ctx, raw: Record<string, unknown>[]): EmployeeRow[] {
  const reach = contactReach(ctx);
  return raw.map((r) => redactRow(ctx, reach, toEmployeeRow(r)));
}

export async function listEmployees(ctx: Ctx, input: ParsedInputOf<'org.employees.list'>): Promise<Page<EmployeeRow>> {
  const qb = employeeQuery(ctx.manager, input, contactReach(ctx));
  const order = input.sortOrder === 'desc' ? 'DESC' : 'ASC';
  qb.orderBy(SORT_COLUMNS[input.sortField ?? 'employeeNo']!, order).addOrderBy('e.id', order);
  const { total, raw } = await pageOf(qb, input.page, input.pageSize);
  return { rows: visibleRows(ctx, raw), total, page: input.page, pageSize: input.pageSize };
}

/** One employee with what the detail page shows; contact details and login name as the caller may see them. */
export async function employeeDetail(ctx: Ctx, id: string): Promise<EmployeeDetail> {
  const manager = ctx.manager;
  const reach = contactReach(ctx);
  const raw = await employeeQuery(manager, { includeArchived: true }, reach)
    .addSelect(['p.duties AS "duties"', 'e.created_at AS "createdAt"', 'e.updated_at AS "updatedAt"'])
    .andWhere('e.id = :id', { id })
    .getRawOne<Record<string, unknown>>();
  if (!raw) throw notFound();
  const row = redactRow(ctx, reach, toEmployeeRow(raw));
  const reports = await manager.getRepository(EmployeeEntity).find({
    where: { managerId: id, archivedAt: IsNull() },
    select: { id: true, name: true, employeeNo: true },
    order: { employeeNo: 'ASC' },
  });
  const managedGroups = await manager
    .getRepository(DeputyGroupEntity)
    .createQueryBuilder('d')
    .innerJoin('org_groups', 'g', 'g.id = d.group_id')
    .select(['g.id AS "id"', 'g.name AS "name"'])
    .where('d.employee_id = :id', { id })
    .getRawMany<{ id: string; name: string }>();
  const account = await manager.getRepository(UserEntity).findOne({ where: { employeeId: id }, select: { id: true, username: true } });
  return {
    ...row,
    duties: (raw.duties as string | null) ?? null,
    reports,
    managedGroups,
    userAccount: account ? { id: account.id, username: seesContacts(ctx, reach, row) ? account.username : null } : null,
    createdAt: raw.createdAt as string,
    updatedAt: raw.updatedAt as string,
  };
}

export async function getEmployee(ctx: Ctx, input: ParsedInputOf<'org.employees.get'>): Promise<EmployeeDetail> {
  return employeeDetail(ctx, input.id);
}
