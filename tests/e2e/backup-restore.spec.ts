import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ADMIN, backupFromAnotherInstall, expect, test } from './fixtures';
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
  await expect(row.getByRole('cell', { name: '已加密 是', exact: true })).toBeVisible();

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

test('the list says 否 for a backup without a password; one verified later stays verified after restoring an older one', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  await new AppShell(page).openMenu('数据与备份');
  const data = new DataPage(page);
  await data.backUpNow();
  await data.backUpNow();
  const manual = data.backups().getByRole('row').filter({ hasText: '手动' });
  await expect(manual).toHaveCount(2);
  await expect(manual.first().getByRole('cell', { name: '否', exact: true })).toBeVisible();
  // Restore the older one (the list is newest first): the newer one is still 已校验 afterwards.
  await manual.last().getByRole('button', { name: /恢\s*复/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('restore-manifest')).toBeVisible();
  await dialog.getByTestId('restore-understand').check();
  await dialog.getByTestId('restore-confirm').click();
  await page.getByRole('button', { name: /知道了|OK/ }).click({ timeout: 30_000 });
  await expect(manual).toHaveCount(2);
  for (const row of await manual.all()) await expect(row).toContainText('已校验');
});

test('a backup folder in a system folder or inside the data folder is refused next to the field', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  await new AppShell(page).openMenu('数据与备份');
  const data = new DataPage(page);
  const settings = page.getByTestId('backup-settings');
  await data.setBackupFolder('/etc');
  await expect(settings.getByText('不能使用系统文件夹')).toBeVisible();
  await data.setBackupFolder(path.join(app.dataDir, 'attachments'));
  await expect(settings.getByText('不能使用数据文件夹内部的文件夹')).toBeVisible();
  expect(fs.existsSync(path.join(app.dataDir, 'attachments'))).toBe(false);
});

test('restore from elsewhere (browser mode): a typed path that is not a backup is refused without saying why; a backup on a USB disk restores', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  await new AppShell(page).openMenu('数据与备份');
  const data = new DataPage(page);
  const dialog = page.getByRole('dialog');
  for (const file of ['/etc/hostname', '/no/such/file.opsdesk-backup']) {
    await data.restoreFromPath(file);
    await expect(dialog.getByTestId('restore-problem')).toContainText('无法使用此文件：文件不存在、无法读取，或不是 OpsDesk 备份');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
  }
  // A backup copied to a "USB disk" outside the backup folder.
  await data.backUpNow();
  const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-usb-'));
  const [name] = fs.readdirSync(path.join(app.dataDir, 'backups')).filter((n) => n.endsWith('.opsdesk-backup'));
  const file = path.join(usb, name!);
  fs.copyFileSync(path.join(app.dataDir, 'backups', name!), file);
  await data.restoreFromPath(file);
  await expect(dialog.getByTestId('restore-manifest')).toContainText('25');
  await dialog.getByTestId('restore-understand').check();
  await dialog.getByTestId('restore-confirm').click();
  await page.getByRole('button', { name: /知道了|OK/ }).click({ timeout: 30_000 });
  fs.rmSync(usb, { recursive: true, force: true });
});

test('a backup made on another PC is restored only after a second confirmation that names its administrators', async ({ page, app }) => {
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-other-pc-'));
  const file = await backupFromAnotherInstall(elsewhere);
  await page.goto(app.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  await new AppShell(page).openMenu('数据与备份');
  const data = new DataPage(page);
  const dialog = page.getByRole('dialog');
  const confirmRestore = async () => {
    await data.restoreFromPath(file);
    await expect(dialog.getByTestId('restore-manifest')).toContainText('25');
    await dialog.getByTestId('restore-understand').check();
    await dialog.getByTestId('restore-confirm').click();
  };
  const restores = () => app.core.db.raw.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'restore'").get();

  // Declining the second question changes nothing.
  await confirmRestore();
  const question = page.getByTestId('restore-unverified');
  await expect(question).toContainText('不是本机制作的');
  await expect(question).toContainText('恢复后以下账号将是管理员：boss');
  await page.getByRole('button', { name: /取\s*消/ }).last().click();
  await expect(question).toBeHidden();
  expect(restores()).toEqual({ n: 0 });
  await dialog.getByRole('button', { name: /取\s*消/ }).click();

  // Accepting it restores the other PC's data.
  await confirmRestore();
  await page.getByTestId('restore-unverified-ok').click();
  await page.getByRole('button', { name: /知道了|OK/ }).click({ timeout: 30_000 });
  expect(restores()).toEqual({ n: 1 });
  fs.rmSync(elsewhere, { recursive: true, force: true });
});
