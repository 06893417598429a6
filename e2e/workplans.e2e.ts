import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { documentInputFromDraft } from '../shared/schemas/workplans';
import { demoPassword, loginViaApi, screenshot, settled, uniqueSuffix, useBrowser } from './browser';
import { buttonName, chooseOption, confirm, dialog, openMenu } from './pages';

const browser = useBrowser();

// The notice of seed 000, as the demo seed and the parser tests read it (the shared seeds folder may be absent).
const seedText = () => readFile(new URL('../server/seed/notices/000.txt', import.meta.url), 'utf8');

/** A 1×1 PNG, as a phone photo would arrive: the server types evidence by its first bytes. */
const png = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6e3b60000000049454e44ae426082',
  'hex',
);

const task1 = '开展“生态文明知识基层行”活动';

/** The row of the by-task table for a task, and its completed figure. */
const taskRow = (page: Page, title: string) => page.getByTestId('task-progress').locator('tr', { hasText: title });

/**
 * Signs city_admin in and publishes seed 000 through the API (no browser steps), under a 文号 of this
 * run, with 300 of task 6's 1,000 team leaders allotted to 海门区总工会; answers the document's id.
 */
async function publishSeed(page: Page, docNumber: string): Promise<number> {
  const login = await page.request.post('/api/auth/login', {
    data: { username: 'city_admin', password: await demoPassword() },
  });
  expect(login.status()).toBe(200);
  const headers = { 'x-csrf-token': (await login.json()).csrfToken as string };
  const parsed = await page.request.post('/api/documents/parse', { data: { text: await seedText() }, headers });
  const input = { ...documentInputFromDraft((await parsed.json()).draft), docNumber };
  const found = await page.request.get('/api/orgs/search?q=海门区总工会');
  const haimen = (await found.json()).items.find((o: { name: string }) => o.name === '海门区总工会');
  const leaders = input.sections.flatMap((s) => s.tasks)[5]?.targets.find((g) => g.metric === '班组长');
  if (!haimen || !leaders) throw new Error('海门区总工会 or task 6 missing');
  leaders.allotments = [{ orgId: haimen.id, value: 300 }];
  const created = await page.request.post('/api/documents', { data: input, headers });
  expect(created.status(), await created.text()).toBe(201);
  const id = (await created.json()).id as number;
  const published = await page.request.post(`/api/documents/${id}/publish`, { headers });
  expect(published.status(), await published.text()).toBe(200);
  return id;
}

/** Moves the mouse away so no tooltip covers a screenshot. */
async function still(page: Page) {
  await page.mouse.move(0, 0);
  await settled(page);
}

