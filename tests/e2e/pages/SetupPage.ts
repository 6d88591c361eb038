import type { Page } from '@playwright/test';

export class SetupPage {
  constructor(private readonly page: Page) {}

  async complete(o: { department: string; username: string; password: string; demo?: boolean }): Promise<void> {
    const form = this.page.getByTestId('setup-form');
    await form.getByLabel('部门名称').fill(o.department);
    await form.getByLabel('管理员用户名').fill(o.username);
    await form.getByLabel('管理员密码', { exact: true }).fill(o.password);
    await form.getByLabel('确认密码').fill(o.password);
    if (o.demo) await form.getByRole('checkbox').check();
    await form.getByRole('button', { name: /完成设置/ }).click();
  }
}
