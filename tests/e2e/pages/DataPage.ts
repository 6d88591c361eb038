import { expect, type Page } from '@playwright/test';

/** 数据与备份: back up now, the backups list, restore. */
export class DataPage {
  constructor(readonly page: Page) {}

  backups() {
    return this.page.getByTestId('backups-table');
  }

  async backUpNow(password?: string): Promise<void> {
    await this.page.getByTestId('backup-now').click();
    const form = this.page.getByTestId('backup-form');
    if (password) {
      await form.getByRole('checkbox').check();
      await form.getByLabel('备份密码', { exact: true }).fill(password);
      await form.getByLabel('确认备份密码').fill(password);
    }
    await this.page.getByRole('dialog').getByRole('button', { name: /开始备份/ }).click();
    await expect(this.page.getByRole('dialog')).toBeHidden({ timeout: 30_000 });
  }

  /** 从其他位置恢复 in browser mode: the full path typed, Enter opens the restore dialog. */
  async restoreFromPath(file: string): Promise<void> {
    const input = this.page.getByLabel('从其他位置恢复');
    await input.fill(file);
    await input.press('Enter');
  }

  /** The automatic-backup settings: a new backup folder, saved. */
  async setBackupFolder(folder: string): Promise<void> {
    const form = this.page.getByTestId('backup-settings');
    await form.getByLabel('备份文件夹').fill(folder);
    await form.getByRole('button', { name: /保\s*存/ }).click();
  }

  /** Restores the backup on the row containing `text`, after checking its manifest. */
  async restore(rowText: string, password?: string): Promise<void> {
    await this.backups().getByRole('row').filter({ hasText: rowText }).getByRole('button', { name: /恢\s*复/ }).click();
    const dialog = this.page.getByRole('dialog');
    if (password) {
      await dialog.getByLabel('备份密码').fill(password);
      await dialog.getByRole('button', { name: /读\s*取/ }).click();
    }
    await expect(dialog.getByTestId('restore-manifest')).toBeVisible();
    await dialog.getByTestId('restore-understand').check();
    await dialog.getByTestId('restore-confirm').click();
    // The success box names the backup of the data from before; close it.
    await this.page.getByRole('button', { name: /知道了|OK/ }).click({ timeout: 30_000 });
  }
}
