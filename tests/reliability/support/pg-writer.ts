/**
 * Child process of pg-writers.test.ts: one of several OpsDesk processes writing through the core
 * into one PostgreSQL database at once, for a fixed time.
 *
 *   node pg-writer.mjs <dist core index.js> <data folder> <database url> <process no> <milliseconds>
 *
 * stdout, one line per acknowledged write (the call returned ok), each written whole:
 *   A own <employee no>       an employee with a number only this process uses (P<process>-<n>)
 *   A clash <employee no>     an employee with a number every process tries (C-<n>): one may win
 *   A reminder <id>
 *   R clash <employee no> <code>   a clash refused (the number was taken): expected
 *   done
 * Anything unexpected goes to stderr with exit code 2.
 *
 * Type-only imports: at run time the core comes from dist/ (see support/scripts.ts).
 */
import { pathToFileURL } from 'node:url';
import type { ApiResult } from '../../../shared/domain/errors.js';

type CoreModule = typeof import('../../../electron/core/index.js');
type PasswordsModule = typeof import('../../../electron/core/modules/auth/passwords.js');

function line(text: string): void {
  process.stdout.write(`${text}\n`);
}

function fail(message: string): never {
  process.stderr.write(`pg-writer: ${message}\n`);
  process.exit(2);
}

const employee = (employeeNo: string) => ({ employeeNo, name: `员工${employeeNo}`, gender: 'female', groupId: null, positionId: null, managerId: null, hireDate: '2024-03-01' });

async function main(): Promise<void> {
  const [coreFile, dataDir, databaseUrl, processNo, ms] = process.argv.slice(2);
  if (!coreFile || !dataDir || !databaseUrl || !processNo || !ms) fail('usage: pg-writer.mjs CORE DATA_DIR DATABASE_URL PROCESS_NO MS');
  const { createCore } = (await import(pathToFileURL(coreFile).href)) as CoreModule;
  const { TEST_COST } = (await import(pathToFileURL(coreFile.replace(/index\.js$/, 'modules/auth/passwords.js')).href)) as PasswordsModule;
  // The tests' fixed install key: every process on one database shares one (README, PostgreSQL).
  const auditKey = Buffer.alloc(32, 0x42);
  const core = await createCore({ dataDir, databaseUrl, passwordCost: TEST_COST, auditKey, log: (message, err) => process.stderr.write(`pg-writer log: ${message} ${String(err)}\n`) });
  const login = (await core.call('auth.login', { username: 'admin', password: 'Admin-pass-1' })) as ApiResult<{ token: string }>;
  if (!login.ok) fail(`login: ${JSON.stringify(login.error)}`);
  const token = login.data.token;
  const until = Date.now() + Number(ms);
  for (let n = 0; Date.now() < until; n++) {
    if (n % 3 === 1) {
      const no = `C-${Math.floor(n / 3)}`;
      const r = await core.call('org.employees.create', employee(no), { token });
      if (r.ok) line(`A clash ${no}`);
      else if (r.error.code === 'VALIDATION' || r.error.code === 'CONFLICT') line(`R clash ${no} ${r.error.code}`);
      else fail(`clash ${no}: ${JSON.stringify(r.error)}`);
    } else if (n % 3 === 2) {
      const r = (await core.call('reminders.create', { title: `提醒${processNo}-${n}`, dueAt: '2026-06-01T01:00:00.000Z' }, { token })) as ApiResult<{ id: string }>;
      if (!r.ok) fail(`reminder: ${JSON.stringify(r.error)}`);
      line(`A reminder ${r.data.id}`);
    } else {
      const no = `P${processNo}-${n}`;
      const r = await core.call('org.employees.create', employee(no), { token });
      if (!r.ok) fail(`own ${no}: ${JSON.stringify(r.error)}`);
      line(`A own ${no}`);
    }
  }
  await core.close();
  line('done');
}

await main();
