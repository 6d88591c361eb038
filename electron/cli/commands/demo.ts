import { AppError } from '../../core/kernel/errors.js';
import { DEMO_ADMIN_USERNAME, seedDemoDepartment } from '../../core/maintenance/demo.js';
import type { CommandSpec } from '../command.js';
import { CliError, EXIT_OK } from '../errors.js';
import { describeApiError, print, table } from '../output.js';
import { withCore } from '../session.js';

export const DEFAULT_DEMO_PASSWORD = 'OpsDesk-demo-1';
const DEFAULT_DEMO_DEPARTMENT = '运营部';

export const demoCommand: CommandSpec = {
  name: 'demo',
  summary:
    'Fills an empty department with demo data. A manager, two deputies, the three groups, 25 employees and sign-in accounts; ' +
    `on a new data folder it first sets up the department with the administrator '${DEMO_ADMIN_USERNAME}'.`,
  options: {
    password: { type: 'string', value: 'P', description: `password of the demo accounts (default ${DEFAULT_DEMO_PASSWORD})` },
    department: { type: 'string', value: 'NAME', description: `department name when the folder is new (default ${DEFAULT_DEMO_DEPARTMENT})` },
  },
  notes: [
    'Refused when the department already has employees: demo data never mixes with real data.',
    'Exit codes: 0 done, 1 refused, 2 bad arguments.',
  ],
  async run(input) {
    const password = input.string('password') ?? DEFAULT_DEMO_PASSWORD;
    const departmentName = input.string('department') ?? DEFAULT_DEMO_DEPARTMENT;
    const result = await withCore(input.dataDir, { mustExist: false }, async (core) => {
      try {
        return await seedDemoDepartment(core, { password, departmentName });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        throw new CliError(`demo refused: ${describeApiError(err.toApiError(), { adminPassword: '--password', departmentName: '--department' })}`);
      }
    });

    print(result.createdDepartment ? `Department "${departmentName}" set up with demo data.` : 'Demo data added to the department.');
    print(`Employees: ${result.employees}`);
    print();
    print(`Demo accounts (password: ${password}; each must choose a new password at first sign-in):`);
    print(table(result.accounts.map((a) => [`  ${a.username}`, a.displayName, a.roles.join(', ')])));
    if (!result.createdDepartment) print('Accounts that existed before keep their passwords.');
    return EXIT_OK;
  },
};
