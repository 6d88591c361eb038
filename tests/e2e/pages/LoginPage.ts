import type { Page } from '@playwright/test';

export class LoginPage {
  constructor(private readonly page: Page) {}

  async signIn(username: string, password: string): Promise<void> {
    const form = this.page.getByTestId('login-form');
    await form.getByLabel(/用户名|Username/).fill(username);
    await form.getByLabel(/^(密码|Password)$/).fill(password);
    await form.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  }

  error() {
    return this.page.getByTestId('login-error');
  }
}
