import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import ExcelJS from '../server/lib/xlsx/exceljs';
import { makeIdNumber } from '../shared/validators/idNumber';
import { loginViaApi, screenshot, settled, useBrowser } from './browser';
import { confirm, openMenu } from './pages';

const browser = useBrowser();

/** An ID number no earlier run used: born on a random day of 1987 in 海门区 (odd sequence: male). */
function freshIdNumber(): string {
  const day = `1987-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')}`;
  return makeIdNumber('320684', day, 1 + 2 * Math.floor(Math.random() * 499));
}

async function download(page: Page, testId: string, dir: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).first().click()]);
  const target = path.join(dir, file.suggestedFilename());
  await file.saveAs(target);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(target);
  return { book, name: file.suggestedFilename() };
}

async function uploadFile(page: Page, file: string) {
  await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles(file);
  await page.getByTestId('import-preview').waitFor();
  await settled(page);
}

describe('roster import', () => {
  test('union_admin fills the template, uploads it with errors, fixes the error report and commits', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gonghui-e2e-import-'));
    const page = await browser.open();
    await loginViaApi(page, 'union_admin');
    await page.goto('/');
    await openMenu(page, '会员导入');
    await page.getByTestId('import-upload').waitFor();
    await screenshot(page, 'member-import');

    // The template, filled as a cadre would: one good row, a mistyped ID, an ID Excel turned into a number.
    const template = await download(page, 'import-template', dir);
    expect(template.name).toBe('会员导入模板.xlsx');
    const sheet = template.book.getWorksheet('会员名册');
    if (!sheet) throw new Error('the template has no 会员名册 sheet');
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const good = freshIdNumber();
    const typo = freshIdNumber();
    // An ID whose check character is X cannot be a number cell at all, so this one ends in a digit.
    let lost = freshIdNumber();
    while (lost.endsWith('X')) lost = freshIdNumber();
    const typoed = `${typo.slice(0, 17)}${typo[17] === '0' ? '1' : '0'}`;
    const rows: [string, string | number, string][] = [
      ['甘导入', good, '13900001001'],
      ['符错号', typoed, '13900001002'],
      ['詹数字', Number(lost), '13900001003'],
    ];
    rows.forEach(([name, id, mobile], i) => {
      const row = sheet.getRow(i + 3);
      row.getCell(col('姓名')).value = name;
      row.getCell(col('身份证号')).value = id;
      row.getCell(col('手机号码')).value = mobile;
      row.getCell(col('入会日期')).value = '2024年5月1日';
      row.commit();
    });
    const filled = path.join(dir, '三车间会员名册.xlsx');
    await template.book.xlsx.writeFile(filled);

    await uploadFile(page, filled);
    const preview = page.getByTestId('import-preview');
    await expect.poll(() => preview.getByText('有 2 行未通过校验').count()).toBe(1);
    const errors = page.getByTestId('import-errors');
    await errors.getByText('身份证号码校验位错误').waitFor();
    await errors.getByText(/保存成了数字/).waitFor();
    await screenshot(page, 'member-import-preview');

    // The error report: the same columns plus 错误原因; fix the two IDs in it and upload it as it is.
    const report = await download(page, 'import-report', dir);
    expect(report.name).toMatch(/^三车间会员名册-错误报告-\d{8}\.xlsx$/);
    const errorSheet = report.book.worksheets[0];
    if (!errorSheet) throw new Error('the report has no sheet');
    const reportHeader = (errorSheet.getRow(1).values as string[]).slice(1);
    expect(reportHeader.at(-1)).toBe('错误原因');
    expect(errorSheet.rowCount).toBe(3);
    const idColumn = reportHeader.indexOf('身份证号') + 1;
    for (const n of [2, 3]) {
      const row = errorSheet.getRow(n);
      const name = row.getCell(reportHeader.indexOf('姓名') + 1).value;
      row.getCell(idColumn).value = name === '符错号' ? typo : lost;
      row.commit();
    }
    const fixed = path.join(dir, '三车间会员名册-改正.xlsx');
    await report.book.xlsx.writeFile(fixed);

    // Commit the good row of the first file, then the fixed report.
    await page.getByTestId('import-commit').click();
    await confirm(page);
    await page.getByTestId('import-done').getByText('已导入 1 名会员').waitFor();
    await page.getByRole('button', { name: '继续上传其他文件' }).click();
    await uploadFile(page, fixed);
    await page.getByTestId('import-preview').getByText('全部行都通过了校验').waitFor();
    await page.getByTestId('import-commit').click();
    await confirm(page);
    await page.getByTestId('import-done').getByText('已导入 2 名会员').waitFor();
    const history = page.getByTestId('import-history');
    await history.getByText('三车间会员名册-改正.xlsx').waitFor();
    await page
      .getByText(/已导入 2 名会员/)
      .last()
      .waitFor();
    await screenshot(page, 'member-import-done');

    const found = await page.request.get(`/api/members?q=${good}`);
    expect((await found.json()).items.map((m: { name: string }) => m.name)).toEqual(['甘导入']);
    const fixedOne = await page.request.get(`/api/members?q=${lost}`);
    const fixedMembers = (await fixedOne.json()).items as { id: number; name: string }[];
    expect(fixedMembers.map((m) => m.name)).toEqual(['詹数字']);
    // The member's history begins with the import that registered them, naming the file.
    const registered = await page.request.get(`/api/members/${fixedMembers[0]?.id}/history`);
    expect((await registered.json()).items.at(-1)).toMatchObject({
      action: 'members.create',
      changes: { fileName: '三车间会员名册-改正.xlsx' },
    });
  });
});