describe('work plans', () => {
  test('city_admin pastes seed 000, corrects it and publishes; haimen_admin reports with a photo; the report is returned', async () => {
    const suffix = uniqueSuffix();
    const docNumber = `通工发〔2018〕E${suffix}号`;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gonghui-e2e-workplans-'));
    const photo = path.join(dir, '宣讲现场.png');
    await writeFile(photo, png);

    // city_admin: 工作计划 → 粘贴新建 → paste the notice → 解析.
    const city = await browser.open();
    await loginViaApi(city, 'city_admin');
    await city.goto('/');
    await openMenu(city, '工作计划');
    await city.getByTestId('documents-table').waitFor();
    await still(city);
    await screenshot(city, 'workplans-list');
    await city.getByTestId('workplan-create').click();
    await city.getByTestId('notice-text').fill(await seedText());
    await screenshot(city, 'workplan-paste');
    await city.getByTestId('notice-parse').click();
    await city.getByTestId('parse-summary').getByText('已识别 4 个部分、10 项任务').waitFor();
    const editor = city.getByTestId('document-editor');
    expect(await editor.getByLabel('文号', { exact: true }).inputValue()).toBe('通工发〔2018〕34号');
    expect(await editor.getByTestId('task-editor').count()).toBe(10);
    await still(city);
    await screenshot(city, 'workplan-review', { fullPage: false });
    await editor.locator('[data-testid=task-editor][data-task-title*="十百千"]').scrollIntoViewIfNeeded();
    await still(city);
    await screenshot(city, 'workplan-review-targets', { fullPage: false });

    // A 文号 of this run (the demo may hold seed 000 already), saved as a draft: its own address.
    await editor.getByLabel('文号', { exact: true }).fill(docNumber);
    await city.getByTestId('document-save').click();
    await city.getByText('草稿已保存').waitFor();
    await city.waitForURL(/\/workplans\/\d+\/edit$/);
    // The address changes before React swaps the pages: wait until the paste page's editor is gone.
    await city.getByTestId('parse-summary').waitFor({ state: 'detached' });
    await city.getByTestId('document-editor').waitFor();

    // The draft reopens from the server; correct task 1's target there (the parser read 10 talks).
    const draft = city.getByTestId('document-editor');
    expect(await draft.getByLabel('文号', { exact: true }).inputValue()).toBe(docNumber);
    const first = draft.locator(`[data-testid=task-editor][data-task-title="${task1}"]`);
    expect(await first.getByLabel('指标名称').inputValue()).toBe('宣讲');
    expect(await first.getByLabel('目标值').inputValue()).toBe('10');
    await first.getByLabel('目标值').fill('12');
    // The talks are held mostly in autumn: half of them by the end of November (a 序时节点).
    await first.getByRole('button', { name: '序时节点' }).click();
    await first.getByRole('button', { name: '添加节点' }).click();
    const milestone = first.getByTestId('milestone-row');
    await milestone.getByLabel('日期').fill('2018-11-30');
    await milestone.getByLabel('日期').press('Enter');
    await milestone.getByLabel('应完成').fill('50');
    await milestone.scrollIntoViewIfNeeded();
    await screenshot(city, 'workplan-milestone', { fullPage: false });

    // 保存并发布 → confirm → the document's page.
    await city.getByTestId('document-publish').click();
    await city.locator('.ant-modal-confirm-title', { hasText: '确定发布吗' }).waitFor();
    await settled(city);
    await confirm(city);
    await city.waitForURL(/\/workplans\/\d+$/);
    await city.getByText(/已发布，任务已下发到 \d+ 个单位/).waitFor();
    const id = Number(new URL(city.url()).pathname.split('/').pop());
    const saved = await (await city.request.get(`/api/documents/${id}`)).json();
    expect(saved.docNumber).toBe(docNumber);
    const savedTask = saved.sections.flatMap((s: { tasks: unknown[] }) => s.tasks)[0];
    expect(savedTask).toMatchObject({
      title: task1,
      targets: [{ metric: '宣讲', unit: '场次', value: 12, milestones: [{ date: '2018-11-30', share: 0.5 }] }],
    });
    // The exports of the header download the document's progress (the same scope as the dashboard).
    for (const [testId, type] of [
      ['export-xlsx', 'spreadsheetml'],
      ['export-docx', 'wordprocessingml'],
    ] as const) {
      const href = await city.getByTestId(testId).getAttribute('href');
      const file = await city.request.get(href ?? '');
      expect(file.status(), `${href}`).toBe(200);
      expect(file.headers()['content-type']).toContain(type);
    }
    await taskRow(city, task1).getByTestId('figure-actual').waitFor();
    expect(await taskRow(city, task1).getByTestId('figure-actual').textContent()).toBe('0');
    await city.getByTestId('target-chart').first().locator('canvas').waitFor();
    await still(city);
    await screenshot(city, 'workplan-dashboard-published');

    // haimen_admin: 我的任务 → the task of this document → 填报进度 with a photo.
    const haimen = await browser.open();
    await loginViaApi(haimen, 'haimen_admin');
    await haimen.goto('/');
    await openMenu(haimen, '我的任务');
    const todoRow = haimen.getByTestId('todo-group').filter({ hasText: docNumber }).locator('tr', { hasText: task1 });
    await todoRow.waitFor();
    await still(haimen);
    await screenshot(haimen, 'workplans-todo');
    await todoRow.getByTestId('todo-report').click();
    const form = dialog(haimen);
    await form.waitFor();
    await settled(haimen);
    await form.getByLabel('本次完成数（场次）').fill('3');
    await form.getByLabel('工作情况说明').fill('9 月 12 日在三星镇举办生态文明知识宣讲三场，共 360 名职工参加。');
    await form.locator('input[type=file]').setInputFiles(photo);
    await form.locator('.ant-upload-list-item img').waitFor();
    await settled(haimen);
    await screenshot(haimen, 'workplan-report-form', { fullPage: false });
    await form.getByRole('button', { name: buttonName('提交填报') }).click();
    await haimen.getByText('已提交，等待牵头部门审核').waitFor();
    await todoRow.getByTestId('todo-target-figure').getByText(/^3 \//).waitFor();

    // city_admin: the dashboard shows the 3 talks; the records behind the figure; 退回 with a comment.
    await city.reload();
    const figure = taskRow(city, task1).getByTestId('figure-actual');
    await expect.poll(() => figure.textContent()).toBe('3');
    await figure.click();
    const drawer = city.getByTestId('reports-drawer');
    const item = drawer.getByTestId('report-item').filter({ hasText: '海门区总工会' });
    await item.getByTestId('evidence-photo').locator('img').waitFor();
    expect(await item.getByTestId('report-value').textContent()).toBe('3 场次');
    const src = await item.getByTestId('evidence-photo').locator('img').getAttribute('src');
    expect(src).toMatch(/^\/api\/workplans\/files\/\d+$/);
    const file = await city.request.get(src ?? '');
    expect(file.headers()['content-type']).toBe('image/png');
    await screenshot(city, 'workplan-records', { fullPage: false });
    await item.getByTestId('report-return').click();
    const returnForm = city.getByTestId('return-report-form');
    await returnForm.waitFor();
    await settled(city);
    await returnForm.getByLabel('退回意见').fill('请补充宣讲签到表');
    await dialog(city)
      .getByRole('button', { name: buttonName('退回') })
      .click();
    await city.getByText('已退回，填报单位会收到通知').waitFor();
    await item.getByText('已退回').waitFor();
    await item.getByTestId('review-comment').getByText('请补充宣讲签到表').waitFor();
    await city.keyboard.press('Escape');
    // A returned report no longer counts.
    await expect.poll(() => figure.textContent()).toBe('0');

    // haimen_admin: the bell tells of the return; its message opens 我的任务 with the comment.
    await haimen.reload();
    const bell = haimen.getByTestId('notification-bell');
    await bell.locator('.ant-badge-count').waitFor();
    await bell.click();
    const message = haimen
      .getByTestId('notification-panel')
      .getByTestId('notification')
      .filter({ hasText: '进度填报被退回' })
      .first();
    await message.getByText('请补充宣讲签到表').waitFor();
    await screenshot(haimen, 'workplan-notification', { fullPage: false });
    await message.click();
    await haimen.waitForURL(
      (url) => url.pathname === '/workplans/todo' && url.searchParams.get('documentId') === String(id),
    );
    await todoRow.getByTestId('todo-returned').click();
    const records = haimen.getByTestId('reports-drawer');
    await records.getByTestId('report-status').getByText('已退回').waitFor();
    await records.getByTestId('review-comment').getByText('请补充宣讲签到表').waitFor();
    await records.getByTestId('report-again').waitFor();
    await screenshot(haimen, 'workplan-returned', { fullPage: false });
  }, 180_000);

  test('haimen_admin splits its share among its towns; city_admin drills into it and sends a supervision comment', async () => {
    const docNumber = `通工发〔2018〕S${uniqueSuffix()}号`;
    const city = await browser.open();
    const id = await publishSeed(city, docNumber);
    const task6 = '开展生态文明建设职业技能“十百千”活动';

    // haimen_admin: 分解任务 on task 6, 30 of its 班组长 to its first town.
    const haimen = await browser.open();
    await loginViaApi(haimen, 'haimen_admin');
    await haimen.goto(`/workplans/todo?documentId=${id}`);
    const row = haimen.getByTestId('todo-group').filter({ hasText: docNumber }).locator('tr', { hasText: task6 });
    await row.getByTestId('todo-split').click();
    const form = dialog(haimen);
    await form.waitFor();
    await settled(haimen);
    await chooseOption(form, '分解的目标', '班组长');
    const firstTown = form.locator('.ant-table-tbody tr.ant-table-row').first();
    const town = (await firstTown.locator('td').first().textContent()) ?? '';
    expect(town).toMatch(/总工会|工会/);
    await firstTown.locator('input').fill('30');
    await form.getByText('已分配 30 / 300 名').waitFor();
    await screenshot(haimen, 'workplan-split', { fullPage: false });
    await form.getByRole('button', { name: buttonName('保存分解') }).click();
    await haimen.getByText('已分解到 1 个下级单位').waitFor();

    // city_admin: 按单位 → 海门区总工会 → 下级分解 shows the town with its 30.
    await city.goto(`/workplans/${id}`);
    const orgs = city.getByTestId('org-progress');
    await orgs.locator('tr', { hasText: '海门区总工会' }).getByTestId('org-drill').click();
    await city.waitForURL((url) => url.searchParams.has('orgId'));
    const crumbs = city.getByTestId('scope-breadcrumbs');
    await crumbs.getByText('海门区总工会').waitFor();
    await crumbs.getByRole('link', { name: '全部承担单位' }).waitFor();
    const townRow = orgs.locator('tr.ant-table-row', { hasText: town });
    await townRow.locator('.ant-table-row-expand-icon').click();
    await orgs.getByText('30 名').waitFor();
    await still(city);
    await screenshot(city, 'workplan-drill');

    // Back up, then 督查意见 on task 6 about 海门区总工会.
    await crumbs.getByRole('link', { name: '全部承担单位' }).click();
    await city.waitForURL((url) => !url.searchParams.has('orgId'));
    await taskRow(city, task6).getByRole('button', { name: '督查意见' }).click();
    const drawer = city.getByTestId('comments-drawer');
    await drawer.getByTestId('comment-form').waitFor();
    await settled(city);
    await chooseOption(drawer, '针对单位', '海门区总工会');
    await drawer
      .getByTestId('comment-form')
      .locator('textarea')
      .fill('请于本月底前完成首批班组长培训，并上传培训签到表');
    await drawer.getByRole('button', { name: buttonName('发送督查意见') }).click();
    await drawer.getByTestId('comment').getByText('请于本月底前完成首批班组长培训').waitFor();
    await screenshot(city, 'workplan-comments', { fullPage: false });

    // haimen_admin reads it in the bell and beside the task.
    await haimen.reload();
    await haimen.getByTestId('notification-bell').click();
    await haimen
      .getByTestId('notification-panel')
      .getByTestId('notification')
      .filter({ hasText: '督查意见' })
      .first()
      .waitFor();
    await haimen.keyboard.press('Escape');
    await row.getByTestId('todo-comments').click();
    await haimen.getByTestId('comments-drawer').getByText('请于本月底前完成首批班组长培训').waitFor();
  }, 180_000);
});
