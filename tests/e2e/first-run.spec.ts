import { ADMIN, countOf, ENGINES, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { EmployeesPage } from './pages/EmployeesPage';
import { SetupPage } from './pages/SetupPage';
import { readXlsx, xlsx } from './support/xlsx';

test.use({ seed: 'empty' });

// The first run on each engine: the desktop's SQLite file, and a PostgreSQL server where one is given (issue 8).
for (const engine of ENGINES) {
  test.describe(engine, () => {
    test.use({ engine });

    test('first run: setup, sign in, build the organisation, import with a bad row, export', async ({ page, app }) => {
      await page.goto(app.url);

      // First-run setup creates the department and the administrator, and signs them in.
      await new SetupPage(page).complete({ department: '富力运营部', username: ADMIN.username, password: ADMIN.password });
      await expect(page.getByTestId('department-name')).toHaveText('富力运营部');
      const shell = new AppShell(page);

      // A new group.
      await shell.openMenu('小组');
      await page.getByTestId('groups-new').click();
      await page.getByTestId('group-form').getByLabel('小组名称').fill('新媒体运营组');
      await page.getByTestId('group-form').getByLabel('职责说明').fill('负责新媒体渠道的内容运营');
      await page.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click();
      await expect(page.getByTestId('groups-table').getByRole('row').filter({ hasText: '新媒体运营组' })).toBeVisible();

      // A new position with written duties.
      await shell.openMenu('岗位职责');
      await page.getByTestId('positions-new').click();
      await page.getByTestId('position-form').getByLabel('岗位名称').fill('运营专员');
      await page.getByTestId('position-form').getByLabel('岗位职责').fill('执行运营活动，整理运营数据');
      await page.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click();
      await expect(page.getByTestId('positions-table').getByRole('row').filter({ hasText: '运营专员' })).toBeVisible();

      // A new employee in them.
      await shell.openMenu('员工');
      const employees = new EmployeesPage(page);
      await employees.create({ employeeNo: 'E001', name: '张伟', gender: '男', position: '运营专员', group: '新媒体运营组', hireDate: '2024-03-01', phone: '13800000001' });
      await expect(employees.row('E001')).toContainText('张伟');
      await expect(employees.row('E001')).toContainText('新媒体运营组');

      // Import: three rows, one with an unknown group and a bad date.
      const file = await xlsx([
        ['工号', '姓名', '性别', '岗位', '小组', '直属上级', '入职日期', '电话', '邮箱'],
        ['E002', '李娜', '女', '运营专员', '新媒体运营组', 'E001', '2024-04-01', '13800000002', 'lina@example.com'],
        ['E003', '王强', '男', '专员', '不存在的组', '', '2024-13-40', '', ''],
        ['E004', '赵敏', '女', '专员', '客户服务组', '张伟', '2024/5/6', '', ''],
      ]);
      await employees.previewImport({ name: '员工.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
      await expect(page.getByTestId('import-summary')).toContainText('2 行可导入');
      await expect(page.getByTestId('import-summary')).toContainText('1 行有问题');
      const badRow = page.getByTestId('import-preview').getByRole('row').filter({ hasText: 'E003' });
      await expect(badRow).toContainText('小组不存在');
      await expect(badRow).toContainText('入职日期不是有效日期');
      await page.getByTestId('import-commit').click();
      await expect(page.getByTestId('import-done')).toContainText('已导入 2 名员工，跳过 1 行');
      await page.getByRole('dialog').locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
      await expect(employees.row('E002')).toContainText('李娜');
      await expect(employees.row('E004')).toContainText('赵敏');
      await expect(employees.table()).not.toContainText('E003');

      // Export: the file holds what the list shows.
      const download = page.waitForEvent('download');
      await page.getByTestId('employees-export').click();
      const saved = await (await download).path();
      const rows = await readXlsx(saved);
      expect(rows[0]).toEqual(['工号', '姓名', '性别', '岗位', '小组', '直属上级', '入职日期', '电话', '邮箱', '状态', '离职日期']);
      expect(rows.slice(1).map((r) => r[0])).toEqual(['E001', 'E002', 'E004']);
      expect(rows[2]).toEqual(expect.arrayContaining(['李娜', '女', '运营专员', '新媒体运营组', '张伟', '2024-04-01']));
    });

    test('cancelling an import writes nothing', async ({ page, app }) => {
      await page.goto(app.url);
      await new SetupPage(page).complete({ department: '运营部', username: ADMIN.username, password: ADMIN.password });
      await new AppShell(page).openMenu('员工');
      const employees = new EmployeesPage(page);
      const file = await xlsx([
        ['工号', '姓名', '性别', '入职日期'],
        ['C001', '周杰', '男', '2024-01-02'],
      ]);
      await employees.previewImport({ name: 'c.xlsx', mimeType: 'application/octet-stream', buffer: file });
      await expect(page.getByTestId('import-preview')).toContainText('周杰');
      await page.getByRole('dialog').locator('.ant-modal-footer').getByRole('button', { name: /取\s*消/ }).click();
      await expect(page.getByRole('dialog')).toBeHidden();
      await expect(employees.table()).toContainText('还没有员工');
      expect(await countOf(app.core, 'SELECT COUNT(*) AS n FROM org_employees')).toBe(0);
      expect(await countOf(app.core, "SELECT COUNT(*) AS n FROM audit_log WHERE method LIKE 'org.employees.import%'")).toBe(0);
    });
  });
}
