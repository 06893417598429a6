import { describe, expect, test } from 'vitest';
import { loginViaApi, screenshot, settled, useBrowser } from './browser';
import { openMenu } from './pages';

const browser = useBrowser();

interface StatsAnswer {
  org: { id: number; name: string };
  children: { org: { id: number; name: string }; total: number }[];
}

describe('member statistics', () => {
  test('haimen_admin opens 会员统计, follows 快递员 to the roster and drills into a town', async () => {
    const page = await browser.open();
    await loginViaApi(page, 'haimen_admin');

    // The home page's member count keeps opening the roster; 统计 beside it opens the statistics.
    await page.goto('/');
    const statsLink = page.getByTestId('stat-members-stats').first();
    await statsLink.waitFor();
    expect(await statsLink.getAttribute('href')).toMatch(/^\/members\/stats\?orgId=\d+$/);
    expect(await page.getByTestId('stat-members').first().getAttribute('href')).toMatch(/^\/members\?orgId=\d+$/);

    await openMenu(page, '会员统计');
    const total = page.getByTestId('stats-total');
    await total.waitFor();
    const count = Number((await total.locator('.ant-statistic-content-value').textContent())?.replace(/\D/g, ''));
    expect(count).toBeGreaterThan(1000);
    await page.getByTestId('stats-breadcrumbs').getByText('海门区总工会').waitFor();
    await page.getByText('数据实时来自会员名册').waitFor();

    // Every chart with figures draws on a canvas: children, categories, gender and age bands at least.
    for (const id of ['stats-children', 'stats-category', 'stats-gender', 'stats-age']) {
      await page.getByTestId(`${id}-chart`).locator('canvas').waitFor();
    }
    await page.getByTestId('stats-category-list').getByText('新就业形态').first().waitFor();
    await page.mouse.move(0, 0);
    await settled(page);
    await screenshot(page, 'member-stats');

    // 快递员 opens the roster filtered to the couriers of 海门区, with the filters shown in the form.
    await page.getByTestId('stats-category-list').getByRole('link', { name: '快递员' }).click();
    await page.waitForURL((url) => url.pathname === '/members' && url.searchParams.get('category') === 'courier');
    const filters = page.getByTestId('filter-bar');
    await filters
      .locator('.ant-select', { has: page.getByLabel('职工类别', { exact: true }) })
      .getByText('快递员')
      .waitFor();
    await filters
      .locator('.ant-select', { has: page.getByLabel('状态', { exact: true }) })
      .getByText('在册')
      .waitFor();
    await filters.getByText('海门区总工会').waitFor();
    const rows = page.getByTestId('members-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    const categories = await rows.locator('td:nth-child(7)').allTextContents();
    expect(categories.length).toBeGreaterThan(0);
    expect(new Set(categories)).toEqual(new Set(['快递员']));

    // Back on the statistics, a click on the first bar of 下级组织会员数 drills into that town.
    await page.goBack();
    const chart = page.getByTestId('stats-children-chart');
    await chart.locator('canvas').waitFor();
    const answer = (await (await page.request.get('/api/members/stats')).json()) as StatsAnswer;
    const top = [...answer.children].sort(
      (a, b) => b.total - a.total || a.org.name.localeCompare(b.org.name, 'zh-CN'),
    )[0];
    if (!top) throw new Error('海门区总工会 has no children');
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.boundingBox();
    if (!box) throw new Error('the children chart is not on screen');
    await page.mouse.click(box.x + box.width / 2, box.y + 22);
    await page.waitForURL(
      (url) => url.pathname === '/members/stats' && url.searchParams.get('orgId') === String(top.org.id),
    );
    const crumbs = page.getByTestId('stats-breadcrumbs');
    await crumbs.getByText(top.org.name).waitFor();
    await crumbs.getByRole('link', { name: '海门区总工会' }).waitFor();
    await page.getByTestId('stats-total').waitFor();
    await page.getByTestId('stats-category-chart').locator('canvas').waitFor();
    await page.mouse.move(0, 0);
    await settled(page);
    await screenshot(page, 'member-stats-drill');

    // The breadcrumb leads back up to the district.
    await crumbs.getByRole('link', { name: '海门区总工会' }).click();
    await page.waitForURL((url) => url.searchParams.get('orgId') === String(answer.org.id));
    await page.getByTestId('stats-children-chart').locator('canvas').waitFor();
  });
});
