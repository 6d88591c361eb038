import { MoreThanOrEqual, type EntityManager } from 'typeorm';
import type { ParsedInputOf } from '../../../../shared/api/index.js';
import type { ScheduleAssignmentRow, ScheduleRow, ScheduleVersion } from '../../../../shared/api/attendance.js';
import type { ScheduleRules } from '../../../../shared/domain/attendance/types.js';
import { addDays, minutesOf } from '../../../../shared/domain/attendance/time.js';
import { departmentToday } from './today.js';
import type { Ctx } from '../../kernel/context.js';
import { AppError, assertVersion, fieldError, notFound } from '../../kernel/errors.js';
import { sqlFor } from '../../db/sql.js';
import { MonthLockEntity, ScheduleAssignmentEntity, ScheduleEntity, ScheduleRuleEntity, type ScheduleRuleRecord } from './entities.js';

/**
 * Work schedules (作息制度): named rule sets, each a list of versions by the date they apply from,
 * assigned to groups or people from a date. The default schedule applies to everyone else.
 * Editing never rewrites a locked month: a version or assignment dated in or before one is refused.
 */

// ---- resolution: which rules apply to a person on a date ------------------------------------

interface RuleVersion extends ScheduleRules {
  scheduleId: string;
  effectiveFrom: string;
}

const RULE_COLUMNS = `schedule_id AS "scheduleId", effective_from AS "effectiveFrom", work_days AS "workDays", work_start AS "workStart",
  work_end AS "workEnd", lunch_start AS "lunchStart", lunch_end AS "lunchEnd", late_grace_minutes AS "lateGraceMinutes",
  early_grace_minutes AS "earlyGraceMinutes", half_day_minutes AS "halfDayMinutes", day_boundary AS "dayBoundary"`;
const ALL_RULES = `SELECT ${RULE_COLUMNS} FROM att_schedule_rules ORDER BY schedule_id, effective_from`;
const DEFAULT_SCHEDULE = 'SELECT id AS "id" FROM att_schedules WHERE is_default = 1 ORDER BY created_at LIMIT 1';
const ALL_ASSIGNMENTS = `SELECT schedule_id AS "scheduleId", employee_id AS "employeeId", group_id AS "groupId", effective_from AS "effectiveFrom"
  FROM att_schedule_assignments ORDER BY effective_from`;

type StoredRule = Omit<RuleVersion, 'workDays'> & { workDays: string } & Record<'lateGraceMinutes' | 'earlyGraceMinutes' | 'halfDayMinutes', number | string>;

function toRules(r: StoredRule): RuleVersion {
  return {
    ...r,
    workDays: r.workDays.split(',').map(Number),
    lateGraceMinutes: Number(r.lateGraceMinutes),
    earlyGraceMinutes: Number(r.earlyGraceMinutes),
    halfDayMinutes: Number(r.halfDayMinutes),
  };
}

/** The version in effect on `date`: the newest from on or before it, else the first one. */
function versionOn(versions: readonly RuleVersion[], date: string): RuleVersion {
  let found = versions[0]!;
  for (const v of versions) if (v.effectiveFrom <= date) found = v;
  return found;
}

/** The newest assignment on or before `date`, or null. */
function assignmentOn(list: readonly { scheduleId: string; effectiveFrom: string }[] | undefined, date: string): string | null {
  let found: string | null = null;
  for (const a of list ?? []) if (a.effectiveFrom <= date) found = a.scheduleId;
  return found;
}

/** The rules for a person (by their id and group) on a date. */
export type ScheduleBook = (employee: { id: string; groupId: string | null }, date: string) => ScheduleRules;

/**
 * Every schedule, version and assignment, as one lookup: a person's own assignment, else their
 * group's, else the default schedule; then that schedule's version in effect on the date. Three
 * small reads (schedules are few), then lookups in memory: the department's month asks 6,000 times.
 */
