import type { ParsedInputOf } from '../../../../shared/api/index.js';
import type { PunchImportPreview, PunchImportResult, PunchProblem } from '../../../../shared/api/attendance.js';
import { addDays } from '../../../../shared/domain/attendance/time.js';
import { In, type EntityManager } from 'typeorm';
import type { Ctx } from '../../kernel/context.js';
import { requireActor } from '../../kernel/context.js';
import { AppError } from '../../kernel/errors.js';
import { reaches } from '../../kernel/access.js';
import { sqlFor, type SqlValue } from '../../db/sql.js';
import { SpreadsheetError } from '../../kernel/jobs/sheet-data.js';
import { departmentTimeZone } from './settings.js';
import { lockedMonths } from './locks.js';
import { scheduleResolver } from './schedules.js';
import { unpackLines, type PunchFileRead, type PunchMapping } from './punch-file.js';
import { storedPresets } from './import-presets.js';
import { PunchEntity } from './entities.js';

export { importPresets, savePreset } from './import-presets.js';

/**
 * Punch-machine import (打卡机导入, issue 9 item 4). The worker reads the file, finds its columns
 * and turns each row into an instant (punch-file.ts); here each row is checked against the
 * department's data (employee numbers, locked months, punches already stored) and the valid
 * ones are written. A file of 100,000 rows must not hold the other calls: the checks and
 * writes run in batches of short transactions (the method is `transaction: 'handler'`), and the
 * connection is handed to the waiting calls between batches. Re-importing a file adds nothing:
 * every punch already stored is a duplicate, skipped and counted.
 */

/** Rows per check-and-write transaction (a few milliseconds of work: the calls waiting behind it hardly notice). */
const BATCH_ROWS = 500;
const PREVIEW_PROBLEMS = 500;
const PREVIEW_SAMPLE = 20;
const DUPLICATES: readonly PunchProblem[] = ['duplicateExisting', 'duplicateInFile'];

type Upload = { fileName: string; contentBase64: string; mapping?: PunchMapping | undefined };

interface Candidate {
  row: number;
  employeeId: string;
  groupId: string | null;
  employeeNo: string;
  punchedAt: string;
  /** Department-local date and time: the month it belongs to. */
  date: string;
  time: string;
  device: string | null;
  direction: string | null;
  value: string;
}

interface RowProblem {
  row: number;
  problem: PunchProblem;
  employeeNo: string;
  value: string;
}

/** A file's rows, checked and handed on in batches (see eachBatch). */
interface FileRun {
  summary: Omit<PunchFileRead, 'chunks' | 'fileProblem'> & { fileProblem: PunchImportPreview['fileProblem'] };
  chunks: string[];
  problems: RowProblem[];
  sample: PunchImportPreview['sample'];
}

/** Lets the calls queued behind this one run (on SQLite they wait for the connection this call holds). */
const pause = (ctx: Ctx) => ctx.unlocked(() => new Promise<void>((resolve) => setImmediate(resolve)));

async function readUpload(ctx: Ctx, input: Upload): Promise<PunchFileRead | 'unreadable'> {
  const timeZone = await departmentTimeZone(ctx.manager);
  const presets = input.mapping ? [] : await storedPresets(ctx.manager);
  const bytes = new Uint8Array(Buffer.from(input.contentBase64, 'base64'));
  ctx.progress(0, 1, 'reading');
  try {
    return await ctx.offConnection(() =>
      ctx.services.jobs.run('readPunchFile', { bytes, fileName: input.fileName, timeZone, mapping: input.mapping ?? null, presets }, (done, total) =>
        ctx.progress(done, total, 'reading'),
      ),
    );
  } catch (err) {
    if (err instanceof SpreadsheetError) return 'unreadable';
    throw err;
  }
}

async function openFile(ctx: Ctx, input: Upload): Promise<FileRun> {
  const read = await readUpload(ctx, input);
  if (read === 'unreadable') return { summary: { headers: [], mapping: {}, fileProblem: 'unreadable', totalRows: 0 }, chunks: [], problems: [], sample: [] };
  const { chunks, ...summary } = read;
  return { summary, chunks: read.fileProblem ? [] : chunks, problems: [], sample: [] };
}

/**
 * The file's rows in batches: each row checked against the employees (its problem recorded in
 * `run`), the rest handed to `take`, then a pause for the waiting calls. Rows are unpacked a
 * chunk at a time, so the UI thread never holds 100,000 of them at once.
 */
