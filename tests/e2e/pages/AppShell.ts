import { expect, type Page } from '@playwright/test';

/** The main layout: side menu, header with language and user menus. */
export class AppShell {
  constructor(readonly page: Page) {}

  /** Clicks a side-menu entry by its label (sections are open by default). */
  async openMenu(label: string): Promise<void> {
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await this.page.getByTestId('main-menu').getByRole('menuitem', { name: new RegExp(`(^|\\s)${escaped}$`) }).click();
  }

  async goto(hashPath: string): Promise<void> {
    await this.page.evaluate((p) => {
      window.location.hash = p;
    }, hashPath);
  }

  async switchLanguage(to: 'zh-CN' | 'en-US'): Promise<void> {
    const item = this.page.getByRole('menuitem', { name: to === 'zh-CN' ? '简体中文' : 'English' });
    // A click on the header's switch while the page is still settling can leave the dropdown
    // closed (a CI run waited the whole test for the item): open it again until the item shows.
    await expect(async () => {
      if (!(await item.isVisible())) await this.page.getByTestId('language-switch').click();
      await expect(item).toBeVisible({ timeout: 2000 });
    }).toPass({ timeout: 15_000 });
    await item.click();
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('user-menu').click();
    await this.page.getByRole('menuitem', { name: /退出登录|Sign out/ }).click();
  }

  /** Calls the core directly from the page, as a hostile page script could: the core must decide. */
  async rawInvoke(method: string, input: unknown): Promise<{ ok: boolean; error?: { code: string } }> {
    return this.page.evaluate(
      async ({ method, input }) => {
        const token = sessionStorage.getItem('opsdesk.token');
        const res = await fetch('/api/invoke', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-OpsDesk-Key': sessionStorage.getItem('opsdesk.key') ?? '',
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify({ method, input }),
        });
        return (await res.json()) as { ok: boolean; error?: { code: string } };
      },
      { method, input },
    );
  }
}
