import { ADMIN, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/LoginPage';

test('a reminder a lead assigns shows on the staff member’s home page, with its notification', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn('lead1', ADMIN.password);
  const shell = new AppShell(page);
  await expect(page.getByText('没有等待您审批的事项')).toBeVisible();

  await shell.openMenu('提醒事项');
  await page.getByTestId('reminders-new').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('事项').fill('提交本周项目进度报告');
  await dialog.getByLabel('负责人').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('孙浩', { exact: true }).click();
  // Due in the past: it is already due when the assignee signs in.
  await dialog.getByLabel('到期时间').fill('2026-01-05 09:00');
  // Enter takes the typed time and, as in every field of the form, submits it.
  await dialog.getByLabel('到期时间').press('Enter');
  await expect(dialog).toBeHidden();
  await shell.signOut();

  await new LoginPage(page).signIn('staff1', ADMIN.password);
  const reminders = page.locator('.ant-card').filter({ has: page.getByText('到期提醒', { exact: true }) }).last();
  await expect(reminders).toContainText('提交本周项目进度报告');
  await expect(reminders).toContainText('已逾期');
  const notifications = page.locator('.ant-card').filter({ has: page.getByText('未读通知', { exact: true }) }).last();
  await expect(notifications).toContainText('新的提醒：提交本周项目进度报告');

  await shell.openMenu('通知');
  await page.getByRole('button', { name: /全部标为已读/ }).click();
  await shell.openMenu('工作台');
  await expect(page.getByText('没有未读通知')).toBeVisible();
  await expect(reminders).toContainText('提交本周项目进度报告');
});