export async function loadScheduleBook(manager: EntityManager, fallbackScheduleId?: string): Promise<ScheduleBook> {
  const sql = sqlFor(manager);
  const versions = new Map<string, RuleVersion[]>();
  for (const r of await sql.all<StoredRule>(ALL_RULES)) {
    const v = toRules(r);
    versions.set(v.scheduleId, [...(versions.get(v.scheduleId) ?? []), v]);
  }
  const standardId = (await sql.get<{ id: string }>(DEFAULT_SCHEDULE))?.id ?? null;
  const byEmployee = new Map<string, { scheduleId: string; effectiveFrom: string }[]>();
  const byGroup = new Map<string, { scheduleId: string; effectiveFrom: string }[]>();
  for (const a of await sql.all<{ scheduleId: string; employeeId: string | null; groupId: string | null; effectiveFrom: string }>(ALL_ASSIGNMENTS)) {
    const [map, key] = a.employeeId ? [byEmployee, a.employeeId] : [byGroup, a.groupId!];
    map.set(key, [...(map.get(key) ?? []), a]);
  }
  return (employee, date) => {
    const scheduleId =
      assignmentOn(byEmployee.get(employee.id), date) ?? (employee.groupId ? assignmentOn(byGroup.get(employee.groupId), date) : null) ?? fallbackScheduleId ?? standardId;
    // Before a schedule's first version it does not apply yet: the default does (so changing that
    // first version cannot reach back into earlier, perhaps locked, months).
    const own = scheduleId ? versions.get(scheduleId) : undefined;
    const list = own && own[0]!.effectiveFrom <= date ? own : standardId ? versions.get(standardId) : undefined;
    if (!list || list.length === 0) throw new Error('no work schedule rules stored (migration 0011 seeds the default)');
    return versionOn(list, date);
  };
}

/** The book for these people, asked by employee id (the range documents what the caller will ask: a day's window also needs the next day's rules). */
export async function scheduleResolver(
  manager: EntityManager,
  employees: readonly { id: string; groupId: string | null }[],
  from: string,
  to: string,
  /** Everyone without an assignment gets this schedule instead of the default (defaultRulesOn). */
  fallbackScheduleId?: string,
): Promise<(employeeId: string, date: string) => ScheduleRules> {
  void from;
  void to;
  const book = await loadScheduleBook(manager, fallbackScheduleId);
  const groupOf = new Map(employees.map((e) => [e.id, e.groupId]));
  return (employeeId, date) => book({ id: employeeId, groupId: groupOf.get(employeeId) ?? null }, date);
}

/**
 * The default schedule's rules on a date (the department's own calendar of workdays), or those of
 * `scheduleId` as it applies to someone assigned to it.
 */
export async function defaultRulesOn(manager: EntityManager, scheduleId?: string): Promise<(date: string) => ScheduleRules> {
  const resolve = await scheduleResolver(manager, [], '', '', scheduleId);
  return (date) => resolve('', date);
}

/** Whether switching someone between this schedule and the default on `date` moves that day's boundary. */
async function boundaryDiffers(ctx: Ctx, scheduleId: string, date: string): Promise<boolean> {
  const [own, standard] = await Promise.all([defaultRulesOn(ctx.manager, scheduleId), defaultRulesOn(ctx.manager)]);
  return own(date).dayBoundary !== standard(date).dayBoundary;
}

// ---- checks ---------------------------------------------------------------------------------

/** Times in order: start < lunch start ≤ lunch end < end, and the day boundary before the start. */
function assertRulesInOrder(r: ScheduleRules): void {
  const [start, ls, le, end, boundary] = [r.workStart, r.lunchStart, r.lunchEnd, r.workEnd, r.dayBoundary].map(minutesOf) as [number, number, number, number, number];
  if (!(start < ls)) throw fieldError('rules.lunchStart', 'validation.lunchBeforeStart');
  if (!(ls <= le)) throw fieldError('rules.lunchEnd', 'validation.lunchEndBeforeStart');
  if (!(le < end)) throw fieldError('rules.workEnd', 'validation.endBeforeLunch');
  if (!(boundary <= start)) throw fieldError('rules.dayBoundary', 'validation.boundaryAfterStart');
}

/**
 * A change from `date` on touches every later month; when it moves the day boundary it touches
 * the day before too (that day ends at `date`'s boundary). Refused while any of them is locked.
 */
async function assertNoLockFrom(ctx: Ctx, date: string, field: string, movesBoundary: boolean): Promise<void> {
  const first = movesBoundary ? addDays(date, -1) : date;
  const locked = await ctx.manager.getRepository(MonthLockEntity).count({ where: { month: MoreThanOrEqual(first.slice(0, 7)) } });
  if (locked > 0) throw new AppError('INVALID_STATE', 'error.monthLocked', { [field]: 'validation.monthLocked' });
}

