import fs from 'node:fs';
import path from 'node:path';
import type { ImportPreview, ImportProblemCode } from '../../../shared/api/org.js';
import type { ApiResult } from '../../../shared/domain/errors.js';
import type { CommandSpec } from '../command.js';
import { CliError, EXIT_OK } from '../errors.js';
import { describeApiError, print, progressOnTty, table } from '../output.js';
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

/** Every problem of every row, as the preview screen lists them: row number, column, problem, value. */
function printProblems(preview: ImportPreview): void {
  const header = (field: string) => preview.columns.find((c) => c.field === field)?.header ?? field;
  const lines: string[][] = [];
  for (const row of preview.rows) {
    for (const p of row.problems) {
      lines.push([String(row.rowNumber), `${header(p.field)} (${p.field})`, PROBLEM_TEXT[p.code], row.values[p.field] ?? '']);
    }
  }
  if (lines.length === 0) return;
  print('Rows with problems (not imported):');
  print(table([['ROW', 'COLUMN', 'PROBLEM', 'VALUE'], ...lines]));
  print();
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

    return withCore(input.dataDir, { mustExist: true }, (core) =>
      asUser(core, username, password, async (token) => {
        const run = async <T>(method: 'org.employees.importPreview' | 'org.employees.importCommit'): Promise<T> => {
          const progress = progressOnTty((l) => core.on(l), `cli-${method}`);
          try {
            const result = (await core.call(method, upload, { token, callId: progress.callId })) as ApiResult<T>;
            if (!result.ok) throw new CliError(`import refused: ${describeApiError(result.error)}`);
            return result.data;
          } finally {
            progress.done();
          }
        };

        const preview = await run<ImportPreview>('org.employees.importPreview');
        if (preview.fileProblem) throw new CliError(`${upload.fileName}: ${FILE_PROBLEM_TEXT[preview.fileProblem]}`);
        printProblems(preview);
        print(`${preview.rows.length} rows: ${preview.validCount} valid, ${preview.invalidCount} with problems.`);
        if (input.flag('dry-run')) {
          print('Dry run: nothing was imported.');
          return EXIT_OK;
        }
        if (preview.validCount === 0) throw new CliError('no valid row: nothing was imported');
        const done = await run<{ imported: number; skipped: number }>('org.employees.importCommit');
        print(`Imported ${done.imported} employees; skipped ${done.skipped} rows with problems.`);
        return EXIT_OK;
      }),
    );
  },
};
