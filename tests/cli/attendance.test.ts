import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, countRows, databaseUrlFor, hasStackTrace, onPostgres, opsdesk, tempDir } from './support/cli.js';

/**
 * `opsdesk attendance import` and `attendance report` on a demo department: the exact JSON IT
 * scripts read, the human output, exit codes and refusals.
 */

const DEMO_PASSWORD = 'OpsDesk-demo-1';
const HR_PASSWORD = 'Quiet-Meadow-Lantern-47';
const ZKTECO_HEADER = ['部门', '姓名', '考勤号码', '日期时间', '机器号', '编号', '比对方式', '卡号'];
const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';

const LEAVE_TYPES = ['personal', 'sick', 'annual', 'compensatory', 'marriage', 'bereavement', 'maternity', 'paternity'];
const EMPLOYEE_KEYS = ['employeeNo', 'name', 'workdays', 'presentDays', 'lateCount', 'lateMinutes', 'earlyCount', 'earlyMinutes', 'absentDays', 'missingPunches', 'leaveDays'];

describe('opsdesk attendance', () => {
  let dir: string;
  let file: string;
  /** The demo's own punches (its last three months): the counts below are on top of them. */
  let demoPunches: number;
  const hr = (args: string[]) => opsdesk(['--data-dir', dir, 'attendance', ...args, '--user', 'hr'], { password: HR_PASSWORD });

  beforeAll(async () => {
    dir = tempDir();
    const demo = await opsdesk(['--data-dir', dir, 'demo']);
    if (demo.code !== 0) throw new Error(`demo failed: ${demo.stderr}`);
    for (const user of ['hr', 'staff1']) {
      const changed = await call(dir, 'auth.changePassword', { currentPassword: DEMO_PASSWORD, newPassword: HR_PASSWORD }, user, DEMO_PASSWORD);
      if (changed.code !== 0) throw new Error(`changePassword failed: ${changed.stdout}`);
    }
    demoPunches = await countRows(dir, 'att_punches');
    file = path.join(tempDir(), '考勤记录.csv');
    fs.writeFileSync(
      file,
      csv([
        ZKTECO_HEADER,
        ['运营部', '孙浩', 'YY007', '2025-03-03 08:58:12', '1', '1', '指纹', ''],
        ['运营部', '孙浩', 'YY007', '2025-03-03 18:05:00', '1', '2', '指纹', ''],
        ['运营部', '某人', 'ZZ999', '2025-03-03 09:00:00', '1', '3', '指纹', ''],
        ['运营部', '周敏', 'YY008', '2025-03-03 09:25:00', '1', '4', '指纹', ''],
        ['运营部', '周敏', 'YY008', '2025-02-30 18:00:00', '1', '5', '指纹', ''],
      ]),
    );
  });

  it('checks a file with --dry-run --json: the exact counts object, nothing written', async () => {
    const run = await hr(['import', file, '--dry-run', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual({
      imported: 3,
      duplicates: 0,
      rejected: [
        { row: 4, problem: 'unknownEmployee' },
        { row: 6, problem: 'badTime' },
      ],
    });
    expect(await countRows(dir, 'att_punches')).toBe(demoPunches);
  });

  it('imports with --json; importing the file again adds nothing', async () => {
    const first = await hr(['import', file, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.json()).toEqual({ imported: 3, duplicates: 0, rejected: [{ row: 4, problem: 'unknownEmployee' }, { row: 6, problem: 'badTime' }] });
    expect(await countRows(dir, 'att_punches')).toBe(demoPunches + 3);

    const again = await hr(['import', file]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^4\s+unknownEmployee: no employee with this number$/m);
    expect(again.stdout).toMatch(/^6\s+badTime: /m);
    expect(again.stdout).toContain('Imported 0 punches; 3 duplicates skipped, 2 rows with problems.');
    expect(await countRows(dir, 'att_punches')).toBe(demoPunches + 3);
  });

  it('refuses an unusable file and a user without the permission: exit 1, a message, no stack', async () => {
    const junk = path.join(tempDir(), 'junk.csv');
    fs.writeFileSync(junk, '编号,名字\nX1,某人\n');
    const asJson = await hr(['import', junk, '--json']);
    expect(asJson.code).toBe(1);
    expect(asJson.json()).toEqual({ error: { code: 'VALIDATION', message: expect.stringContaining('no header row') } });
    const plain = await hr(['import', junk]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('import refused: no header row');

    const staff = await opsdesk(['--data-dir', dir, 'attendance', 'import', file, '--user', 'staff1', '--json'], { password: HR_PASSWORD });
    expect(staff.code).toBe(1);
    expect(staff.json()).toEqual({ error: { code: 'FORBIDDEN', message: 'this user is not allowed to do that' } });
    for (const run of [asJson, plain, staff]) expect(hasStackTrace(run.stderr)).toBe(false);

    const missing = await hr(['import', path.join(tempDir(), 'none.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read');
  });

  it('prints the month report as JSON with the documented fields, and writes the export with --out', async () => {
    const out = path.join(tempDir(), '考勤统计.xlsx');
    const run = await hr(['report', '--month', '2025-03', '--json', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const report = run.json<{ month: string; workdays: number; employees: Record<string, unknown>[] }>();
    expect(Object.keys(report)).toEqual(['month', 'workdays', 'employees']);
    expect(report.month).toBe('2025-03');
    expect(report.workdays).toBeGreaterThan(10);
    // Those employed in March 2025 (the two hired later are not in it).
    expect(report.employees.map((e) => e.employeeNo)).toEqual(Array.from({ length: 22 }, (_, i) => `YY${String(i + 1).padStart(3, '0')}`).concat('YY025'));
    for (const e of report.employees) {
      expect(Object.keys(e)).toEqual(EMPLOYEE_KEYS);
      expect(Object.keys(e.leaveDays as object)).toEqual(LEAVE_TYPES);
    }
    const late = report.employees.find((e) => e.employeeNo === 'YY008')!;
    expect(late).toMatchObject({ name: '周敏', lateCount: 1, lateMinutes: 25 });
    expect(run.stderr).toContain(`Wrote ${out}`);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('运营部 2025年3月考勤统计');
    expect(sheet.getCell('A3').value).toBe('工号');
    expect(sheet.getCell(`A${4 + report.employees.length}`).value).toBe('合计');
  });

  it('prints a table without --json, and refuses a bad month as a usage error', async () => {
    const run = await hr(['report', '--month', '2025-03']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Attendance 2025-03: \d+ workdays/);
    expect(run.stdout).toMatch(/^YY008\s+周敏\s+\d+\s+\d+(\.5)?\s+1\s+25\s/m);
    expect(run.stdout).toMatch(/^TOTAL\s/m);

    const bad = await hr(['report', '--month', '2026-13']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--month must be YYYY-MM');
  });

  it('is listed in the help', async () => {
    const help = await opsdesk(['--help']);
    expect(help.stdout).toMatch(/^ {2}attendance import\s/m);
    expect(help.stdout).toMatch(/^ {2}attendance report\s/m);
    const own = await opsdesk(['attendance', 'import', '--help']);
    expect(own.stdout).toContain('Usage: opsdesk [--data-dir DIR] attendance import FILE --user U [--dry-run] [--json]');
  });

  it.skipIf(!onPostgres)('reaches the server named by --database-url', async () => {
    const url = await databaseUrlFor(dir);
    const run = await opsdesk(['--data-dir', dir, '--database-url', url, 'attendance', 'report', '--month', '2025-03', '--user', 'hr', '--json'], {
      password: HR_PASSWORD,
      env: { OPSDESK_DATABASE_URL: '' },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json<{ employees: unknown[] }>().employees.length).toBe(23);
  });
});
