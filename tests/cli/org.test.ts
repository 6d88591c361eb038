import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, call, countRows, createStaff, initialisedDir, opsdesk, tempDir } from './support/cli.js';

const HEADER = ['工号', '姓名', '性别', '岗位', '小组', '直属上级', '入职日期', '电话', '邮箱', '状态', '离职日期'];
const ROWS = [
  ['T001', '周一', '男', '组长', '项目运营组', '', '2023-04-03', '13900000001', 't001@example.com', '在职'],
  ['T002', '吴二', '女', '专员', '项目运营组', 'T001', '2024-02-30', '', '', '在职'], // row 3: no such date
  ['T003', '郑三', '男', '专员', '数据分析组', 'T001', '2024-05-06', '', '', ''],
  ['T004', '王四', '女', '专员', '客户服务组', 'T001', '2025-01-02', '13900000004', '', '在职'],
];

async function writeWorkbook(file: string, rows: string[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('员工');
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(file);
}

async function readWorkbook(file: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

describe('opsdesk org import / export', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await initialisedDir();
    file = path.join(tempDir(), '员工导入.xlsx');
    await writeWorkbook(file, ROWS);
  });

  it('previews with --dry-run: prints the bad row and writes nothing', async () => {
    const run = await opsdesk(['--data-dir', dir, 'org', 'import', file, '--user', ADMIN.username, '--dry-run'], { password: ADMIN.password });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^3\s+入职日期 \(hireDate\)\s+not a valid date\s+2024-02-30$/m);
    expect(run.stdout).toContain('4 rows: 3 valid, 1 with problems.');
    expect(run.stdout).toContain('Dry run');
    expect(await countRows(dir, 'org_employees')).toBe(0);
  });

  it('prints the check as JSON with --json: counts and every problem, exit 0; a refusal as JSON with exit 1', async () => {
    const run = await opsdesk(['--data-dir', dir, 'org', 'import', file, '--user', ADMIN.username, '--dry-run', '--json'], { password: ADMIN.password });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual({
      ok: true,
      file,
      dryRun: true,
      rows: 4,
      valid: 3,
      invalid: 1,
      imported: 0,
      skipped: 0,
      problems: [{ row: 3, column: '入职日期', field: 'hireDate', code: 'badDate', problem: 'not a valid date', value: '2024-02-30' }],
      refusal: null,
    });
    expect(await countRows(dir, 'org_employees')).toBe(0);

    const junk = path.join(tempDir(), 'junk.csv');
    fs.writeFileSync(junk, '编号,名字\nX1,某人\n');
    const noHeader = await opsdesk(['--data-dir', dir, 'org', 'import', junk, '--user', ADMIN.username, '--json'], { password: ADMIN.password });
    expect(noHeader.code).toBe(1);
    expect(noHeader.json()).toMatchObject({ ok: false, imported: 0, refusal: { code: 'noHeader', message: expect.stringContaining('no header row') } });
  });

  it('imports the valid rows, skips the bad one, and refuses a staff user', async () => {
    const run = await opsdesk(['--data-dir', dir, 'org', 'import', file, '--user', ADMIN.username], { password: ADMIN.password });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^3\s+入职日期/m);
    expect(run.stdout).toContain('Imported 3 employees; skipped 1 rows with problems.');
    const list = (await call(dir, 'org.employees.list', { sortField: 'employeeNo' })).envelope.data as { rows: { employeeNo: string; managerName: string | null }[] };
    expect(list.rows.map((r) => r.employeeNo)).toEqual(['T001', 'T003', 'T004']);
    expect(list.rows.find((r) => r.employeeNo === 'T003')!.managerName).toBe('周一');

    // Importing the same file again: every row is now a duplicate or invalid, nothing to import.
    const again = await opsdesk(['--data-dir', dir, 'org', 'import', file, '--user', ADMIN.username], { password: ADMIN.password });
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('employee number already exists');
    expect(again.stderr).toContain('nothing was imported');

    await createStaff(dir, 'staffer', 'Staff-pass-1');
    const denied = await opsdesk(['--data-dir', dir, 'org', 'import', file, '--user', 'staffer'], { password: 'Staff-pass-1' });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('FORBIDDEN: this user is not allowed');
    const deniedJson = await opsdesk(['--data-dir', dir, 'org', 'import', file, '--user', 'staffer', '--json'], { password: 'Staff-pass-1' });
    expect(deniedJson.code).toBe(1);
    expect(deniedJson.json()).toMatchObject({ ok: false, refusal: { code: 'FORBIDDEN', message: 'this user is not allowed to do that' } });
    expect(await countRows(dir, 'org_employees')).toBe(3);
  });

  it('exports a readable .xlsx whose header matches the import, in either language', async () => {
    const out = path.join(tempDir(), 'employees.xlsx');
    const run = await opsdesk(['--data-dir', dir, 'org', 'export', out, '--user', ADMIN.username], { password: ADMIN.password });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(out);
    const rows = await readWorkbook(out);
    expect(rows[0]).toEqual(HEADER);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['T001', 'T003', 'T004']);
    expect(rows[1]!.slice(1, 3)).toEqual(['周一', '男']);

    // A folder as target: the file keeps the name the core gives it.
    const folder = tempDir();
    const english = await opsdesk(['--data-dir', dir, 'org', 'export', folder, '--user', ADMIN.username, '--locale', 'en-US'], { password: ADMIN.password });
    expect(english.code, english.stderr).toBe(0);
    const written = fs.readdirSync(folder);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^employees-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect((await readWorkbook(path.join(folder, written[0]!)))[0]!.slice(0, 3)).toEqual(['Employee no.', 'Name', 'Gender']);
  });

  it('reports an unreadable or missing file with exit 1 and no partial import', async () => {
    const junk = path.join(tempDir(), 'junk.xlsx');
    fs.writeFileSync(junk, 'this is not a workbook');
    const unreadable = await opsdesk(['--data-dir', dir, 'org', 'import', junk, '--user', ADMIN.username], { password: ADMIN.password });
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toContain('not a readable');

    const missing = await opsdesk(['--data-dir', dir, 'org', 'import', path.join(tempDir(), 'none.xlsx'), '--user', ADMIN.username], { password: ADMIN.password });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ENOENT');
  });
});
