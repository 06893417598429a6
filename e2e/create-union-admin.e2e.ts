import { describe, test } from 'vitest';
import { loginViaApi, screenshot, uniqueSuffix, useBrowser } from './browser';
import { buttonName, createAccountThroughUi, createOrgThroughUi, loginThroughForm, openMenu } from './pages';

const browser = useBrowser();

describe('a new grassroots union gets its own administrator', () => {
  test('city_admin creates a union and its admin; the admin must change the initial password', async () => {
    const suffix = uniqueSuffix();
    const unionName = `南通测试${suffix}科技有限公司工会`;
    const account = {
      username: `ua_${suffix}`,
      displayName: `测试管理员${suffix.slice(-4)}`,
      orgName: unionName,
      password: `Init#${suffix}A1`,
      role: '工会管理员',
    };
    const newPassword = `Changed#${suffix}B2`;

    const admin = await browser.open();
    await loginViaApi(admin, 'city_admin');
    const org = await createOrgThroughUi(admin, '海门区总工会', { name: unionName, type: '企业工会' });
    await screenshot(admin, 'create-org', { fullPage: false });
    await org.submit();

    await openMenu(admin, '账号管理');
    const newAccount = await createAccountThroughUi(admin, account);
    await screenshot(admin, 'create-account-filled', { fullPage: false });
    await newAccount.submit();

    const newcomer = await browser.open();
    await loginThroughForm(newcomer, account.username, account.password);
    await newcomer.waitForURL((url) => url.pathname === '/change-password');
    await newcomer.getByLabel('当前密码').fill(account.password);
    await screenshot(newcomer, 'forced-password-change');
    await newcomer.getByLabel('新密码', { exact: true }).fill(newPassword);
    await newcomer.getByLabel('确认新密码').fill(newPassword);
    await newcomer.getByRole('button', { name: buttonName('提交') }).click();
    await newcomer.waitForURL((url) => url.pathname === '/');
    await newcomer.getByText(`您好，${account.displayName}`).waitFor();
    await newcomer.getByTestId('user-menu').getByText(unionName).waitFor();
    await screenshot(newcomer, 'home-new-union-admin');
  });
});