// ---- the list -------------------------------------------------------------------------------

function versionView(v: RuleVersion): ScheduleVersion {
  const { scheduleId: _s, ...rest } = v;
  return rest;
}

const ASSIGNMENTS = `SELECT a.id AS "id", a.schedule_id AS "scheduleId", a.employee_id AS "employeeId", a.group_id AS "groupId",
  a.effective_from AS "effectiveFrom", COALESCE(e.name, g.name) AS "targetName", e.employee_no AS "employeeNo"
  FROM att_schedule_assignments a LEFT JOIN org_employees e ON e.id = a.employee_id LEFT JOIN org_groups g ON g.id = a.group_id
  ORDER BY a.effective_from DESC, a.id`;

async function scheduleRows(ctx: Ctx, ids: string[] | null, includeArchived: boolean): Promise<ScheduleRow[]> {
  const sql = sqlFor(ctx.manager);
  const today = await departmentToday(ctx);
  const schedules = await ctx.manager.getRepository(ScheduleEntity).find({ order: { isDefault: 'DESC', name: 'ASC' } });
  const versions = (await sql.all<StoredRule>(ALL_RULES)).map(toRules);
  const assignments = await sql.all<{ id: string; scheduleId: string; employeeId: string | null; groupId: string | null; effectiveFrom: string; targetName: string | null; employeeNo: string | null }>(ASSIGNMENTS);
  return schedules
    .filter((s) => (includeArchived || s.archivedAt === null) && (ids === null || ids.includes(s.id)))
    .map((s) => {
      const own = versions.filter((v) => v.scheduleId === s.id);
      return {
        id: s.id,
        name: s.name,
        isDefault: s.isDefault,
        current: versionView(versionOn(own, today)),
        versions: own.map(versionView).reverse(),
        assignments: assignments
          .filter((a) => a.scheduleId === s.id)
          .map(
            (a): ScheduleAssignmentRow => ({
              id: a.id,
              scheduleId: a.scheduleId,
              target: a.employeeId ? 'employee' : 'group',
              targetId: (a.employeeId ?? a.groupId)!,
              targetName: a.employeeNo ? `${a.targetName ?? ''} (${a.employeeNo})` : (a.targetName ?? ''),
              effectiveFrom: a.effectiveFrom,
            }),
          ),
        archived: s.archivedAt !== null,
        version: s.version,
      };
    });
}

async function scheduleRow(ctx: Ctx, id: string): Promise<ScheduleRow> {
  const row = (await scheduleRows(ctx, [id], true))[0];
  if (!row) throw notFound();
  return row;
}

export async function listSchedules(ctx: Ctx, input: ParsedInputOf<'attendance.schedules.list'>): Promise<ScheduleRow[]> {
  return scheduleRows(ctx, null, input.includeArchived);
}

// ---- writes ---------------------------------------------------------------------------------

function ruleRecord(ctx: Ctx, scheduleId: string, effectiveFrom: string, r: ScheduleRules): ScheduleRuleRecord {
  return {
    id: ctx.services.newId(),
    scheduleId,
    effectiveFrom,
    workDays: [...new Set(r.workDays)].sort().join(','),
    workStart: r.workStart,
    workEnd: r.workEnd,
    lunchStart: r.lunchStart,
    lunchEnd: r.lunchEnd,
    lateGraceMinutes: r.lateGraceMinutes,
    earlyGraceMinutes: r.earlyGraceMinutes,
    halfDayMinutes: r.halfDayMinutes,
    dayBoundary: r.dayBoundary,
    createdAt: ctx.nowIso,
  };
}

export async function createSchedule(ctx: Ctx, input: ParsedInputOf<'attendance.schedules.create'>): Promise<ScheduleRow> {
  assertRulesInOrder(input.rules);
  const id = ctx.services.newId();
  await ctx.manager.getRepository(ScheduleEntity).insert({ id, name: input.name, isDefault: false, archivedAt: null, createdAt: ctx.nowIso, updatedAt: ctx.nowIso, version: 1 });
  const rules = ruleRecord(ctx, id, input.effectiveFrom, input.rules);
  await ctx.manager.getRepository(ScheduleRuleEntity).insert(rules);
  await ctx.audit({ entity: 'schedule', recordId: id, action: 'create', after: { name: input.name, effectiveFrom: input.effectiveFrom, rules: input.rules } });
  return scheduleRow(ctx, id);
}

