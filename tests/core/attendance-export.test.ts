import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { FileDownload } from '../../shared/api/fields.js';
import type { MonthReport } from '../../shared/api/attendance.js';
import { LEAVE_TYPES } from '../../shared/domain/attendance/types.js';
import { login, ok } from './support/harness.js';
import { plainCsv, ZKTECO_HEADER, zktecoRow } from './support/attendance-files.js';
import { demoWorld } from './support/world.js';

const ZH_HEADER = ['工号', '姓名', '小组', '应出勤', '实出勤', '迟到次数', '迟到分钟', '早退次数', '早退分钟', '旷工天数', '缺卡次数', '事假', '病假', '年假', '调休', '婚假', '丧假', '产假', '陪产假'];

async function sheetOf(file: FileDownload): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

const valuesOf = (sheet: ExcelJS.Worksheet, row: number) => Array.from({ length: ZH_HEADER.length }, (_, i) => sheet.getRow(row).getCell(i + 1).value ?? null);

const figures = (r: MonthReport['totals']) => [
  r.workdays,
  r.presentDays,
  r.lateCount,
  r.lateMinutes,
  r.earlyCount,
  r.earlyMinutes,
  r.absentDays,
  r.missingPunches,
  ...LEAVE_TYPES.map((t) => r.leaveDays[t]),
];

/** February 2026 (a past month at the test clock's 2 March) with a few punches: on time, late, one missing. */
async function februaryWorld() {
  const w = await demoWorld();
  const hr = await login(w.core, 'hr');
  await ok(
    w.core,
    hr,
    'attendance.import.commit',
    plainCsv([
      ZKTECO_HEADER,
      zktecoRow('YY007', '2026-02-02 08:58:00'),
      zktecoRow('YY007', '2026-02-02 18:05:00'),
      zktecoRow('YY008', '2026-02-02 09:25:00'),
      zktecoRow('YY008', '2026-02-02 18:00:00'),
      zktecoRow('YY009', '2026-02-03 08:50:00'),
    ]),
  );
  return { ...w, hr };
}

describe('monthly statistics export', () => {
  it('writes the sheet an office prints: title, month and workdays, header, one row a person, totals', async () => {
    const w = await februaryWorld();
    const report = await ok(w.core, w.hr, 'attendance.month.report', { month: '2026-02' });
    const file = await ok(w.core, w.hr, 'attendance.month.export', { month: '2026-02' });
    expect(file.fileName).toBe('考勤统计-2026-02.xlsx');
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

    const sheet = await sheetOf(file);
    expect(sheet.getCell('A1').value).toBe('运营部 2026年2月考勤统计');
    expect(sheet.getCell('S1').isMerged).toBe(true); // the title spans all 19 columns
    expect(String(sheet.getCell('A2').value)).toContain('统计月份：2026年2月');
    expect(String(sheet.getCell('A2').value)).toContain(`应出勤天数：${report.workdays} 天`);
    expect(valuesOf(sheet, 3)).toEqual(ZH_HEADER);

    expect(report.employees.length).toBeGreaterThan(20);
    report.employees.forEach((e, i) => {
      expect(valuesOf(sheet, 4 + i)).toEqual([e.employeeNo, e.name, e.groupName, ...figures(e)]);
    });
    const totals = 4 + report.employees.length;
    expect(valuesOf(sheet, totals)).toEqual(['合计', null, null, ...figures(report.totals)]);
    expect(sheet.rowCount).toBe(totals);
    expect(sheet.getCell(`A${totals}`).font?.bold).toBe(true);

    // The figures are the report's: the late punch shows up in both.
    const late = report.employees.find((e) => e.employeeNo === 'YY008')!;
    expect(late.lateCount).toBe(1);
    expect(late.lateMinutes).toBe(25);
    expect(report.employees.find((e) => e.employeeNo === 'YY009')!.missingPunches).toBeGreaterThan(0);
  });

  it('writes English headers for en-US, and only the rows the caller may see', async () => {
    const w = await februaryWorld();
    const file = await ok(w.core, w.hr, 'attendance.month.export', { month: '2026-02', locale: 'en-US' });
    expect(file.fileName).toBe('attendance-2026-02.xlsx');
    const sheet = await sheetOf(file);
    expect(sheet.getCell('A1').value).toBe('运营部: Attendance 2026-02');
    expect(valuesOf(sheet, 3).slice(0, 4)).toEqual(['Employee no.', 'Name', 'Group', 'Workdays']);
    expect(valuesOf(sheet, 3).at(-1)).toBe('Paternity leave');

    const lead = await login(w.core, 'lead1'); // 项目运营组
    const own = await ok(w.core, lead, 'attendance.month.report', { month: '2026-02' });
    const leadSheet = await sheetOf(await ok(w.core, lead, 'attendance.month.export', { month: '2026-02' }));
    const nos = own.employees.map((e) => e.employeeNo);
    expect(nos).toContain('YY007');
    expect(nos).not.toContain('YY012');
    expect(Array.from({ length: nos.length }, (_, i) => leadSheet.getCell(`A${4 + i}`).value)).toEqual(nos);
    expect(leadSheet.getCell(`A${4 + nos.length}`).value).toBe('合计');
  });

  it('names the group when exported for one group', async () => {
    const w = await februaryWorld();
    const sheet = await sheetOf(await ok(w.core, w.hr, 'attendance.month.export', { month: '2026-02', groupId: w.opsGroupId }));
    expect(sheet.getCell('A1').value).toBe('运营部 项目运营组 2026年2月考勤统计');
    expect(sheet.getCell('C4').value).toBe('项目运营组');
  });
});
