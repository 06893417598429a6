import { describe, test } from 'vitest';
import { loginViaApi, uniqueSuffix, useBrowser } from './browser';
import { buttonName, chooseOption, confirm, createOrgThroughUi, dialog } from './pages';

const browser = useBrowser();

describe('org actions from the detail drawer', () => {
  test('city_admin edits, moves and dissolves a union', async () => {
    const name = `南通调整${uniqueSuffix()}服饰有限公司工会`;
    const page = await browser.open();
    await loginViaApi(page, 'city_admin');
    const org = await createOrgThroughUi(page, '海门区总工会', { name, type: '企业工会' });
    await org.submit();

    await page.getByTestId('selected-org').getByRole('button', { name }).click();
    const drawer = page.getByTestId('org-drawer');
    await drawer.getByText('企业工会').waitFor();

    await drawer.getByRole('button', { name: buttonName('编辑') }).click();
    await dialog(page).getByLabel('简称').fill('调整测试');
    await dialog(page)
      .getByRole('button', { name: buttonName('确定') })
      .click();
    await page.getByText('已保存').waitFor();
    await drawer.getByText('调整测试').waitFor();

    await drawer.getByRole('button', { name: '调整隶属' }).click();
    await chooseOption(dialog(page), '新的上级组织', '海门区常乐镇总工会', '常乐镇');
    await dialog(page)
      .getByRole('button', { name: buttonName('确定') })
      .click();
    await page.getByText('隶属关系已调整').waitFor();
    await drawer.getByRole('button', { name: '海门区常乐镇总工会' }).waitFor();

    await drawer.getByRole('button', { name: '撤销/合并' }).click();
    await dialog(page).getByLabel('原因').fill('企业注销，工会随之撤销');
    await dialog(page).getByRole('button', { name: '撤销/合并' }).click();
    await confirm(page);
    await page.getByText('组织已撤销/合并').waitFor();
    await drawer.getByText('已撤销').first().waitFor();
    await drawer.getByText('企业注销，工会随之撤销').waitFor();
  });
});
