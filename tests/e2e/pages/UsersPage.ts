import type { Page } from '@playwright/test';

/** 用户账号: the accounts table, its create modal and row actions. */
export class UsersPage {
  constructor(readonly page: Page) {}

  table() {
    return this.page.getByTestId('users-table');
  }

  row(username: string) {
    return this.table().getByRole('row').filter({ hasText: username });
  }

  /** The create-account form (opened by the page's 新建账号 button). */
  async openNewUserForm() {
    await this.page.getByTestId('users-new').click();
    return this.page.getByTestId('user-form');
  }

  /** 解除登录限制 on a row, confirmed in its pop-up. */
  async unlock(username: string): Promise<void> {
    await this.row(username).getByTestId('users-unlock').click();
    await this.page.locator('.ant-popover:visible').getByRole('button', { name: /确\s*定|OK/ }).click();
  }
}