async function eachBatch(ctx: Ctx, run: FileRun, phase: string, take: (batch: Candidate[]) => Promise<void>): Promise<void> {
  const employees = new Map(
    (await sqlFor(ctx.manager).all<{ id: string; employeeNo: string; groupId: string | null }>('SELECT id AS "id", employee_no AS "employeeNo", group_id AS "groupId" FROM org_employees')).map(
      (e) => [e.employeeNo.toLowerCase(), e],
    ),
  );
  let done = 0;
  for (const chunk of run.chunks) {
    const lines = unpackLines(chunk);
    for (let at = 0; at < lines.length; at += BATCH_ROWS) {
      const batch: Candidate[] = [];
      for (const line of lines.slice(at, at + BATCH_ROWS)) {
        if (run.sample.length < PREVIEW_SAMPLE) run.sample.push({ row: line.row, employeeNo: line.employeeNo, punchedAt: line.punchedAt });
        const employee = line.employeeNo ? employees.get(line.employeeNo.toLowerCase()) : undefined;
        const problem = rowProblem(ctx, line.problem, employee);
        if (problem) run.problems.push({ row: line.row, problem, employeeNo: line.employeeNo, value: line.value });
        else batch.push({ ...line, employeeId: employee!.id, groupId: employee!.groupId, punchedAt: line.punchedAt! });
      }
      if (batch.length) await take(batch);
      done += Math.min(BATCH_ROWS, lines.length - at);
      ctx.progress(done, run.summary.totalRows, phase);
      await pause(ctx);
    }
  }
}

/** One problem a row, the first of: no employee number, unknown employee, bad time, out of scope, duplicate in the file. */
function rowProblem(ctx: Ctx, fromFile: string | null, employee: { id: string; groupId: string | null } | undefined): PunchProblem | null {
  if (fromFile === 'missingEmployeeNo') return 'missingEmployeeNo';
  if (!employee) return 'unknownEmployee';
  if (fromFile === 'badTime') return 'badTime';
  // attendance.manage is department-wide today; a narrower scope would stop here.
  if (!reaches(ctx, 'attendance.manage', { employeeId: employee.id, groupId: employee.groupId })) return 'outOfScope';
  if (fromFile === 'duplicateInFile') return 'duplicateInFile';
  return null;
}

/** The months a punch may belong to: its date's, and on the 1st the previous month's (before the day boundary). */
function monthsOf(c: Candidate): string[] {
  const month = c.date.slice(0, 7);
  return c.date.endsWith('-01') ? [month, addDays(c.date, -1).slice(0, 7)] : [month];
}

/**
 * A batch's rows that may be stored: not in a locked month, not stored already. Read in the
 * transaction that writes them (on PostgreSQL writers take turns, so no one stores the same
 * punch or locks the month in between): existence is looked up, never left to the unique index,
 * whose error would abort the transaction there.
 */
async function screen(manager: EntityManager, batch: readonly Candidate[]): Promise<{ fresh: Candidate[]; problems: RowProblem[] }> {
  const problems: RowProblem[] = [];
  const reject = (c: Candidate, problem: PunchProblem) => problems.push({ row: c.row, problem, employeeNo: c.employeeNo, value: c.value });
  const locked = await lockedMonths(manager, batch.flatMap(monthsOf));
  const open = locked.size === 0 ? [...batch] : await withoutLocked(manager, batch, locked, (c) => reject(c, 'monthLocked'));
  const stored = await storedKeys(manager, open);
  const fresh: Candidate[] = [];
  for (const c of open) {
    if (stored.has(`${c.employeeId} ${c.punchedAt}`)) reject(c, 'duplicateExisting');
    else fresh.push(c);
  }
  return { fresh, problems };
}

/**
 * Drops the rows whose work day is in a locked month. Only a punch on the 1st can belong to the
 * month before (before its day boundary); those few ask the person's schedule, as the rules do.
 */
async function withoutLocked(manager: EntityManager, batch: readonly Candidate[], locked: Set<string>, reject: (c: Candidate) => void): Promise<Candidate[]> {
  const edge = new Set(
    batch.filter((c) => {
      const months = monthsOf(c);
      return months.length === 2 && locked.has(months[0]!) !== locked.has(months[1]!);
    }),
  );
  const dates = [...edge].map((c) => c.date).sort();
  const rulesOf = edge.size ? await scheduleResolver(manager, [...edge].map((c) => ({ id: c.employeeId, groupId: c.groupId })), dates[0]!, dates.at(-1)!) : null;
  const open: Candidate[] = [];
  for (const c of batch) {
    let workDate = c.date;
    if (rulesOf && edge.has(c) && c.time < `${rulesOf(c.employeeId, c.date).dayBoundary}:00`) workDate = addDays(c.date, -1);
    if (locked.has(workDate.slice(0, 7))) reject(c);
    else open.push(c);
  }
  return open;
}

