import { ADMIN, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/LoginPage';

test('a reminder a lead assigns stays in the lead’s “assigned by me” tab until the assignee is done', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn('lead1', ADMIN.password);
  const shell = new AppShell(page);
  await shell.openMenu('提醒事项');

  // Enter in the dialog's form submits it, like its OK button.
  await page.getByTestId('reminders-new').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('负责人').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('孙浩', { exact: true }).click();
  await dialog.getByLabel('事项').fill('整理客户回访记录');
  await dialog.getByLabel('事项').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByText('提醒已创建')).toBeVisible();

  const table = page.getByTestId('reminders-table');
  await expect(table).toContainText('没有提醒事项'); // not the lead's own to-do
  await page.getByRole('tab', { name: '我布置的' }).click();
  const row = table.getByRole('row').filter({ hasText: '整理客户回访记录' });
  await expect(row).toContainText('孙浩');
  await shell.signOut();

  await new LoginPage(page).signIn('staff1', ADMIN.password);
  await shell.openMenu('提醒事项');
  const mine = table.getByRole('row').filter({ hasText: '整理客户回访记录' });
  await expect(mine).toContainText('陈静'); // who set it
  await expect(page.getByRole('tab', { name: '我布置的' })).toHaveCount(0); // staff cannot assign to others
  await mine.getByRole('button', { name: '完成' }).click();
  await expect(table).toContainText('没有提醒事项');
  await shell.signOut();

  await new LoginPage(page).signIn('lead1', ADMIN.password);
  await shell.openMenu('提醒事项');
  await page.getByRole('tab', { name: '我布置的' }).click();
  await expect(table).toContainText('没有您布置给别人的提醒');
  await page.getByRole('switch', { name: '显示已完成' }).click();
  await expect(table.getByRole('row').filter({ hasText: '整理客户回访记录' })).toContainText('已完成');
});
