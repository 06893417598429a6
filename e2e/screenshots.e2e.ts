import { describe, test } from 'vitest';
import { baseURL, loginViaApi, screenshot, uniqueSuffix, useBrowser } from './browser';
import { buttonName, chooseOption, openMenu, orgTree } from './pages';

const browser = useBrowser();

// Pictures of every page for people to look at (test-results/*.png); each step waits for real data.
describe('screenshots of every page', () => {
  test('login page lists the demo accounts', async () => {
    const page = await browser.open();
    await page.goto('/login');
    await page.getByTestId('demo-accounts').getByText('city_admin').waitFor();
    await screenshot(page, 'login');
  });

  test('admin pages as city_admin', async () => {
    const page = await browser.open();
    await loginViaApi(page, 'city_admin');

    await page.goto('/orgs');
    await openMenu(page, '首页');
    await page.locator('.ant-statistic-content-value').first().waitFor();
    await page.getByText('企业工会').first().waitFor();
    await screenshot(page, 'home');

    await page.goto('/orgs');
    const tree = orgTree(page);
    await tree.getByText('海门区总工会', { exact: true }).waitFor();
    await tree.getByText('海门区总工会', { exact: true }).click();
    await tree.getByText('海门区常乐镇总工会').waitFor();
    await page.getByTestId('org-children').locator('tbody tr').first().waitFor();
    await page.getByTestId('org-search').getByRole('searchbox').fill('hmq');
    await page.getByTestId('org-search-results').getByText('海门区总工会').first().waitFor();
    await screenshot(page, 'org-search', { fullPage: false });
    await page.getByTestId('org-search').getByRole('searchbox').fill('');
    await page.getByTestId('open-org-detail').click();
    await page.getByTestId('departments').getByText('办公室').waitFor();
    await screenshot(page, 'orgs', { fullPage: false });

    await page.goto('/accounts');
    await page.getByTestId('accounts-table').locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'accounts');
    // The demo has more accounts than a page holds: find haimen_admin by name.
    await page.getByPlaceholder('用户名、姓名或手机号').fill('haimen_admin');
    await page.getByPlaceholder('用户名、姓名或手机号').press('Enter');
    await page.getByTestId('accounts-table').getByText('haimen_admin').waitFor();
    await page.getByTestId('accounts-table').getByRole('button', { name: 'haimen_admin' }).click();
    await page.getByText('账号详情').waitFor();
    await screenshot(page, 'account-detail', { fullPage: false });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '新建账号' }).click();
    await page.getByTestId('create-account-form').getByLabel('用户名').waitFor();
    await screenshot(page, 'create-account', { fullPage: false });

    // A failed sign-in gives the audit page an entry with details to show.
    await fetch(`${baseURL()}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `nobody_${uniqueSuffix()}`, password: 'Wrong#password1' }),
    });
    await page.goto('/audit');
    await page.getByTestId('audit-table').getByText('登录').first().waitFor();
    await screenshot(page, 'audit');
    const filters = page.getByTestId('filter-bar');
    await chooseOption(filters, '结果', '失败');
    await filters.getByRole('button', { name: buttonName('查询') }).click();
    await page.getByTestId('audit-table').getByText('登录失败').first().click();
    await page.getByTestId('audit-details').waitFor();
    await screenshot(page, 'audit-detail', { fullPage: false });

    // Work plans: the list, the demo's seed 000 with its dashboard, and paste-and-parse.
    await page.goto('/workplans');
    const documents = page.getByTestId('documents-table');
    await documents.getByText('通工发〔2018〕34号').first().waitFor();
    await screenshot(page, 'workplans');
    await documents.locator('tr', { hasText: '通工发〔2018〕34号' }).first().getByRole('link').first().click();
    await page.getByTestId('task-progress').waitFor();
    await page.getByTestId('target-chart').first().locator('canvas').waitFor();
    await page.mouse.move(0, 0);
    await screenshot(page, 'workplan-dashboard');
    await page.goto('/workplans/new');
    await page.getByTestId('notice-text').waitFor();
    await screenshot(page, 'workplan-new');
  });

  test('member portal on a phone', async () => {
    const page = await browser.open({ phone: true });
    await page.goto('/m/login');
    await page.getByText('账号登录').waitFor();
    await screenshot(page, 'portal-login');
    await loginViaApi(page, 'worker');
    await page.goto('/m');
    await page.getByTestId('union-card').waitFor();
    await screenshot(page, 'portal-home');
    await page.getByText('修改密码').click();
    await page.getByText('至少 10 位').waitFor();
    await screenshot(page, 'portal-password');
  });
});
