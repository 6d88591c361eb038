import type { ModuleDefinition, RecordAccess } from '../../kernel/module.js';
import { forbidden } from '../../kernel/errors.js';
import { sqlFor } from '../../db/sql.js';
import { correctionApprovalHooks, mayActOnCorrection, readableCorrection } from './corrections.js';
import { mayRecordAbout, readableDiscipline } from './discipline.js';
import { correctionLabelText, disciplineRecordLabel, leaveRecordLabel } from './labels.js';
import { assertMayActOnLeave, leaveApprovalHooks } from './leave.js';
import { assertReadsLeaveDetails } from './leave-store.js';

/**
 * Leave, punch corrections and discipline records for the kernel's generic features: who reads a
 * record's timeline, approvals and attachments (as the module's own get and lists decide), who
 * attaches files to it, and its label in approvals, notifications and the audit log. Labels
 * check nothing: the audit log names every record it writes about, whoever acts.
 */

// Prepared statements: every audit row about one of these records asks for its label.
const LEAVE_LABEL = `SELECT l.start_date AS "startDate", l.start_half AS "startHalf", l.end_date AS "endDate", l.end_half AS "endHalf", e.name AS "name"
  FROM att_leaves l JOIN org_employees e ON e.id = l.employee_id WHERE l.id = ?`;
const CORRECTION_LABEL = `SELECT c.work_date AS "workDate", c.time AS "time", c.direction AS "direction", e.name AS "name"
  FROM att_corrections c JOIN org_employees e ON e.id = c.employee_id WHERE c.id = ?`;
const DISCIPLINE_LABEL = `SELECT d.date AS "date", e.name AS "name" FROM att_discipline d JOIN org_employees e ON e.id = d.employee_id WHERE d.id = ?`;

const leaveAccess: RecordAccess = {
  // Timeline, attachments (a sick note) and approvals: as the reason, not as the list row.
  async assertRead(ctx, id) {
    await assertReadsLeaveDetails(ctx, id);
  },
  async assertWrite(ctx, id) {
    await assertMayActOnLeave(ctx, id);
  },
  async label(ctx, id) {
    const l = await sqlFor(ctx.manager).get<{ startDate: string; startHalf: string; endDate: string; endHalf: string; name: string }>(LEAVE_LABEL, [id]);
    return l ? leaveRecordLabel(l, l.name) : '';
  },
};

const correctionAccess: RecordAccess = {
  async assertRead(ctx, id) {
    await readableCorrection(ctx, id);
  },
  async assertWrite(ctx, id) {
    const { correction } = await readableCorrection(ctx, id);
    if (!mayActOnCorrection(ctx, correction)) throw forbidden();
  },
  async label(ctx, id) {
    const c = await sqlFor(ctx.manager).get<{ workDate: string; time: string; direction: string; name: string }>(CORRECTION_LABEL, [id]);
    return c ? correctionLabelText(c, c.name) : '';
  },
};

const disciplineAccess: RecordAccess = {
  async assertRead(ctx, id) {
    await readableDiscipline(ctx, id);
  },
  // Evidence is attached by those who record cases about the person; the employee answers with a comment.
  async assertWrite(ctx, id) {
    const d = await readableDiscipline(ctx, id);
    if (!mayRecordAbout(ctx, d)) throw forbidden();
  },
  async label(ctx, id) {
    const d = await sqlFor(ctx.manager).get<{ date: string; name: string }>(DISCIPLINE_LABEL, [id]);
    return d ? disciplineRecordLabel(d, d.name) : '';
  },
};

export const attendanceRecordAccess: NonNullable<ModuleDefinition['recordAccess']> = {
  leave: leaveAccess,
  punchCorrection: correctionAccess,
  discipline: disciplineAccess,
};

export const attendanceApprovalHooks: NonNullable<ModuleDefinition['approvalHooks']> = {
  leave: leaveApprovalHooks,
  punchCorrection: correctionApprovalHooks,
};
