import { ADMIN, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { EmployeesPage } from './pages/EmployeesPage';
import { LoginPage } from './pages/LoginPage';
import { SetupPage } from './pages/SetupPage';

test('search by pinyin and initials, names sorted by pinyin, and "no match" is not "no employees yet"', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  const shell = new AppShell(page);
  await shell.openMenu('员工');
  const employees = new EmployeesPage(page);

  for (const text of ['wjg', 'wang', 'wangjianguo', '王建']) {
    await employees.search(text);
    await expect(employees.row('YY001'), text).toContainText('王建国');
  }
  await employees.search('wjg');
  await expect(employees.table().locator('tbody tr.ant-table-row')).toHaveCount(1);

  // Nothing matches: say so, and offer the way back (the department is not empty).
  await employees.search('zzzz');
  await expect(page.getByTestId('employees-no-match')).toContainText('没有找到匹配的员工');
  await expect(employees.table()).not.toContainText('还没有员工');
  await page.getByRole('button', { name: '清除筛选' }).click();
  await expect(employees.row('YY001')).toBeVisible();
  await expect(page.getByTestId('employees-search').getByRole('searchbox')).toHaveValue('');

  // Sorted by name: in pinyin order (曹 cao, 陈 chen, 邓 deng…), not by character code.
  await employees.table().getByRole('columnheader', { name: '姓名' }).click();
  const names = await employees.table().locator('tbody tr.ant-table-row td:nth-child(2)').allInnerTexts();
  expect(names.slice(0, 4)).toEqual(['曹宇', '陈静', '邓倩', '冯涛']);
  expect(names).toEqual([...names].sort(new Intl.Collator('zh-CN').compare));

  // The employee picker (a group's lead) finds by initials and lists in pinyin order.
  await shell.openMenu('小组');
  await page.getByTestId('groups-new').click();
  const dialog = page.getByTestId('group-form');
  await dialog.getByLabel('组长').click();
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  // Waits for the list itself (a CI run read it mid-animation, as empty), then checks its order.
  await expect(options.first()).toHaveText(/^曹宇 /);
  const picked = (await options.allInnerTexts()).map((t) => t.replace(/ \(.*\)$/, ''));
  expect(picked.length).toBeGreaterThan(1);
  expect(picked).toEqual([...picked].sort(new Intl.Collator('zh-CN').compare));
  expect(picked[0]).toBe('曹宇');
  await dialog.getByLabel('组长').fill('lxm');
  await expect(options).toHaveText(['李晓梅 (YY002)']);
});

test.describe('an empty department', () => {
  test.use({ seed: 'empty' });

  test('says there are no employees yet, and a search there says no match', async ({ page, app }) => {
    await page.goto(app.url);
    await new SetupPage(page).complete({ department: '运营部', username: ADMIN.username, password: ADMIN.password });
    // Setup ends signed in, or at the sign-in screen in builds before that change.
    await expect(page.getByTestId('login-form').or(page.getByTestId('department-name'))).toBeVisible();
    if (await page.getByTestId('login-form').isVisible()) await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
    await new AppShell(page).openMenu('员工');
    const employees = new EmployeesPage(page);
    await expect(page.getByTestId('employees-empty')).toContainText('还没有员工');
    await employees.search('wxm');
    await expect(page.getByTestId('employees-no-match')).toContainText('没有找到匹配的员工');
  });
});
