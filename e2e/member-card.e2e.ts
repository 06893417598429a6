import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { demoPassword, screenshot, useBrowser } from './browser';
import { buttonName } from './pages';

const browser = useBrowser();

describe('the electronic member card', () => {
  test('worker shows the card, and a service point without an account verifies its QR code', async () => {
    const page = await browser.open({ phone: true });
    await page.goto('/m/login');
    await page.getByLabel('用户名或手机号').fill('worker');
    await page.getByLabel('密码', { exact: true }).fill(await demoPassword());
    await page.getByRole('button', { name: buttonName('登录') }).click();
    await page.waitForURL((url) => url.pathname === '/m' || url.pathname === '/m/');

    await page.getByText('电子会员卡', { exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/m/card');
    const card = page.getByTestId('member-card');
    await card.getByText('张建国', { exact: true }).waitFor();
    await card.getByText('江苏叠石桥家纺有限公司工会', { exact: true }).waitFor();
    await card.getByText('在册', { exact: true }).waitFor();
    const qr = page.getByTestId('card-qr');
    await qr.locator('svg, img').first().waitFor();
    await qr.getByText('二维码 24 小时内有效').waitFor();
    await screenshot(page, 'portal-card');

    const verifyUrl = await qr.getAttribute('data-verify-url');
    expect(verifyUrl).toMatch(/\/m\/verify\?token=[\w.%-]+$/);
    if (!verifyUrl) return;

    // The service point: a fresh browser context, never signed in.
    const counter = await browser.open({ phone: true });
    expect(await counter.context().cookies()).toEqual([]);
    await counter.goto(verifyUrl);
    const result = counter.getByTestId('verify-result');
    await result.getByText('有效会员').waitFor();
    await result.getByText('张*国', { exact: true }).waitFor();
    await result.getByText('江苏叠石桥家纺有限公司工会').waitFor();
    expect(await result.getByText('张建国').count()).toBe(0);
    await screenshot(counter, 'portal-verify');

    // A token that was tampered with is refused, also without an account.
    const forged = `${verifyUrl.slice(0, -1)}${verifyUrl.endsWith('A') ? 'B' : 'A'}`;
    await counter.goto(forged);
    await result.getByText('无效', { exact: true }).waitFor();
    await result.getByText('二维码无效（不是本平台签发的会员卡）').waitFor();
  });

  test('worker sees their own record, shows the full ID number on tap, and downloads a copy', async () => {
    const page = await browser.open({ phone: true });
    await page.goto('/m/login');
    await page.getByLabel('用户名或手机号').fill('worker');
    await page.getByLabel('密码', { exact: true }).fill(await demoPassword());
    await page.getByRole('button', { name: buttonName('登录') }).click();
    await page.waitForURL((url) => url.pathname === '/m' || url.pathname === '/m/');

    await page.getByText('我的会员信息', { exact: true }).click();
    const info = page.getByTestId('my-info');
    await info.getByText('张建国', { exact: true }).waitFor();
    const idRow = info.locator('.adm-list-item').filter({ hasText: '身份证号' });
    await idRow.getByText(/^320684\*{8}\d{3}[\dX]/).waitFor();
    await idRow.getByText('显示', { exact: true }).click();
    await idRow.getByText(/^320684198604121\d[\dX]/).waitFor();
    await screenshot(page, 'portal-my-info');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('my-info-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^我的会员信息-\d{8}\.json$/);
    const copy = JSON.parse(await readFile(await download.path(), 'utf8'));
    expect(copy.会员信息.name).toBe('张建国');
  });
});
