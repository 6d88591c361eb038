import { ADMIN, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { EmployeesPage } from './pages/EmployeesPage';
import { LoginPage } from './pages/LoginPage';

test.beforeEach(async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn('manager', ADMIN.password);
  await new AppShell(page).openMenu('员工');
});

test('the core reports every problem of a save at once, and fixing a field clears only its error', async ({ page }) => {
  const employees = new EmployeesPage(page);
  await employees.search('YY008');
  await employees.row('YY008').getByRole('link', { name: 'YY008' }).click();
  await page.getByTestId('employee-edit').click();

  // Two problems only the core sees (a taken number, an address it refuses): both in one answer.
  await employees.fill({ employeeNo: 'YY001', email: 'a@' });
  await employees.save();
  await expect(employees.fieldMessage('工号')).toHaveText('工号已存在');
  await expect(employees.fieldMessage('邮箱')).toHaveText('邮箱格式不正确');

  await employees.fill({ email: 'zhoumin@example.com' });
  await expect(employees.fieldMessage('邮箱')).toHaveCount(0);
  await expect(employees.fieldMessage('工号')).toHaveText('工号已存在');

  await employees.fill({ employeeNo: 'YY008' });
  await expect(employees.fieldMessage('工号')).toHaveCount(0);
  await employees.save();
  await expect(employees.form()).toBeHidden();
  await expect(page.getByTestId('employee-basic').getByText('zhoumin@example.com')).toBeVisible();
});

test('dates typed as the import reads them, phone numbers checked, a future hire date warned about, Enter saves', async ({ page, app }) => {
  const employees = new EmployeesPage(page);
  await page.getByTestId('employees-new').click();
  const form = employees.form();
  await employees.fill({ employeeNo: 'F001', name: '王小明' });

  // 2024/3/5 is understood and shown as the date it is; 2024-02-30 is said to be wrong, not "required".
  const hireDate = form.getByLabel('入职日期');
  await hireDate.fill('2024-02-30');
  await hireDate.blur();
  await expect(employees.fieldMessage('入职日期')).toHaveText('日期格式不正确');
  await hireDate.fill('2024/3/5');
  await hireDate.blur();
  await expect(hireDate).toHaveValue('2024-03-05');
  await expect(employees.fieldMessage('入职日期')).toHaveCount(0);
  await hireDate.fill('2099-01-01');
  await expect(employees.fieldMessage('入职日期')).toHaveText('入职日期晚于今天，请确认无误');
  await hireDate.fill('20240305');
  await hireDate.blur();
  await expect(hireDate).toHaveValue('2024-03-05');

  // 12345 is no phone number; a foreign one is accepted once marked as such.
  await employees.fill({ phone: '12345' });
  await expect(employees.fieldMessage('电话')).toContainText('请填写大陆手机号或带区号的固定电话');
  await employees.fill({ phone: '+44 20 7946 0958' });
  await expect(employees.fieldMessage('电话')).toContainText('境外号码请先选“境外/其他”');
  // Choosing the kind (retried: under load the first click can land while the list still opens).
  await expect(async () => {
    await form.getByLabel('号码类型').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '境外/其他' }).click({ timeout: 2000 });
    await expect(employees.fieldMessage('电话')).toHaveCount(0, { timeout: 1000 });
  }).toPass();

  // Enter in a field saves the form.
  await form.getByLabel('姓名').press('Enter');
  await expect(form).toBeHidden();
  await expect(page.locator('.ant-message')).toContainText('员工已创建');
  const saved = app.core.db.raw.prepare("SELECT hire_date AS hireDate, phone FROM org_employees WHERE employee_no = 'F001'").get();
  expect(saved).toEqual({ hireDate: '2024-03-05', phone: '+44 20 7946 0958' });
});

test('archiving a group lead is refused with the name of the group', async ({ page }) => {
  const employees = new EmployeesPage(page);
  await employees.search('YY004');
  await employees.row('YY004').getByRole('button', { name: /归\s*档/ }).click();
  await page.locator('.ant-popover:visible').getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(page.locator('.ant-message')).toContainText('该员工是“项目运营组”的组长');
});
