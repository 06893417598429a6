import { describe, expect, test } from 'vitest';
import { loginViaApi, screenshot, settled, useBrowser } from './browser';
import { buttonName, chooseOption, dialog, openMenu } from './pages';

const browser = useBrowser();

type Candidate = { id: number; name: string; idNumber: string; activeFileId: number | null; org: { name: string } };

describe('hardship files', () => {
  test('haimen_admin files a member with consent and a household member, sees the sensitive part, records a review', async () => {
    const page = await browser.open();
    await loginViaApi(page, 'haimen_admin');
    await page.goto('/');
    await openMenu(page, '困难职工档案');
    await page.getByTestId('hardship-table').waitFor();
    await page.getByTestId('stats-level-chart').waitFor();
    await page.getByTestId('hardship-table').locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, 'hardship-list');

    // A figure opens the files behind it: 复核到期 filters the list to the due reviews.
    const due = Number(
      (await page.getByTestId('stat-review-due').locator('.ant-statistic-content-value').textContent())?.replace(
        /\D/g,
        '',
      ),
    );
    await page.getByTestId('stat-review-due').click();
    await expect.poll(() => page.url()).toContain('reviewDue=true');
    await expect.poll(() => page.getByLabel('仅看复核到期').isChecked()).toBe(true);
    await page.getByText(`共 ${due} 条`).waitFor();
    await page.getByTestId('hardship-table').getByText('已逾期').first().waitFor();

    // A member of 海门 without a file, found the way the picker finds them.
    let candidate: Candidate | undefined;
    for (const surname of ['顾', '陆', '施', '沈', '王', '张', '陈']) {
      const res = await page.request.get(`/api/hardship/candidates?q=${encodeURIComponent(surname)}`);
      const items = ((await res.json()) as { items: Candidate[] }).items;
      candidate = items.find((c) => c.activeFileId === null && c.name.length === 3);
      if (candidate) break;
    }
    if (!candidate) throw new Error('no member to file');

    await page.getByTestId('hardship-create').click();
    const form = dialog(page);
    await form.getByText('本人授权').first().waitFor();
    await settled(page);
    await chooseOption(form, '困难职工', candidate.idNumber, candidate.name);
    await chooseOption(form, '困难等级', '深度困难');
    await form.getByLabel('因病', { exact: true }).check();
    await form.getByLabel('家庭住址', { exact: true }).fill('海门区海门街道解放路 18 号');
    await form.getByLabel('联系电话（手机）', { exact: true }).fill('13962855501');
    await form.getByLabel('家庭人口', { exact: true }).fill('2');

    // Health and income stay locked until the consent is recorded.
    const rows = form.getByTestId('household-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.first().getByLabel('月收入（元）').isDisabled()).toBe(true);
    await form.getByTestId('consent-given').check();
    await expect.poll(() => rows.first().getByLabel('月收入（元）').isDisabled()).toBe(false);

    // Picking the member filled the 本人 row from the roster.
    await expect.poll(() => rows.first().getByLabel('姓名').inputValue()).toBe(candidate.name);
    await rows.first().getByLabel('就业情况').fill('企业职工');
    await rows.first().getByLabel('月收入（元）').fill('2100.50');
    await form.getByTestId('add-person').click();
    const second = rows.nth(1);
    await chooseOption(second, '关系', '配偶');
    await second.getByLabel('姓名').fill('刘秀英');
    await second.getByLabel('年龄').fill('44');
    await chooseOption(second, '健康状况', '大病');
    await second.getByLabel('病情或残疾说明').fill('乳腺癌术后化疗');
    await second.getByLabel('月收入（元）').fill('0');
    await expect.poll(() => form.getByTestId('per-capita-preview').textContent()).toContain('1,050.25');
    await screenshot(page, 'hardship-create', { fullPage: false });
    await form.getByRole('button', { name: buttonName('保存档案') }).click();
    await page.getByText('档案已保存').waitFor();
    await form.waitFor({ state: 'detached' });

    // The drawer opens on the new file; the sensitive section carries the notice that viewing is recorded.
    const drawer = page.getByTestId('hardship-drawer');
    await drawer.getByTestId('sensitive-notice').waitFor();
    await drawer.getByText('乳腺癌术后化疗').waitFor();
    await drawer.getByTestId('hardship-income').getByText('1,050.25 元').waitFor();
    await page.getByText('档案已保存').waitFor({ state: 'detached' });
    await screenshot(page, 'hardship-drawer', { fullPage: false });

    // 年度复核: keep the level with a comment.
    await drawer.getByTestId('hardship-review').click();
    const review = dialog(page);
    await review.getByLabel('复核意见').waitFor();
    await settled(page);
    await review.getByLabel('复核意见').fill('入户核实，配偶仍在化疗，维持深度困难。');
    await review.getByRole('button', { name: buttonName('登记年度复核') }).click();
    await page.getByText('复核已登记').waitFor();
    await review.waitFor({ state: 'detached' });
    await drawer.getByRole('tab', { name: /复核记录（1）/ }).click();
    await drawer.getByTestId('hardship-reviews').getByText('维持原等级').waitFor();
    await page.getByText('复核已登记').waitFor({ state: 'detached' });
    await screenshot(page, 'hardship-drawer-reviewed', { fullPage: false });
  });
});
