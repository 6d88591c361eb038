import { ADMIN, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';

test.use({ seed: 'empty' });

test('first-run setup signs the administrator in, and Enter submits it', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page).toHaveTitle('首次设置 - OpsDesk 运营部管理系统');
  const form = page.getByTestId('setup-form');
  await form.getByLabel('部门名称').fill('富力运营部');
  await form.getByLabel('管理员用户名').fill(ADMIN.username);
  await form.getByLabel('管理员密码', { exact: true }).fill(ADMIN.password);
  await form.getByLabel('确认密码').fill(ADMIN.password);
  await form.getByLabel('确认密码').press('Enter');

  // Straight into the app: no second sign-in with the password just chosen.
  await expect(page.getByTestId('department-name')).toHaveText('富力运营部');
  await expect(page.getByTestId('login-form')).toHaveCount(0);
  await expect(page.getByTestId('user-menu')).toHaveText(ADMIN.username);
  await expect(page).toHaveTitle('工作台 - OpsDesk 运营部管理系统');

  // A real session: it survives a reload, and signing out leads to the normal sign-in.
  await page.reload();
  await expect(page.getByTestId('department-name')).toHaveText('富力运营部');
  await new AppShell(page).signOut();
  await expect(page.getByTestId('login-form')).toBeVisible();
});
