import type { Page } from '@playwright/test';
import { ADMIN, expect, test, type AppServer } from './fixtures';
import { AppShell } from './pages/AppShell';
import { AuditLogPage } from './pages/AuditLogPage';
import { LoginPage } from './pages/LoginPage';

/**
 * The audit log as an office user reads it: operations, outcomes and records in words, the
 * changed fields with old and new values, who signed in or tried to, search by a record's name
 * or a user; and a record's timeline with translated statuses and old -> new values.
 */

/** YY021 宋凯 renamed 王小明, moved to 项目运营组, phone changed and marked left: through the core, as the admin. */
async function editYY021(app: AppServer): Promise<string> {
  const call = async (method: string, input: unknown, token?: string) => {
    const r = (await app.core.call(method, input, { token: token ?? null })) as { ok: boolean; data?: unknown; error?: unknown };
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.data as Record<string, unknown>;
  };
  const token = (await call('auth.login', ADMIN)).token as string;
  const found = (await call('org.employees.list', { search: 'YY021' }, token)).rows as { id: string }[];
  const e = await call('org.employees.get', { id: found[0]!.id }, token);
  const groups = (await call('org.groups.list', {}, token)) as unknown as { id: string; name: string }[];
  await call(
    'org.employees.update',
    {
      id: e.id,
      employeeNo: 'YY021',
      name: '王小明',
      gender: e.gender,
      positionId: e.positionId,
      groupId: groups.find((g) => g.name === '项目运营组')!.id,
      managerId: e.managerId,
      hireDate: e.hireDate,
      phone: '13912345678',
      email: e.email ?? '',
      status: 'left',
      leftDate: '2026-02-27',
    },
    token,
  );
  await call('auth.logout', {}, token);
  return e.id as string;
}

async function signInAfterAFailedAttempt(page: Page, app: AppServer): Promise<void> {
  await page.goto(app.url);
  const login = new LoginPage(page);
  await login.signIn('hr', 'Wrong-pass-9');
  await expect(login.error()).toBeVisible();
  await login.signIn(ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('main-menu')).toBeVisible();
}

test('the audit log reads in words: operations, records, changed fields, sign-ins, search', async ({ page, app }) => {
  await editYY021(app);
  await signInAfterAFailedAttempt(page, app);
  await new AppShell(page).openMenu('审计日志');
  const audit = new AuditLogPage(page);
  await expect(audit.rows().first()).toBeVisible();

  // The edit: operation, outcome and record in words; nobody sees a method name or a code.
  const edit = audit.rows('编辑员工');
  await expect(edit).toHaveCount(1);
  await expect(edit).toContainText('员工 王小明 (YY021)');
  await expect(edit).toContainText('修改');
  await expect(audit.table()).not.toContainText(/org\.employees|auth\.login|\bupdate\b|loginFailed/);

  // Its changes: a table of fields, old and new values in words (the group by its name).
  const changes = await audit.changesOf(edit);
  expect(changes).toEqual(
    expect.arrayContaining([
      ['姓名', '宋凯', '王小明'],
      ['小组', '客户服务组', '项目运营组'],
      ['电话', '13800000021', '13912345678'],
      ['状态', '在职', '离职'],
      ['离职日期', '—', '2026-02-27'],
    ]),
  );

  // Search by the record's name finds its rows, and only those.
  await audit.search('王小明');
  await expect(audit.rows()).toHaveCount(1);
  await audit.search('没有这个人');
  await expect(audit.table()).toContainText('没有符合条件的记录');

  // The failed sign-in shows the username tried, and how it ended; found by that username.
  await audit.search('hr');
  await audit.filterOperation('登录');
  const tried = audit.rows('尝试登录：hr');
  await expect(tried).toHaveCount(1);
  await expect(tried).toContainText('登录失败：密码错误');
  await expect(tried).toContainText('用户账号 邓倩');
  await expect(audit.rows('登录成功')).toHaveCount(0);

  const verified = await audit.verify();
  await expect(verified).toContainText(/审计日志完整：共 \d+ 条记录/);
  await verified.getByRole('button').click();

  // A row edited on the file, and the newest rows deleted: the check says where and what, in words.
  app.core.db.raw.prepare(`UPDATE audit_log SET after_json = '{"name":"改过"}' WHERE seq = 3`).run();
  const broken = await audit.verify();
  await expect(broken).toContainText('审计日志从第 3 条起校验不通过');
});

test('the audit log and a record timeline in English: no Chinese list separators, translated statuses', async ({ page, app }) => {
  const id = await editYY021(app);
  await signInAfterAFailedAttempt(page, app);
  const shell = new AppShell(page);
  await shell.switchLanguage('en-US');
  await shell.openMenu('Audit log');
  const audit = new AuditLogPage(page);
  const edit = audit.rows('Edit employee');
  await expect(edit).toContainText('Employee 王小明 (YY021)');
  await expect(audit.rows('Sign-in as: hr')).toContainText('Sign-in failed: wrong password');
  expect(await audit.changesOf(edit)).toEqual(expect.arrayContaining([['Status', 'Active', 'Left']]));

  await shell.goto(`/org/employees/${id}`);
  await page.getByRole('tab', { name: 'Activity' }).click();
  const timeline = page.getByTestId('record-timeline');
  await expect(timeline).toContainText('changed the status to Left');
  await expect(timeline).not.toContainText('status.');
  await expect(timeline).not.toContainText('、');
  await expect(timeline).toContainText('changed Name, Group, Phone, Leaving date');
  await expect(timeline.getByTestId('timeline-changes').first()).toContainText('Group: 客户服务组 → 项目运营组');
  await expect(timeline.getByTestId('timeline-changes').first()).toContainText('Phone: 13800000021 → 13912345678');
});

test('a record timeline in Chinese shows archived as words and each change with old and new values', async ({ page, app }) => {
  const id = await editYY021(app);
  await page.goto(app.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  const shell = new AppShell(page);
  await shell.goto(`/org/employees/${id}`);
  await page.getByRole('button', { name: /归\s*档/ }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
  await page.getByRole('tab', { name: '动态' }).click();
  const timeline = page.getByTestId('record-timeline');
  await expect(timeline).toContainText('状态变为 已归档');
  await expect(timeline).toContainText('状态变为 离职');
  await expect(timeline).toContainText('修改了 姓名、小组、电话、离职日期');
  await expect(timeline.getByTestId('timeline-changes').first()).toContainText('小组：客户服务组 → 项目运营组');
  await expect(timeline).not.toContainText('status.');
});

test('a reader who may not see contact details is told a phone changed, without its numbers', async ({ page, app }) => {
  const id = await editYY021(app);
  await page.goto(app.url);
  await new LoginPage(page).signIn('staff1', ADMIN.password);
  await new AppShell(page).goto(`/org/employees/${id}`);
  await page.getByRole('tab', { name: '动态' }).click();
  const changes = page.getByTestId('record-timeline').getByTestId('timeline-changes').first();
  await expect(changes).toContainText('电话：已修改（不公开）');
  await expect(changes).toContainText('小组：客户服务组 → 项目运营组');
  await expect(changes).not.toContainText('13912345678');
  await expect(changes).not.toContainText('— → —');
});
