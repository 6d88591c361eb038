import type { ImportPreview, ImportPreviewRow, ImportProblem } from '../../../../shared/api/org.js';
import type { ParsedInputOf } from '../../../../shared/api/index.js';
import { EMPLOYEE_IMPORT_COLUMNS, GENDER_WORDS, STATUS_WORDS, type EmployeeImportField } from '../../../../shared/domain/org.js';
import { parseLooseDate } from '../../../../shared/domain/dates.js';
import { impliedPhoneKind, phoneProblem } from '../../../../shared/domain/phone.js';
import { AppError } from '../../kernel/errors.js';
import type { Ctx } from '../../kernel/context.js';
import { reaches } from '../../kernel/access.js';
import { SpreadsheetError, type SheetData } from '../../kernel/jobs/sheet-data.js';
import { EmployeeEntity, GroupEntity, PositionEntity } from './entities.js';
import { insertEmployee } from './employees.js';

export const MAX_IMPORT_ROWS = 5000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const EMPLOYEE_NO = /^[A-Za-z0-9_-]+$/;

/** A row that passed every check, resolved to ids, ready to insert. */
interface ResolvedRow {
  rowNumber: number;
  employeeNo: string;
  name: string;
  gender: 'male' | 'female';
  positionId: string | null;
  groupId: string | null;
  /** An existing employee's id, or the employee number of a manager imported in the same file. */
  manager: { id: string } | { employeeNo: string } | null;
  hireDate: string;
  phone: string | null;
  email: string | null;
  status: 'active' | 'left';
  leftDate: string | null;
}

interface Analysis {
  preview: ImportPreview;
  valid: ResolvedRow[];
}

async function readUpload(ctx: Ctx, file: { fileName: string; contentBase64: string }): Promise<SheetData | 'unreadable'> {
  const bytes = new Uint8Array(Buffer.from(file.contentBase64, 'base64'));
  ctx.progress(0, 1, 'reading');
  try {
    return await ctx.offConnection(() => ctx.services.jobs.run('readSheet', { bytes, fileName: file.fileName }, (done, total) => ctx.progress(done, total, 'reading')));
  } catch (err) {
    if (err instanceof SpreadsheetError) return 'unreadable';
    throw err;
  }
}

function mapHeaders(headers: string[]): { header: string; field: EmployeeImportField | null }[] {
  const used = new Set<EmployeeImportField>();
  return headers.map((header) => {
    const key = header.trim().toLowerCase();
    const field = (Object.keys(EMPLOYEE_IMPORT_COLUMNS) as EmployeeImportField[]).find(
      (f) => !used.has(f) && (EMPLOYEE_IMPORT_COLUMNS[f] as readonly string[]).includes(key),
    );
    if (field) used.add(field);
    return { header, field: field ?? null };
  });
}

/**
 * Reads and checks an employee file without writing anything: every row with its problems
 * (missing field, bad date, unknown group/position/manager, duplicate employee number...).
 */
