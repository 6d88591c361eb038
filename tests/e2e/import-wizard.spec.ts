import { ADMIN, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { EmployeesPage } from './pages/EmployeesPage';
import { LoginPage } from './pages/LoginPage';
import { readXlsx, xlsx } from './support/xlsx';

test('the import offers a template, and after a file it cannot use another can be chosen', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  await new AppShell(page).openMenu('员工');
  const employees = new EmployeesPage(page);
  await page.getByTestId('employees-import').click();

  // The template: the headers the import reads, nothing to delete first.
  const download = page.waitForEvent('download');
  await page.getByTestId('import-template').click();
  const template = await download;
  expect(template.suggestedFilename()).toBe('员工导入模板.xlsx');
  expect(await readXlsx(await template.path())).toEqual([['工号', '姓名', '性别', '岗位', '小组', '直属上级', '入职日期', '电话', '邮箱', '状态', '离职日期']]);

  // A file without the right headers: said so, and another file can be chosen.
  await employees.chooseImportFile({ name: '错的.xlsx', mimeType: 'application/octet-stream', buffer: await xlsx([['编号', '名字'], ['X1', '某人']]) });
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('找不到表头');
  await page.getByTestId('import-choose-another').click();
  await employees.chooseImportFile({
    name: '对的.xlsx',
    mimeType: 'application/octet-stream',
    buffer: await xlsx([
      ['工号', '姓名', '性别', '入职日期', '电话'],
      ['N001', '周杰', '男', '20240305', '13912345678'],
      ['N002', '蔡琳', '女', '2024/3/6', '12345'],
    ]),
  });
  await expect(page.getByTestId('import-summary')).toContainText('1 行可导入');
  await expect(page.getByTestId('import-preview').getByRole('row').filter({ hasText: 'N002' })).toContainText('电话格式不正确');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toContainText('已导入 1 名员工');
  expect(app.core.db.raw.prepare("SELECT hire_date AS d FROM org_employees WHERE employee_no = 'N001'").get()).toEqual({ d: '2024-03-05' });
});
