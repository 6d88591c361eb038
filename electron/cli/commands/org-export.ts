import fs from 'node:fs';
import path from 'node:path';
import type { FileDownload } from '../../../shared/api/fields.js';
import type { ApiResult } from '../../../shared/domain/errors.js';
import { LOCALES } from '../../../shared/domain/locale.js';
import type { CommandSpec } from '../command.js';
import { CliError, EXIT_OK } from '../errors.js';
import { describeApiError, formatBytes, print, progressOnTty, writeAtomically } from '../output.js';
import { PASSWORD_ENV, asUser, passwordFromEnv, withCore } from '../session.js';

export const orgExportCommand: CommandSpec = {
  name: 'org export',
  summary: 'Exports the employee list to an .xlsx file. Active and left employees (not archived), with the columns the import reads.',
  positionals: [{ name: 'FILE', description: 'the .xlsx file to write, or an existing folder to write it into under its default name' }],
  options: {
    user: { type: 'string', value: 'U', description: 'username to export as', required: true },
    locale: { type: 'string', value: 'zh-CN|en-US', choices: LOCALES, description: 'language of the headers and values (default zh-CN)' },
  },
  notes: [`Environment: ${PASSWORD_ENV}  the password of --user.`, 'Exit codes: 0 written, 1 refused or not written, 2 bad arguments.'],
  async run(input) {
    const target = path.resolve(input.positionals[0]!);
    const username = input.string('user')!;
    const password = passwordFromEnv('org export');
    const locale = input.string('locale');

    const download = await withCore(input.dataDir, { mustExist: true }, (core) =>
      asUser(core, username, password, async (token) => {
        const progress = progressOnTty((l) => core.on(l), 'cli-export');
        try {
          const result = (await core.call('org.employees.export', locale ? { locale } : {}, { token, callId: progress.callId })) as ApiResult<FileDownload>;
          if (!result.ok) throw new CliError(`export refused: ${describeApiError(result.error)}`);
          return result.data;
        } finally {
          progress.done();
        }
      }),
    );
    const file = fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, download.fileName) : target;
    const bytes = Buffer.from(download.contentBase64, 'base64');
    writeAtomically(file, bytes);
    print(`Wrote ${file} (${formatBytes(bytes.length)})`);
    return EXIT_OK;
  },
};