async function analyse(ctx: Ctx, file: { fileName: string; contentBase64: string }): Promise<Analysis> {
  const empty = (fileProblem: ImportPreview['fileProblem'], columns: ImportPreview['columns'] = []): Analysis => ({
    preview: { fileName: file.fileName, columns, rows: [], validCount: 0, invalidCount: 0, fileProblem },
    valid: [],
  });
  const sheet = await readUpload(ctx, file);
  if (sheet === 'unreadable') return empty('unreadable');
  const columns = mapHeaders(sheet.headers);
  const fields = new Set(columns.map((c) => c.field));
  if (!fields.has('employeeNo') || !fields.has('name')) return empty(sheet.headers.length ? 'noHeader' : 'empty', columns);
  if (sheet.rows.length === 0) return empty('empty', columns);
  if (sheet.rows.length > MAX_IMPORT_ROWS) return empty('tooManyRows', columns);

  const lookups = await loadLookups(ctx);
  const inFile: InFile = { nos: new Map(), names: new Map() };
  for (const row of sheet.rows) {
    const no = valueOf(columns, row, 'employeeNo').toLowerCase();
    const name = valueOf(columns, row, 'name');
    if (no) inFile.nos.set(no, (inFile.nos.get(no) ?? 0) + 1);
    if (no && name) inFile.names.set(name, inFile.names.has(name) ? 'ambiguous' : no);
  }

  const rows: ImportPreviewRow[] = [];
  const valid: ResolvedRow[] = [];
  sheet.rows.forEach((row, i) => {
    // A blank line between rows is not an employee with every field missing: skip it. The rows
    // after it keep their spreadsheet numbers.
    if (row.every((cell) => cell.trim() === '')) return;
    const values: Partial<Record<EmployeeImportField, string>> = {};
    for (const [index, c] of columns.entries()) if (c.field) values[c.field] = row[index] ?? '';
    const { problems, resolved } = checkRow(ctx, values, lookups, inFile, i + 2);
    rows.push({ rowNumber: i + 2, values, problems });
    if (resolved) valid.push(resolved);
    if ((i + 1) % 200 === 0) ctx.progress(i + 1, sheet.rows.length, 'checking');
  });
  rejectManagerCycles(rows, valid);
  rejectOrphanedManagers(rows, valid);
  return {
    preview: { fileName: file.fileName, columns, rows, validCount: valid.length, invalidCount: rows.length - valid.length, fileProblem: null },
    valid,
  };
}

/**
 * Rows of the file that name each other as managers (A reports to B, B reports to A) would loop
 * the reporting chain, which the employee form refuses too: every row on such a loop is invalid.
 */
function rejectManagerCycles(rows: ImportPreviewRow[], valid: ResolvedRow[]): void {
  const byNo = new Map(valid.map((r) => [r.employeeNo.toLowerCase(), r]));
  const managerNo = (r: ResolvedRow) => (r.manager && 'employeeNo' in r.manager ? r.manager.employeeNo.toLowerCase() : null);
  const onLoop = new Set<ResolvedRow>();
  for (const start of valid) {
    const seen = new Set<ResolvedRow>([start]);
    for (let next = byNo.get(managerNo(start) ?? ''); next; next = byNo.get(managerNo(next) ?? '')) {
      if (next === start) onLoop.add(start);
      if (seen.has(next)) break;
      seen.add(next);
    }
  }
  const byRow = new Map(rows.map((r) => [r.rowNumber, r]));
  for (let i = valid.length - 1; i >= 0; i--) {
    if (!onLoop.has(valid[i]!)) continue;
    byRow.get(valid[i]!.rowNumber)?.problems.push({ field: 'manager', code: 'managerCycle' });
    valid.splice(i, 1);
  }
}

/**
 * A row whose manager is another row of the file is valid only if that row is: repeat until no
 * more rows drop out (a chain of reports under an invalid row all drop).
 */
function rejectOrphanedManagers(rows: ImportPreviewRow[], valid: ResolvedRow[]): void {
  const byRow = new Map(rows.map((r) => [r.rowNumber, r]));
  for (let changed = true; changed; ) {
    changed = false;
    const validNos = new Set(valid.map((r) => r.employeeNo.toLowerCase()));
    for (let i = valid.length - 1; i >= 0; i--) {
      const r = valid[i]!;
      if (r.manager && 'employeeNo' in r.manager && !validNos.has(r.manager.employeeNo.toLowerCase())) {
        byRow.get(r.rowNumber)?.problems.push({ field: 'manager', code: 'unknownManager' });
        valid.splice(i, 1);
        changed = true;
      }
    }
  }
}

function valueOf(columns: { field: EmployeeImportField | null }[], row: string[], field: EmployeeImportField): string {
  const index = columns.findIndex((c) => c.field === field);
  return index >= 0 ? (row[index] ?? '').trim() : '';
}

/** Employee numbers in the file (lower case) with how often each occurs; unique names -> their number. */
interface InFile {
  nos: Map<string, number>;
  names: Map<string, string | 'ambiguous'>;
}

