import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../shared/api/index.js';
import type { CoreEvent } from '../../shared/api/events.js';
import { count, fails, fingerprint, initialised, login, ok } from './support/harness.js';
import { csvText, csvUpload, IMPORT_HEADER, readXlsxRows, upload, xlsxUpload } from './support/files.js';
import { demoWorld, type World } from './support/world.js';

/** A row of the import file in IMPORT_HEADER order; unspecified columns are blank. */
const row = (r: Partial<Record<'no' | 'name' | 'gender' | 'position' | 'group' | 'manager' | 'hired' | 'phone' | 'email' | 'status' | 'left', string>>) => [
  r.no ?? '',
  r.name ?? '',
  r.gender ?? '',
  r.position ?? '',
  r.group ?? '',
  r.manager ?? '',
  r.hired ?? '',
  r.phone ?? '',
  r.email ?? '',
  r.status ?? '',
  r.left ?? '',
];
const valid = (no: string, extra: Parameters<typeof row>[0] = {}) => row({ no, name: `员工${no}`, gender: '女', hired: '2024-03-01', ...extra });

const problemsByRow = (p: ImportPreview) => Object.fromEntries(p.rows.map((r) => [r.rowNumber, r.problems.map((x) => `${x.field}:${x.code}`)]));

async function preview(w: World, file: Awaited<ReturnType<typeof xlsxUpload>>, token = w.admin) {
  const before = await fingerprint(w.core);
  const result = await ok(w.core, token, 'org.employees.importPreview', file);
  expect(await fingerprint(w.core)).toBe(before); // a preview never writes
  return result;
}

