import { ADMIN, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { EmployeesPage } from './pages/EmployeesPage';
import { LoginPage } from './pages/LoginPage';

test('editing an employee shows field errors from the core and records the change on the timeline', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn('manager', ADMIN.password);
  await new AppShell(page).openMenu('员工');
  const employees = new EmployeesPage(page);
  await employees.search('周敏');
  await expect(employees.table().getByRole('row')).toHaveCount(2);
  await employees.row('YY008').getByRole('link', { name: 'YY008' }).click();

  await page.getByTestId('employee-edit').click();
  const form = page.getByTestId('employee-form');
  // A duplicate employee number is refused by the core and shown next to the field.
  await form.getByLabel('工号').fill('YY001');
  await page.getByTestId('employee-save').click();
  await expect(form).toContainText('工号已存在');

  await form.getByLabel('工号').fill('YY008');
  await form.getByLabel('电话').fill('13912345678');
  await page.getByTestId('employee-save').click();
  await expect(page.getByTestId('employee-form')).toBeHidden();
  await expect(page.locator('.ant-descriptions').getByText('13912345678')).toBeVisible();
  await expect(page.getByText(/修改了 电话/)).toBeVisible();
  await expect(page.getByTestId('timeline-changes')).toContainText('电话：13800000008 → 13912345678');

  // A comment on the record's timeline.
  await page.getByLabel('评论').fill('已核对联系方式');
  await page.getByRole('button', { name: /发\s*送/ }).click();
  await expect(page.getByText('已核对联系方式')).toBeVisible();

  // The change is in the audit log with before and after.
  const row = app.core.db.raw
    .prepare("SELECT before_json, after_json FROM audit_log WHERE method = 'org.employees.update' ORDER BY seq DESC LIMIT 1")
    .get() as { before_json: string; after_json: string };
  expect(JSON.parse(row.before_json).phone).toBe('13800000008');
  expect(JSON.parse(row.after_json).phone).toBe('13912345678');
});
