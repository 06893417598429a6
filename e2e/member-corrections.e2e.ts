import { request } from 'playwright-core';
import { describe, expect, onTestFinished, test } from 'vitest';
import { baseURL, demoPassword, loginViaApi, screenshot, settled, uniqueSuffix, useBrowser } from './browser';
import { buttonName, confirm, openMenu } from './pages';

const browser = useBrowser();

const memberName = '张建国';

interface Correction {
  id: number;
  member: { name: string };
}

/**
 * Rejects, as union_admin through the API, any request of 张建国 still pending: the journeys share one
 * database, and a run that failed half-way would leave the portal's button disabled.
 */
async function clearPendingRequests() {
  const api = await request.newContext({ baseURL: baseURL() });
  onTestFinished(() => api.dispose());
  const login = await api.post('/api/auth/login', {
    data: { username: 'union_admin', password: await demoPassword() },
  });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const list = await api.get('/api/members/corrections?status=pending&limit=100');
  const { items } = (await list.json()) as { items: Correction[] };
  for (const c of items.filter((item) => item.member.name === memberName)) {
    const res = await api.post(`/api/members/corrections/${c.id}/reject`, {
      data: { comment: '测试前清理遗留申请' },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(res.status(), await res.text()).toBe(200);
  }
}

describe('member correction requests', () => {
  test('worker asks to correct 职务 in the portal; union_admin approves it and the record changes', async () => {
    await clearPendingRequests();
    const position = `质检组长${uniqueSuffix()}`;

    // The member, on a phone: 我的会员信息 → 申请更正信息.
    const phone = await browser.open({ phone: true });
    await phone.goto('/m/login');
    await phone.getByLabel('用户名或手机号').fill('worker');
    await phone.getByLabel('密码', { exact: true }).fill(await demoPassword());
    await phone.getByRole('button', { name: buttonName('登录') }).click();
    await phone.waitForURL((url) => url.pathname === '/m' || url.pathname === '/m/');
    await phone.getByText('我的会员信息', { exact: true }).click();
    await phone.getByTestId('my-info').getByText(memberName, { exact: true }).waitFor();
    const correct = phone.getByTestId('my-info-correct');
    await correct.getByText('申请更正信息').waitFor();
    await correct.click();
    await phone.waitForURL((url) => url.pathname === '/m/me/correct');

    // The form starts from the record; only the changed 职务 is sent.
    const form = phone.getByTestId('correction-form');
    await expect.poll(() => form.getByLabel('姓名', { exact: true }).inputValue()).toBe(memberName);
    await form.getByLabel('职务', { exact: true }).fill(position);
    await form.getByLabel('说明', { exact: true }).fill('岗位调整为质检组长');
    await screenshot(phone, 'portal-correction');
    await form.getByRole('button', { name: '提交申请' }).click();
    await phone.getByText('更正申请已提交，请等待工会审核').waitFor();
    await phone.waitForURL((url) => url.pathname === '/m/me');

    // The request is listed 待审核, and a second one cannot be started.
    const asked = phone.getByTestId('my-correction').filter({ hasText: position }).first();
    await asked.getByText(new RegExp(`^职务：.+ → ${position}$`)).waitFor();
    await asked.getByText('待审核', { exact: true }).waitFor();
    await correct.getByText('已有申请待审核').waitFor();
    expect(await correct.isDisabled()).toBe(true);
    await phone.getByText('更正申请已提交').waitFor({ state: 'detached' });
    await screenshot(phone, 'portal-my-corrections');

    // The union: 信息更正 lists it 待审核; 通过 applies it.
    const page = await browser.open();
    await loginViaApi(page, 'union_admin');
    await page.goto('/');
    await openMenu(page, '信息更正');
    const table = page.getByTestId('corrections-table');
    const row = table.locator('tr', { hasText: position });
    await row.getByTestId('correction-status').getByText('待审核').waitFor();
    expect(await row.textContent()).toContain('江苏叠石桥家纺有限公司工会');
    await screenshot(page, 'member-corrections');

    await row.getByRole('button', { name: '通过' }).click();
    await page.locator('.ant-popconfirm').getByText(`确定通过「${memberName}」的更正申请吗？`).waitFor();
    await settled(page);
    await confirm(page);
    await page.getByText('已通过更正申请，会员信息已更新').waitFor();
    await row.getByTestId('correction-status').getByText('已通过').waitFor();
    await row.getByText('陈丽华').waitFor();
    expect(await row.getByRole('button', { name: '通过' }).count()).toBe(0);

    // The member's record shows the new 职务, and its history the change.
    await row.getByRole('button', { name: memberName }).click();
    const drawer = page.locator('.ant-drawer');
    const positionRow = drawer.locator('.ant-descriptions-row', { hasText: '职务' });
    await positionRow.getByText(position, { exact: true }).waitFor();
    await drawer
      .getByTestId('member-history')
      .getByText(new RegExp(`职务：.+ → ${position}`))
      .waitFor();
  });
});
