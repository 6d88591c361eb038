import { ADMIN, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/LoginPage';

test('the interface switches to English and the choice is remembered for the user', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  const shell = new AppShell(page);
  await expect(page.getByTestId('main-menu')).toContainText('组织架构');

  await shell.switchLanguage('en-US');
  await expect(page.getByTestId('main-menu')).toContainText('Organisation');
  await shell.openMenu('Employees');
  await expect(page.getByRole('heading', { name: 'Employees' })).toBeVisible();
  await expect(page.getByTestId('employees-table').getByRole('columnheader', { name: 'Hire date' })).toBeVisible();
  // antd's own texts follow too (pagination).
  await expect(page.getByText('25 in total')).toBeVisible();

  // Remembered per user: sign out, the login screen keeps English; sign in again, still English.
  await shell.signOut();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('main-menu')).toContainText('Organisation');

  // Another user on the same machine keeps their own language (Chinese by default).
  await shell.signOut();
  await new LoginPage(page).signIn('staff1', ADMIN.password);
  await expect(page.getByTestId('main-menu')).toContainText('组织架构');
});
