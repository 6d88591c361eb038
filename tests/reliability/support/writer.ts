/**
 * Child process of kill-9.test.ts: opens the compiled core on a data folder and commits writes
 * through core.call as fast as it can until the parent kills it with SIGKILL.
 *
 *   node writer.mjs <dist core index.js> <data folder> <key prefix> <admin user> <admin password>
 *
 * stdout, one line per event, each written whole in one write (a pipe write under PIPE_BUF is
 * atomic; the parent ignores a trailing partial line):
 *   ready                       signed in, about to write
 *   T <kind> <key>              about to call (the call may be in flight when the kill comes)
 *   A <kind> <key> <id|count>   the call returned ok: the write is acknowledged
 * Kinds cycle through single-row writes (group, position, reminder) and a five-row employee
 * import (one transaction: all five rows, or none). Keys are unique: <key prefix>w<n>.
 * Anything unexpected goes to stderr with exit code 2.
 *
 * Type-only imports: at run time the core comes from dist/ (see support/scripts.ts).
 */
import { pathToFileURL } from 'node:url';
import type { ApiResult } from '../../../shared/domain/errors.js';

type CoreModule = typeof import('../../../electron/core/index.js');
type PasswordsModule = typeof import('../../../electron/core/modules/auth/passwords.js');

type WriteKind = 'group' | 'position' | 'reminder' | 'import';
const KINDS: readonly WriteKind[] = ['group', 'import', 'position', 'reminder'];
const IMPORT_ROWS = 5;

/** The import file's header, as the employee export writes it. */
const HEADER = ['工号', '姓名', '性别', '岗位', '小组', '直属上级', '入职日期', '电话', '邮箱', '状态', '离职日期'];

/** Employee number of row k (1-based) of the import batch `key`. */
const employeeNo = (key: string, k: number) => `${key}-${k}`;

function importFile(key: string): { fileName: string; contentBase64: string } {
  const rows = [HEADER, ...Array.from({ length: IMPORT_ROWS }, (_, i) => [employeeNo(key, i + 1), `员工${key}-${i + 1}`, '女', '', '', '', '2024-03-01', '', '', '在职', ''])];
  const csv = rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
  return { fileName: `${key}.csv`, contentBase64: Buffer.from(csv, 'utf8').toString('base64') };
}

function line(text: string): void {
  process.stdout.write(`${text}\n`);
}

function fail(message: string): never {
  process.stderr.write(`writer: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const [coreFile, dataDir, prefix, username, password] = process.argv.slice(2);
  if (!coreFile || !dataDir || !prefix || !username || !password) fail('usage: writer.mjs CORE DATA_DIR PREFIX USER PASSWORD');
  const { createCore } = (await import(pathToFileURL(coreFile).href)) as CoreModule;
  const { TEST_COST } = (await import(pathToFileURL(coreFile.replace(/index\.js$/, 'modules/auth/passwords.js')).href)) as PasswordsModule;
  // The tests' fixed install key (tests/support/keys.ts; this script imports nothing from the tests at run time).
  const auditKey = Buffer.alloc(32, 0x42);
  const core = await createCore({ dataDir, passwordCost: TEST_COST, auditKey, log: (message, err) => process.stderr.write(`writer log: ${message} ${String(err)}\n`) });
  const login = (await core.call('auth.login', { username, password })) as ApiResult<{ token: string }>;
  if (!login.ok) fail(`login: ${JSON.stringify(login.error)}`);
  const token = login.data.token;
  line('ready');

  for (let n = 0; ; n++) {
    const kind = KINDS[n % KINDS.length]!;
    const key = `${prefix}w${n}`;
    line(`T ${kind} ${key}`);
    let result: ApiResult<unknown>;
    if (kind === 'group') result = await core.call('org.groups.create', { name: `组${key}`, leadEmployeeId: null }, { token });
    else if (kind === 'position') result = await core.call('org.positions.create', { title: `岗位${key}`, level: 4 }, { token });
    else if (kind === 'reminder') result = await core.call('reminders.create', { title: `提醒${key}`, dueAt: '2026-06-01T01:00:00.000Z' }, { token });
    else result = await core.call('org.employees.importCommit', importFile(key), { token });
    if (!result.ok) fail(`${kind} ${key}: ${JSON.stringify(result.error)}`);
    const data = result.data as { id?: string; imported?: number };
    if (kind === 'import' && data.imported !== IMPORT_ROWS) fail(`import ${key}: ${JSON.stringify(data)}`);
    line(`A ${kind} ${key} ${kind === 'import' ? String(data.imported) : data.id}`);
  }
}

await main();
