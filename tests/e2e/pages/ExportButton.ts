import { expect, type Page } from '@playwright/test';
import { readXlsx } from '../support/xlsx';

/** A list page's 导出 Excel button: clicks it, waits for the file and the confirmation, reads the sheet. */
export class ExportButton {
  constructor(
    readonly page: Page,
    readonly testId: string,
  ) {}

  async download(): Promise<{ fileName: string; rows: string[][] }> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(this.testId).click();
    const file = await download;
    await expect(this.page.locator('.ant-message')).toContainText(`已导出 ${file.suggestedFilename()}`);
    return { fileName: file.suggestedFilename(), rows: await readXlsx(await file.path()) };
  }
}
