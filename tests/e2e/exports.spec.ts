import { ADMIN, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { ExportButton } from './pages/ExportButton';
import { LoginPage } from './pages/LoginPage';
import { readXlsxCells } from './support/xlsx';

const USER_HEADER = ['用户名', '姓名', '角色', '关联员工', '状态', '暂停登录至', '最近登录', '创建时间'];
const AUDIT_HEADER = ['序号', '时间', '用户', '操作', '结果', '对象', '记录 ID', '变更前', '变更后'];

test('an administrator exports the user accounts and the audit log, with the filters on the page', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  const shell = new AppShell(page);
  const db = app.core.db.raw;

  // Every account: the file holds all of them, not the page of 20 on screen.
  await shell.openMenu('用户账号');
  await expect(page.getByTestId('users-table')).toContainText('admin');
  const all = await new ExportButton(page, 'users-export').download();
  expect(all.fileName).toMatch(/^用户账号-\d{4}-\d{2}-\d{2}\.xlsx$/);
  expect(all.rows[0]).toEqual(USER_HEADER);
  const usernames = (db.prepare('SELECT username FROM users ORDER BY username').all() as { username: string }[]).map((u) => u.username);
  expect(all.rows.slice(1).map((r) => r[0]).sort()).toEqual(usernames);
  expect(all.rows.find((r) => r[0] === 'admin')).toEqual(expect.arrayContaining(['系统管理员', '正常']));

  // Filtered by role on the page: only those accounts, roles written as words.
  await page.locator('.ant-select', { has: page.getByText('角色', { exact: true }) }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('组长', { exact: true }).click();
  await expect(page.getByTestId('users-table')).not.toContainText('manager');
  const leads = await new ExportButton(page, 'users-export').download();
  const leadNames = (db.prepare("SELECT u.username FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role = 'lead'").all() as { username: string }[]).map((u) => u.username);
  expect(leads.rows.slice(1).map((r) => r[0]).sort()).toEqual(leadNames.sort());
  for (const row of leads.rows.slice(1)) expect(row[2]).toContain('组长');

  // The audit log, searched: the rows the search finds, newest first, as the page lists them.
  const login = (await app.core.call('auth.login', ADMIN)) as { ok: true; data: { token: string } };
  for (const name of ['培训组', '质检组']) {
    expect((await app.core.call('org.groups.create', { name, leadEmployeeId: null }, { token: login.data.token })).ok).toBe(true);
  }
  await shell.openMenu('审计日志');
  // The users page had a search box too: type only once the audit log is on screen.
  await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible();
  await page.getByTestId('audit-search').getByRole('searchbox').fill('org.groups.create');
  await page.getByTestId('audit-search').getByRole('searchbox').press('Enter');
  await expect(page.getByTestId('audit-table').getByRole('row')).toHaveCount(3);
  const audit = await new ExportButton(page, 'audit-export').download();
  expect(audit.fileName).toMatch(/^审计日志-/);
  expect(audit.rows[0]).toEqual(AUDIT_HEADER);
  const seqs = (db.prepare("SELECT seq FROM audit_log WHERE method = 'org.groups.create' ORDER BY seq DESC").all() as { seq: number }[]).map((r) => String(r.seq));
  expect(seqs).toHaveLength(2);
  expect(audit.rows.slice(1).map((r) => r[0])).toEqual(seqs);
  // Operations, outcomes and records in words, as on the page.
  expect(audit.rows.slice(1).map((r) => r.slice(2, 6))).toEqual([
    ['admin', '新建小组', '新建', '小组 质检组'],
    ['admin', '新建小组', '新建', '小组 培训组'],
  ]);
  expect(audit.rows[1]![1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  expect(audit.rows[1]![8]).toContain('"name":"质检组"');
});

test('a staff member exports a list they may see; the core refuses the lists they may not', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn('staff1', ADMIN.password);
  const shell = new AppShell(page);
  await shell.openMenu('小组');
  const groups = await new ExportButton(page, 'groups-export').download();
  expect(groups.rows[0]).toEqual(['小组名称', '职责说明', '组长', '分管副经理', '在职人数', '已归档']);
  expect(groups.rows.slice(1).map((r) => r[0])).toEqual(expect.arrayContaining(['项目运营组', '数据分析组', '客户服务组']));
  // The core decides, whatever a page script sends.
  expect((await shell.rawInvoke('exports.list', { list: 'users.list', input: {} })).error?.code).toBe('FORBIDDEN');
  expect((await shell.rawInvoke('exports.list', { list: 'audit.list', input: {} })).error?.code).toBe('FORBIDDEN');
});

test('dates go out as Excel dates, not text: hire dates as days, audit times to the minute', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  const shell = new AppShell(page);
  await shell.openMenu('员工');
  const download = page.waitForEvent('download');
  await page.getByTestId('employees-export').click();
  const cells = await readXlsxCells(await (await download).path());
  const hireColumn = cells[0]!.findIndex((c) => c.value === '入职日期');
  const yy001 = cells.find((r) => r[0]!.value === 'YY001')!;
  expect(yy001[hireColumn]).toEqual({ value: new Date(Date.UTC(2015, 2, 2)), numFmt: 'yyyy-mm-dd' });

  await shell.openMenu('审计日志');
  const auditDownload = page.waitForEvent('download');
  await page.getByTestId('audit-export').click();
  const audit = await readXlsxCells(await (await auditDownload).path());
  expect(audit[1]![1]!.value).toBeInstanceOf(Date);
  expect(audit[1]![1]!.numFmt).toBe('yyyy-mm-dd hh:mm');
});
