import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createCore, type Core } from '../../electron/core/index.js';
import { TEST_COST } from '../../electron/core/modules/auth/passwords.js';
import { TEST_AUDIT_KEY } from '../support/keys.js';

/**
 * The organisation module on a large department: 5,000 employees imported through the real
 * import path, then the list, detail, update, chart, import preview and export calls the UI makes.
 * Run with `npm run bench`; figures are per call through core.call (validation, session,
 * permission, transaction and audit included).
 */
const EMPLOYEES = 5000;
const GROUPS = ['项目运营组', '数据分析组', '客户服务组'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂';

let core: Core;
let dir: string;
let token: string;
let csv: string;
let someId: string;
let groupId: string;

function generateCsv(): string {
  const lines = ['工号,姓名,性别,岗位,小组,入职日期,电话,邮箱'];
  for (let i = 1; i <= EMPLOYEES; i++) {
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13) % GIVEN.length]}`;
    const year = 2010 + (i % 16);
    lines.push(`B${String(i).padStart(5, '0')},${name},${i % 2 ? '男' : '女'},专员,${GROUPS[i % 3]},${year}-0${1 + (i % 9)}-1${i % 9},139${String(i).padStart(8, '0')},b${i}@example.com`);
  }
  return lines.join('\n');
}

async function must<T>(p: Promise<{ ok: boolean; data?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data as T;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-bench-'));
  // TEST_COST: this benchmark measures data paths, not password hashing (which is ~0.3 s by design).
  core = await createCore({ dataDir: dir, passwordCost: TEST_COST, log: () => {}, auditKey: TEST_AUDIT_KEY });
  await must(core.call('setup.initialize', { departmentName: '运营部', adminUsername: 'admin', adminPassword: 'Bench-pass-1' }));
  token = (await must<{ token: string }>(core.call('auth.login', { username: 'admin', password: 'Bench-pass-1' }))).token;
  csv = Buffer.from(generateCsv()).toString('base64');
  const started = performance.now();
  const result = await must<{ imported: number }>(core.call('org.employees.importCommit', { fileName: 'bench.csv', contentBase64: csv }, { token }));
  const seconds = (performance.now() - started) / 1000;
  console.log(`setup: imported ${result.imported} employees in ${seconds.toFixed(2)} s (${Math.round(result.imported / seconds)} rows/s, each with audit and timeline rows)`);
  const page = await must<{ rows: { id: string; groupId: string }[] }>(core.call('org.employees.list', { page: 50 }, { token }));
  someId = page.rows[0]!.id;
  groupId = page.rows[0]!.groupId;
  for (const [label, sql] of [
    ['list by group', "EXPLAIN QUERY PLAN SELECT * FROM org_employees e WHERE e.archived_at IS NULL AND e.group_id = 'x' ORDER BY e.employee_no LIMIT 20"],
    ['search by name', "EXPLAIN QUERY PLAN SELECT * FROM org_employees e WHERE e.name LIKE '%王%' ESCAPE '\\' ORDER BY e.employee_no LIMIT 20"],
    ['first page by name (pinyin key)', 'EXPLAIN QUERY PLAN SELECT * FROM org_employees e WHERE e.archived_at IS NULL ORDER BY e.name_pinyin, e.id LIMIT 20'],
    ['audit tail', 'EXPLAIN QUERY PLAN SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'],
  ] as const) {
    const plan = (core.db.raw.prepare(sql).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    console.log(`plan (${label}): ${plan}`);
  }
  console.log(`database: ${(fs.statSync(path.join(dir, 'opsdesk.sqlite')).size / 1024 / 1024).toFixed(1)} MiB`);
}, 600_000);

afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`organisation, ${EMPLOYEES} employees`, () => {
  bench('employees.list: first page of 20 with total', async () => {
    await must(core.call('org.employees.list', { pageSize: 20 }, { token }));
  });
  bench('employees.list: page 200, sorted by name desc', async () => {
    await must(core.call('org.employees.list', { page: 200, pageSize: 20, sortField: 'name', sortOrder: 'desc' }, { token }));
  });
  bench('employees.list: one group, sorted by hire date', async () => {
    await must(core.call('org.employees.list', { groupId, sortField: 'hireDate' }, { token }));
  });
  bench('employees.list: search "王"', async () => {
    await must(core.call('org.employees.list', { search: '王' }, { token }));
  });
  bench('employees.list: first page sorted by name (pinyin)', async () => {
    await must(core.call('org.employees.list', { pageSize: 20, sortField: 'name' }, { token }));
  });
  bench('employees.list: search "wang" (full pinyin)', async () => {
    await must(core.call('org.employees.list', { search: 'wang' }, { token }));
  });
  bench('employees.list: search "wxm" (initials)', async () => {
    await must(core.call('org.employees.list', { search: 'wxm' }, { token }));
  });
  bench('employees.list: picker, 30 active sorted by name, search "zh"', async () => {
    await must(core.call('org.employees.list', { search: 'zh', status: 'active', pageSize: 30, sortField: 'name' }, { token }));
  });
  bench('employees.get: detail', async () => {
    await must(core.call('org.employees.get', { id: someId }, { token }));
  });
  let n = 0;
  bench('employees.update: one transaction + audit + timeline (synchronous=FULL)', async () => {
    n++;
    const d = await must<Record<string, unknown>>(core.call('org.employees.get', { id: someId }, { token }));
    await must(
      core.call(
        'org.employees.update',
        { id: someId, employeeNo: d.employeeNo, name: d.name, gender: d.gender, positionId: d.positionId, groupId: d.groupId, managerId: d.managerId, hireDate: d.hireDate, phone: `1390000${String(n).padStart(4, '0')}`, email: '', status: 'active' },
        { token },
      ),
    );
  });
  bench('org.chart', async () => {
    await must(core.call('org.chart', {}, { token }));
  });
  bench(`importPreview: ${EMPLOYEES} rows (all duplicates of existing numbers)`, async () => {
    await must(core.call('org.employees.importPreview', { fileName: 'bench.csv', contentBase64: csv }, { token }));
  }, { iterations: 3, time: 0, warmupIterations: 0 });
  bench(`export: ${EMPLOYEES} rows to .xlsx`, async () => {
    await must(core.call('org.employees.export', {}, { token }));
  }, { iterations: 3, time: 0, warmupIterations: 0 });
});
