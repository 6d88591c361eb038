import { ADMIN, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/LoginPage';

/** The frame around every page: window titles, buttons, menus, pages one may not open, the browser-mode key. */

test('the window title names the page, in the user’s language', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page).toHaveTitle('登录 - OpsDesk 运营部管理系统');
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  const shell = new AppShell(page);
  await expect(page).toHaveTitle('工作台 - OpsDesk 运营部管理系统');
  await shell.openMenu('员工');
  await expect(page).toHaveTitle('员工 - OpsDesk 运营部管理系统');
  await page.getByTestId('employees-table').getByRole('link', { name: 'YY007' }).click();
  await expect(page.getByRole('heading', { name: /孙浩/ })).toBeVisible();
  await expect(page).toHaveTitle('员工 - OpsDesk 运营部管理系统'); // a page without its own title: its menu entry's

  await shell.switchLanguage('en-US');
  await expect(page).toHaveTitle('Employees - OpsDesk');
  await shell.openMenu('Reminders');
  await expect(page).toHaveTitle('Reminders - OpsDesk');
  await shell.openMenu('Home');
  await expect(page).toHaveTitle('Home - OpsDesk');
  await shell.goto('/account');
  await expect(page).toHaveTitle('My account - OpsDesk');
  await shell.signOut();
  await expect(page).toHaveTitle('Sign in - OpsDesk');
});

test('two-character buttons have no space inserted between the characters', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByTestId('login-form').locator('button[type=submit]')).toHaveText('登录');
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  await new AppShell(page).openMenu('提醒事项');
  await page.getByTestId('reminders-new').click();
  const footer = page.getByRole('dialog').locator('.ant-modal-footer');
  await expect(footer.getByRole('button')).toHaveText(['取消', '确定']);
});

test('labels end in a full-width colon in Chinese and an ASCII one in English', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
  const shell = new AppShell(page);
  await shell.goto('/account');
  const label = page.locator('.ant-descriptions-item-label').first();
  await expect(label).toHaveText('用户名');
  const colon = () => label.evaluate((el) => getComputedStyle(el, '::after').content);
  expect(await colon()).toBe('"："');
  await shell.switchLanguage('en-US');
  await expect(label).toHaveText('Username');
  expect(await colon()).toBe('":"');
});

test('a page the user may not open says so instead of silently showing the home page', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn('staff1', ADMIN.password);
  const shell = new AppShell(page);
  await expect(page.getByTestId('main-menu')).toBeVisible();
  await shell.goto('/admin/users');
  const notice = page.getByTestId('page-forbidden');
  await expect(notice).toContainText('没有权限');
  await expect(notice).toContainText('您的账号没有打开此页面的权限');
  await expect(page.getByTestId('users-table')).toHaveCount(0);
  await expect(page).toHaveTitle('没有权限 - OpsDesk 运营部管理系统');
  await notice.getByRole('button', { name: '返回工作台' }).click();
  await expect(page.getByRole('heading', { name: /您好/ })).toBeVisible();

  await shell.goto('/no/such/page');
  await expect(page.getByTestId('page-not-found')).toContainText('页面不存在');
});

test('browser mode without the launch key explains which address to open, instead of a login that cannot work', async ({ page, app }) => {
  const withoutKey = new URL(app.url);
  withoutKey.search = '';
  await page.goto(withoutKey.href);
  const notice = page.getByTestId('bridge-key-problem');
  await expect(page.getByRole('heading', { name: '请用启动时显示的地址打开' })).toBeVisible();
  await expect(notice).toContainText('缺少这个密钥');
  await expect(notice).toContainText('?key=');
  await expect(page.getByTestId('login-form')).toHaveCount(0);
  await expect(page).toHaveTitle('请用启动时显示的地址打开 - OpsDesk 运营部管理系统');

  const wrongKey = new URL(app.url);
  wrongKey.searchParams.set('key', 'not-this-launch');
  await page.goto(wrongKey.href);
  await expect(notice).toContainText('访问密钥已失效');
  await expect(page.getByTestId('login-form')).toHaveCount(0);

  // The right address works, and a reload (the key is gone from the address bar by then) too.
  await page.goto(app.url);
  await expect(page.getByTestId('login-form')).toBeVisible();
  expect(new URL(page.url()).searchParams.has('key')).toBe(false);
  await page.reload();
  await expect(page.getByTestId('login-form')).toBeVisible();
});

/**
 * Labels whose text is wider than their box (antd cuts them with an ellipsis). The text's own
 * width is measured too: scrollWidth is rounded to whole pixels and misses a cut by a fraction.
 */
function cutLabels(els: Element[]): { text: string | null; textWidth: number; boxWidth: number }[] {
  return els
    .map((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const textWidth = range.getBoundingClientRect().width;
      const boxWidth = el.getBoundingClientRect().width;
      const cut = el.scrollWidth > el.clientWidth || textWidth > boxWidth + 0.01 || boxWidth === 0;
      return { text: el.textContent, textWidth, boxWidth, cut };
    })
    .filter((l) => l.cut)
    .map(({ text, textWidth, boxWidth }) => ({ text, textWidth, boxWidth }));
}

for (const width of [1366, 1024]) {
  test(`English menu labels and home card titles are not cut off at ${width} px`, async ({ page, app }) => {
    await page.setViewportSize({ width, height: 768 });
    await page.goto(app.url);
    await new LoginPage(page).signIn(ADMIN.username, ADMIN.password);
    await new AppShell(page).switchLanguage('en-US');
    const menu = page.getByTestId('main-menu');
    await expect(menu).toContainText('Organisation');
    const labels = menu.locator('.ant-menu-title-content');
    expect(await labels.count()).toBeGreaterThanOrEqual(14);
    expect(await labels.evaluateAll(cutLabels)).toEqual([]);
    await expect(page.getByText('Nothing is waiting for your approval')).toBeVisible();
    expect(await page.locator('.ant-card-head-title').evaluateAll(cutLabels)).toEqual([]);
  });
}

test('Enter submits the change-password form on the account page', async ({ page, app }) => {
  await page.goto(app.url);
  await new LoginPage(page).signIn('staff1', ADMIN.password);
  await new AppShell(page).goto('/account');
  const form = page.getByTestId('change-password-form');
  await form.getByLabel('当前密码').fill(ADMIN.password);
  await form.getByLabel('新密码', { exact: true }).fill('Another-pass-7');
  await form.getByLabel('确认新密码').fill('Another-pass-7');
  await form.getByLabel('确认新密码').press('Enter');
  await expect(page.getByText('密码已修改')).toBeVisible();
});
