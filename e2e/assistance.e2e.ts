import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { type APIRequestContext, type Page, request } from 'playwright-core';
import { describe, expect, onTestFinished, test } from 'vitest';
import { demoPhoto } from '../server/seed/demoPhoto';
import { baseURL, demoPassword, loginViaApi, screenshot, settled, useBrowser } from './browser';
import { buttonName, confirm, dialog } from './pages';

const browser = useBrowser();

const haimenName = '海门区总工会';
const finance = 'haimen_finance';

interface ApiSession {
  api: APIRequestContext;
  headers: { 'x-csrf-token': string };
}

/** A signed-in API client of another account, for the story's prerequisites (writes carry the CSRF token). */
async function apiAs(username: string, password?: string): Promise<ApiSession> {
  const api = await request.newContext({ baseURL: baseURL() });
  onTestFinished(() => api.dispose());
  const login = await api.post('/api/auth/login', {
    data: { username, password: password ?? (await demoPassword()) },
  });
  expect(login.status(), await login.text()).toBe(200);
  return { api, headers: { 'x-csrf-token': (await login.json()).csrfToken as string } };
}

async function haimenOrg(s: ApiSession): Promise<{ id: number; name: string }> {
  const found = await s.api.get(`/api/orgs/search?q=${encodeURIComponent(haimenName)}`);
  const org = (await found.json()).items.find((o: { name: string }) => o.name === haimenName);
  if (!org) throw new Error(`${haimenName} missing`);
  return org;
}

/**
 * The demo's Haimen finance officer (federation_staff at 海门区总工会). The server's demo seed adds it;
 * on a seed without it, haimen_admin creates it here and it sets its own password, as a new officer would.
 */
