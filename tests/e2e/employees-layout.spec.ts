import type { Page } from '@playwright/test';
import { ADMIN, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { EmployeesPage } from './pages/EmployeesPage';
import { LoginPage } from './pages/LoginPage';

test.use({ viewport: { width: 1024, height: 768 } });

/** Every header and every row on one line, the number and the name in view, no page-wide scrolling. */
async function expectReadable(page: Page, employees: EmployeesPage): Promise<void> {
  await expect(employees.row('YY001')).toBeVisible();
  const lineHeight = async (selector: string) =>
    employees.table().locator(selector).evaluateAll((els) =>
      els.filter((el) => el.textContent?.trim()).map((el) => {
        const style = getComputedStyle(el);
        // A wrapped header or cell is at least two lines of its text high.
        return el.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom) < 2 * parseFloat(style.lineHeight);
      }),
    );
  expect(await lineHeight('thead th')).not.toContain(false);
  expect(await lineHeight('tbody tr.ant-table-row td')).not.toContain(false);
  for (const text of ['YY001', '王建国']) {
    const box = (await employees.row('YY001').getByText(text, { exact: true }).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
}

test('the employee table reads at 1024×768, in Chinese and in English', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  const shell = new AppShell(page);
  await shell.openMenu('员工');
  const employees = new EmployeesPage(page);
  await expectReadable(page, employees);
  await shell.switchLanguage('en-US');
  await expect(employees.table().getByRole('columnheader', { name: 'Hire date' })).toBeVisible();
  await expectReadable(page, employees);
  // The columns to the right scroll inside the table; the number stays.
  await employees.table().locator('.ant-table-content, .ant-table-body').first().evaluate((el) => (el.scrollLeft = el.scrollWidth));
  await expect(employees.row('YY001').getByText('YY001', { exact: true })).toBeInViewport();
});