describe('employee import', () => {
  it('reports every problem of every row with its spreadsheet row number', async () => {
    const w = await demoWorld();
    const rows = [
      IMPORT_HEADER,
      valid('N001', { position: '专员', group: '项目运营组', manager: 'YY004', phone: '13800001111', email: 'n001@example.com', status: '在职' }),
      valid('N002', { name: '' }),
      valid('N003', { hired: '2025-02-30' }),
      valid('N004', { email: 'n004@' }),
      valid('N005', { phone: '电话13800' }),
      valid('N006', { gender: '未知' }),
      valid('N007', { name: '长'.repeat(51) }),
      valid('N008', { group: '不存在的组' }),
      valid('N009', { position: '不存在的岗位' }),
      valid('N010', { manager: 'X999' }),
      valid('N011'),
      valid('n011'),
      valid('YY001'),
      valid('N012', { status: '休假' }),
      valid('N 13'),
      valid('N014', { manager: 'N015' }), // a manager defined further down the same file
      valid('N015'),
      valid('N016', { manager: 'N003' }), // whose manager's row is invalid
      row({}),
      valid('N017', { hired: '', gender: '' }),
      valid('N018', { manager: 'N019' }),
      valid('N019', { manager: '员工N018' }), // by name: the two would report to each other
    ];
    const result = await preview(w, csvUpload(rows));
    expect(result.fileProblem).toBeNull();
    expect(result.columns.map((c) => c.field)).toEqual(['employeeNo', 'name', 'gender', 'position', 'group', 'manager', 'hireDate', 'phone', 'email', 'status', 'leftDate']);
    expect(problemsByRow(result)).toEqual({
      2: [],
      3: ['name:missing'],
      4: ['hireDate:badDate'],
      5: ['email:badEmail'],
      6: ['phone:badPhone'],
      7: ['gender:badValue'],
      8: ['name:tooLong'],
      9: ['group:unknownGroup'],
      10: ['position:unknownPosition'],
      11: ['manager:unknownManager'],
      12: ['employeeNo:duplicateInFile'],
      13: ['employeeNo:duplicateInFile'],
      14: ['employeeNo:duplicateExisting'],
      15: ['status:badValue'],
      16: ['employeeNo:badValue'],
      17: [],
      18: [],
      19: ['manager:unknownManager'],
      // row 20 is blank: skipped, and the rows after it keep their numbers
      21: ['gender:missing', 'hireDate:missing'],
      22: ['manager:managerCycle'],
      23: ['manager:managerCycle'],
    });
    expect(result.rows[0]!.values).toMatchObject({ employeeNo: 'N001', group: '项目运营组', hireDate: '2024-03-01' });
    expect([result.validCount, result.invalidCount]).toEqual([3, 18]);
  });

  it('checks dates and phone numbers by the same rules as the employee form', async () => {
    const w = await demoWorld();
    const file = csvUpload([
      IMPORT_HEADER,
      valid('P001', { hired: '20240305' }),
      valid('P002', { hired: '2024/3/5' }),
      valid('P003', { hired: '2024-02-30' }),
      valid('P004', { phone: '12345' }),
      valid('P005', { phone: '021-5555 1234' }),
      valid('P006', { phone: '+86 139 1234 5678' }),
      valid('P007', { phone: '+44 20 7946 0958' }), // international form: plainly a foreign number
      valid('P008', { phone: '1391234567' }),
      valid('P009', { phone: '+44 12' }),
    ]);
    const result = await preview(w, file);
    expect(problemsByRow(result)).toEqual({ 2: [], 3: [], 4: ['hireDate:badDate'], 5: ['phone:badPhone'], 6: [], 7: [], 8: [], 9: ['phone:badPhone'], 10: ['phone:badPhone'] });
    expect(result.rows.slice(0, 2).map((r) => r.values.hireDate)).toEqual(['20240305', '2024/3/5']);
    await ok(w.core, w.admin, 'org.employees.importCommit', file);
    const hired = (await ok(w.core, w.admin, 'org.employees.list', { search: 'P00', pageSize: 50 })).rows.map((r) => [r.employeeNo, r.hireDate]);
    expect(hired.slice(0, 2)).toEqual([['P001', '2024-03-05'], ['P002', '2024-03-05']]);
  });

  it('offers a template: the headers the import reads, nothing to delete, each column explained', async () => {
    const w = await demoWorld();
    const template = await ok(w.core, w.admin, 'org.employees.importTemplate', {});
    expect(template.fileName).toBe('员工导入模板.xlsx');
    expect(await readXlsxRows(template.contentBase64)).toEqual([IMPORT_HEADER]);
    const preview = await ok(w.core, w.admin, 'org.employees.importPreview', { fileName: template.fileName, contentBase64: template.contentBase64 });
    expect(preview.fileProblem).toBe('empty'); // read as an import file: the headers are known, no rows yet
    expect(preview.columns.every((c) => c.field !== null)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(template.contentBase64, 'base64') as unknown as ArrayBuffer);
    const notes = workbook.worksheets[1]!;
    expect(notes.name).toBe('填写说明');
    expect(notes.getRow(8).values).toEqual([undefined, '入职日期', '是', '例如 2024-03-05、2024/3/5 或 20240305']);
    expect((await ok(w.core, w.admin, 'org.employees.importTemplate', { locale: 'en-US' })).fileName).toBe('employee-import-template.xlsx');
    expect((await fails(w.core, await login(w.core, 'staff1'), 'org.employees.importTemplate', {})).code).toBe('FORBIDDEN');
  });

  it('accepts as manager only employees the form would accept: not archived', async () => {
    const w = await demoWorld();
    const archived = (await ok(w.core, w.admin, 'org.employees.list', { search: 'YY008' })).rows[0]!;
    await ok(w.core, w.admin, 'org.employees.archive', { id: archived.id });
    const file = csvUpload([IMPORT_HEADER, valid('M001', { manager: 'YY008' }), valid('M002', { manager: 'yy009' }), valid('M003', { manager: '周敏' })]);
    expect(problemsByRow(await preview(w, file))).toEqual({ 2: ['manager:unknownManager'], 3: [], 4: ['manager:unknownManager'] });
  });

  it('marks rows outside a deputy’s groups as out of scope', async () => {
    const w = await demoWorld();
    const deputy1 = await login(w.core, 'deputy1'); // manages 项目运营组
    const file = csvUpload([IMPORT_HEADER, valid('D001', { group: '项目运营组' }), valid('D002', { group: '数据分析组' }), valid('D003')]);
    expect(problemsByRow(await preview(w, file, deputy1))).toEqual({ 2: [], 3: ['group:outOfScope'], 4: ['group:outOfScope'] });
    expect(await ok(w.core, deputy1, 'org.employees.importCommit', file)).toEqual({ imported: 1, skipped: 2 });
    expect((await ok(w.core, w.admin, 'org.employees.list', { search: 'D00' })).rows.map((r) => r.employeeNo)).toEqual(['D001']);
  });

  it('reports problems with the file itself', async () => {
    const w = await demoWorld();
    const cases: [string, Awaited<ReturnType<typeof xlsxUpload>>][] = [
      ['unreadable', upload('employees.xlsx', 'PK this is not a workbook')],
      ['unreadable', upload('employees.doc', 'whatever')],
      ['empty', upload('employees.csv', '')],
      ['empty', csvUpload([IMPORT_HEADER])],
      ['empty', await xlsxUpload([])],
      ['noHeader', csvUpload([['编号', '名字'], ['N001', '张三']])],
      ['tooManyRows', upload('big.csv', csvText([IMPORT_HEADER, ...Array.from({ length: 5001 }, (_, i) => valid(`B${i}`))]))],
    ];
    for (const [problem, file] of cases) {
      const result = await preview(w, file);
      expect({ file: file.fileName, problem: result.fileProblem, rows: result.rows.length }).toEqual({ file: file.fileName, problem, rows: 0 });
      const before = await fingerprint(w.core);
      expect(await fails(w.core, w.admin, 'org.employees.importCommit', file)).toEqual({
        code: 'VALIDATION',
        message: 'error.importFileInvalid',
        fields: { file: `import.fileProblem.${problem}` },
      });
      expect(await fingerprint(w.core)).toBe(before);
    }
  });

  it('imports exactly the valid rows, linking managers found in the same file', async () => {
    const w = await demoWorld();
    const employees = await count(w.core, 'org_employees');
    const file = csvUpload([
      IMPORT_HEADER,
      valid('N101', { manager: 'N102', group: '客户服务组', position: '专员', status: '在职' }),
      valid('N102', { manager: '赵丽娟', group: '客户服务组', position: '组长' }),
      valid('N103', { hired: '2024-13-01' }),
      valid('N104', { manager: 'N103' }),
      valid('N105', { status: '离职', left: '2025/1/31' }),
      valid('N106', { status: '离职' }),
    ]);
    expect(await ok(w.core, w.admin, 'org.employees.importCommit', file)).toEqual({ imported: 3, skipped: 3 });
    expect(await count(w.core, 'org_employees')).toBe(employees + 3);
    const get = async (no: string) => {
      const r = (await ok(w.core, w.admin, 'org.employees.list', { search: no, includeArchived: true })).rows;
      return r.length ? ok(w.core, w.admin, 'org.employees.get', { id: r[0]!.id }) : null;
    };
    const [n101, n102] = [await get('N101'), await get('N102')];
    expect(n101).toMatchObject({ managerName: '员工N102', groupName: '客户服务组', positionTitle: '专员', status: 'active' });
    expect(n102).toMatchObject({ managerName: '赵丽娟', positionTitle: '组长' });
    expect(await get('N103')).toBeNull();
    expect(await get('N104')).toBeNull();
    expect(await get('N105')).toMatchObject({ status: 'left', leftDate: '2025-01-31' });
    expect(await get('N106')).toBeNull(); // 离职 without a leaving date, as the form refuses
    expect((await ok(w.core, w.admin, 'audit.list', { method: 'org.employees.importCommit', entity: 'employee', pageSize: 10 })).rows[0]).toMatchObject({
      action: 'import',
      after: { fileName: 'employees.csv', imported: 3, skipped: 3 },
    });
    // Importing the same file again finds every number taken.
    expect((await fails(w.core, w.admin, 'org.employees.importCommit', file)).message).toBe('error.importNothingValid');
  });

  it('reads .xlsx cells of every kind: dates, Excel serials, Chinese dates, numbers', async () => {
    const w = await demoWorld();
    const file = await xlsxUpload([
      ['员工编号', 'Name', 'gender', '入职日期', '手机', 'Group', '备注'],
      [1001, '日期格', 'male', new Date(Date.UTC(2024, 2, 1)), 13800001234, '项目运营组', '忽略'],
      ['X1002', '序列号', 'F', 45352, '138-0000-1234', '', ''],
      ['X1003', '中文日期', '女', '2024年3月1日', '', '', ''],
      ['X1004', '斜杠日期', '男', '2024/3/1', '', '', ''],
      ['X1005', '坏日期', '男', '2024/2/30', '', '', ''],
    ]);
    const result = await preview(w, file);
    expect(result.columns.map((c) => c.field)).toEqual(['employeeNo', 'name', 'gender', 'hireDate', 'phone', 'group', null]);
    expect(problemsByRow(result)).toEqual({ 2: [], 3: [], 4: [], 5: [], 6: ['hireDate:badDate'] });
    expect(result.rows[0]!.values).toMatchObject({ employeeNo: '1001', hireDate: '2024-03-01', phone: '13800001234' });
    expect(await ok(w.core, w.admin, 'org.employees.importCommit', file)).toEqual({ imported: 4, skipped: 1 });
    const imported = (await ok(w.core, w.admin, 'org.employees.list', { search: '100', sortField: 'employeeNo' })).rows;
    expect(imported.map((r) => [r.employeeNo, r.hireDate])).toEqual([
      ['1001', '2024-03-01'],
      ['X1002', '2024-03-01'],
      ['X1003', '2024-03-01'],
      ['X1004', '2024-03-01'],
    ]);
    expect(imported[0]!.gender).toBe('male');
    expect(imported[1]!.gender).toBe('female');
  });

  it('reads CSV in UTF-8 with a BOM and in GBK, as Chinese Excel saves it', async () => {
    const w = await demoWorld();
    const utf8 = await preview(w, csvUpload([['工号', '姓名', '性别', '入职日期'], ['G001', '王小明', '男', '2024/3/1']]));
    expect(utf8.columns[0]!.header).toBe('工号'); // the BOM is not part of the first header
    expect(problemsByRow(utf8)).toEqual({ 2: [] });

    // The GBK bytes of: 工号,姓名,性别,入职日期 / G002,张三,男,2024-03-01 / G003,李四,女,2024/3/1
    const gbk = Buffer.from([
      ...[0xb9, 0xa4, 0xba, 0xc5], 0x2c, ...[0xd0, 0xd5, 0xc3, 0xfb], 0x2c, ...[0xd0, 0xd4, 0xb1, 0xf0], 0x2c, ...[0xc8, 0xeb, 0xd6, 0xb0, 0xc8, 0xd5, 0xc6, 0xda], 0x0d, 0x0a,
      ...Buffer.from('G002,'), ...[0xd5, 0xc5, 0xc8, 0xfd], 0x2c, ...[0xc4, 0xd0], ...Buffer.from(',2024-03-01\r\n'),
      ...Buffer.from('G003,'), ...[0xc0, 0xee, 0xcb, 0xc4], 0x2c, ...[0xc5, 0xae], ...Buffer.from(',2024/3/1\r\n'),
    ]);
    const result = await preview(w, upload('gbk.csv', gbk));
    expect(result.columns.map((c) => c.header)).toEqual(['工号', '姓名', '性别', '入职日期']);
    expect(result.rows.map((r) => [r.values.name, r.values.gender])).toEqual([
      ['张三', '男'],
      ['李四', '女'],
    ]);
    expect(await ok(w.core, w.admin, 'org.employees.importCommit', upload('gbk.csv', gbk))).toEqual({ imported: 2, skipped: 0 });
    expect((await ok(w.core, w.admin, 'org.employees.list', { search: 'G00' })).rows.map((r) => r.name)).toEqual(['张三', '李四']);
  });
});

