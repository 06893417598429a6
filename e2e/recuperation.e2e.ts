import { describe, test } from 'vitest';
import { loginViaApi, screenshot, settled, useBrowser } from './browser';
import { buttonName, openMenu } from './pages';

const browser = useBrowser();

describe('recuperation trips', () => {
  test('the worker signs up on a phone; city_admin sees the applicant and confirms; the worker sees it confirmed', async () => {
    // The worker: the portal lists the open batch with seats left, deadline, cost and the rules.
    const phone = await browser.open({ phone: true });
    await loginViaApi(phone, 'worker');
    await phone.goto('/m');
    await phone.getByTestId('recup-entry').click();
    await phone.waitForURL((url) => url.pathname === '/m/recuperation');
    const card = phone.getByTestId('recup-open-batch').filter({ hasText: '第16期' });
    await card.getByText('溧阳天目湖').first().waitFor();
    await card
      .getByTestId('recup-seats-left')
      .getByText(/剩余 \d+ 个名额/)
      .waitFor();
    await card.getByText('仅限一线职工（报名时声明，由所在工会核实）').waitFor();
    await screenshot(phone, 'portal-recuperation-open');

    await card.getByTestId('recup-sign-up').click();
    const form = phone.getByTestId('recup-sign-up-form');
    await form.getByText('我是一线职工').waitFor();
    await form.locator('textarea').fill('素食');
    await settled(phone);
    await screenshot(phone, 'portal-recuperation-sign-up', { fullPage: false });
    await form.getByTestId('recup-submit').click();
    await phone.getByText('报名成功，已为您保留名额').waitFor();
    const mine = phone.getByTestId('recup-my-application').filter({ hasText: '第16期' });
    await mine.getByTestId('recup-status').getByText('已录取').waitFor();
    await phone.getByTestId('recup-blocked').first().getByText('您已报名本项目第16期').waitFor();
    await phone.getByText('报名成功，已为您保留名额').waitFor({ state: 'detached' });
    await screenshot(phone, 'portal-recuperation-accepted');

    // city_admin: the programme's batches with seats bars and quotas, then the applicants of 第16期.
    const admin = await browser.open();
    await loginViaApi(admin, 'city_admin');
    await admin.goto('/');
    await openMenu(admin, '职工疗休养');
    const programmes = admin.getByTestId('recup-programmes');
    await programmes.getByText('南通市总工会').first().waitFor();
    await screenshot(admin, 'recuperation-list', { fullPage: false });
    await programmes.getByText('一线职工疗休养').first().click();
    await admin.getByTestId('recup-title').waitFor();
    const batch = admin.getByTestId('recup-batch').filter({ hasText: '第16期' });
    await admin.getByTestId('recup-quotas').getByText('海门区总工会').waitFor();
    await screenshot(admin, 'recuperation-programme', { fullPage: false });
    await batch.getByTestId('recup-seats').click();
    const table = admin.getByTestId('recup-applicants');
    const row = table.locator('tr', { hasText: '张建国' });
    await row.getByTestId('recup-status').getByText('已录取').waitFor();
    await screenshot(admin, 'recuperation-applicants');
    await row.getByTestId('recup-confirm').click();
    await admin.getByText('已确认参加').first().waitFor();
    await row.getByTestId('recup-status').getByText('已确认').waitFor();

    // A union nominates another worker to the same batch: search by name, pick one who may go.
    await admin.getByRole('tab', { name: '批次与名额' }).click();
    await admin.getByTestId('recup-batch').filter({ hasText: '第16期' }).getByTestId('recup-nominate').click();
    const nominate = admin.getByTestId('recup-nominate-form');
    await nominate.getByTestId('nominee-search').locator('input').fill('王');
    const candidate = nominate.getByTestId('nominee').filter({ hasNotText: '已报名' }).first();
    await candidate.waitFor();
    await candidate.click();
    await nominate.getByPlaceholder('如 南通市劳动模范').fill('南通市劳动模范');
    await screenshot(admin, 'recuperation-nominate', { fullPage: false });
    await nominate.getByRole('button', { name: buttonName('确定') }).click();
    await admin.getByText('已推荐').first().waitFor();

    // The statistics: participants by batch and by district.
    await admin.getByRole('tab', { name: '统计' }).click();
    await admin.getByTestId('recup-stats-batches').locator('canvas').waitFor();
    await admin.getByTestId('recup-stats-orgs').locator('canvas').waitFor();
    await screenshot(admin, 'recuperation-stats');

    // The worker sees the confirmation.
    await phone.reload();
    await mine.getByTestId('recup-status').getByText('已确认').waitFor();
    await screenshot(phone, 'portal-recuperation-confirmed');
  });
});
