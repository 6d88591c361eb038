import { ADMIN, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/LoginPage';

test('the org chart opens two levels, loads a level on opening a node, and search opens the path to a person', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  await new AppShell(page).openMenu('组织架构图');
  const tree = page.getByTestId('org-tree');
  const node = (name: string) => tree.locator('.ant-tree-treenode').filter({ has: page.getByRole('link', { name, exact: true }) });

  // The manager and the deputies; the people below them are not loaded yet.
  await expect(node('王建国')).toBeVisible();
  await expect(node('张志强')).toContainText('下属 2 人');
  await expect(node('邓倩')).toBeVisible();
  await expect(node('刘洋')).toHaveCount(0);

  await node('张志强').locator('.ant-tree-switcher').click();
  await expect(node('刘洋')).toBeVisible();
  await expect(node('赵丽娟')).toContainText('下属 7 人');
  await expect(node('林峰')).toHaveCount(0);

  // Searching someone three levels down opens each manager above them and selects them.
  const find = page.getByTestId('org-chart-find');
  await find.click();
  await page.keyboard.type('林峰');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '林峰' }).click();
  await expect(node('林峰')).toBeVisible();
  await expect(node('林峰')).toHaveClass(/ant-tree-treenode-selected/);
  await expect(node('高欣')).toBeVisible(); // a colleague under the same lead

  // A name links to the person's page.
  await node('林峰').getByRole('link', { name: '林峰' }).click();
  await expect(page.getByRole('heading', { name: /林峰/ })).toBeVisible();
});
