import { describe, expect, test } from 'vitest';
import { apiSession, demoPassword, useBrowser } from './browser';
import { buttonName } from './pages';

const browser = useBrowser();

describe('the member portal on a phone', () => {
  test('worker signs in at /m and sees their union', async () => {
    // What the portal must show, as the API tells it to this member.
    const api = await apiSession('worker');
    const home = (await (await api.get('/api/portal/home')).json()) as { displayName: string; union: { name: string } };
    expect(home.union).not.toBeNull();

    const page = await browser.open({ phone: true });
    await page.goto('/m/login');
    await page.getByLabel('用户名或手机号').fill('worker');
    await page.getByLabel('密码', { exact: true }).fill(await demoPassword());
    await page.getByRole('button', { name: buttonName('登录') }).click();
    await page.waitForURL((url) => url.pathname === '/m' || url.pathname === '/m/');
    await page.getByTestId('union-card').getByText(home.union.name, { exact: true }).waitFor();
    await page.getByText(`您好，${home.displayName}`).waitFor();
  });
});
