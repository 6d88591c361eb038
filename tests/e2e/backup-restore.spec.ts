import { ADMIN, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { DataPage } from './pages/DataPage';
import { LoginPage } from './pages/LoginPage';

test('back up from the UI, change data, restore from the UI: the change is gone and the restore is audited', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  const shell = new AppShell(page);
  await shell.openMenu('数据与备份');

  const data = new DataPage(page);
  await expect(data.backups()).toContainText('还没有备份');
  await data.backUpNow();
  const first = data.backups().getByRole('row').filter({ hasText: '手动' });
  await expect(first).toHaveCount(1);
  await expect(first).toContainText('已校验');

  // A change after the backup.
  await shell.openMenu('小组');
  await page.getByTestId('groups-new').click();
  await page.getByTestId('group-form').getByLabel('小组名称').fill('备份后新建的小组');
  await page.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(page.getByTestId('groups-table')).toContainText('备份后新建的小组');

  // Restore the backup: the manifest shows the backup's contents first.
  await shell.openMenu('数据与备份');
  await data.backups().getByRole('row').filter({ hasText: '手动' }).getByRole('button', { name: /恢\s*复/ }).click();
  await expect(page.getByTestId('restore-manifest')).toContainText('25'); // employees in the backup
  await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
  await data.restore('手动');

  // The data before the restore was saved as a backup of its own.
  await expect(data.backups().getByRole('row').filter({ hasText: '恢复前' })).toContainText('已校验');
  await expect(data.backups().getByRole('row').filter({ hasText: '手动' })).toContainText('已校验');

  await shell.openMenu('小组');
  await expect(page.getByTestId('groups-table')).toContainText('项目运营组');
  await expect(page.getByTestId('groups-table')).not.toContainText('备份后新建的小组');

  await shell.openMenu('审计日志');
  await expect(page.getByTestId('audit-table').getByRole('row').filter({ hasText: '从备份恢复' }).first()).toContainText('恢复');
});

test('an encrypted backup asks for its password; a wrong one is refused and changes nothing', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn('manager', ADMIN.password);
  const shell = new AppShell(page);
  await shell.openMenu('数据与备份');
  const data = new DataPage(page);
  await data.backUpNow('Backup-pass-9');
  const row = data.backups().getByRole('row').filter({ hasText: '手动' });
  await expect(row.getByLabel('已加密')).toBeVisible();

  await row.getByRole('button', { name: /恢\s*复/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('备份密码').fill('Not-the-pass-1');
  await dialog.getByRole('button', { name: /读\s*取/ }).click();
  await expect(dialog.getByTestId('restore-problem')).toContainText('备份密码不正确');
  await expect(dialog.getByTestId('restore-confirm')).toBeDisabled();
  await dialog.getByRole('button', { name: /取\s*消/ }).click();
  expect(app.core.db.raw.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'restore'").get()).toEqual({ n: 0 });

  await data.restore('手动', 'Backup-pass-9');
});

test('a staff user has no Data page and the core refuses backups', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn('staff1', ADMIN.password);
  await expect(page.getByTestId('main-menu')).not.toContainText('数据与备份');
  const refused = await new AppShell(page).rawInvoke('backup.create', {});
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
