import fs from 'node:fs';
import path from 'node:path';
import type { FileDownload } from '../../../shared/api/fields.js';
import type { MonthReport, PunchImportResult, PunchProblem } from '../../../shared/api/attendance.js';
import { LEAVE_TYPES } from '../../../shared/domain/attendance/types.js';
import type { ApiError, ApiResult } from '../../../shared/domain/errors.js';
import { LOCALES } from '../../../shared/domain/locale.js';
import type { Core } from '../../core/index.js';
import type { CommandSpec } from '../command.js';
import { CliError, EXIT_FAILED, EXIT_OK, UsageError } from '../errors.js';
import { describeApiError, formatBytes, messageFor, print, printJson, progressOnTty, table, warn, writeAtomically } from '../output.js';
import { PASSWORD_ENV, asUser, passwordFromEnv, withCore } from '../session.js';

/**
 * `attendance import` and `attendance report` (issue 9 item 9): IT scripts depend on their JSON,
 * so --json prints exactly the documented objects, and nothing else goes to stdout.
 */

const PROBLEM_TEXT: Record<PunchProblem, string> = {
  missingEmployeeNo: 'no employee number',
  unknownEmployee: 'no employee with this number',
  badTime: 'not a date and time the import can read',
  duplicateExisting: 'already stored',
  duplicateInFile: 'appears earlier in the file',
  monthLocked: 'the month is locked',
  outOfScope: 'outside the people this user may manage',
};

const FILE_PROBLEM_TEXT: Record<string, string> = {
  'validation.punchFile.unreadable': 'the file is not a readable .xlsx, .csv, .txt or .tsv file',
  'validation.punchFile.empty': 'the file has no punch rows',
  'validation.punchFile.unmapped': 'no header row with an employee number and a date-time column (e.g. 考勤号码 and 日期时间); map the columns once in the app and save them as a preset',
  'validation.punchFile.tooManyRows': 'the file has too many rows for one import (200,000 at most)',
};

/** The refusal in words: a file problem says what is wrong with the file. */
function refusalText(error: ApiError): string {
  const file = error.fields?.file;
  if (file && FILE_PROBLEM_TEXT[file]) return FILE_PROBLEM_TEXT[file];
  return describeApiError(error);
}

/** A refused call: with --json, `{"error": {"code", "message"}}` on stdout; a message otherwise. Exit 1 either way. */
function refused(json: boolean, what: string, error: ApiError): number {
  if (!json) throw new CliError(`${what} refused: ${refusalText(error)}`);
  const file = error.fields?.file;
  printJson({ error: { code: error.code, message: file && FILE_PROBLEM_TEXT[file] ? FILE_PROBLEM_TEXT[file] : messageFor(error.message, error.params) } });
  return EXIT_FAILED;
}

async function callWithProgress<T>(core: Core, token: string, method: string, input: unknown): Promise<ApiResult<T>> {
  const progress = progressOnTty((l) => core.on(l), `cli-${method}`);
  try {
    return (await core.call(method, input, { token, callId: progress.callId })) as ApiResult<T>;
  } finally {
    progress.done();
  }
}

