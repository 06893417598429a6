import { describe, expect, test } from 'vitest';
import { apiSession, useBrowser } from './browser';
import { loginThroughForm, openMenu, orgTree } from './pages';

const browser = useBrowser();

describe('a district admin sees only their own subtree', () => {
  test('haimen_admin browses 海门区总工会, cannot find or open 崇川区总工会', async () => {
    const page = await browser.open();
    await loginThroughForm(page, 'haimen_admin');
    await page.waitForURL((url) => url.pathname === '/');

    await openMenu(page, '组织管理');
    const tree = orgTree(page);
    await tree.getByText('海门区总工会', { exact: true }).waitFor();
    // The root opens on arrival; its towns are the first level below it.
    await tree.getByText('海门区常乐镇总工会').waitFor();
    expect(await tree.getByText('南通市总工会').count()).toBe(0);

    await page.getByTestId('org-search').getByRole('searchbox').fill('崇川');
    await page.getByText('没有找到匹配的组织').waitFor();

    const cityAdmin = await apiSession('city_admin');
    const search = await cityAdmin.get('/api/orgs/search', { params: { q: '崇川区总工会' } });
    const hits = (await search.json()) as { items: { id: number; name: string }[] };
    const chongchuan = hits.items.find((o) => o.name === '崇川区总工会');
    expect(chongchuan).toBeDefined();

    const direct = await page.request.get(`/api/orgs/${chongchuan?.id}`);
    expect(direct.status()).toBe(404);
  });
});
