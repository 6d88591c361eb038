import { LOCALES } from '../../../shared/domain/locale.js';
import type { CommandSpec } from '../command.js';
import { EXIT_FAILED, EXIT_OK } from '../errors.js';
import { describeApiError, print, warn } from '../output.js';
import { withCore } from '../session.js';

const OPTION_OF_FIELD: Record<string, string> = {
  departmentName: '--department',
  adminUsername: '--admin-user',
  adminPassword: '--admin-password',
  adminDisplayName: '--admin-name',
  locale: '--locale',
};

/** First run from the command line: the same 'setup.initialize' call the setup screen makes. */
export const initCommand: CommandSpec = {
  name: 'init',
  summary: 'Creates the department and its administrator in a new data folder.',
  options: {
    department: { type: 'string', value: 'NAME', description: 'department name, e.g. 运营部', required: true },
    'admin-user': { type: 'string', value: 'U', description: 'administrator username', required: true },
    'admin-password': { type: 'string', value: 'P', description: 'administrator password (8+ characters, letters and digits)', required: true },
    'admin-name': { type: 'string', value: 'NAME', description: 'administrator display name (default: the username)' },
    locale: { type: 'string', value: 'zh-CN|en-US', choices: LOCALES, description: "administrator's interface language (default zh-CN)" },
    demo: { type: 'boolean', description: 'also fill the department with the demo data' },
  },
  notes: ['Exit codes: 0 done, 1 refused (already set up, invalid value), 2 bad arguments.'],
  async run(input) {
    return withCore(input.dataDir, { mustExist: false }, async (core) => {
      const result = await core.call('setup.initialize', {
        departmentName: input.string('department'),
        adminUsername: input.string('admin-user'),
        adminPassword: input.string('admin-password'),
        ...(input.string('admin-name') ? { adminDisplayName: input.string('admin-name') } : {}),
        ...(input.string('locale') ? { locale: input.string('locale') } : {}),
        withDemoData: input.flag('demo'),
      });
      if (!result.ok) {
        warn(`opsdesk: init refused: ${describeApiError(result.error, OPTION_OF_FIELD)}`);
        return EXIT_FAILED;
      }
      print(`Department "${input.string('department')}" set up in ${core.info.paths.dataDir}`);
      print(`Administrator: ${input.string('admin-user')}`);
      if (input.flag('demo')) print("Demo data added; the demo accounts share the administrator's password (see `opsdesk demo --help`).");
      return EXIT_OK;
    });
  },
};