function readInput(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

export const attendanceImportCommand: CommandSpec = {
  name: 'attendance import',
  summary:
    'Imports punches from a punch machine’s file (.xlsx, .csv in UTF-8 or GBK, tab-separated .txt/.tsv). The usual headers ' +
    '(考勤号码/工号, 日期时间 or 日期 + 时间, 机器号, 状态; the ZKTeco export) are recognised, other layouts through a preset saved in the app. ' +
    'Punches already stored are skipped and counted as duplicates: importing a file again adds nothing.',
  positionals: [{ name: 'FILE', description: 'the punch file; one punch a row: employee number and date-time (one column, or date and time)' }],
  options: {
    user: { type: 'string', value: 'U', description: 'username to import as (HR or the manager)', required: true },
    'dry-run': { type: 'boolean', description: 'check the file and count what would be imported; write nothing' },
    json: { type: 'boolean', description: 'print {"imported": N, "duplicates": N, "rejected": [{"row": N, "problem": "…"}]}' },
  },
  notes: [
    `Environment: ${PASSWORD_ENV}  the password of --user.`,
    'Rows are numbered as in the spreadsheet (the header is row 1). Problems: missingEmployeeNo, unknownEmployee, badTime, monthLocked, outOfScope.',
    'Exit codes: 0 imported (or checked with --dry-run; rows with problems are listed, not fatal), 1 refused (file unusable, no permission), 2 bad arguments.',
    'With --json a refusal prints {"error": {"code": "…", "message": "…"}} instead.',
  ],
  async run(input) {
    const file = path.resolve(input.positionals[0]!);
    const username = input.string('user')!;
    const password = passwordFromEnv('attendance import');
    const json = input.flag('json');
    const dryRun = input.flag('dry-run');
    const upload = { fileName: path.basename(file), contentBase64: readInput(file).toString('base64'), dryRun };

    return withCore(input.dataDir, { mustExist: true }, (core) =>
      asUser(core, username, password, async (token) => {
        const result = await callWithProgress<PunchImportResult>(core, token, 'attendance.import.commit', upload);
        if (!result.ok) return refused(json, 'import', result.error);
        const { imported, duplicates, rejected } = result.data;
        if (json) {
          printJson({ imported, duplicates, rejected });
          return EXIT_OK;
        }
        if (rejected.length) {
          print('Rows not imported:');
          print(table([['ROW', 'PROBLEM'], ...rejected.map((r) => [String(r.row), `${r.problem}: ${PROBLEM_TEXT[r.problem as PunchProblem] ?? r.problem}`])]));
          print();
        }
        const counts = `${duplicates} duplicates skipped, ${rejected.length} rows with problems`;
        print(dryRun ? `Dry run: ${imported} punches would be imported; ${counts}. Nothing was written.` : `Imported ${imported} punches; ${counts}.`);
        return EXIT_OK;
      }),
    );
  },
};

/** One person's figures as `report --json` prints them (the issue's field list, in its order). */
function reportJson(report: MonthReport) {
  return {
    month: report.month,
    workdays: report.workdays,
    employees: report.employees.map((e) => ({
      employeeNo: e.employeeNo,
      name: e.name,
      workdays: e.workdays,
      presentDays: e.presentDays,
      lateCount: e.lateCount,
      lateMinutes: e.lateMinutes,
      earlyCount: e.earlyCount,
      earlyMinutes: e.earlyMinutes,
      absentDays: e.absentDays,
      missingPunches: e.missingPunches,
      leaveDays: Object.fromEntries(LEAVE_TYPES.map((t) => [t, e.leaveDays[t] ?? 0])),
    })),
  };
}

function printReport(report: MonthReport): void {
  const upTo = report.asOf <= `${report.month}-31` ? ` (the month so far: figures before ${report.asOf})` : '';
  print(`Attendance ${report.month}: ${report.workdays} workdays${upTo}${report.locked ? `, locked by ${report.locked.byName}` : ''}`);
  const leave = (days: Record<string, number>) =>
    Object.entries(days)
      .filter(([, n]) => n > 0)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ');
  const header = ['NO', 'NAME', 'WORKDAYS', 'PRESENT', 'LATE', 'LATE MIN', 'EARLY', 'EARLY MIN', 'ABSENT', 'MISSING', 'LEAVE'];
  const line = (r: MonthReport['totals'], no: string, name: string) =>
    [no, name, r.workdays, r.presentDays, r.lateCount, r.lateMinutes, r.earlyCount, r.earlyMinutes, r.absentDays, r.missingPunches].map(String).concat(leave(r.leaveDays));
  print(table([header, ...report.employees.map((e) => line(e, e.employeeNo, e.name)), line(report.totals, 'TOTAL', '')]));
}

export const attendanceReportCommand: CommandSpec = {
  name: 'attendance report',
  summary:
    'Prints the monthly attendance statistics (月度考勤统计) of the people the user may see: workdays, days present, late and early ' +
    'counts and minutes, absence days, missing punches, leave days by type. --out also writes the printable .xlsx.',
  options: {
    month: { type: 'string', value: 'YYYY-MM', description: 'the month', required: true },
    user: { type: 'string', value: 'U', description: 'username to report as (staff see themselves, leads their group, HR and the manager everyone)', required: true },
    out: { type: 'string', value: 'FILE.xlsx', description: 'also write the export: a file, or an existing folder to write it into under its default name' },
    locale: { type: 'string', value: 'zh-CN|en-US', choices: LOCALES, description: 'language of the export (default zh-CN)' },
    json: { type: 'boolean', description: 'print {"month", "workdays", "employees": [{"employeeNo", "name", "workdays", "presentDays", …, "leaveDays": {…}}]}' },
  },
  notes: [
    `Environment: ${PASSWORD_ENV}  the password of --user.`,
    `Leave types in leaveDays: ${LEAVE_TYPES.join(', ')}. Day counts may be halves (0.5).`,
    'Exit codes: 0 printed (and written), 1 refused or not written, 2 bad arguments. With --json a refusal prints {"error": {"code": "…", "message": "…"}}.',
  ],
  async run(input) {
    const month = input.string('month')!;
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError(`--month must be YYYY-MM (got '${month}')`, 'attendance report');
    const username = input.string('user')!;
    const password = passwordFromEnv('attendance report');
    const json = input.flag('json');
    const out = input.string('out');
    const locale = input.string('locale');

    const done = await withCore(input.dataDir, { mustExist: true }, (core) =>
      asUser(core, username, password, async (token) => {
        const report = await callWithProgress<MonthReport>(core, token, 'attendance.month.report', { month });
        if (!report.ok) return { code: refused(json, 'report', report.error) };
        let download: FileDownload | null = null;
        if (out) {
          const file = await callWithProgress<FileDownload>(core, token, 'attendance.month.export', { month, ...(locale ? { locale } : {}) });
          if (!file.ok) return { code: refused(json, 'export', file.error) };
          download = file.data;
        }
        return { code: EXIT_OK, report: report.data, download };
      }),
    );
    if (!('report' in done) || !done.report) return done.code;
    if (json) printJson(reportJson(done.report));
    else printReport(done.report);
    if (out && done.download) {
      const target = path.resolve(out);
      const file = fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, done.download.fileName) : target;
      const bytes = Buffer.from(done.download.contentBase64, 'base64');
      writeAtomically(file, bytes);
      // stderr with --json: stdout stays the one JSON object.
      (json ? warn : print)(`Wrote ${file} (${formatBytes(bytes.length)})`);
    }
    return EXIT_OK;
  },
};
