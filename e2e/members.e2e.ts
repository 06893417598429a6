import { describe, expect, test } from 'vitest';
import ExcelJS from '../server/lib/xlsx/exceljs';
import { makeIdNumber } from '../shared/validators/idNumber';
import { loginViaApi, screenshot, settled, useBrowser } from './browser';
import { buttonName, chooseOption, confirm, dialog, openMenu } from './pages';

const browser = useBrowser();

// Characters with one reading each, so the pinyin initials of the generated name are known.
const surnames = [
  ['柯', 'k'],
  ['岳', 'y'],
  ['甘', 'g'],
  ['符', 'f'],
  ['詹', 'z'],
  ['滕', 't'],
] as const;
const givenChars = [
  ['翊', 'y'],
  ['珩', 'h'],
  ['瑾', 'j'],
  ['琛', 'c'],
  ['璟', 'j'],
  ['晗', 'h'],
  ['祺', 'q'],
  ['熠', 'y'],
] as const;

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;
const two = (n: number) => String(n).padStart(2, '0');

/** A new member no earlier run registered: a rare name and an ID number born in 1988 in 海门区. */
function newMember() {
  const parts = [pick(surnames), pick(givenChars), pick(givenChars)];
  const birthDate = `1988-${two(1 + Math.floor(Math.random() * 12))}-${two(1 + Math.floor(Math.random() * 28))}`;
  const sequence = Math.floor(Math.random() * 1000);
  return {
    name: parts.map(([char]) => char).join(''),
    initials: parts.map(([, initial]) => initial).join(''),
    birthDate,
    idNumber: makeIdNumber('320614', birthDate, sequence),
    gender: sequence % 2 === 1 ? '男' : '女',
    mobile: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
  };
}

describe('the member roster', () => {
  test('union_admin registers a member, finds them by initials, reveals the ID number and records 退会', async () => {
    const member = newMember();
    const page = await browser.open();
    await loginViaApi(page, 'union_admin');
    await page.goto('/');
    await openMenu(page, '会员管理');
    await page.getByTestId('members-table').waitFor();

    // Register through the modal; the birth date and gender come from the ID number.
    await page.getByRole('button', { name: '登记会员' }).first().click();
    const form = dialog(page);
    await form.getByLabel('姓名', { exact: true }).waitFor();
    await settled(page);
    await chooseOption(form, '所属工会', '织造车间工会小组', '织造');
    await form.getByLabel('姓名', { exact: true }).fill(member.name);
    await form.getByLabel('身份证号', { exact: true }).fill(member.idNumber);
    await expect.poll(() => form.getByLabel('出生日期').inputValue()).toBe(member.birthDate);
    expect(await form.getByLabel(member.gender, { exact: true }).isChecked()).toBe(true);
    await form.getByLabel('手机号', { exact: true }).fill(member.mobile);
    await chooseOption(form, '职工类别', '快递员');
    await form.getByLabel('工作单位', { exact: true }).fill('江苏叠石桥家纺有限公司');
    await screenshot(page, 'member-create', { fullPage: false });
    await form.getByRole('button', { name: buttonName('确定') }).click();
    await page.getByText('会员已登记').waitFor();
    await form.waitFor({ state: 'detached' });
    // The pictures should show the pages, not the success message over them.
    await page.getByText('会员已登记').waitFor({ state: 'detached' });

    const table = page.getByTestId('members-table');
    await table.getByRole('button', { name: member.name }).first().waitFor();
    await screenshot(page, 'members');

    // Find them again by the pinyin initials of their name.
    const filters = page.getByTestId('filter-bar');
    await filters.getByLabel('关键字').fill(member.initials);
    await filters.getByRole('button', { name: buttonName('查询') }).click();
    const row = table.locator('tr', { hasText: member.name }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain(`${member.idNumber.slice(0, 6)}********${member.idNumber.slice(-4)}`);
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);

    // The drawer shows the masked number; 查看 shows the full one.
    await row.getByRole('button', { name: member.name }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByTestId('member-history').waitFor();
    const idNumber = drawer.getByTestId('reveal-idNumber');
    expect(await idNumber.textContent()).not.toContain(member.idNumber);
    await idNumber.getByRole('button', { name: '查看' }).click();
    await idNumber.getByText(member.idNumber, { exact: true }).waitFor();
    await drawer.getByText(/\d+ 秒后隐藏/).waitFor();
    await screenshot(page, 'member-drawer', { fullPage: false });

    // 变更状态 → 退会, confirmed once more; the list's tag follows.
    await drawer.getByRole('button', { name: '变更状态' }).click();
    const statusForm = dialog(page);
    await statusForm.getByLabel('退会', { exact: true }).waitFor();
    await settled(page);
    await statusForm.getByLabel('退会', { exact: true }).check();
    await statusForm.getByLabel('原因（可选）').fill('本人申请退会');
    await statusForm.getByRole('button', { name: buttonName('变更状态') }).click();
    await page.locator('.ant-popconfirm').getByText('退会').waitFor();
    await confirm(page);
    await page.getByText('会员状态已变更').waitFor();
    await drawer.getByTestId('member-history').getByText('状态：在册 → 退会').waitFor();
    await page.keyboard.press('Escape');
    await row.getByTestId('member-status').getByText('退会').waitFor();

    // 导出 Excel streams the filtered roster as a real .xlsx file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('member-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^会员名册-\d{8}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const names = book.getWorksheet('会员名册')?.getColumn(1).values ?? [];
    expect(names).toContain(member.name);
  });
});
