import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { demoPhoto } from '../server/seed/demoPhoto';
import { loginViaApi, screenshot, settled, useBrowser } from './browser';
import { buttonName, chooseOption, dialog, openMenu } from './pages';

const browser = useBrowser();

/** A figure of the coverage total row as a number ("1,234" → 1234). */
async function figure(page: Page, testId: string): Promise<number> {
  return Number((await page.getByTestId(testId).innerText()).replace(/[^\d.]/g, ''));
}

async function still(page: Page) {
  await page.mouse.move(0, 0);
  await settled(page);
}

describe('care visits', () => {
  test('haimen_admin opens the summer campaign, records a visit with a photo, sees coverage change and opens the figure', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gonghui-e2e-visits-'));
    const photo = path.join(dir, '走访现场.png');
    await writeFile(photo, demoPhoto(0.42));

    const page = await browser.open();
    await loginViaApi(page, 'haimen_admin');
    await page.goto('/');
    await openMenu(page, '走访慰问');
    const campaigns = page.getByTestId('campaigns-table');
    await campaigns
      .getByRole('link', { name: /海门区总工会.*送清凉/ })
      .first()
      .waitFor();
    await campaigns.getByTestId('budget-bar').first().waitFor();
    await still(page);
    await screenshot(page, 'visits-campaigns');

    await campaigns
      .getByRole('link', { name: /海门区总工会.*送清凉/ })
      .first()
      .click();
    await page.getByTestId('coverage-chart').waitFor();
    await page.getByTestId('total-visited').waitFor();
    await still(page);
    await screenshot(page, 'visits-campaign');
    const visitedBefore = await figure(page, 'total-visited');
    const workersBefore = await figure(page, 'total-workers');
    expect(workersBefore).toBeGreaterThan(24_000);

    // 登记走访: the district visits the demo union's enterprise with 86 workers, 4,321.50 yuan of goods and a photo.
    await page.getByTestId('visit-record').click();
    const form = dialog(page);
    await form.waitFor();
    await settled(page);
    await chooseOption(form, '走访单位', '海门区总工会', '海门区总工会');
    await chooseOption(form, '企业（基层工会）', '江苏叠石桥家纺有限公司工会', '叠石桥家纺');
    await form.getByLabel('慰问人数', { exact: true }).fill('86');
    await form.getByLabel('物资价值（元）', { exact: true }).fill('4321.50');
    await form.getByLabel('慰问物资', { exact: true }).fill('绿豆汤料、毛巾、藿香正气水');
    await form.getByLabel('走访情况', { exact: true }).fill('走访织造车间高温岗位职工');
    await form.locator('input[type=file]').setInputFiles(photo);
    await form.locator('.ant-upload-list-item img').waitFor();
    await screenshot(page, 'visits-form', { fullPage: false });
    await form.getByRole('button', { name: buttonName('登记走访') }).click();
    await page.getByText('走访已登记').waitFor();
    await form.waitFor({ state: 'detached' });

    // The coverage and the figures follow the record.
    await expect.poll(() => figure(page, 'total-visited')).toBe(visitedBefore + 1);
    await expect.poll(() => figure(page, 'total-workers')).toBe(workersBefore + 86);
    await still(page);
    await screenshot(page, 'visits-campaign-after');

    // The figure opens its visits, including the new one, whose detail shows the photo.
    await page.getByTestId('total-visited').click();
    const drawer = page.getByTestId('figure-drawer');
    const row = drawer.getByTestId('visits-table').locator('tr', { hasText: '江苏叠石桥家纺有限公司' });
    await row.waitFor();
    await screenshot(page, 'visits-figure-drawer', { fullPage: false });
    await row.click();
    const detail = page.getByTestId('visit-drawer');
    await detail.getByText('4,321.50').first().waitFor();
    await detail.getByTestId('visit-photos').locator('img').first().waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid="visit-photos"] img') as HTMLImageElement | null;
      return img?.complete && img.naturalWidth > 0;
    });
    await screenshot(page, 'visits-detail', { fullPage: false });
  });
});
