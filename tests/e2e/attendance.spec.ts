import type { Page } from '@playwright/test';
import { monthDates, todayIn, weekdayOf } from '../../shared/domain/attendance/time';
import { ADMIN, expect, test, type AppServer } from './fixtures';
import { AppShell } from './pages/AppShell';
import {
  AttendanceCalendarPage,
  AttendanceDisciplinePage,
  AttendanceImportWizard,
  AttendanceLeaveForm,
  AttendanceLeavePage,
  AttendanceMonthPage,
  AttendanceSchedulesPage,
  menuEntry,
  openAttendance,
} from './pages/AttendancePages';
import { ExportButton } from './pages/ExportButton';
import { LoginPage } from './pages/LoginPage';

/** 考勤 through the UI: HR's month from schedule to export, clocking in at home, the holiday calendar. */

const TIME_ZONE = 'Asia/Shanghai';

/**
 * A month `back` months before the department's current one: over, so it can be locked, and every
 * day of it is judged. Six back is older than the demo's punches (its last three months).
 */
const MONTHS_BACK = 6;
function monthBefore(back: number): string {
  const [y, m] = todayIn(TIME_ZONE, new Date()).split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month's workdays by the department's calendar (holidays, make-up workdays) and the Mon–Fri rule. */
async function workdaysOf(app: AppServer, month: string): Promise<string[]> {
  const login = await app.core.call('auth.login', { username: 'hr', password: ADMIN.password });
  if (!login.ok) throw new Error(login.error.message);
  const session = { token: (login.data as { token: string }).token };
  const year = await app.core.call('attendance.calendar.year', { year: Number(month.slice(0, 4)) }, session);
  if (!year.ok) throw new Error(year.error.message);
  const kinds = new Map((year.data as { days: { date: string; kind: string }[] }).days.map((d) => [d.date, d.kind]));
  return monthDates(month).filter((d) => (kinds.get(d) === 'holiday' ? false : kinds.get(d) === 'workday' || weekdayOf(d) <= 5));
}

async function signIn(page: Page, app: AppServer, username: string): Promise<void> {
  await page.goto(app.url);
  await new LoginPage(page).signIn(username, ADMIN.password);
  await expect(page.getByTestId('main-menu')).toBeVisible();
}

test('HR runs a month: schedule, punch import with a bad row, an approved leave, the figures, lock and export', async ({ page, app }) => {
  test.setTimeout(180_000);
  const month = monthBefore(MONTHS_BACK);
  const workdays = await workdaysOf(app, month);
  const [d1, d2, d3, d4, d5] = workdays as [string, string, string, string, string];
  const shell = new AppShell(page);

  // The manager tightens the default schedule's late grace to 5 minutes from the 1st of the month.
  await signIn(page, app, 'manager');
  await openAttendance(page, '作息制度');
  const schedules = new AttendanceSchedulesPage(page);
  await schedules.edit('默认', { '迟到宽限（分钟）': '5', 生效日期: `${month}-01` });
  await expect(schedules.form()).toBeHidden();
  await expect(schedules.row('默认')).toContainText(`${month}-01`);

  // A punch machine's export (ZKTeco layout) with an unknown employee and an unreadable time.
  await openAttendance(page, '打卡记录');
  const csv = [
    '部门,姓名,考勤号码,日期时间,机器号',
    `项目运营组,孙浩,YY007,${d1} 08:58:00,1`,
    `项目运营组,孙浩,YY007,${d1} 18:02:00,1`,
    `项目运营组,孙浩,YY007,${d2} 09:07:00,1`,
    `项目运营组,孙浩,YY007,${d2} 18:00:00,1`,
    `项目运营组,孙浩,YY007,${d3} 08:55:00,1`,
    `项目运营组,查无此人,YY999,${d1} 09:00:00,1`,
    '项目运营组,孙浩,YY007,昨天早上,1',
  ].join('\r\n');
  const wizard = new AttendanceImportWizard(page);
  await wizard.open();
  await wizard.choose({ name: '考勤机导出.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(wizard.dialog().getByTestId('import-mapping')).toContainText('考勤号码');
  await expect(wizard.summary()).toContainText('共 7 行：5 行可导入');
  await expect(wizard.problemRow('YY999')).toContainText('工号不存在');
  await expect(wizard.problemRow('昨天早上')).toContainText('无法识别打卡时间');
  await expect(await wizard.commit()).toContainText('已导入 5 条打卡记录');
  await wizard.close();
  await shell.signOut();

  // 孙浩 reports two sick days after the fact; the manager, his department head, approves.
  await signIn(page, app, 'staff1');
  await openAttendance(page, '我的考勤');
  await page.getByTestId('me-leave').click();
  await new AttendanceLeaveForm(page).submit({ type: '病假', start: d4, end: d5, reason: '发烧，医院证明已交人事' });
  await expect(page.getByTestId('me-leave-table').locator('tr.ant-table-row').filter({ hasText: '发烧' })).toContainText('审批中');
  await shell.signOut();

  // Titles name no leave type (IT reads them in the audit log): the card is found by its dates, and
  // its link shows the leave itself, where the manager reads the type and the reason.
  await signIn(page, app, 'manager');
  await shell.openMenu('我的审批');
  const card = page.getByTestId('approval-card').filter({ hasText: `请假 孙浩 ${d4}` });
  await expect(card.getByTestId('approval-record-type')).toHaveText('请假');
  await card.getByTestId('approval-record-link').click();
  const leavePage = new AttendanceLeavePage(page);
  await leavePage.filterType('病假');
  await expect(leavePage.row('医院证明已交人事')).toContainText('审批中');
  await shell.openMenu('我的审批');
  await card.getByRole('button', { name: '同意' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
  await expect(card).toHaveCount(0);

  // The month: 3 days present (one 7 minutes late with the 5-minute grace, one missing punch), 2 sick, the rest absent.
  await openAttendance(page, '月度统计');
  const report = new AttendanceMonthPage(page);
  await report.monthsBack(MONTHS_BACK);
  const absent = String(workdays.length - 5);
  expect((await report.rowCells('孙浩')).slice(0, 13)).toEqual(['YY007', '孙浩', '项目运营组', String(workdays.length), '3', '1', '7', '0', '0', absent, '1', '0', '2']);
  await report.openPerson('孙浩');
  expect(await report.figures()).toMatchObject({ 应出勤: String(workdays.length), 出勤: '3', 迟到: '1 次，共 7 分钟', '旷工（天）': absent, '缺卡（次）': '1', '请假（天）': '病假 2' });
  await expect(report.day(d1)).toContainText('正常');
  await expect(report.day(d2)).toContainText('迟到 7 分钟');
  await expect(report.day(d3)).toContainText('缺卡');
  await expect(report.day(d4)).toContainText('病假');
  await page.getByRole('button', { name: '返回' }).click();

  await report.lock();
  const file = await new ExportButton(page, 'month-export').download();
  expect(file.fileName).toMatch(/\.xlsx$/);
  expect(file.rows.some((r) => r.includes('孙浩') && r.includes('YY007'))).toBe(true);

  // A locked month keeps its rules: a schedule change dated inside it is refused next to the date.
  await openAttendance(page, '作息制度');
  await schedules.edit('默认', { 生效日期: d3 });
  await expect(schedules.fieldMessage('生效日期')).toContainText('该日期所在月份的考勤已锁定');
  await expect(schedules.form()).toBeVisible();
});

test('approval cards name their record and open it: a cancellation with its reason on 请假, a correction on 补卡申请', async ({ page, app }) => {
  const shell = new AppShell(page);
  await signIn(page, app, 'manager');
  await shell.openMenu('我的审批');

  // The demo's leave HR asked to cancel: its reasons show on the leave list, to the department head.
  const cancelling = page.getByTestId('approval-card').filter({ hasText: '撤销请假' });
  await expect(cancelling.getByTestId('approval-record-type')).toHaveText('请假');
  await cancelling.getByTestId('approval-record-link').click();
  // The link opens the 考勤 section of the menu with the page's entry selected.
  await expect(menuEntry(page, '请假')).toHaveClass(/ant-menu-item-selected/);
  const row = new AttendanceLeavePage(page).row('年假休息');
  await expect(row).toContainText('撤销审批中');
  await expect(row.getByTestId('leave-cancel-reason')).toHaveText('撤销原因：行程取消');

  // The demo's correction waiting for the manager: the link opens the punches page on its tab.
  await shell.openMenu('我的审批');
  const correction = page.getByTestId('approval-card').filter({ hasText: '补卡 孙浩' });
  await expect(correction.getByTestId('approval-record-type')).toHaveText('补卡申请');
  await correction.getByTestId('approval-record-link').click();
  await expect(menuEntry(page, '打卡记录')).toHaveClass(/ant-menu-item-selected/);
  await expect(page.getByTestId('punches-tabs').getByRole('tab', { name: '补卡申请', selected: true })).toBeVisible();
  await expect(page.getByTestId('corrections-list').locator('tr.ant-table-row').filter({ hasText: '忘记打卡' })).toContainText('孙浩');
  await expect(page.getByTestId('corrections-list').locator('tr.ant-table-row').filter({ hasText: '忘记打卡' })).toContainText('审批中');
});

test('a punch file of an unknown layout is mapped by hand, kept as a preset and recognised next time', async ({ page, app }) => {
  await signIn(page, app, 'hr');
  await openAttendance(page, '打卡记录');
  const wizard = new AttendanceImportWizard(page);
  // Tab-separated text from a door-access system: neither header is one the import knows.
  const file = { name: '门禁导出.txt', mimeType: 'text/plain', buffer: Buffer.from('人员代码\t通行时刻\nYY007\t2025-03-05 09:01\nYY008\t2025-03-05 08:59\n', 'utf8') };
  await wizard.open();
  await wizard.choose(file);
  await expect(wizard.dialog().getByTestId('import-file-problem')).toContainText('没能识别工号或打卡时间');
  await expect(wizard.dialog().getByTestId('import-headers')).toContainText('人员代码、通行时刻');
  await wizard.map({ 工号: '人员代码', 日期时间: '通行时刻' });
  await expect(wizard.summary()).toContainText('共 2 行：2 行可导入');
  await wizard.savePreset('门禁系统');
  await wizard.dialog().getByRole('button', { name: /取\s*消/ }).click();

  // The next file of the same layout is read with the preset, without asking.
  await wizard.open();
  await wizard.choose(file);
  await expect(wizard.summary()).toContainText('共 2 行：2 行可导入');
  await expect(wizard.dialog().getByTestId('import-mapping')).toContainText('人员代码');
  await expect(await wizard.commit()).toContainText('已导入 2 条打卡记录');
});

test('a lead records a discipline case; the employee sees it and answers', async ({ page, app }) => {
  const shell = new AppShell(page);
  await signIn(page, app, 'lead1');
  await openAttendance(page, '违纪记录');
  const discipline = new AttendanceDisciplinePage(page);
  await discipline.record({ employee: '孙浩', type: '迟到', date: '2026-11-03', description: '早会迟到 20 分钟，未提前请假' });
  await expect(discipline.table()).toContainText('早会迟到 20 分钟');
  await shell.signOut();

  await signIn(page, app, 'staff1');
  await openAttendance(page, '违纪记录');
  const row = discipline.table().locator('tr.ant-table-row').filter({ hasText: '早会迟到' });
  await expect(row).toContainText('陈静');
  await discipline.comment(row, '地铁故障，已补交延误证明');
  await expect(row).toContainText('地铁故障');
});

test('a staff member clocks in from the home page, by the core’s clock', async ({ page, app }) => {
  await signIn(page, app, 'staff1');
  const card = page.getByTestId('clock-card');
  await expect(card).toContainText('今天还没有打卡');
  await card.getByTestId('clock-button').click();
  await expect(page.locator('.ant-message')).toContainText('打卡成功');
  await expect(card.getByTestId('clock-punches').locator('.ant-tag')).toHaveCount(1);
  await expect(card.getByTestId('clock-button')).toHaveText(/下班打卡/);

  // The punch list, newest first, has it as an app punch of today.
  await openAttendance(page, '打卡记录');
  const newest = page.getByTestId('punches-table').locator('tr.ant-table-row').first();
  await expect(newest).toContainText(todayIn(TIME_ZONE, new Date()));
  await expect(newest).toContainText('应用打卡');
});

test('the holiday calendar shows National Day 2026 as a holiday, and HR is told when next year is missing', async ({ page, app }) => {
  await signIn(page, app, 'hr');
  // From November the home page asks HR for next year's calendar (no package has it yet).
  const [year, monthOfYear] = todayIn(TIME_ZONE, new Date()).split('-').map(Number) as [number, number];
  const notice = page.getByTestId('home-calendar-missing');
  if (monthOfYear >= 11 && year >= 2026) {
    await expect(notice).toContainText(String(year + 1));
    await notice.getByRole('link').click();
  } else {
    await openAttendance(page, '节假日');
  }
  const calendar = new AttendanceCalendarPage(page);
  await calendar.showYear(2026);
  await expect(calendar.day('2026-10-01')).toHaveAttribute('data-kind', 'holiday');
  await expect(calendar.day('2026-10-01')).toContainText('休');
  await expect(calendar.day('2026-10-01')).toHaveAttribute('aria-label', /国庆/);
  await expect(calendar.day('2026-10-12')).toHaveAttribute('data-kind', 'normal');
  await expect(page.getByTestId('calendar-missing')).toHaveCount(0);

  await calendar.showYear(2027);
  await expect(page.getByTestId('calendar-missing')).toContainText('还没有 2027 年的节假日数据');
});
