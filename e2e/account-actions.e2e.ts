import { request } from 'playwright-core';
import { describe, test } from 'vitest';
import { baseURL, loginViaApi, uniqueSuffix, useBrowser } from './browser';
import { buttonName, chooseOption, confirm, createAccountThroughUi, dialog, openMenu } from './pages';

const browser = useBrowser();

describe('account actions on the accounts page', () => {
  test('haimen_admin grants, revokes, resets, locks, unlocks and signs out an account', async () => {
    const suffix = uniqueSuffix();
    const account = {
      username: `cadre_${suffix}`,
      displayName: `干部${suffix.slice(-4)}`,
      orgName: '海门区总工会',
      password: `Init#${suffix}A1`,
      role: '工会干部',
    };
    const page = await browser.open();
    await loginViaApi(page, 'haimen_admin');
    await page.goto('/orgs');
    await openMenu(page, '账号管理');
    const created = await createAccountThroughUi(page, account);
    await created.submit();
    const row = page.getByTestId('accounts-table').locator('tr', { hasText: account.username });

    await row.getByRole('button', { name: buttonName('授权') }).click();
    await chooseOption(dialog(page), '角色', '总工会工作人员');
    await chooseOption(dialog(page), '部室（可选）', '办公室');
    await dialog(page)
      .getByRole('button', { name: buttonName('确定') })
      .click();
    await page.getByText('已授权').waitFor();
    const grantTag = row.locator('.ant-tag', { hasText: '总工会工作人员@海门区总工会 · 办公室' });
    await grantTag.waitFor();

    await grantTag.locator('.ant-tag-close-icon').click();
    await confirm(page);
    await page.getByText('授权已撤销').waitFor();
    await grantTag.waitFor({ state: 'detached' });

    await row.getByRole('button', { name: '重置密码' }).click();
    await dialog(page).getByRole('button', { name: '随机生成' }).click();
    await dialog(page)
      .getByRole('button', { name: buttonName('确定') })
      .click();
    await page.getByText('密码已重置').waitFor();

    await row.getByRole('button', { name: /更\s*多/ }).click();
    await page.getByRole('menuitem', { name: '锁定' }).click();
    await confirm(page);
    await page.getByText('账号已锁定').waitFor();
    await row.getByText('已锁定').waitFor();
    await row.getByRole('button', { name: /更\s*多/ }).click();
    await page.getByRole('menuitem', { name: '解锁' }).click();
    await page.getByText('账号已解锁').waitFor();

    // A live session of that account (signed in elsewhere) for 强制下线 to end.
    const elsewhere = await request.newContext({ baseURL: baseURL() });
    const newPassword = `Reset#${suffix}C3`;
    await row.getByRole('button', { name: '重置密码' }).click();
    await dialog(page).getByLabel('新密码').fill(newPassword);
    await dialog(page)
      .getByRole('button', { name: buttonName('确定') })
      .click();
    await page.getByText('密码已重置').last().waitFor();
    await elsewhere.post('/api/auth/login', { data: { username: account.username, password: newPassword } });
    await page.reload();
    await row.getByRole('button', { name: /更\s*多/ }).click();
    await page.getByRole('menuitem', { name: '强制下线' }).click();
    await confirm(page);
    await page.getByText('已结束 1 个会话').waitFor();
    await elsewhere.dispose();
  });
});
