import type { DisciplineRow } from '../../../../shared/api/attendance.js';
import type { OutputOf, ParsedInputOf } from '../../../../shared/api/index.js';
import type { DisciplineType } from '../../../../shared/domain/attendance/types.js';
import { todayIn } from '../../../../shared/domain/attendance/time.js';
import { reaches } from '../../kernel/access.js';
import { requireActor, type Ctx } from '../../kernel/context.js';
import { fieldError, forbidden, notFound } from '../../kernel/errors.js';
import { userNames } from '../../kernel/names.js';
import { addTimeline } from '../../kernel/timeline.js';
import { sqlFor } from '../../db/sql.js';
import { attendanceSubject, isSelf, mayReadAttendance } from './access.js';
import { DisciplineEntity, type DisciplineRecord } from './entities.js';
import { pageTail, personWhere, sortDirection } from './person-lists.js';
import { departmentTimeZone } from './settings.js';

/**
 * Discipline records (违纪记录, regulations 四.(一)): recorded by a lead, deputy, HR or the manager
 * about someone in their reach; visible to the employee, who may answer with a comment. The
 * comment is the employee's own statement and may be revised (each version is in the audit log
 * and on the record's timeline); nobody else writes it.
 */

export interface StoredDiscipline {
  id: string;
  employeeId: string;
  employeeNo: string;
  employeeName: string;
  groupId: string | null;
  type: DisciplineType;
  date: string;
  description: string;
  recordedBy: string;
  employeeComment: string | null;
  createdAt: string;
}

const COLUMNS = `d.id AS "id", d.employee_id AS "employeeId", e.employee_no AS "employeeNo", e.name AS "employeeName", e.group_id AS "groupId",
  d.type AS "type", d.date AS "date", d.description AS "description", d.recorded_by AS "recordedBy", d.employee_comment AS "employeeComment",
  d.created_at AS "createdAt"`;
const FROM = 'FROM att_discipline d JOIN org_employees e ON e.id = d.employee_id';
const ONE = `SELECT ${COLUMNS} ${FROM} WHERE d.id = ?`;

export async function storedDiscipline(ctx: Ctx, id: string): Promise<StoredDiscipline> {
  const row = await sqlFor(ctx.manager).get<StoredDiscipline>(ONE, [id]);
  if (!row) throw notFound();
  return row;
}

const ownerOf = (d: { employeeId: string; groupId: string | null }) => ({ employeeId: d.employeeId, groupId: d.groupId });

/** The employee, and those whose attendance.read or attendance.discipline reaches them. */
export function mayReadDiscipline(ctx: Ctx, d: StoredDiscipline): boolean {
  return isSelf(ctx, d.employeeId) || mayReadAttendance(ctx, { id: d.employeeId, groupId: d.groupId }) || reaches(ctx, 'attendance.discipline', ownerOf(d));
}

/** Recording about them (and attaching evidence): attendance.discipline's reach, not one's own record. */
export function mayRecordAbout(ctx: Ctx, e: { employeeId: string; groupId: string | null }): boolean {
  return reaches(ctx, 'attendance.discipline', e) && !isSelf(ctx, e.employeeId);
}

export async function readableDiscipline(ctx: Ctx, id: string): Promise<StoredDiscipline> {
  const d = await storedDiscipline(ctx, id);
  if (!mayReadDiscipline(ctx, d)) throw forbidden('error.outOfScope');
  return d;
}

function toRow(d: StoredDiscipline, names: Map<string, string>): DisciplineRow {
  return {
    id: d.id,
    employeeId: d.employeeId,
    employeeNo: d.employeeNo,
    employeeName: d.employeeName,
    type: d.type,
    date: d.date,
    description: d.description,
    recordedByName: names.get(d.recordedBy) ?? '',
    employeeComment: d.employeeComment ?? null,
    createdAt: d.createdAt,
  };
}

async function disciplineView(ctx: Ctx, id: string): Promise<DisciplineRow> {
  const d = await readableDiscipline(ctx, id);
  return toRow(d, await userNames(ctx.manager, [d.recordedBy]));
}

