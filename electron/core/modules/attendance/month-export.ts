import type { FileDownload } from '../../../../shared/api/fields.js';
import type { ParsedInputOf } from '../../../../shared/api/index.js';
import type { MonthReport } from '../../../../shared/api/attendance.js';
import { LEAVE_TYPES, type LeaveType, type MonthFigures } from '../../../../shared/domain/attendance/types.js';
import { addDays, monthDates } from '../../../../shared/domain/attendance/time.js';
import type { Ctx } from '../../kernel/context.js';
import { XLSX_MIME } from '../../kernel/export.js';
import type { SheetCell, SheetSpec } from '../../kernel/jobs/spreadsheet.js';
import type { Bilingual } from '../../kernel/words.js';
import { sqlFor } from '../../db/sql.js';
import { getDepartment } from '../org/structure.js';
import { LEAVE_TYPE_NAMES } from './labels.js';
import { monthReport } from './month.js';

/**
 * 月度考勤统计 as an .xlsx an office prints (issue 9 item 7): the department and month as a title,
 * the month's workdays, one row a person, the totals; landscape, one page wide. The figures are
 * the month report's, so the file, the page and the CLI report always agree.
 */

const LEAVE_NAMES_EN: Record<LeaveType, string> = {
  personal: 'Personal leave',
  sick: 'Sick leave',
  annual: 'Annual leave',
  compensatory: 'Time off in lieu',
  marriage: 'Marriage leave',
  bereavement: 'Bereavement leave',
  maternity: 'Maternity leave',
  paternity: 'Paternity leave',
};

type Row = { employeeNo: string; name: string; groupName: string | null } & MonthFigures;

/** The figure columns in the order of the issue; days may be halves (Excel shows 0.5). */
const COLUMNS: { key: string; words: Bilingual; width: number; value: (r: Row) => SheetCell }[] = [
  { key: 'employeeNo', words: { zh: '工号', en: 'Employee no.' }, width: 10, value: (r) => r.employeeNo },
  { key: 'name', words: { zh: '姓名', en: 'Name' }, width: 10, value: (r) => r.name || null },
  { key: 'groupName', words: { zh: '小组', en: 'Group' }, width: 12, value: (r) => r.groupName },
  { key: 'workdays', words: { zh: '应出勤', en: 'Workdays' }, width: 8, value: (r) => r.workdays },
  { key: 'presentDays', words: { zh: '实出勤', en: 'Present' }, width: 8, value: (r) => r.presentDays },
  { key: 'lateCount', words: { zh: '迟到次数', en: 'Late (times)' }, width: 8, value: (r) => r.lateCount },
  { key: 'lateMinutes', words: { zh: '迟到分钟', en: 'Late (min)' }, width: 8, value: (r) => r.lateMinutes },
  { key: 'earlyCount', words: { zh: '早退次数', en: 'Early (times)' }, width: 8, value: (r) => r.earlyCount },
  { key: 'earlyMinutes', words: { zh: '早退分钟', en: 'Early (min)' }, width: 8, value: (r) => r.earlyMinutes },
  { key: 'absentDays', words: { zh: '旷工天数', en: 'Absent (days)' }, width: 8, value: (r) => r.absentDays },
  { key: 'missingPunches', words: { zh: '缺卡次数', en: 'Missing punches' }, width: 8, value: (r) => r.missingPunches },
  ...LEAVE_TYPES.map((type) => ({
    key: `leave_${type}`,
    words: { zh: LEAVE_TYPE_NAMES[type], en: LEAVE_NAMES_EN[type] },
    width: 8,
    value: (r: Row) => r.leaveDays[type] ?? 0,
  })),
];

const cellsOf = (r: Row): Record<string, SheetCell> => Object.fromEntries(COLUMNS.map((c) => [c.key, c.value(r)]));

function titleLines(report: MonthReport, department: string, groupName: string | null, zh: boolean): NonNullable<SheetSpec['title']> {
  const [year, month] = report.month.split('-').map(Number) as [number, number];
  const dates = monthDates(report.month);
  const unit = zh ? `${department}${groupName ? ` ${groupName}` : ''}` : [department, groupName].filter(Boolean).join(' · ');
  const title = zh ? `${unit} ${year}年${month}月考勤统计`.trim() : `${unit ? `${unit}: ` : ''}Attendance ${report.month}`;
  const parts = zh
    ? [`统计月份：${year}年${month}月`, `应出勤天数：${report.workdays} 天`, `人数：${report.employees.length}`]
    : [`Month: ${report.month}`, `Workdays: ${report.workdays}`, `People: ${report.employees.length}`];
  // The month so far: the figures cover the days before asOf (the page says the same).
  if (report.asOf <= dates.at(-1)!) {
    const upTo = addDays(report.asOf, -1);
    parts.push(upTo < dates[0]! ? (zh ? '本月尚未开始' : 'The month has not begun') : zh ? `统计至 ${upTo}` : `Figures up to ${upTo}`);
  }
  if (report.locked) parts.push(zh ? `已锁定（${report.locked.byName} ${report.locked.at.slice(0, 10)}）` : `Locked (${report.locked.byName}, ${report.locked.at.slice(0, 10)})`);
  return [{ text: title }, { text: parts.join(zh ? '　' : '   ') }];
}

async function groupName(ctx: Ctx, groupId: string | undefined): Promise<string | null> {
  if (!groupId) return null;
  return (await sqlFor(ctx.manager).get<{ name: string }>('SELECT name AS "name" FROM org_groups WHERE id = ?', [groupId]))?.name ?? null;
}

export async function exportMonth(ctx: Ctx, input: ParsedInputOf<'attendance.month.export'>): Promise<FileDownload> {
  const zh = input.locale === 'zh-CN';
  ctx.progress(0, 1, 'querying');
  const report = await monthReport(ctx, { month: input.month, ...(input.groupId ? { groupId: input.groupId } : {}) });
  const department = (await getDepartment(ctx)).name;
  const totals: Row = { employeeNo: zh ? '合计' : 'Total', name: '', groupName: null, ...report.totals };
  const sheet: SheetSpec = {
    name: zh ? `${report.month}考勤统计` : `Attendance ${report.month}`,
    title: titleLines(report, department, await groupName(ctx, input.groupId), zh),
    columns: COLUMNS.map((c) => ({ header: zh ? c.words.zh : c.words.en, key: c.key, width: c.width })),
    rows: report.employees.map(cellsOf),
    footer: [cellsOf(totals)],
  };
  ctx.progress(0, 1, 'writing');
  const bytes = await ctx.offConnection(() => ctx.services.jobs.run('writeSheets', { sheets: [sheet] }));
  ctx.progress(1, 1, 'writing');
  return { fileName: `${zh ? '考勤统计' : 'attendance'}-${report.month}.xlsx`, mimeType: XLSX_MIME, contentBase64: Buffer.from(bytes).toString('base64') };
}