async function ensureFinanceAccount(): Promise<string | undefined> {
  const password = await demoPassword();
  const probe = await request.newContext({ baseURL: baseURL() });
  const login = await probe.post('/api/auth/login', { data: { username: finance, password } });
  await probe.dispose();
  if (login.status() === 200) return undefined;
  const admin = await apiAs('haimen_admin');
  const haimen = await haimenOrg(admin);
  const initial = 'Start@2024hm';
  const created = await admin.api.post('/api/accounts', {
    headers: admin.headers,
    data: {
      username: finance,
      displayName: '海门财务',
      orgId: haimen.id,
      initialPassword: initial,
      grants: [{ role: 'federation_staff', orgId: haimen.id }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const self = await apiAs(finance, initial);
  const changed = await self.api.post('/api/auth/password', {
    headers: self.headers,
    data: { currentPassword: initial, newPassword: password },
  });
  expect(changed.status(), await changed.text()).toBe(200);
  return password;
}

/** An open fund of 海门区总工会 with room for the case (the seed's, else one made here); answers its name. */
async function ensureHaimenFund(minBalanceFen: number): Promise<string> {
  const admin = await apiAs('haimen_admin');
  const haimen = await haimenOrg(admin);
  const list = await admin.api.get('/api/assistance/funds?status=open');
  expect(list.status(), await list.text()).toBe(200);
  const funds = (await list.json()).items as { name: string; orgId: number; balanceFen: number }[];
  const fund = funds.find((f) => f.orgId === haimen.id && f.balanceFen >= minBalanceFen);
  if (fund) return fund.name;
  const name = `${new Date().getFullYear()}年海门区困难职工帮扶资金（测试）`;
  const created = await admin.api.post('/api/assistance/funds', {
    headers: admin.headers,
    data: { orgId: haimen.id, name, year: new Date().getFullYear(), source: '工会经费', budgetFen: 50_000_000 },
  });
  expect(created.status(), await created.text()).toBe(201);
  return name;
}

/** Opens a case of the 帮扶救助 list by its number in the drawer. */
async function openCase(page: Page, caseNo: string, tab?: string) {
  await page.goto(`/assistance?q=${encodeURIComponent(caseNo)}`);
  if (tab) await page.getByTestId('case-tabs').getByRole('tab', { name: tab }).click();
  const table = page.getByTestId('cases-table');
  await table.getByRole('button', { name: caseNo }).click();
  const drawer = page.getByTestId('case-drawer');
  await drawer.getByText(caseNo).waitFor();
  await settled(page);
  return drawer;
}

describe('assistance', () => {
  test('a worker applies from the phone with a photo; the union reviews, Haimen approves and pays; the worker sees 已发放', async () => {
    const fundName = await ensureHaimenFund(200_000);
    await ensureFinanceAccount();

    // The worker, on a phone: 申请帮扶 from the portal home, 临时救助 with a photo of a document.
    const phone = await browser.open({ phone: true });
    await loginViaApi(phone, 'worker');
    await phone.goto('/m');
    await phone.getByText('申请帮扶', { exact: true }).click();
    await phone.waitForURL((url) => url.pathname === '/m/assistance/apply');
    const form = phone.getByTestId('assistance-apply');
    await form.locator('.adm-selector-item', { hasText: '临时救助' }).click();
    await form.getByText('突发事故、灾害等造成的临时性困难').waitFor();
    // 1,500.29 元: typed with a separator and cents that floating point would get wrong (×100 = 150028.99…).
    await form.getByLabel('申请金额（元）').fill('1,500.29');
    await form.getByLabel('困难情况').fill('今年八月家中遭遇火灾，房屋和家具受损，暂时租房居住，生活困难。');
    await form.getByLabel('开户银行').fill('中国农业银行海门支行');
    await form.getByLabel('银行卡号').fill('6228 4804 0256 4890 018');
    await form.locator('input[type=file]').setInputFiles({
      name: '火灾证明.png',
      mimeType: 'image/png',
      buffer: demoPhoto(0.62, 320, 220),
    });
    await form.locator('.adm-image-uploader-cell-image').first().waitFor();
    await screenshot(phone, 'assistance-portal-apply');
    await form.getByRole('button', { name: '提交申请' }).click();
    await phone.waitForURL((url) => url.pathname === '/m/assistance');
    const mine = phone.getByTestId('my-assistance').first();
    await mine.getByTestId('assistance-status').getByText('待基层审核').waitFor();
    await mine.getByText('申请 1,500.29 元').waitFor();
    await phone.getByText('申请已提交').waitFor({ state: 'detached' });
    await screenshot(phone, 'assistance-portal-mine-submitted');

    const own = await (await phone.request.get('/api/portal/assistance')).json();
    const mineCase = own.items[0] as { id: number; caseNo: string; amountRequestedFen: number; type: string };
    expect(mineCase.amountRequestedFen).toBe(150_029);
    expect(mineCase.type).toBe('temporary');
    const caseNo = mineCase.caseNo;

    // union_admin (the worker's union): the case waits under 待基层审核 with the photo; 审核通过.
    const union = await browser.open();
    await loginViaApi(union, 'union_admin');
    await union.goto('/assistance?status=submitted');
    await union.getByTestId('cases-table').getByRole('button', { name: caseNo }).waitFor();
    await screenshot(union, 'assistance-cases-submitted');
    // 登记帮扶申请 (a cadre on a member's behalf): the form, looked at and closed.
    await union.getByTestId('case-create').click();
    const createForm = dialog(union);
    await createForm.getByLabel('申请理由').waitFor();
    await settled(union);
    await screenshot(union, 'assistance-case-create', { fullPage: false });
    await createForm.getByRole('button', { name: buttonName('取消') }).click();
    let drawer = await openCase(union, caseNo);
    await drawer.getByTestId('case-photo').first().waitFor();
    await drawer.getByText('1,500.29 元').first().waitFor();
    await expect.poll(() => drawer.getByTestId('reveal-bankAccount').textContent()).toMatch(/\*/);
    await screenshot(union, 'assistance-case-drawer-review', { fullPage: false });
    // The photo opens full size.
    await drawer.getByTestId('case-photo').first().click();
    await union.locator('.ant-image-preview-img').waitFor();
    await settled(union);
    await screenshot(union, 'assistance-case-photo', { fullPage: false });
    await union.keyboard.press('Escape');
    await drawer.getByTestId('case-review-pass').click();
    const pass = dialog(union);
    await pass.getByLabel('审核意见').fill('情况属实，同意上报');
    await pass.getByRole('button', { name: buttonName('审核通过') }).click();
    await union.locator('.ant-modal-confirm').getByText('报县级审批').waitFor();
    await settled(union);
    await confirm(union);
    await union.getByText('已审核通过，等待县级审批').waitFor();
    await drawer.getByTestId('case-status').getByText('待县级审批').waitFor();
    await drawer.getByTestId('case-steps').getByText('情况属实，同意上报').waitFor();

    // haimen_admin: 审批 from the Haimen fund at the requested amount.
    const haimen = await browser.open();
    await loginViaApi(haimen, 'haimen_admin');
    await haimen.goto('/assistance?status=reviewed');
    await haimen.getByTestId('cases-table').getByRole('button', { name: caseNo }).waitFor();
    await screenshot(haimen, 'assistance-cases-reviewed');
    // 批量审批: tick the case, see the count and total; this one is approved in its drawer instead.
    await haimen.getByTestId('cases-table').locator('tr', { hasText: caseNo }).locator('.ant-checkbox-input').check();
    await haimen.getByTestId('bulk-summary').getByText('已选 1 条，申请金额合计 1,500.29 元').waitFor();
    await haimen.getByTestId('bulk-approve').click();
    const bulk = dialog(haimen);
    await bulk.getByTestId('bulk-total').getByText('共 1 条申请，申请金额合计 1,500.29 元').waitFor();
    await settled(haimen);
    await screenshot(haimen, 'assistance-bulk-approve', { fullPage: false });
    await bulk.getByRole('button', { name: buttonName('取消') }).click();
    drawer = await openCase(haimen, caseNo);
    await drawer.getByTestId('case-approve').click();
    const approve = dialog(haimen);
    await approve.getByTestId('case-approve').waitFor();
    await settled(haimen);
    await approve.getByLabel('资金').click();
    // The option is clicked once the dropdown has finished opening (a click during its animation can
    // be lost), and the choice is checked before going on.
    const fundOption = haimen
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .getByText(fundName)
      .first();
    await fundOption.waitFor();
    await settled(haimen);
    await fundOption.click();
    await approve.locator('.ant-select-content-has-value', { hasText: fundName }).waitFor();
    await expect.poll(() => approve.getByLabel('核准金额（元）').inputValue()).toBe('1500.29');
    await screenshot(haimen, 'assistance-approve-modal', { fullPage: false });
    await approve.getByRole('button', { name: buttonName('审批') }).click();
    await haimen.locator('.ant-modal-confirm').getByText('批准 1,500.29 元').waitFor();
    await settled(haimen);
    await confirm(haimen);
    await haimen.getByText('已批准，等待发放').waitFor();
    await drawer.getByTestId('case-status').getByText('待发放').waitFor();
    await drawer.getByTestId('case-approved-amount').getByText('1,500.29 元').waitFor();
    await haimen.keyboard.press('Escape');
    await haimen.goto('/assistance/funds');
    await haimen.getByTestId('funds-table').getByText(fundName).waitFor();
    await screenshot(haimen, 'assistance-funds');
    // 设立资金: a budget with three decimals is refused on the form, before anything is sent.
    await haimen.getByTestId('fund-create').click();
    const fundForm = dialog(haimen);
    await fundForm.getByLabel('资金名称').fill('海门区金秋助学专项（未保存）');
    await fundForm.getByLabel('预算（元）').fill('1000.005');
    await fundForm.getByRole('button', { name: buttonName('设立资金') }).click();
    await fundForm.getByText('请输入金额（元），最多两位小数').waitFor();
    await settled(haimen);
    await screenshot(haimen, 'assistance-fund-create', { fullPage: false });
    await fundForm.getByRole('button', { name: buttonName('取消') }).click();

    // haimen_finance: a batch with this case, the bank file, and 确认已发放 refused to the batch's creator.
    const fin = await browser.open();
    await loginViaApi(fin, finance);
    drawer = await openCase(fin, caseNo);
    await drawer.getByTestId('case-to-batch').click();
    await fin.waitForURL((url) => url.pathname === '/assistance/batches');
    const create = fin.locator('.ant-modal').filter({ has: fin.getByTestId('batch-create-form') });
    await create.getByTestId('batch-selected-total').getByText('已选 1 人，合计 1,500.29 元').waitFor();
    await settled(fin);
    await screenshot(fin, 'assistance-batch-create', { fullPage: false });
    await create.getByRole('button', { name: buttonName('创建批次') }).click();
    await fin.getByText(/^已创建批次 FF/).waitFor();
    const batch = fin.getByTestId('batch-drawer');
    await batch.getByTestId('batch-total').getByText('1,500.29').waitFor();
    await batch.getByTestId('batch-cases').getByText(caseNo).waitFor();
    const [download] = await Promise.all([fin.waitForEvent('download'), batch.getByTestId('batch-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    // The bank file: the full account number as text, the amount in yuan to the fen.
    const sheet = book.worksheets[0];
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => rows.push(Array.isArray(row.values) ? row.values.slice(1) : []));
    expect(rows[0]).toContain('银行账号');
    const line = rows.find((r) => r.includes('6228480402564890018'));
    expect(line, JSON.stringify(rows)).toBeTruthy();
    expect(line).toContain(1500.29);
    await batch.getByTestId('batch-status').getByText('已导出待确认').waitFor();
    await batch.getByTestId('batch-confirm').click();
    const confirmForm = dialog(fin);
    await confirmForm.getByRole('button', { name: buttonName('确认已发放') }).click();
    await settled(fin);
    await confirm(fin);
    await fin.getByText('发放批次须由创建人以外的工作人员确认发放').waitFor();
    await screenshot(fin, 'assistance-batch-confirm-refused', { fullPage: false });
    await confirmForm.getByRole('button', { name: buttonName('取消') }).click();
    const batchNo = (await batch.getByTestId('batch-no').textContent()) ?? '';
    expect(batchNo).toMatch(/^FF/);

    // city_admin (neither the batch's creator nor the approver) confirms the bank paid it.
    const city = await browser.open();
    await loginViaApi(city, 'city_admin');
    await city.goto('/assistance/batches');
    await city.getByTestId('batches-table').getByRole('button', { name: batchNo }).click();
    const cityBatch = city.getByTestId('batch-drawer');
    await cityBatch.getByTestId('batch-cases').getByText(caseNo).waitFor();
    await settled(city);
    await cityBatch.getByTestId('batch-confirm').click();
    const paidForm = dialog(city);
    await paidForm.getByLabel('发放说明').fill('农行代发回单 0816');
    await paidForm.getByRole('button', { name: buttonName('确认已发放') }).click();
    await settled(city);
    await confirm(city);
    await city.getByText('已确认发放').first().waitFor();
    await cityBatch.getByTestId('batch-status').getByText('已发放').waitFor();
    await screenshot(city, 'assistance-batch-paid', { fullPage: false });
    await city.keyboard.press('Escape');
    await screenshot(city, 'assistance-batches');

    // The statistics count it; every figure opens its records.
    await city.goto('/assistance/stats');
    await city.getByTestId('stats-amount').waitFor();
    await city.getByTestId('stats-by-type-chart').waitFor();
    await settled(city);
    await screenshot(city, 'assistance-stats');
    await city.getByTestId('stats-cases').click();
    await city.getByTestId('records-table').waitFor();
    await settled(city);
    await screenshot(city, 'assistance-stats-records', { fullPage: false });

    // The worker: 已发放 with the approved amount and the paid date; the steps name the unions.
    await phone.reload();
    await mine.getByTestId('assistance-status').getByText('已发放').waitFor();
    await mine.getByTestId('my-assistance-approved').getByText('核准 1,500.29 元').waitFor();
    await screenshot(phone, 'assistance-portal-mine-paid');
    await mine.click();
    await phone.waitForURL((url) => url.pathname === `/m/assistance/${mineCase.id}`);
    await phone.getByTestId('assistance-case').getByText('确认发放 · 已发放').waitFor();
    // The worker's own photo shows as a thumbnail (served by the portal's own-files route).
    const thumb = phone.getByTestId('assistance-own-files').locator('img');
    await thumb.waitFor();
    await phone.waitForFunction((img) => (img as HTMLImageElement).naturalWidth > 0, await thumb.elementHandle());
    await screenshot(phone, 'assistance-portal-case');
  }, 240_000);
});
