import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** A side-menu entry by its label: its name starts with its icon's ("history 打卡记录"), as AppShell.openMenu matches it. */
export function menuEntry(page: Page, label: string): Locator {
  return page.getByTestId('main-menu').getByRole('menuitem', { name: new RegExp(`(^|\\s)${label}$`) });
}

/**
 * Opens a page of the 考勤 section of the side menu, unfolding the section first when it is folded
 * (it opens by itself only on an attendance page). Tried again until the entry is the selected
 * one: a click while the section unfolds, or while a dialog's mask fades, can miss.
 */
export async function openAttendance(page: Page, label: string): Promise<void> {
  const shell = new AppShell(page);
  const entry = menuEntry(page, label);
  await expect(async () => {
    if (!(await entry.isVisible())) await shell.openMenu('考勤');
    await entry.click({ timeout: 2_000 });
    await expect(entry).toHaveClass(/ant-menu-item-selected/, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

/**
 * Picks an option of an antd Select by its text. Tried again until the field shows it: a dialog
 * still opening moves the focus, which can close the dropdown under the click.
 */
async function pickOption(page: Page, field: Locator, option: string | RegExp): Promise<void> {
  await expect(async () => {
    await field.getByRole('combobox').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: typeof option === 'string' }).first().click({ timeout: 2_000 });
    await expect(field.locator('.ant-select-content, .ant-select-selection-item').first()).toHaveText(option, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

/** 作息制度: the schedules table and its edit form. */
export class AttendanceSchedulesPage {
  constructor(readonly page: Page) {}

  table(): Locator {
    return this.page.getByTestId('schedules-table');
  }

  row(name: string): Locator {
    return this.table().locator('tr.ant-table-row').filter({ hasText: name });
  }

  form(): Locator {
    return this.page.getByTestId('schedule-form');
  }

  /** The message under a field of the form (the core's field errors land there). */
  fieldMessage(label: string): Locator {
    return this.form().locator('.ant-form-item').filter({ has: this.page.getByText(label, { exact: true }) }).locator('.ant-form-item-explain');
  }

  /** Opens a schedule's edit form, fills the fields given (labels as on screen) and saves. */
  async edit(name: string, fields: Record<string, string>): Promise<void> {
    await this.row(name).getByTestId('schedule-edit').click();
    for (const [label, value] of Object.entries(fields)) await this.form().getByLabel(label, { exact: true }).fill(value);
    await this.page.getByTestId('schedule-save').click();
  }
}

/** 导入考勤机记录: the wizard on the punches page. */
export class AttendanceImportWizard {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('punches-import').click();
  }

  /** Chooses a file and waits for its preview (or the file's problem). */
  async choose(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.dialog().locator('input[type=file]').setInputFiles(file);
    await expect(this.dialog().getByTestId('import-summary').or(this.dialog().getByTestId('import-file-problem'))).toBeVisible();
  }

  summary(): Locator {
    return this.dialog().getByTestId('import-summary');
  }

  problemRow(employeeNoOrValue: string): Locator {
    return this.dialog().getByTestId('import-problems').locator('tr.ant-table-row').filter({ hasText: employeeNoOrValue });
  }

  /** Maps the file's columns by hand (field label -> header) and checks the file again with them. */
  async map(columns: Record<string, string>): Promise<void> {
    const editor = this.dialog().getByTestId('import-mapping-editor');
    for (const [field, header] of Object.entries(columns)) {
      await pickOption(this.page, editor.locator('.ant-form-item').filter({ has: this.page.getByText(field, { exact: true }) }), header);
    }
    await editor.getByTestId('import-apply-mapping').click();
  }

  async savePreset(name: string): Promise<void> {
    await this.dialog().getByLabel(/预设名称/).fill(name);
    await this.dialog().getByTestId('import-save-preset').click();
    await expect(this.page.locator('.ant-message')).toContainText(`列对应已保存为“${name}”`);
  }

  async commit(): Promise<Locator> {
    await this.dialog().getByTestId('import-commit').click();
    const done = this.dialog().getByTestId('import-done');
    await expect(done).toBeVisible({ timeout: 30_000 });
    return done;
  }

  async close(): Promise<void> {
    await this.dialog().locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
    await expect(this.dialog()).toBeHidden();
  }
}

/** 申请请假: the form opened from 我的考勤 or 请假. */
export class AttendanceLeaveForm {
  constructor(readonly page: Page) {}

  form(): Locator {
    return this.page.getByTestId('leave-form');
  }

  async submit(leave: { type: string; start: string; end: string; startHalf?: '上午' | '下午'; endHalf?: '上午' | '下午'; reason: string }): Promise<void> {
    const form = this.form();
    await pickOption(this.page, form.locator('.ant-form-item').filter({ has: this.page.getByText('请假类型', { exact: true }) }), leave.type);
    await form.getByLabel('开始', { exact: true }).fill(leave.start);
    if (leave.startHalf) await form.locator('.ant-form-item').filter({ has: this.page.getByText('开始', { exact: true }) }).getByText(leave.startHalf).click();
    await form.getByLabel('结束', { exact: true }).fill(leave.end);
    if (leave.endHalf) await form.locator('.ant-form-item').filter({ has: this.page.getByText('结束', { exact: true }) }).getByText(leave.endHalf).click();
    await form.getByLabel('事由').fill(leave.reason);
    await this.page.getByTestId('leave-submit').click();
    await expect(form).toBeHidden();
  }
}

/** 请假: the leave list and its filters. */
export class AttendanceLeavePage {
  constructor(readonly page: Page) {}

  table(): Locator {
    return this.page.getByTestId('leave-table');
  }

  row(text: string): Locator {
    return this.table().locator('tr.ant-table-row').filter({ hasText: text });
  }

  async filterType(type: string): Promise<void> {
    await pickOption(this.page, this.page.getByTestId('leave-type-filter'), type);
  }
}

/** 月度统计 and a person's month (the calendar). */
export class AttendanceMonthPage {
  constructor(readonly page: Page) {}

  report(): Locator {
    return this.page.getByTestId('month-report');
  }

  /** The cells of a person's row, as text, in column order. */
  async rowCells(name: string): Promise<string[]> {
    const row = this.report().locator('tr.ant-table-row').filter({ hasText: name });
    await expect(row).toBeVisible();
    return row.locator('td').allInnerTexts();
  }

  /** Goes back from the current month, one click of 上个月 a month, waiting for each month to show. */
  async monthsBack(count: number): Promise<void> {
    const switcher = this.page.getByTestId('report-month');
    for (let i = 0; i < count; i++) {
      const shown = await switcher.locator('input').inputValue();
      await switcher.getByRole('button', { name: '上个月' }).click();
      await expect(switcher.locator('input')).not.toHaveValue(shown);
    }
  }

  async openPerson(name: string): Promise<void> {
    await this.report().getByRole('link', { name, exact: true }).click();
    await expect(this.page.getByTestId('month-calendar')).toBeVisible();
  }

  day(date: string): Locator {
    return this.page.getByTestId(`day-${date}`);
  }

  /** The month's figures on a person's page, label -> value. */
  async figures(): Promise<Record<string, string>> {
    const box = this.page.getByTestId('month-figures');
    await expect(box).toBeVisible();
    const labels = await box.locator('.ant-descriptions-item-label').allInnerTexts();
    const values = await box.locator('.ant-descriptions-item-content').allInnerTexts();
    return Object.fromEntries(labels.map((l, i) => [l.trim(), (values[i] ?? '').trim()]));
  }

  async lock(): Promise<void> {
    await this.page.getByTestId('month-lock').click();
    await this.page.getByTestId('month-lock-confirm').click();
    await expect(this.page.getByTestId('month-locked')).toBeVisible();
  }
}

/** 节假日: the year calendar. */
export class AttendanceCalendarPage {
  constructor(readonly page: Page) {}

  async showYear(year: number): Promise<void> {
    const input = this.page.getByRole('spinbutton', { name: '年份' });
    await input.fill(String(year));
    await input.press('Enter');
    await expect(this.page.getByTestId(`calendar-day-${year}-01-01`)).toBeVisible();
  }

  day(date: string): Locator {
    return this.page.getByTestId(`calendar-day-${date}`);
  }
}

/** 违纪记录: the list, recording a case, the employee's comment. */
export class AttendanceDisciplinePage {
  constructor(readonly page: Page) {}

  table(): Locator {
    return this.page.getByTestId('discipline-table');
  }

  async record(c: { employee: string; type: string; date: string; description: string }): Promise<void> {
    await this.page.getByTestId('discipline-new').click();
    const form = this.page.getByTestId('discipline-form');
    const item = (label: string) => form.locator('.ant-form-item').filter({ has: this.page.getByText(label, { exact: true }) });
    await item('员工').getByRole('combobox').fill(c.employee);
    await pickOption(this.page, item('员工'), new RegExp(c.employee));
    await pickOption(this.page, item('违纪类型'), c.type);
    await form.getByLabel('日期', { exact: true }).fill(c.date);
    await form.getByLabel('情况说明').fill(c.description);
    await this.page.getByTestId('discipline-save').click();
    await expect(form).toBeHidden();
  }

  async comment(row: Locator, text: string): Promise<void> {
    await row.getByTestId('discipline-comment').click();
    await this.page.getByRole('dialog').getByLabel('您的说明').fill(text);
    await this.page.getByTestId('discipline-comment-save').click();
    await expect(this.page.getByRole('dialog')).toBeHidden();
  }
}
