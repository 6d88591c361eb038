import { expect, type Locator, type Page } from '@playwright/test';

/** 审计日志: the table, its search and operation filter, a row's changes, the integrity check. */
export class AuditLogPage {
  constructor(readonly page: Page) {}

  table(): Locator {
    return this.page.getByTestId('audit-table');
  }

  /** Data rows (not the header, not an expanded row's own table) holding `text`. */
  rows(text?: string | RegExp): Locator {
    // Not the rows of an expanded row's own changes table.
    const rows = this.table().locator('tr.ant-table-row:not(.ant-table-expanded-row *)');
    return text === undefined ? rows : rows.filter({ hasText: text });
  }

  async search(text: string): Promise<void> {
    const box = this.page.getByTestId('audit-search').getByRole('searchbox');
    await box.fill(text);
    await box.press('Enter');
  }

  /** Picks an operation by its words, typed into the filter as a user would (the list is long). */
  async filterOperation(label: string): Promise<void> {
    await this.page.getByTestId('audit-operation').click();
    await this.page.getByTestId('audit-operation').locator('input').fill(label);
    await this.page.locator('.ant-select-dropdown:visible').getByTitle(label, { exact: true }).click();
  }

  /** Expands a row and returns its changes (field, before, after per line). */
  async changesOf(row: Locator): Promise<string[][]> {
    await row.getByRole('button', { name: /展开行|Expand row/ }).click();
    const changes = this.page.locator('[data-testid^="audit-changes-"]:visible').first();
    await expect(changes).toBeVisible();
    return changes.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  }

  /** Runs the integrity check; returns the result dialog. */
  async verify(): Promise<Locator> {
    await this.page.getByTestId('audit-verify').click();
    const dialog = this.page.locator('.ant-modal-confirm');
    await expect(dialog).toBeVisible();
    return dialog;
  }
}