export async function createDiscipline(ctx: Ctx, input: ParsedInputOf<'attendance.discipline.create'>): Promise<OutputOf<'attendance.discipline.create'>> {
  const e = await attendanceSubject(ctx, input.employeeId);
  if (!mayRecordAbout(ctx, { employeeId: e.id, groupId: e.groupId })) throw forbidden('error.outOfScope');
  if (input.date < e.hireDate || (e.leftDate !== null && input.date > e.leftDate)) throw fieldError('date', 'validation.outsideEmployment');
  if (input.date > todayIn(await departmentTimeZone(ctx.manager), ctx.now)) throw fieldError('date', 'validation.futureDate');
  const record: DisciplineRecord = {
    id: ctx.services.newId(),
    employeeId: e.id,
    type: input.type,
    date: input.date,
    description: input.description,
    recordedBy: requireActor(ctx).userId,
    employeeComment: null,
    commentedAt: null,
    createdAt: ctx.nowIso,
    updatedAt: ctx.nowIso,
  };
  await ctx.manager.getRepository(DisciplineEntity).insert(record);
  await addTimeline(ctx, { entity: 'discipline', recordId: record.id, kind: 'created' });
  await ctx.audit({
    entity: 'discipline',
    recordId: record.id,
    action: 'create',
    // The description stays in the record (only the people involved read it): IT reads the audit log.
    after: { employeeId: e.id, type: record.type, date: record.date, recordedBy: record.recordedBy },
  });
  return disciplineView(ctx, record.id);
}

const SORT_COLUMNS: Record<string, string> = { date: 'd.date', createdAt: 'd.created_at' };

/** The employee's own records; others' within attendance.read's or attendance.discipline's reach. */
export async function listDiscipline(ctx: Ctx, input: ParsedInputOf<'attendance.discipline.list'>): Promise<OutputOf<'attendance.discipline.list'>> {
  const { where, joinsEmployee } = personWhere(ctx, input, 'd.employee_id', 'attendance.discipline');
  if (input.type) where.and('d.type = ?', input.type);
  const dir = sortDirection(input);
  const column = input.sortField ? SORT_COLUMNS[input.sortField] : undefined;
  const order = column ? `${column} ${dir}, d.id ${dir}` : 'd.date DESC, d.id DESC';
  const sql = sqlFor(ctx.manager);
  const total = await sql.count(`SELECT COUNT(*) AS n FROM att_discipline d${joinsEmployee ? ' JOIN org_employees e ON e.id = d.employee_id' : ''}${where.sql}`, where.params);
  const tail = pageTail(input);
  const raw = total === 0 ? [] : await sql.all<StoredDiscipline>(`SELECT ${COLUMNS} ${FROM}${where.sql} ORDER BY ${order}${tail.sql}`, [...where.params, ...tail.params]);
  const names = await userNames(ctx.manager, raw.map((d) => d.recordedBy));
  return { rows: raw.map((d) => toRow(d, names)), total, page: input.page, pageSize: input.pageSize };
}

const SET_COMMENT = 'UPDATE att_discipline SET employee_comment = ?, commented_at = ?, updated_at = ? WHERE id = ?';

/** The employee's own statement on a record about them; a later comment replaces it. */
export async function commentDiscipline(ctx: Ctx, input: ParsedInputOf<'attendance.discipline.comment'>): Promise<OutputOf<'attendance.discipline.comment'>> {
  const d = await readableDiscipline(ctx, input.id);
  if (!isSelf(ctx, d.employeeId)) throw forbidden('error.onlyEmployeeComments');
  if (d.employeeComment === input.comment) return disciplineView(ctx, d.id);
  await sqlFor(ctx.manager).run(SET_COMMENT, [input.comment, ctx.nowIso, ctx.nowIso, d.id]);
  const change = { field: 'employeeComment', from: d.employeeComment ?? null, to: input.comment };
  await addTimeline(ctx, { entity: 'discipline', recordId: d.id, kind: 'fields', changes: [change] });
  await ctx.audit({ entity: 'discipline', recordId: d.id, action: 'comment', before: { commented: d.employeeComment !== null }, after: { commented: true } });
  return disciplineView(ctx, d.id);
}
