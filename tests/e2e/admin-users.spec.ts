import { ADMIN, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/LoginPage';

test('the administrator creates an account; its first sign-in must change the temporary password', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  const shell = new AppShell(page);
  await shell.openMenu('用户账号');

  await page.getByTestId('users-new').click();
  const form = page.getByTestId('user-form');
  await form.getByLabel('用户名').fill('zhouming');
  await form.getByLabel('姓名').fill('周明');
  await form.getByLabel('初始密码').fill('Temp-pass-9');
  await form.getByLabel('角色').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('组长', { exact: true }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click();
  const row = page.getByTestId('users-table').getByRole('row').filter({ hasText: 'zhouming' });
  await expect(row).toContainText('组长');
  await expect(row).toContainText('员工'); // the default role chosen in the form, kept with 组长

  // Disabling asks for confirmation; a disabled account cannot sign in.
  await row.getByRole('button', { name: /停\s*用/ }).click();
  await page.getByRole('button', { name: /确\s*定|OK/ }).last().click();
  await expect(row).toContainText('已停用');
  await shell.signOut();
  await new LoginPage(page).signIn('zhouming', 'Temp-pass-9');
  await expect(new LoginPage(page).error()).toContainText('该账号已停用');

  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  await shell.openMenu('用户账号');
  await row.getByRole('button', { name: /启\s*用/ }).click();
  await expect(row).toContainText('正常');
  await shell.signOut();

  // First sign-in: the temporary password must be changed before anything else.
  await new LoginPage(page).signIn('zhouming', 'Temp-pass-9');
  const change = page.getByTestId('change-password-form');
  await expect(change).toBeVisible();
  await change.getByLabel('当前密码').fill('Temp-pass-9');
  await change.getByLabel('新密码', { exact: true }).fill('Mine-own-77');
  await change.getByLabel('确认新密码').fill('Mine-own-77');
  await change.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByTestId('main-menu')).toBeVisible();
  await expect(page.getByTestId('user-menu')).toContainText('周明');
});

test('five wrong passwords lock the account, with a clear message', async ({ page, app }) => {
  await page.goto(app.url);
  const login = new LoginPage(page);
  for (let i = 0; i < 4; i++) {
    await login.signIn('lead2', `wrong-${i}-pass`);
    await expect(login.error()).toContainText('用户名或密码错误');
  }
  await login.signIn('lead2', 'wrong-4-pass');
  await login.signIn('lead2', ADMIN.password);
  await expect(login.error()).toContainText('账号已锁定 15 分钟');
  const locked = app.core.db.raw.prepare("SELECT locked_until FROM users WHERE username = 'lead2'").get() as { locked_until: string | null };
  expect(locked.locked_until).not.toBeNull();
});