/**
 * The batch's (employee, instant) pairs already stored: one read over the batch's people and
 * instants, matched here. Through TypeORM, not a prepared statement: PostgreSQL would keep the
 * generic plan it made while the table was empty (a scan of it all), and the table is what this
 * import makes grow; a query planned afresh takes the index.
 */
async function storedKeys(manager: EntityManager, batch: readonly Candidate[]): Promise<Set<string>> {
  if (batch.length === 0) return new Set();
  // By instant only, on the (punched_at, employee_id) index: a few rows per second of the batch.
  // With the employees' IN list too, SQLite probed every (employee, instant) pair: 4.1 s of 8 s.
  const rows = await manager.getRepository(PunchEntity).find({
    select: { employeeId: true, punchedAt: true },
    where: { punchedAt: In([...new Set(batch.map((c) => c.punchedAt))]) },
  });
  return new Set(rows.map((r) => `${r.employeeId} ${r.punchedAt}`));
}

/** Rows per INSERT statement: the largest that fits what is left, from a few fixed sizes (prepared once each). */
const INSERT_SIZES = [250, 50, 10, 1];

async function insertPunches(tx: Ctx, rows: readonly Candidate[]): Promise<void> {
  const userId = requireActor(tx).userId;
  const sql = sqlFor(tx.manager);
  for (let at = 0; at < rows.length; ) {
    const size = INSERT_SIZES.find((n) => n <= rows.length - at)!;
    const params: SqlValue[] = [];
    for (const c of rows.slice(at, at + size)) params.push(tx.services.newId(), c.employeeId, c.punchedAt, c.device, c.direction, userId, tx.nowIso);
    await sql.run(
      `INSERT INTO att_punches (id, employee_id, punched_at, source, device, direction, correction_id, created_by, created_at) VALUES ${Array.from({ length: size }, () => "(?, ?, ?, 'import', ?, ?, NULL, ?, ?)").join(', ')}`,
      params,
    );
    at += size;
  }
}

const byRow = (a: { row: number }, b: { row: number }) => a.row - b.row;

/** Shows what an import would do: the columns taken, the counts, the first problem rows and a sample. Writes nothing. */
export async function importPreview(ctx: Ctx, input: ParsedInputOf<'attendance.import.preview'>): Promise<PunchImportPreview> {
  const run = await openFile(ctx, input);
  let validCount = 0;
  await eachBatch(ctx, run, 'checking', async (batch) => {
    const screened = await screen(ctx.manager, batch);
    validCount += screened.fresh.length;
    run.problems.push(...screened.problems);
  });
  const problems = run.problems.sort(byRow);
  return {
    fileName: input.fileName,
    headers: run.summary.headers,
    mapping: run.summary.mapping,
    fileProblem: run.summary.fileProblem,
    totalRows: run.summary.totalRows,
    validCount,
    duplicateCount: problems.filter((p) => DUPLICATES.includes(p.problem)).length,
    problems: problems.slice(0, PREVIEW_PROBLEMS),
    sample: run.sample,
  };
}

/**
 * Imports the valid rows (checked again here, not taken from the preview) in batches, each one
 * short transaction, then the audit row. A dry run answers the same and writes nothing. Should
 * the app stop half-way, the batches written stay, and importing the file again adds exactly
 * the rest.
 */
export async function importCommit(ctx: Ctx, input: ParsedInputOf<'attendance.import.commit'>): Promise<PunchImportResult> {
  const run = await openFile(ctx, input);
  const problem = run.summary.fileProblem;
  if (problem) throw new AppError('VALIDATION', 'error.importFileInvalid', { file: `validation.punchFile.${problem}` });
  let imported = 0;
  await eachBatch(ctx, run, 'importing', async (batch) => {
    const step = async (c: Ctx) => {
      const screened = await screen(c.manager, batch);
      if (!input.dryRun) await insertPunches(c, screened.fresh);
      run.problems.push(...screened.problems);
      imported += screened.fresh.length;
    };
    await (input.dryRun ? step(ctx) : ctx.withTransaction(step));
  });
  const rejected = run.problems.filter((p) => !DUPLICATES.includes(p.problem)).sort(byRow);
  const duplicates = run.problems.length - rejected.length;
  if (!input.dryRun) {
    await ctx.withTransaction((tx) =>
      tx.audit({ entity: 'punch', recordId: null, action: 'import', after: { fileName: input.fileName, imported, duplicates, rejected: rejected.length } }),
    );
  }
  return { imported, duplicates, rejected: rejected.map((p) => ({ row: p.row, problem: p.problem })) };
}
