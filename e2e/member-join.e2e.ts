import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { makeIdNumber } from '../shared/validators/idNumber';
import { loginViaApi, screenshot, settled, uniqueSuffix, useBrowser } from './browser';
import { buttonName, confirm, openMenu } from './pages';

const browser = useBrowser();

const union = '江苏叠石桥家纺有限公司工会';

/** A worker no earlier run used: a Chinese name, a free mobile number and a valid ID number. */
function newWorker() {
  const chars = '晓雯佳怡欣然梦瑶雨桐思琪';
  const pick = () => chars[Math.floor(Math.random() * chars.length)] ?? '晓';
  const day = Math.floor(Math.random() * 7000);
  const birth = new Date(Date.UTC(1982, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  const seq = 200 + 2 * Math.floor(Math.random() * 300);
  return {
    name: `林${pick()}${pick()}`,
    mobile: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    idNumber: makeIdNumber('320614', birth, seq),
    password: `Join@${uniqueSuffix()}`,
  };
}

/** The admin's 入会二维码 dialog: the join link of the admin's own union. */
async function joinLinkFromAdmin(page: Page) {
  await loginViaApi(page, 'union_admin');
  await page.goto('/');
  await openMenu(page, '入会申请');
  await page.getByTestId('joins-table').waitFor();
  await page.getByTestId('join-qr-button').first().click();
  const qr = page.getByTestId('join-qr');
  await qr.getByTestId('qr-image').waitFor();
  await qr.getByText(union, { exact: true }).waitFor();
  await screenshot(page, 'join-qr', { fullPage: false });
  const url = await qr.getAttribute('data-join-url');
  expect(url).toMatch(/\/m\/join\?union=[\w.%-]+$/);
  await page.keyboard.press('Escape');
  return url ?? '';
}

describe('joining a union', () => {
  test('a new worker registers and applies on a phone; union_admin approves; the worker sees the card', async () => {
    const admin = await browser.open();
    const link = await joinLinkFromAdmin(admin);
    const worker = newWorker();

    // The worker scans the union's QR code: the union is named, and they register.
    const phone = await browser.open({ phone: true });
    await phone.goto(link);
    await phone.getByTestId('link-union').getByText(union, { exact: true }).waitFor();
    const register = phone.getByTestId('register-form');
    await register.getByLabel('姓名').fill(worker.name);
    await register.getByLabel('手机号').fill(worker.mobile);
    await register.getByLabel('设置密码').fill(worker.password);
    await register.getByLabel('确认密码').fill(worker.password);
    await screenshot(phone, 'portal-join-register');
    await register.getByRole('button', { name: '注册并填写入会申请' }).click();

    // The application: the union is already chosen, the name carried over, the gender read from the ID.
    const form = phone.getByTestId('join-form');
    await form.getByTestId('union-field').getByText(union).waitFor();
    await expect.poll(() => form.getByLabel('姓名').inputValue()).toBe(worker.name);
    await form.getByLabel('身份证号').fill(worker.idNumber);
    await form.locator('.adm-selector-item-active', { hasText: '女' }).waitFor();
    await form.getByLabel('工作单位').fill('江苏叠石桥家纺有限公司');
    await form.getByLabel('职务').fill('织造车间挡车工');
    await form.locator('.adm-selector-item', { hasText: '大学专科' }).click();
    await phone.getByText('注册成功').waitFor({ state: 'detached' });
    await screenshot(phone, 'portal-join-form');
    await form.getByRole('button', { name: '提交入会申请' }).click();
    await phone.waitForURL((url) => url.pathname === '/m/join/status');
    const latest = phone.getByTestId('join-latest');
    await latest.getByText('工会正在审核您的申请').waitFor();
    await phone.getByTestId('my-joins').getByText('待审核').waitFor();
    await phone.getByText('入会申请已提交').waitFor({ state: 'detached' });
    await screenshot(phone, 'portal-join-pending');

    // The union: 入会申请 lists it 待审核; the drawer shows the application masked; 通过 registers the member.
    await admin.reload();
    const table = admin.getByTestId('joins-table');
    const row = table.locator('tr', { hasText: worker.name });
    await row.getByTestId('join-status').getByText('待审核').waitFor();
    await screenshot(admin, 'member-joins');
    await row.getByRole('button', { name: worker.name }).click();
    const drawer = admin.getByTestId('join-drawer');
    await drawer.getByText(`${worker.idNumber.slice(0, 6)}********${worker.idNumber.slice(14)}`).waitFor();
    await drawer.getByText('织造车间挡车工').waitFor();
    await screenshot(admin, 'member-join-drawer', { fullPage: false });
    await drawer.getByRole('button', { name: buttonName('通过') }).click();
    await admin.locator('.ant-popconfirm').getByText(`确定通过「${worker.name}」的入会申请吗？`).waitFor();
    await settled(admin);
    await confirm(admin);
    await admin.getByText('已通过入会申请，会员已登记').waitFor();
    await drawer.getByText('查看会员').waitFor();
    await admin.keyboard.press('Escape');
    await row.getByTestId('join-status').getByText('已通过').waitFor();

    // The worker: approved, and the card carries their name and union.
    await phone.reload();
    await latest.getByText('您已成为工会会员').waitFor();
    await screenshot(phone, 'portal-join-approved');
    await latest.getByTestId('view-card').click();
    await phone.waitForURL((url) => url.pathname === '/m/card');
    const card = phone.getByTestId('member-card');
    await card.getByText(worker.name, { exact: true }).waitFor();
    await card.getByText(union, { exact: true }).waitFor();
    await phone.getByTestId('card-qr').locator('img').waitFor();
    await screenshot(phone, 'portal-join-card');
    await phone.goto('/m');
    await phone.getByTestId('union-card').getByText(union).waitFor();

    // Now a member, the worker may ask to move to another union; the receiving union decides.
    await phone.getByText('申请转会', { exact: true }).click();
    await phone.waitForURL((url) => url.pathname === '/m/transfer');
    await phone.getByTestId('transfer-current').getByText(union).waitFor();
    const transfer = phone.getByTestId('transfer-form');
    await transfer.getByTestId('union-field').click();
    await phone.getByPlaceholder('输入工会名称，如：家纺').fill('德誉纺织');
    await phone.getByTestId('union-results').locator('.adm-list-item').first().click();
    await transfer.getByLabel('转会原因').fill('已调入新单位工作');
    await transfer.getByRole('button', { name: '提交转会申请' }).click();
    await phone.getByText('转会申请已提交，请等待转入工会确认').waitFor();
    await phone.getByTestId('my-transfers').getByText('待确认').waitFor();
    await phone.getByText('转会申请已提交').waitFor({ state: 'detached' });
    await screenshot(phone, 'portal-transfer');
  });

  test('a rejected application shows its reason; the worker applies again', async () => {
    const worker = newWorker();
    const phone = await browser.open({ phone: true });
    await phone.goto('/m/login');
    await phone.getByText('还没有账号？注册并申请入会').click();
    await phone.waitForURL((url) => url.pathname === '/m/join');
    const register = phone.getByTestId('register-form');
    await register.getByLabel('姓名').fill(worker.name);
    await register.getByLabel('手机号').fill(worker.mobile);
    await register.getByLabel('设置密码').fill(worker.password);
    await register.getByLabel('确认密码').fill(worker.password);
    await register.getByRole('button', { name: '注册并填写入会申请' }).click();

    // No link: the worker, a courier, searches for a union by name.
    const form = phone.getByTestId('join-form');
    await form.locator('.adm-selector-item', { hasText: '快递员' }).click();
    await form.getByText('工作单位可不填').waitFor();
    await form.getByTestId('union-field').click();
    await phone.getByText('只看联合工会、行业工会').waitFor();
    await phone.locator('.adm-checkbox', { hasText: '只看联合工会、行业工会' }).click();
    await phone.getByPlaceholder('输入工会名称，如：家纺').fill('叠石桥家纺');
    const hit = phone.getByTestId('union-results').locator('.adm-list-item', { hasText: union });
    await hit.waitFor();
    await screenshot(phone, 'portal-join-search', { fullPage: false });
    await hit.click();
    await form.getByTestId('union-field').getByText(union).waitFor();
    await form.getByLabel('身份证号').fill(worker.idNumber);
    await form.getByLabel('工作单位').fill('顺达快递叠石桥网点');
    await form.getByRole('button', { name: '提交入会申请' }).click();
    await phone.waitForURL((url) => url.pathname === '/m/join/status');
    await phone.goto('/m');
    await phone.getByTestId('join-home').getByText('待审核').waitFor();
    // The union decides meanwhile; the worker comes back to the home page later.
    await screenshot(phone, 'portal-join-home');

    const admin = await browser.open();
    await loginViaApi(admin, 'union_admin');
    await admin.goto('/members/joins');
    const row = admin.getByTestId('joins-table').locator('tr', { hasText: worker.name });
    await row.getByRole('button', { name: buttonName('驳回') }).click();
    const reject = admin.getByTestId('reject-join-form');
    await reject.getByLabel('驳回原因').fill('请填写本公司的工作岗位后重新申请');
    await reject.getByRole('button', { name: buttonName('驳回') }).click();
    await admin.getByText('已驳回入会申请').waitFor();

    await phone.reload();
    await phone.getByTestId('join-home').getByText('未通过').waitFor();
    await phone.getByRole('button', { name: '查看原因并重新申请' }).click();
    await phone.getByTestId('latest-comment').getByText('未通过原因：请填写本公司的工作岗位后重新申请').waitFor();
    await screenshot(phone, 'portal-join-rejected');
    await phone.getByRole('button', { name: '修改后重新申请' }).click();
    await phone.waitForURL((url) => url.pathname === '/m/join');
    await form.getByTestId('union-field').getByText(union).waitFor();
    expect(await form.getByLabel('工作单位').inputValue()).toBe('顺达快递叠石桥网点');
    await form.getByLabel('身份证号').fill(worker.idNumber);
    await form.getByLabel('职务').fill('快递收派员');
    await form.getByRole('button', { name: '提交入会申请' }).click();
    await phone.waitForURL((url) => url.pathname === '/m/join/status');
    await phone.getByTestId('join-latest').getByText('工会正在审核您的申请').waitFor();
  });
});

describe('transfers', () => {
  test('union_admin accepts the transfer into the union waiting in the demo data', async () => {
    const admin = await browser.open();
    await loginViaApi(admin, 'union_admin');
    await admin.goto('/');
    await openMenu(admin, '转会');
    const table = admin.getByTestId('transfers-table');
    const row = table.locator('tr', { hasText: '本人已调入江苏叠石桥家纺有限公司工作' });
    await row.getByTestId('transfer-status').getByText('待确认').waitFor();
    const masked = (await row.locator('td').first().textContent()) ?? '';
    expect(masked).toMatch(/^.\*+.?$/);
    await screenshot(admin, 'member-transfers');
    await row.getByRole('button', { name: /^同\s*意$/ }).click();
    await settled(admin);
    await confirm(admin);
    await admin.getByText('已同意转会，会员已转入').waitFor();
    await row.getByTestId('transfer-status').getByText('已转入').waitFor();
    // Now in the roster: the row shows the full name, which opens the member's record.
    const name = row.locator('td').first().getByRole('button');
    await name.waitFor();
    await name.click();
    await admin.getByTestId('member-drawer').getByText(union).first().waitFor();
    await admin.getByTestId('member-history').getByText('会员转会').waitFor();
    await screenshot(admin, 'member-transfer-history', { fullPage: false });
  });

  test('registering a person who is a member elsewhere offers a transfer into the chosen union', async () => {
    // A member of another Haimen union, registered by the district's admin.
    const idNumber = makeIdNumber('320614', '1988-09-09', 100 + 2 * Math.floor(Math.random() * 300) + 1);
    const haimen = await browser.open();
    await loginViaApi(haimen, 'haimen_admin');
    const me = await (await haimen.request.get('/api/me')).json();
    const haimenId = me.grants[0].org.id;
    const search = await haimen.request.get(
      `/api/orgs/search?q=${encodeURIComponent('有限公司')}&under=${haimenId}&limit=50`,
    );
    const other = (await search.json()).items.find(
      (o: { type: string; name: string }) => o.type === 'grassroots_enterprise' && o.name !== union,
    );
    expect(other, 'a grassroots union in Haimen').toBeTruthy();
    const created = await haimen.request.post('/api/members', {
      data: { orgId: other.id, name: '顾建华', gender: 'male', idNumber, joinedDate: '2020-01-01' },
      headers: { 'x-csrf-token': me.csrfToken },
    });
    expect(created.status(), await created.text()).toBe(201);

    const admin = await browser.open();
    await loginViaApi(admin, 'union_admin');
    await admin.goto('/members');
    await admin.getByRole('button', { name: '登记会员' }).click();
    const form = admin.locator('.ant-modal').filter({ has: admin.getByTestId('create-member-form') });
    await form.getByLabel('姓名', { exact: true }).fill('顾建华');
    await form.getByLabel('身份证号', { exact: true }).fill(idNumber);
    await form.getByRole('button', { name: buttonName('确定') }).click();
    const duplicate = admin.getByTestId('duplicate-member');
    await duplicate.getByText('可发起转会').waitFor();
    await duplicate.getByRole('button', { name: '发起转会' }).click();
    const transfer = admin.getByTestId('transfer-in-form');
    await expect.poll(() => transfer.getByLabel('身份证号').inputValue()).toBe(idNumber);
    await transfer.getByText(union).first().waitFor();
    await screenshot(admin, 'member-duplicate-transfer', { fullPage: false });
    await transfer.getByRole('button', { name: buttonName('确定') }).click();
    await admin.getByText(`已向「${other.name}」发起转会申请（顾*华），等待对方确认`).waitFor();
  });
});