describe('progress of long calls', () => {
  it('reports progress events for the caller’s callId while importing and exporting', async () => {
    const w = await demoWorld();
    const events: CoreEvent[] = [];
    w.core.on((e) => events.push(e));
    const rows = Array.from({ length: 450 }, (_, i) => valid(`P${String(i).padStart(3, '0')}`));
    const result = await w.core.call('org.employees.importCommit', csvUpload([IMPORT_HEADER, ...rows]), { token: w.admin, callId: 'import-1' });
    expect(result).toEqual({ ok: true, data: { imported: 450, skipped: 0 } });
    await w.core.call('org.employees.export', {}, { token: w.admin, callId: 'export-1' });
    const progress = (callId: string) => events.filter((e) => e.type === 'progress' && e.callId === callId).map((e) => (e.type === 'progress' ? `${e.phase} ${e.done}/${e.total}` : ''));
    expect(progress('import-1')).toEqual(['reading 0/1', 'checking 200/450', 'checking 400/450', 'importing 100/450', 'importing 200/450', 'importing 300/450', 'importing 400/450']);
    expect(progress('export-1')).toEqual(['querying 0/1', 'writing 0/1', 'writing 1/1']);
  });
});

describe('employee export', () => {
  const expectedRows = (rows: Awaited<ReturnType<typeof listAll>>) =>
    rows.map((r) => [
      r.employeeNo,
      r.name,
      r.gender === 'male' ? '男' : '女',
      r.positionTitle ?? '',
      r.groupName ?? '',
      r.managerName ?? '',
      r.hireDate,
      r.phone ?? '',
      r.email ?? '',
      r.status === 'active' ? '在职' : '离职',
      r.leftDate ?? '',
    ]);
  const listAll = async (w: World, filters: { groupId?: string } = {}) => (await ok(w.core, w.admin, 'org.employees.list', { pageSize: 200, ...filters })).rows;

  it('writes an .xlsx whose rows read back equal the list, with the list’s filters', async () => {
    const w = await demoWorld();
    const all = await ok(w.core, w.admin, 'org.employees.export', {});
    expect(all).toMatchObject({ fileName: '员工名单-2026-03-02.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(await readXlsxRows(all.contentBase64)).toEqual([IMPORT_HEADER, ...expectedRows(await listAll(w))]);
    const ops = await ok(w.core, w.admin, 'org.employees.export', { groupId: w.opsGroupId });
    expect((await readXlsxRows(ops.contentBase64)).slice(1)).toEqual(expectedRows(await listAll(w, { groupId: w.opsGroupId })));
    const en = await ok(w.core, w.admin, 'org.employees.export', { locale: 'en-US', search: 'YY001' });
    expect(en.fileName).toBe('employees-2026-03-02.xlsx');
    expect(await readXlsxRows(en.contentBase64)).toEqual([
      ['Employee no.', 'Name', 'Gender', 'Position', 'Group', 'Manager', 'Hire date', 'Phone', 'Email', 'Status', 'Left date'],
      ['YY001', '王建国', 'Male', '经理', '', '', '2015-03-02', '13800000001', 'yy001@example.com', 'Active', ''],
    ]);
  });

  it('exports a file that imports into a new department as the same people', async () => {
    const w = await demoWorld();
    const file = await ok(w.core, w.admin, 'org.employees.export', {});
    const fresh = await initialised();
    await ok(fresh.core, fresh.admin, 'org.positions.create', { title: '人事专员' });
    const result = await ok(fresh.core, fresh.admin, 'org.employees.importCommit', { fileName: file.fileName, contentBase64: file.contentBase64 });
    expect(result).toEqual({ imported: 25, skipped: 0 });
    const again = await ok(fresh.core, fresh.admin, 'org.employees.export', {});
    expect(await readXlsxRows(again.contentBase64)).toEqual(await readXlsxRows(file.contentBase64));
  });
});
