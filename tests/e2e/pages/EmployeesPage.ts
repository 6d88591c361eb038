import { expect, type Page } from '@playwright/test';

export interface NewEmployee {
  employeeNo: string;
  name: string;
  gender?: '男' | '女';
  position?: string;
  group?: string;
  hireDate: string;
  phone?: string;
  email?: string;
}

/** 员工 list, its create drawer, the import modal and the export button. */
export class EmployeesPage {
  constructor(readonly page: Page) {}

  table() {
    return this.page.getByTestId('employees-table');
  }

  row(text: string) {
    return this.table().getByRole('row').filter({ hasText: text });
  }

  private async pick(label: string, option: string): Promise<void> {
    const form = this.page.getByTestId('employee-form');
    await form.getByLabel(label, { exact: true }).click();
    await this.page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
  }

  async create(e: NewEmployee): Promise<void> {
    await this.page.getByTestId('employees-new').click();
    const form = this.page.getByTestId('employee-form');
    await form.getByLabel('工号').fill(e.employeeNo);
    await form.getByLabel('姓名').fill(e.name);
    if (e.gender) await this.pick('性别', e.gender);
    if (e.position) await this.pick('岗位', e.position);
    if (e.group) await this.pick('小组', e.group);
    await form.getByLabel('入职日期').fill(e.hireDate);
    await form.getByLabel('入职日期').press('Enter');
    if (e.phone) await form.getByLabel('电话').fill(e.phone);
    if (e.email) await form.getByLabel('邮箱').fill(e.email);
    await this.page.getByTestId('employee-save').click();
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('employees-search').getByRole('searchbox').fill(text);
    await this.page.getByTestId('employees-search').getByRole('searchbox').press('Enter');
  }

  /** Uploads a file in the import modal and waits for the preview. */
  async previewImport(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.page.getByTestId('employees-import').click();
    await this.page.getByRole('dialog').locator('input[type=file]').setInputFiles(file);
    await expect(this.page.getByTestId('import-summary')).toBeVisible();
  }
}
