import { expect, type Locator, type Page } from '@playwright/test';

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

/** 员工 list, its create/edit drawer, the import modal and the export button. */
export class EmployeesPage {
  constructor(readonly page: Page) {}

  table() {
    return this.page.getByTestId('employees-table');
  }

  row(text: string) {
    return this.table().getByRole('row').filter({ hasText: text });
  }

  /** The create/edit drawer's form. */
  form(): Locator {
    return this.page.getByTestId('employee-form');
  }

  /** The message shown under a field of the drawer's form (its label's Form.Item). */
  fieldMessage(label: string): Locator {
    return this.form().locator('.ant-form-item').filter({ has: this.page.getByText(label, { exact: true }) }).locator('.ant-form-item-explain');
  }

  async pick(label: string, option: string): Promise<void> {
    await this.form().getByLabel(label, { exact: true }).click();
    await this.page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
  }

  /** Fills the drawer's fields given; leaves the others as they are. */
  async fill(e: Partial<NewEmployee>): Promise<void> {
    const form = this.form();
    if (e.employeeNo !== undefined) await form.getByLabel('工号').fill(e.employeeNo);
    if (e.name !== undefined) await form.getByLabel('姓名').fill(e.name);
    if (e.gender) await this.pick('性别', e.gender);
    if (e.position) await this.pick('岗位', e.position);
    if (e.group) await this.pick('小组', e.group);
    if (e.hireDate !== undefined) await form.getByLabel('入职日期').fill(e.hireDate);
    if (e.phone !== undefined) await form.getByLabel('电话', { exact: true }).fill(e.phone);
    if (e.email !== undefined) await form.getByLabel('邮箱').fill(e.email);
  }

  async save(): Promise<void> {
    await this.page.getByTestId('employee-save').click();
  }

  async create(e: NewEmployee): Promise<void> {
    await this.page.getByTestId('employees-new').click();
    await this.fill(e);
    await this.save();
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('employees-search').getByRole('searchbox').fill(text);
    await this.page.getByTestId('employees-search').getByRole('searchbox').press('Enter');
  }

  /** The employee numbers of the rows on screen, in order. */
  async employeeNumbers(): Promise<string[]> {
    return this.table().locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
  }

  /** Uploads a file in the import modal and waits for the preview. */
  async previewImport(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.page.getByTestId('employees-import').click();
    await this.chooseImportFile(file);
    await expect(this.page.getByTestId('import-summary').or(this.page.getByRole('dialog').getByRole('alert'))).toBeVisible();
  }

  async chooseImportFile(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.page.getByRole('dialog').locator('input[type=file]').setInputFiles(file);
  }
}
