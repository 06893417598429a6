import type { Locator, Page } from 'playwright-core';
import { demoPassword, settled } from './browser';

// Shared steps of the journeys, written once so a changed label breaks one place.

/** antd puts a space between the two characters of a button label (登 录), so match loosely. */
export const buttonName = (label: string) => new RegExp(label.split('').join('\\s*'));

/** Signs in through the admin login form and waits for the page it leads to. */
export async function loginThroughForm(page: Page, username: string, password?: string) {
  await page.goto('/login');
  await page.getByLabel('用户名或手机号').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password ?? (await demoPassword()));
  await page.getByRole('button', { name: buttonName('登录') }).click();
}

/** Opens a page from the left menu. */
export async function openMenu(page: Page, label: string) {
  await page.getByRole('menuitem', { name: label }).click();
}

/** The org tree of the 组织管理 page. */
export const orgTree = (page: Page) => page.locator('.ant-tree');

/**
 * Picks an option of the antd Select labelled `label` inside `scope`, typing `search` first if given,
 * and waits until the select shows it (a click during the dropdown's animation can miss).
 */
export async function chooseOption(scope: Locator, label: string, option: string, search?: string) {
  const page = scope.page();
  const select = scope.locator('.ant-select').filter({ has: page.getByLabel(label, { exact: true }) });
  await select.click();
  if (search) await select.getByRole('combobox').fill(search);
  const item = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option })
    .first();
  await item.waitFor();
  await settled(page);
  await item.click();
  await select.getByText(option).first().waitFor();
}

/** The open form modal (drawers are dialogs too, so match antd's modal itself). */
export const dialog = (page: Page) => page.locator('.ant-modal:not(.ant-modal-confirm)');

/** Creates an org under `parentName` (a node of the tree) through the 新建下级组织 modal. */
export async function createOrgThroughUi(page: Page, parentName: string, org: { name: string; type: string }) {
  await page.goto('/orgs');
  await orgTree(page).getByText(parentName, { exact: true }).click();
  const panel = page.getByTestId('selected-org');
  await panel.getByRole('heading', { name: parentName, exact: true }).waitFor();
  await panel.getByRole('button', { name: '新建下级组织' }).click();
  const form = dialog(page);
  await form.waitFor();
  await settled(page);
  await chooseOption(form, '类型', org.type);
  await form.getByLabel('名称', { exact: true }).fill(org.name);
  await form.getByLabel('联系人', { exact: true }).fill('王测试');
  return {
    form,
    submit: async () => {
      await form.getByRole('button', { name: buttonName('确定') }).click();
      await page.getByText('组织已创建').waitFor();
      // The children table pages by pinyin order, so look the new org up by name.
      await panel.getByTestId('filter-bar').getByLabel('名称').fill(org.name);
      await panel.getByRole('button', { name: buttonName('查询') }).click();
      await panel.getByRole('button', { name: org.name }).waitFor();
    },
  };
}

export interface NewAccount {
  username: string;
  displayName: string;
  orgName: string;
  password: string;
  role: string;
}

/** Fills the 新建账号 modal on the accounts page; `submit` saves it and waits for the new row. */
export async function createAccountThroughUi(page: Page, account: NewAccount) {
  await page.getByRole('button', { name: '新建账号' }).click();
  const form = dialog(page);
  await form.waitFor();
  await settled(page);
  await form.getByLabel('用户名', { exact: true }).fill(account.username);
  await form.getByLabel('姓名', { exact: true }).fill(account.displayName);
  await chooseOption(form, '所属组织', account.orgName, account.orgName);
  await form.getByLabel('初始密码').fill(account.password);
  await chooseOption(form, '角色', account.role);
  return {
    form,
    submit: async () => {
      await form.getByRole('button', { name: buttonName('确定') }).click();
      await page.getByText('账号已创建').waitFor();
      await page.getByTestId('accounts-table').getByRole('button', { name: account.username }).waitFor();
    },
  };
}

/** Confirms the open Modal.confirm / Popconfirm. */
export async function confirm(page: Page) {
  await page
    .locator('.ant-modal-confirm, .ant-popconfirm')
    .getByRole('button', { name: buttonName('确定') })
    .click();
}