interface Lookups {
  groups: Map<string, string>;
  positions: Map<string, string>;
  existingNos: Map<string, string>;
  /** Employees who can be a manager (not archived), by employee number, as the form requires. */
  managerNos: Map<string, string>;
  /** Active employees by name, when the name is unique. */
  byName: Map<string, string | 'ambiguous'>;
}

async function loadLookups(ctx: Ctx): Promise<Lookups> {
  const groups = await ctx.manager.getRepository(GroupEntity).find({ select: { id: true, name: true, archivedAt: true } });
  const positions = await ctx.manager.getRepository(PositionEntity).find({ select: { id: true, title: true, archivedAt: true } });
  const employees = await ctx.manager.getRepository(EmployeeEntity).find({ select: { id: true, employeeNo: true, name: true, archivedAt: true } });
  const byName = new Map<string, string | 'ambiguous'>();
  for (const e of employees.filter((e) => !e.archivedAt)) byName.set(e.name, byName.has(e.name) ? 'ambiguous' : e.id);
  return {
    groups: new Map(groups.filter((g) => !g.archivedAt).map((g) => [g.name.toLowerCase(), g.id])),
    positions: new Map(positions.filter((p) => !p.archivedAt).map((p) => [p.title.toLowerCase(), p.id])),
    existingNos: new Map(employees.map((e) => [e.employeeNo.toLowerCase(), e.id])),
    managerNos: new Map(employees.filter((e) => !e.archivedAt).map((e) => [e.employeeNo.toLowerCase(), e.id])),
    byName,
  };
}

function checkRow(
  ctx: Ctx,
  v: Partial<Record<EmployeeImportField, string>>,
  lookups: Lookups,
  inFile: InFile,
  rowNumber: number,
): { problems: ImportProblem[]; resolved: ResolvedRow | null } {
  const problems: ImportProblem[] = [];
  const add = (field: EmployeeImportField, code: ImportProblem['code']) => problems.push({ field, code });
  const text = (f: EmployeeImportField) => (v[f] ?? '').trim();

  const employeeNo = text('employeeNo');
  if (!employeeNo) add('employeeNo', 'missing');
  else if (employeeNo.length > 30) add('employeeNo', 'tooLong');
  else if (!EMPLOYEE_NO.test(employeeNo)) add('employeeNo', 'badValue');
  else if ((inFile.nos.get(employeeNo.toLowerCase()) ?? 0) > 1) add('employeeNo', 'duplicateInFile');
  else if (lookups.existingNos.has(employeeNo.toLowerCase())) add('employeeNo', 'duplicateExisting');

  const name = text('name');
  if (!name) add('name', 'missing');
  else if (name.length > 50) add('name', 'tooLong');

  const gender = GENDER_WORDS[text('gender').toLowerCase()];
  if (!text('gender')) add('gender', 'missing');
  else if (!gender) add('gender', 'badValue');

  const hireDate = parseLooseDate(text('hireDate'));
  if (!text('hireDate')) add('hireDate', 'missing');
  else if (!hireDate) add('hireDate', 'badDate');

  let groupId: string | null = null;
  if (text('group')) {
    groupId = lookups.groups.get(text('group').toLowerCase()) ?? null;
    if (!groupId) add('group', 'unknownGroup');
  }
  if (!reaches(ctx, 'org.write', { groupId })) add('group', 'outOfScope');

  let positionId: string | null = null;
  if (text('position')) {
    positionId = lookups.positions.get(text('position').toLowerCase()) ?? null;
    if (!positionId) add('position', 'unknownPosition');
  }

  let manager: ResolvedRow['manager'] = null;
  const managerText = text('manager');
  if (managerText) {
    const existing = lookups.managerNos.get(managerText.toLowerCase());
    const byName = lookups.byName.get(managerText);
    const fileNoByName = inFile.names.get(managerText);
    const self = employeeNo.toLowerCase();
    if (existing) manager = { id: existing };
    else if (inFile.nos.get(managerText.toLowerCase()) === 1 && managerText.toLowerCase() !== self) manager = { employeeNo: managerText };
    else if (byName && byName !== 'ambiguous') manager = { id: byName };
    // The export writes managers by name, so a name unique in the file (and unknown among the
    // existing employees) names that row: an exported list imports into a new department.
    else if (!byName && fileNoByName && fileNoByName !== 'ambiguous' && fileNoByName !== self) manager = { employeeNo: fileNoByName };
    else add('manager', 'unknownManager');
  }

  // The form's phone rule; a file has no "other" choice, so a number in international form with
  // another country code (+44 …) counts as the foreign number it plainly is.
  const phone = text('phone');
  if (phone && phoneProblem(phone, impliedPhoneKind(phone))) add('phone', 'badPhone');
  const email = text('email');
  if (email && (!EMAIL.test(email) || email.length > 200)) add('email', 'badEmail');

  const status = text('status') ? STATUS_WORDS[text('status').toLowerCase()] : 'active';
  if (!status) add('status', 'badValue');
  // 离职 rows need their leaving date, as the employee form does.
  const leftDate = text('leftDate') ? parseLooseDate(text('leftDate')) : null;
  if (text('leftDate') && !leftDate) add('leftDate', 'badDate');
  else if (status === 'left' && !leftDate) add('leftDate', 'missing');
  else if (leftDate && hireDate && leftDate < hireDate) add('leftDate', 'badDate');

  if (problems.length > 0) return { problems, resolved: null };
  return {
    problems,
    resolved: {
      rowNumber,
      employeeNo,
      name,
      gender: gender!,
      positionId,
      groupId,
      manager,
      hireDate: hireDate!,
      phone: phone || null,
      email: email || null,
      status: status!,
      leftDate: status === 'left' ? leftDate : null,
    },
  };
}

