import { ADMIN, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/LoginPage';

test('a position level that is not 1–20 is said so, not changed; Enter saves; archiving says it did', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  await new AppShell(page).openMenu('岗位职责');
  const count = () => app.core.db.raw.prepare("SELECT COUNT(*) AS n FROM org_positions WHERE title = '质检专员'").get();

  await page.getByTestId('positions-new').click();
  const form = page.getByTestId('position-form');
  await form.getByLabel('岗位名称').fill('质检专员');
  const level = form.getByLabel('层级');
  for (const typed of ['abc', '0', '21', '2.5']) {
    await level.fill(typed);
    await level.press('Enter');
    await expect(form.locator('.ant-form-item-explain')).toHaveText('层级须为 1–20 的整数');
    await expect(level).toHaveValue(typed); // left as typed for the user to correct
  }
  expect(count()).toEqual({ n: 0 });

  await level.fill('3');
  await form.getByLabel('岗位名称').press('Enter');
  await expect(page.locator('.ant-message')).toContainText('岗位已保存');
  expect(app.core.db.raw.prepare("SELECT level FROM org_positions WHERE title = '质检专员'").get()).toEqual({ level: 3 });

  const row = page.getByTestId('positions-table').getByRole('row').filter({ hasText: '质检专员' });
  await row.getByRole('button', { name: /归\s*档/ }).click();
  await page.locator('.ant-popover:visible').getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(page.locator('.ant-message')).toContainText('岗位已归档');
  await expect(page.getByTestId('positions-table')).not.toContainText('质检专员');
});

test('Enter saves a group, and the deputy assignment dialog', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  await new AppShell(page).openMenu('小组');
  await page.getByTestId('groups-new').click();
  await page.getByTestId('group-form').getByLabel('小组名称').fill('质检组');
  await page.getByTestId('group-form').getByLabel('小组名称').press('Enter');
  await expect(page.locator('.ant-message')).toContainText('小组已保存');
  await expect(page.getByTestId('groups-table')).toContainText('质检组');
  expect(app.core.db.raw.prepare("SELECT COUNT(*) AS n FROM org_groups WHERE name = '质检组'").get()).toEqual({ n: 1 });
});
