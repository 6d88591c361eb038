import { ADMIN, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { EmployeesPage } from './pages/EmployeesPage';
import { LoginPage } from './pages/LoginPage';

test('a staff user sees no edit actions, and the core refuses the edits anyway', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn('staff1', ADMIN.password);
  const shell = new AppShell(page);

  // The menu has no administration entries for staff.
  await expect(page.getByTestId('main-menu')).not.toContainText('用户账号');
  await expect(page.getByTestId('main-menu')).not.toContainText('审计日志');

  await shell.openMenu('员工');
  const employees = new EmployeesPage(page);
  await expect(employees.row('YY007')).toContainText('孙浩');
  await expect(page.getByTestId('employees-new')).toHaveCount(0);
  await expect(page.getByTestId('employees-import')).toHaveCount(0);
  await expect(employees.table().getByRole('columnheader', { name: '操作' })).toHaveCount(0);
  await expect(page.getByTestId('employees-export')).toBeVisible();

  await employees.row('YY007').getByRole('link', { name: 'YY007' }).click();
  await expect(page.getByRole('heading', { name: /孙浩/ })).toBeVisible();
  await expect(page.getByTestId('employee-edit')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /归\s*档/ })).toHaveCount(0);

  await shell.openMenu('小组');
  await expect(page.getByTestId('groups-new')).toHaveCount(0);

  // Hiding is only the UI: a direct call with the staff session is refused by the core.
  const before = app.core.db.raw.prepare('SELECT COUNT(*) AS n FROM org_employees').get();
  const create = await shell.rawInvoke('org.employees.create', { employeeNo: 'X999', name: '越权', gender: 'male', hireDate: '2024-01-01' });
  expect(create).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const group = await shell.rawInvoke('org.groups.create', { name: '越权组' });
  expect(group).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(app.core.db.raw.prepare('SELECT COUNT(*) AS n FROM org_employees').get()).toEqual(before);
  expect(app.core.db.raw.prepare("SELECT COUNT(*) AS n FROM org_groups WHERE name = '越权组'").get()).toEqual({ n: 0 });
});

test('the bridge refuses calls without the launch key', async ({ page, app }) => {
  await page.goto(app.url);
  const status = await page.evaluate(async () => {
    const res = await fetch('/api/invoke', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ method: 'setup.status', input: {} }) });
    return res.status;
  });
  expect(status).toBe(403);
});
