import { ADMIN, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { EmployeesPage } from './pages/EmployeesPage';
import { ExportButton } from './pages/ExportButton';
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
  // Colleagues' contact details are not for staff (PIPL): no phone in the list, no file of it.
  await expect(page.getByTestId('employees-export')).toHaveCount(0);
  await expect(employees.row('YY008')).toContainText('不公开');
  await expect(employees.row('YY008')).not.toContainText('13800000008');
  await expect(employees.row('YY007')).toContainText('13800000007'); // their own

  await employees.row('YY007').getByRole('link', { name: 'YY007' }).click();
  await expect(page.getByRole('heading', { name: /孙浩/ })).toBeVisible();
  await expect(page.getByTestId('employee-edit')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /归\s*档/ })).toHaveCount(0);
  await expect(page.getByText('yy007@example.com')).toBeVisible();
  await expect(page.getByText('staff1', { exact: true })).toBeVisible();
  // A colleague's record: name, position and group, but no phone, email or login name.
  await page.getByRole('link', { name: '陈静' }).click();
  await expect(page.getByRole('heading', { name: /陈静/ })).toBeVisible();
  await expect(page.getByText('组长', { exact: true })).toBeVisible();
  await expect(page.getByTestId('contact-hidden')).toHaveCount(3);
  await expect(page.locator('body')).not.toContainText('13800000004');
  await expect(page.locator('body')).not.toContainText('lead1');

  await shell.openMenu('小组');
  await expect(page.getByTestId('groups-new')).toHaveCount(0);

  // Hiding is only the UI: a direct call with the staff session is refused by the core.
  const before = app.core.db.raw.prepare('SELECT COUNT(*) AS n FROM org_employees').get();
  const create = await shell.rawInvoke('org.employees.create', { employeeNo: 'X999', name: '越权', gender: 'male', hireDate: '2024-01-01' });
  expect(create).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const group = await shell.rawInvoke('org.groups.create', { name: '越权组' });
  expect(group).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await shell.rawInvoke('org.employees.export', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await shell.rawInvoke('exports.list', { list: 'org.employees.list', input: {} })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(app.core.db.raw.prepare('SELECT COUNT(*) AS n FROM org_employees').get()).toEqual(before);
  expect(app.core.db.raw.prepare("SELECT COUNT(*) AS n FROM org_groups WHERE name = '越权组'").get()).toEqual({ n: 0 });
});

test('a group lead sees the contact details of their group only; a deputy edits their own record', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn('lead1', ADMIN.password); // 陈静 leads 项目运营组
  const shell = new AppShell(page);
  await shell.openMenu('员工');
  const employees = new EmployeesPage(page);
  await expect(employees.row('YY008')).toContainText('13800000008');
  await expect(employees.row('YY013')).toContainText('不公开');
  const file = await new ExportButton(page, 'employees-export').download();
  const phone = file.rows[0]!.indexOf('电话');
  expect(file.rows.find((r) => r[0] === 'YY008')![phone]).toBe('13800000008');
  expect(file.rows.find((r) => r[0] === 'YY013')![phone]).toBe('');
  await shell.signOut();

  // 李晓梅 (deputy1) is in no group herself: her own record is hers to keep current all the same.
  await new LoginPage(page).signIn('deputy1', ADMIN.password);
  await shell.openMenu('员工');
  await employees.search('YY002');
  await employees.row('YY002').getByRole('link', { name: 'YY002' }).click();
  await page.getByTestId('employee-edit').click();
  await employees.fill({ phone: '13955556666' });
  await employees.save();
  await expect(employees.form()).toBeHidden();
  await expect(page.getByTestId('employee-basic').getByText('13955556666')).toBeVisible();
});

test('the bridge refuses calls without the launch key', async ({ page, app }) => {
  await page.goto(app.url);
  const status = await page.evaluate(async () => {
    const res = await fetch('/api/invoke', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ method: 'setup.status', input: {} }) });
    return res.status;
  });
  expect(status).toBe(403);
});
