import fs from 'node:fs';
import path from 'node:path';
import type { ImportPreview, ImportProblemCode } from '../../../shared/api/org.js';
import type { ApiError, ApiResult } from '../../../shared/domain/errors.js';
import type { CommandSpec } from '../command.js';
import { CliError, EXIT_FAILED, EXIT_OK } from '../errors.js';
import { describeApiError, messageFor, print, printJson, progressOnTty, table } from '../output.js';
import { PASSWORD_ENV, asUser, passwordFromEnv, withCore } from '../session.js';

const PROBLEM_TEXT: Record<ImportProblemCode, string> = {
  missing: 'missing',
  badDate: 'not a valid date',
  badEmail: 'not a valid email address',
  badPhone: 'not a valid phone number',
  badValue: 'not a valid value',
  tooLong: 'too long',
  unknownGroup: 'no such group',
  unknownPosition: 'no such position',
  unknownManager: 'no such manager (employee number or unique name)',
  duplicateInFile: 'employee number appears more than once in the file',
  duplicateExisting: 'employee number already exists',
  outOfScope: 'outside the groups this user may edit',
  managerCycle: 'the managers in the file form a loop',
};

const FILE_PROBLEM_TEXT: Record<NonNullable<ImportPreview['fileProblem']>, string> = {
  unreadable: 'the file is not a readable .xlsx or .csv file',
  empty: 'the file has no data rows',
  noHeader: 'no header row with at least 工号 (employee no) and 姓名 (name) columns',
  tooManyRows: 'the file has too many rows for one import',
};

/** Every problem of every row, as the preview screen lists them. */
function problemsOf(preview: ImportPreview) {
  const header = (field: string) => preview.columns.find((c) => c.field === field)?.header ?? field;
  return preview.rows.flatMap((row) =>
    row.problems.map((p) => ({ row: row.rowNumber, column: header(p.field), field: p.field, code: p.code, problem: PROBLEM_TEXT[p.code], value: row.values[p.field] ?? '' })),
  );
}

function printProblems(preview: ImportPreview): void {
  const lines = problemsOf(preview).map((p) => [String(p.row), `${p.column} (${p.field})`, p.problem, p.value]);
  if (lines.length === 0) return;
  print('Rows with problems (not imported):');
  print(table([['ROW', 'COLUMN', 'PROBLEM', 'VALUE'], ...lines]));
  print();
}

/** A call the core refused, with its envelope: printed as JSON with --json, as a message otherwise. */
class Refused extends Error {
  constructor(readonly error: ApiError) {
    super(`import refused: ${describeApiError(error)}`);
  }
}

/** What --json prints: one object, whether rows were imported, only checked, or nothing could be. */
interface JsonReport {
  ok: boolean;
  file: string;
  dryRun: boolean;
  rows: number;
  valid: number;
  invalid: number;
  imported: number;
  skipped: number;
  problems: ReturnType<typeof problemsOf>;
  /** Why nothing was imported: the file itself, no valid row, or the core's refusal. */
  refusal: { code: string; message: string } | null;
}

export const orgImportCommand: CommandSpec = {
  name: 'org import',
  summary:
    'Imports employees from an .xlsx or .csv file. Checks every row as the import preview does, lists the rows with problems, ' +
    'then imports the valid rows in one transaction.',
  positionals: [{ name: 'FILE', description: 'the .xlsx or .csv file (header row: 工号, 姓名, 性别, 岗位, 小组, 直属上级, 入职日期, ...)' }],
  options: {
    user: { type: 'string', value: 'U', description: 'username to import as (needs permission to edit employees)', required: true },
    'dry-run': { type: 'boolean', description: 'only check the file; import nothing' },
    json: { type: 'boolean', description: 'print the result as JSON: counts, every problem of every row, and why nothing was imported if so' },
  },
  notes: [
    `Environment: ${PASSWORD_ENV}  the password of --user.`,
    'Exit codes: 0 valid rows imported (or checked with --dry-run), 1 nothing imported (file unusable, no valid row, refused), 2 bad arguments.',
  ],
  async run(input) {
    const file = path.resolve(input.positionals[0]!);
    const username = input.string('user')!;
    const password = passwordFromEnv('org import');
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (err) {
      throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    const upload = { fileName: path.basename(file), contentBase64: bytes.toString('base64') };

    const json = input.flag('json');
    const dryRun = input.flag('dry-run');
    const report: JsonReport = { ok: false, file, dryRun, rows: 0, valid: 0, invalid: 0, imported: 0, skipped: 0, problems: [], refusal: null };
    const refuse = (code: string, message: string): number => {
      if (!json) throw new CliError(message);
      printJson({ ...report, refusal: { code, message } });
      return EXIT_FAILED;
    };

    return withCore(input.dataDir, { mustExist: true }, (core) =>
      asUser(core, username, password, async (token) => {
        const run = async <T>(method: 'org.employees.importPreview' | 'org.employees.importCommit'): Promise<T> => {
          const progress = progressOnTty((l) => core.on(l), `cli-${method}`);
          try {
            const result = (await core.call(method, upload, { token, callId: progress.callId })) as ApiResult<T>;
            if (!result.ok) throw new Refused(result.error);
            return result.data;
          } finally {
            progress.done();
          }
        };

        try {
          const preview = await run<ImportPreview>('org.employees.importPreview');
          if (preview.fileProblem) return refuse(preview.fileProblem, `${upload.fileName}: ${FILE_PROBLEM_TEXT[preview.fileProblem]}`);
          Object.assign(report, { rows: preview.rows.length, valid: preview.validCount, invalid: preview.invalidCount, problems: problemsOf(preview) });
          if (!json) {
            printProblems(preview);
            print(`${preview.rows.length} rows: ${preview.validCount} valid, ${preview.invalidCount} with problems.`);
          }
          if (dryRun) {
            if (json) printJson({ ...report, ok: true });
            else print('Dry run: nothing was imported.');
            return EXIT_OK;
          }
          if (preview.validCount === 0) return refuse('nothingValid', 'no valid row: nothing was imported');
          const done = await run<{ imported: number; skipped: number }>('org.employees.importCommit');
          if (json) printJson({ ...report, ok: true, imported: done.imported, skipped: done.skipped });
          else print(`Imported ${done.imported} employees; skipped ${done.skipped} rows with problems.`);
          return EXIT_OK;
        } catch (err) {
          if (!(err instanceof Refused)) throw err;
          return refuse(err.error.code, json ? messageFor(err.error.message) : err.message);
        }
      }),
    );
  },
};