export async function importPreview(ctx: Ctx, input: ParsedInputOf<'org.employees.importPreview'>): Promise<ImportPreview> {
  return (await analyse(ctx, input)).preview;
}

/**
 * Imports the rows that pass every check. The file is checked again here rather than trusting
 * the preview the page saw, and everything happens in the call's one transaction.
 */
export async function importCommit(ctx: Ctx, input: ParsedInputOf<'org.employees.importCommit'>): Promise<{ imported: number; skipped: number }> {
  const { preview, valid } = await analyse(ctx, input);
  if (preview.fileProblem) throw new AppError('VALIDATION', 'error.importFileInvalid', { file: `import.fileProblem.${preview.fileProblem}` });
  if (valid.length === 0) throw new AppError('VALIDATION', 'error.importNothingValid', { file: 'import.nothingValid' });
  const idsByNo = new Map<string, string>();
  for (const [i, row] of valid.entries()) {
    const employee = await insertEmployee(ctx, {
      employeeNo: row.employeeNo,
      name: row.name,
      gender: row.gender,
      positionId: row.positionId,
      groupId: row.groupId,
      managerId: row.manager && 'id' in row.manager ? row.manager.id : null,
      hireDate: row.hireDate,
      phone: row.phone ?? undefined,
      email: row.email ?? undefined,
    }, row.status, row.leftDate);
    idsByNo.set(row.employeeNo.toLowerCase(), employee.id);
    if ((i + 1) % 100 === 0) ctx.progress(i + 1, valid.length, 'importing');
  }
  // Second pass: managers who are themselves in the file (analyse() made sure their rows are valid).
  for (const row of valid) {
    if (row.manager && 'employeeNo' in row.manager) {
      const managerId = idsByNo.get(row.manager.employeeNo.toLowerCase());
      if (managerId) await ctx.manager.getRepository(EmployeeEntity).update({ id: idsByNo.get(row.employeeNo.toLowerCase())! }, { managerId });
    }
  }
  await ctx.audit({ entity: 'employee', recordId: null, action: 'import', after: { fileName: input.fileName, imported: valid.length, skipped: preview.invalidCount } });
  return { imported: valid.length, skipped: preview.invalidCount };
}
