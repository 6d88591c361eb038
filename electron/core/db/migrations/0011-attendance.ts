import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, fk, table } from '../schema.js';
import { builtinCalendarDays } from '../../modules/attendance/builtin-holidays.js';
import { DEFAULT_SCHEDULE_RULES as D } from '../../../../shared/domain/attendance/types.js';

/** The default schedule (作息制度) every department starts with: a fixed id, so both engines and every copy agree. */
export const DEFAULT_SCHEDULE_ID = '00000000-0000-7000-8000-000000000001';
const DEFAULT_RULES_ID = '00000000-0000-7000-8000-000000000002';

/**
 * Attendance, leave and discipline (issue 9, regulations 四). Punch instants are UTC text of one
 * fixed shape (YYYY-MM-DDTHH:MM:SS.sssZ) so a range of them is an index range on both engines;
 * the day a punch belongs to is worked out from the schedule in effect, never stored, so a
 * schedule change applies to the days it covers. Day counts are stored in half-days (integers).
 * Every list's sort has an index that serves its first page, its tie-breaker included (the punch
 * list pages 1,000,000 rows by (punched_at, employee_id), which is unique).
 */
export class Attendance1000000000011 implements MigrationInterface {
  name = 'Attendance1000000000011';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table('att_schedules', [c.id(), c.text('name'), c.int('is_default', false, 0), c.instant('archived_at', true), c.instant('created_at'), c.instant('updated_at'), c.int('version', false, 1)]),
    );
    await q.createTable(
      table(
        'att_schedule_rules',
        [
          c.id(),
          c.ref('schedule_id'),
          c.date('effective_from'),
          c.text('work_days'),
          c.text('work_start'),
          c.text('work_end'),
          c.text('lunch_start'),
          c.text('lunch_end'),
          c.int('late_grace_minutes'),
          c.int('early_grace_minutes'),
          c.int('half_day_minutes'),
          c.text('day_boundary'),
          c.instant('created_at'),
        ],
        { unique: [['schedule_id', 'effective_from']], foreignKeys: [fk('schedule_id', 'att_schedules', 'CASCADE')] },
      ),
    );
    await q.createTable(
      table(
        'att_schedule_assignments',
        [c.id(), c.ref('schedule_id'), c.ref('employee_id', true), c.ref('group_id', true), c.date('effective_from'), c.instant('created_at')],
        {
          indices: [['employee_id'], ['group_id'], ['schedule_id']],
          foreignKeys: [fk('schedule_id', 'att_schedules', 'CASCADE'), fk('employee_id', 'org_employees', 'CASCADE'), fk('group_id', 'org_groups', 'CASCADE')],
        },
      ),
    );
    await q.createTable(
      table('att_calendar_days', [{ ...c.date('date'), isPrimary: true }, c.text('kind'), c.text('name'), c.text('source'), c.instant('updated_at')]),
    );
    await q.createTable(
      table(
        'att_punches',
        [c.id(), c.ref('employee_id'), c.instant('punched_at'), c.text('source'), c.text('device', true), c.text('direction', true), c.ref('correction_id', true), c.ref('created_by', true), c.instant('created_at')],
        { unique: [['employee_id', 'punched_at']], indices: [['punched_at', 'employee_id']], foreignKeys: [fk('employee_id', 'org_employees', 'CASCADE'), fk('created_by', 'users', 'SET NULL')] },
      ),
    );
    await q.createTable(table('att_import_presets', [{ ...c.text('name'), isPrimary: true }, c.longText('mapping'), c.instant('updated_at')]));
    await q.createTable(
      table(
        'att_leaves',
        [
          c.id(),
          c.ref('employee_id'),
          c.text('type'),
          c.date('start_date'),
          c.text('start_half'),
          c.date('end_date'),
          c.text('end_half'),
          c.int('half_days'),
          c.longText('reason'),
          c.text('status'),
          c.longText('cancel_reason', true),
          c.ref('requested_by'),
          c.instant('created_at'),
          c.instant('updated_at'),
          c.int('version', false, 1),
        ],
        {
          indices: [['employee_id', 'start_date'], ['start_date', 'id'], ['status']],
          foreignKeys: [fk('employee_id', 'org_employees', 'CASCADE'), fk('requested_by', 'users')],
        },
      ),
    );
    await q.createTable(
      table(
        'att_leave_entitlements',
        [{ ...c.ref('employee_id'), isPrimary: true }, { ...c.int('year'), isPrimary: true }, c.int('half_days'), c.instant('updated_at')],
        { foreignKeys: [fk('employee_id', 'org_employees', 'CASCADE')] },
      ),
    );
    await q.createTable(
      table(
        'att_corrections',
        [
          c.id(),
          c.ref('employee_id'),
          c.date('work_date'),
          c.text('time'),
          c.text('direction'),
          c.longText('reason'),
          c.text('status'),
          c.ref('punch_id', true),
          c.ref('requested_by'),
          c.instant('created_at'),
          c.instant('updated_at'),
        ],
        { indices: [['employee_id', 'work_date'], ['work_date', 'id'], ['status']], foreignKeys: [fk('employee_id', 'org_employees', 'CASCADE'), fk('requested_by', 'users')] },
      ),
    );
    await q.createTable(
      table(
        'att_discipline',
        [
          c.id(),
          c.ref('employee_id'),
          c.text('type'),
          c.date('date'),
          c.longText('description'),
          c.ref('recorded_by'),
          c.longText('employee_comment', true),
          c.instant('commented_at', true),
          c.instant('created_at'),
          c.instant('updated_at'),
        ],
        { indices: [['employee_id', 'date'], ['date', 'id']], foreignKeys: [fk('employee_id', 'org_employees', 'CASCADE'), fk('recorded_by', 'users')] },
      ),
    );
    await q.createTable(
      table('att_month_locks', [{ ...c.text('month'), isPrimary: true }, c.instant('locked_at'), c.ref('locked_by'), c.longText('snapshot')], {
        foreignKeys: [fk('locked_by', 'users')],
      }),
    );
    await this.seed(q);
  }

  /** The default schedule (Mon–Fri 09:00–18:00, regulations 四.(一)) and the built-in PRC calendar. */
  private async seed(q: QueryRunner): Promise<void> {
    const now = new Date().toISOString();
    // Parameters as the driver writes them (? on SQLite, $n on PostgreSQL).
    const params = (n: number, from = 0) => Array.from({ length: n }, (_, i) => q.connection.driver.createParameter(`p${from + i}`, from + i)).join(', ');
    await q.query(`INSERT INTO att_schedules (id, name, is_default, archived_at, created_at, updated_at, version) VALUES (${params(7)})`, [
      DEFAULT_SCHEDULE_ID,
      '标准作息',
      1,
      null,
      now,
      now,
      1,
    ]);
    await q.query(
      `INSERT INTO att_schedule_rules (id, schedule_id, effective_from, work_days, work_start, work_end, lunch_start, lunch_end,
        late_grace_minutes, early_grace_minutes, half_day_minutes, day_boundary, created_at) VALUES (${params(13)})`,
      [DEFAULT_RULES_ID, DEFAULT_SCHEDULE_ID, '2000-01-01', D.workDays.join(','), D.workStart, D.workEnd, D.lunchStart, D.lunchEnd, D.lateGraceMinutes, D.earlyGraceMinutes, D.halfDayMinutes, D.dayBoundary, now],
    );
    const days = builtinCalendarDays();
    for (let i = 0; i < days.length; i += 200) {
      const chunk = days.slice(i, i + 200);
      const rows = chunk.map((_, j) => `(${params(5, j * 5)})`).join(', ');
      await q.query(`INSERT INTO att_calendar_days (date, kind, name, source, updated_at) VALUES ${rows}`, chunk.flatMap((d) => [d.date, d.kind, d.name, 'builtin', now]));
    }
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: restore a backup to go back.');
  }
}