/** New rules from a date on (replacing a version of the same date), and/or a new name. */
export async function updateSchedule(ctx: Ctx, input: ParsedInputOf<'attendance.schedules.update'>): Promise<ScheduleRow> {
  const schedules = ctx.manager.getRepository(ScheduleEntity);
  const schedule = await schedules.findOne({ where: { id: input.id } });
  if (!schedule) throw notFound();
  assertVersion(schedule.version, input.version);
  if (input.rules) {
    assertRulesInOrder(input.rules);
    const boundaryBefore = (await defaultRulesOn(ctx.manager, schedule.id))(input.effectiveFrom).dayBoundary;
    await assertNoLockFrom(ctx, input.effectiveFrom, 'effectiveFrom', boundaryBefore !== input.rules.dayBoundary);
    const versions = ctx.manager.getRepository(ScheduleRuleEntity);
    await versions.delete({ scheduleId: schedule.id, effectiveFrom: input.effectiveFrom });
    await versions.insert(ruleRecord(ctx, schedule.id, input.effectiveFrom, input.rules));
  }
  await schedules.update({ id: schedule.id }, { name: input.name ?? schedule.name, updatedAt: ctx.nowIso });
  await ctx.audit({
    entity: 'schedule',
    recordId: schedule.id,
    action: 'update',
    before: { name: schedule.name },
    after: { name: input.name ?? schedule.name, ...(input.rules ? { effectiveFrom: input.effectiveFrom, rules: input.rules } : {}) },
  });
  return scheduleRow(ctx, schedule.id);
}

export async function assignSchedule(ctx: Ctx, input: ParsedInputOf<'attendance.schedules.assign'>): Promise<ScheduleRow> {
  const schedule = await ctx.manager.getRepository(ScheduleEntity).findOne({ where: { id: input.scheduleId } });
  if (!schedule || schedule.archivedAt) throw notFound();
  const table = input.target === 'group' ? 'org_groups' : 'org_employees';
  const exists = await sqlFor(ctx.manager).get<{ id: string }>(`SELECT id AS "id" FROM ${table} WHERE id = ?`, [input.targetId]);
  if (!exists) throw fieldError('targetId', 'validation.notFound');
  await assertNoLockFrom(ctx, input.effectiveFrom, 'effectiveFrom', await boundaryDiffers(ctx, schedule.id, input.effectiveFrom));
  const assignments = ctx.manager.getRepository(ScheduleAssignmentEntity);
  const target = input.target === 'group' ? { groupId: input.targetId, employeeId: null } : { employeeId: input.targetId, groupId: null };
  // One assignment per target and date: the newer choice replaces the older.
  const column = input.target === 'group' ? 'group_id' : 'employee_id';
  await sqlFor(ctx.manager).run(`DELETE FROM att_schedule_assignments WHERE ${column} = ? AND effective_from = ?`, [input.targetId, input.effectiveFrom]);
  const id = ctx.services.newId();
  await assignments.insert({ id, scheduleId: schedule.id, ...target, effectiveFrom: input.effectiveFrom, createdAt: ctx.nowIso });
  // groupId / employeeId: the audit log names those (kernel/record-labels.ts REFERENCE_FIELDS).
  const who = input.target === 'group' ? { groupId: input.targetId } : { employeeId: input.targetId };
  await ctx.audit({ entity: 'schedule', recordId: schedule.id, action: 'assign', after: { ...who, effectiveFrom: input.effectiveFrom } });
  return scheduleRow(ctx, schedule.id);
}

export async function unassignSchedule(ctx: Ctx, input: ParsedInputOf<'attendance.schedules.unassign'>): Promise<ScheduleRow> {
  const assignments = ctx.manager.getRepository(ScheduleAssignmentEntity);
  const a = await assignments.findOne({ where: { id: input.assignmentId } });
  if (!a) throw notFound();
  await assertNoLockFrom(ctx, a.effectiveFrom, 'assignmentId', await boundaryDiffers(ctx, a.scheduleId, a.effectiveFrom));
  await assignments.delete({ id: a.id });
  await ctx.audit({ entity: 'schedule', recordId: a.scheduleId, action: 'unassign', before: { employeeId: a.employeeId, groupId: a.groupId, effectiveFrom: a.effectiveFrom } });
  return scheduleRow(ctx, a.scheduleId);
}
