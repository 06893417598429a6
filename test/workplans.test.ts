import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../server/lib/dates';
import { auditLog } from '../server/modules/audit/audit.tables';
import { departments } from '../server/modules/orgs/orgs.tables';
import { workplanFiles, workplanReports } from '../server/modules/workplans/workplans.tables';
import { makeAccount } from '../server/seed/factories';
import { type DocumentInput, documentInputFromDraft } from '../shared/schemas/workplans';
import { useTestApp } from './app';
import { type Agent, buildCity, buildMember, type City, signIn, signInAs, testPassword, uid } from './factories';
import { planInput, publishPlan, tinyPng, uploadReport, year } from './workplanFixtures';

const w = useTestApp();
const seed = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../server/seed/notices', name), 'utf8');
let city: City;
let cityAdmin: Agent;
let countyA: Agent;
let countyB: Agent;
const plan = (over: Partial<DocumentInput> = {}) => planInput(city, over);
const published = (input = plan()) => publishPlan(cityAdmin, input);

/** A staff account of the city federation tied to one of its departments. */
async function departmentStaff(name: string) {
  const [dept] = await w.db.select().from(departments).where(eq(departments.orgId, city.root.id));
  const [match] = await w.db
    .select()
    .from(departments)
    .where(eq(departments.name, name))
    .then((rows) => rows.filter((d) => d.orgId === city.root.id));
  expect(dept).toBeDefined();
  const account = await makeAccount(w.db, {
    username: `dept_${uid()}`,
    password: testPassword,
    org: city.root,
    grants: [{ role: 'federation_staff', org: city.root, departmentId: match?.id ?? null }],
  });
  return signIn(w.app, account.username);
}

const agentAs = async (role: 'union_admin' | 'union_cadre', org: City['root']) =>
  (await signInAs(w.app, w.db, role, org)).agent;

beforeAll(async () => {
  city = await buildCity(w.db);
  cityAdmin = await agentAs('union_admin', city.root);
  countyA = await agentAs('union_admin', city.countyA);
  countyB = await agentAs('union_admin', city.countyB);
});

describe('paste and parse', () => {
  it('answers seed 000 as its four activity groups with departments, months and targets', async () => {
    const res = await cityAdmin.post('/api/documents/parse', { text: seed('000.txt') });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.docNumber).toBe('通工发〔2018〕34号');
    expect(body.date).toMatch(/^2018-\d\d-\d\d$/);
    expect(body.sections.map((s: { title: string }) => s.title)).toEqual([
      '“生态文明风尚我引领”',
      '“生态文明建设我贡献”',
      '“生态文明技能我钻研”',
      '“生态文明发展我维护”',
    ]);
    expect(body.sections.flatMap((s: { tasks: unknown[] }) => s.tasks)).toHaveLength(10);
    expect(body.sections[0].leadDepartments).toEqual(['宣传教育和网络工作部']);
    expect(body.sections[3].leadDepartments).toEqual(['劳动和经济工作部', '权益保障部', '法律工作部']);
    expect(body.sections[0].tasks[0]).toMatchObject({ no: '1', startMonth: expect.stringMatching(/^2018-\d\d$/) });
    expect(body.draft.sections).toHaveLength(4);
  });

  it('answers seed 004 as four sections of three tasks each', async () => {
    const res = await cityAdmin.post('/api/documents/parse', { text: seed('004.txt') });
    expect(res.statusCode).toBe(200);
    const sections = res.json().sections as { tasks: unknown[] }[];
    expect(sections.map((s) => s.tasks.length)).toEqual([3, 3, 3, 3]);
  });

  it('refuses an empty text with a Chinese reason, and a worker may not parse', async () => {
    const res = await cityAdmin.post('/api/documents/parse', { text: '   ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('请粘贴通知全文');
    const cadre = await agentAs('union_cadre', city.unionA);
    expect((await cadre.post('/api/documents/parse', { text: '通知' })).statusCode).toBe(403);
  });

  it('turns a parsed draft into a document that saves and publishes to every county', async () => {
    const parsed = (await cityAdmin.post('/api/documents/parse', { text: seed('000.txt') })).json();
    const created = await cityAdmin.post('/api/documents', documentInputFromDraft(parsed.draft));
    expect(created.statusCode, created.body).toBe(201);
    const doc = created.json();
    expect(doc.status).toBe('draft');
    expect(doc.sections.flatMap((s: { tasks: unknown[] }) => s.tasks)).toHaveLength(10);
    const res = await cityAdmin.post(`/api/documents/${doc.id}/publish`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().assignedOrgs).toBe(2);
  });
});

describe('documents', () => {
  it('keeps drafts to the issuer, then shows the published document to the counties', async () => {
    const created = await cityAdmin.post('/api/documents', plan());
    const id = created.json().id;
    expect((await countyA.get(`/api/documents/${id}`)).statusCode).toBe(404);
    expect((await countyA.get('/api/documents')).json().items.map((d: { id: number }) => d.id)).not.toContain(id);
    await cityAdmin.post(`/api/documents/${id}/publish`);
    expect((await countyA.get(`/api/documents/${id}`)).statusCode).toBe(200);
    const listed = (await countyA.get('/api/documents')).json().items.find((d: { id: number }) => d.id === id);
    expect(listed.taskCount).toBe(2);
    // Published is final: no more edits, no deletion; a county cannot publish or close.
    expect((await cityAdmin.request('PUT', `/api/documents/${id}`, plan())).statusCode).toBe(409);
    expect((await cityAdmin.delete(`/api/documents/${id}`)).statusCode).toBe(409);
    expect((await countyA.post(`/api/documents/${id}/close`)).statusCode).toBe(404);
  });

  it('refuses bad plans with Chinese reasons and writes nothing', async () => {
    const before = (await cityAdmin.get('/api/documents?limit=200')).json().items.length;
    const over = plan();
    const target = over.sections[0]?.tasks[0]?.targets[0];
    if (target)
      target.allotments = [
        { orgId: city.countyA.id, value: 90 },
        { orgId: city.countyB.id, value: 20 },
      ];
    const res = await cityAdmin.post('/api/documents', over);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('超过了目标值');
    const months = plan();
    const task = months.sections[0]?.tasks[0];
    if (task) task.endMonth = `${Number(year()) - 1}-01`;
    expect((await cityAdmin.post('/api/documents', months)).json().message).toContain('结束月份不能早于开始月份');
    const negative = plan();
    const t = negative.sections[0]?.tasks[1]?.targets[0];
    if (t) t.value = -3;
    expect((await cityAdmin.post('/api/documents', negative)).statusCode).toBe(400);
    const unknownMetric = plan();
    const m = unknownMetric.sections[0]?.tasks[1]?.targets[0];
    if (m) m.metricCode = 'no.such_metric';
    expect((await cityAdmin.post('/api/documents', unknownMetric)).json().message).toContain('不存在');
    expect((await cityAdmin.get('/api/documents?limit=200')).json().items.length).toBe(before);
  });

  it('a county cannot issue to orgs outside its own subtree', async () => {
    const input = plan();
    for (const task of input.sections[0]?.tasks ?? []) {
      task.assignment = { mode: 'orgs', orgIds: [city.unionB.id] };
      for (const g of task.targets) g.allotments = [];
    }
    const created = await countyA.post('/api/documents', input);
    expect(created.statusCode).toBe(201);
    const res = await countyA.post(`/api/documents/${created.json().id}/publish`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('不是发文单位的下级单位');
  });
});

describe('reporting, review and the dashboard', () => {
  it('rolls reports up the tree, shows each county only its own, and takes returned reports out', async () => {
    const { doc, task1 } = await published();
    const targetId = task1.targets[0].id;
    const todo = (await countyA.get('/api/workplans/todo')).json();
    const item = todo.items.find((i: { taskId: number }) => i.taskId === task1.id);
    expect(item.targets[0]).toMatchObject({ goal: 60, actual: 0 });

    const today = chinaDate(new Date());
    // A narrative of 2,100 bytes: longer than the app-wide multipart field limit, kept whole.
    const narrative = '举办两期培训，'.repeat(100);
    const first = await uploadReport(countyA, { taskId: task1.id, targetId, value: 20, narrative, reportDate: today }, [
      { name: '培训现场.png', data: tinyPng },
    ]);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().files).toHaveLength(1);
    expect(first.json().narrative).toBe(narrative.trim());
    // A town below county A reports towards the county's share.
    const town = await agentAs('union_admin', city.townA);
    const second = await uploadReport(town, {
      taskId: task1.id,
      targetId,
      value: 10,
      narrative: '镇级培训',
      reportDate: today,
    });
    expect(second.statusCode, second.body).toBe(201);
    const byB = await uploadReport(countyB, {
      taskId: task1.id,
      targetId,
      value: 5,
      narrative: '乙区培训',
      reportDate: today,
    });
    expect(byB.statusCode).toBe(201);

    const dash = (await cityAdmin.get(`/api/documents/${doc.id}/dashboard`)).json();
    const target = dash.tasks.find((t: { taskId: number }) => t.taskId === task1.id).targets[0];
    expect(target.actual).toBe(35);
    const cellA = target.byOrg.find((c: { orgId: number }) => c.orgId === city.countyA.id);
    expect(cellA).toMatchObject({ goal: 60, actual: 30, pending: 30, reports: 2 });

    // County B sees its own cell only, and only its own reports.
    const dashB = (await countyB.get(`/api/documents/${doc.id}/dashboard`)).json();
    const cellsB = dashB.tasks.find((t: { taskId: number }) => t.taskId === task1.id).targets[0].byOrg;
    expect(cellsB.map((c: { orgId: number }) => c.orgId)).toEqual([city.countyB.id]);
    const listB = (await countyB.get(`/api/workplans/reports?documentId=${doc.id}`)).json();
    expect(listB.items.map((r: { orgId: number }) => r.orgId)).toEqual([city.countyB.id]);
    expect((await countyB.get(`/api/workplans/reports/${first.json().id}`)).statusCode).toBe(404);
    expect((await countyB.get(`/api/workplans/files/${first.json().files[0].id}`)).statusCode).toBe(404);
    const photo = await cityAdmin.get(`/api/workplans/files/${first.json().files[0].id}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');

    // The lead department returns the town's report with a comment: its author is told, the figure drops.
    const labour = await departmentStaff('劳动和经济工作部');
    const returned = await labour.post(`/api/workplans/reports/${second.json().id}/review`, {
      decision: 'return',
      comment: '请补充培训签到表',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', reviewComment: '请补充培训签到表' });
    const after = (await cityAdmin.get(`/api/documents/${doc.id}/dashboard`)).json();
    expect(after.tasks.find((t: { taskId: number }) => t.taskId === task1.id).targets[0].actual).toBe(25);
    const inbox = (await town.get('/api/notifications')).json();
    expect(
      inbox.items.some(
        (n: { kind: string; body: string }) => n.kind === 'workplans.returned' && n.body.includes('签到表'),
      ),
    ).toBe(true);
    expect(
      (await labour.post(`/api/workplans/reports/${second.json().id}/review`, { decision: 'accept' })).statusCode,
    ).toBe(409);
    const accepted = await labour.post(`/api/workplans/reports/${first.json().id}/review`, { decision: 'accept' });
    expect(accepted.json().status).toBe('accepted');
    const audits = await w.db.select().from(auditLog).where(eq(auditLog.action, 'workplans.review'));
    expect(audits.length).toBeGreaterThanOrEqual(2);
  });

  it('lets a lead department review only the tasks it leads', async () => {
    const { task2 } = await published();
    const today = chinaDate(new Date());
    const r = await uploadReport(countyA, {
      taskId: task2.id,
      targetId: task2.targets[0].id,
      value: 1,
      narrative: '宣讲一场',
      reportDate: today,
    });
    const labour = await departmentStaff('劳动和经济工作部');
    const res = await labour.post(`/api/workplans/reports/${r.json().id}/review`, { decision: 'accept' });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('牵头部门');
    const publicity = await departmentStaff('宣传教育和网络工作部');
    expect(
      (await publicity.post(`/api/workplans/reports/${r.json().id}/review`, { decision: 'accept' })).statusCode,
    ).toBe(200);
    // A county admin reviews nothing of the city's document.
    expect(
      (await countyA.post(`/api/workplans/reports/${r.json().id}/review`, { decision: 'accept' })).statusCode,
    ).toBe(403);
  });

  it('answers bad reports with Chinese reasons and stores nothing', async () => {
    const { doc, task1, task2 } = await published();
    const targetId = task1.targets[0].id;
    const today = chinaDate(new Date());
    const before = (await w.db.select().from(workplanReports)).length;
    const files = (await w.db.select().from(workplanFiles)).length;
    const cases: [Record<string, string | number>, number, string][] = [
      [{ taskId: task1.id, targetId, value: -1, narrative: 'x', reportDate: today }, 400, '不能为负数'],
      [{ taskId: task1.id, targetId, value: 'abc', narrative: 'x', reportDate: today }, 400, '必须是数字'],
      [{ taskId: task1.id, targetId, narrative: '没有数字', reportDate: today }, 400, '请填写'],
      [{ taskId: task1.id, targetId, value: 1, narrative: 'x', reportDate: '2999-01-01' }, 400, '不能晚于今天'],
      [
        { taskId: task1.id, targetId: task2.targets[0].id, value: 1, narrative: 'x', reportDate: today },
        400,
        '不属于这项任务',
      ],
      [{ taskId: task1.id, narrative: '', reportDate: today }, 400, '情况说明'],
    ];
    for (const [fields, status, message] of cases) {
      const res = await uploadReport(countyA, fields);
      expect(res.statusCode, JSON.stringify(fields)).toBe(status);
      expect(res.json().message).toContain(message);
    }
    const fake = await uploadReport(
      countyA,
      { taskId: task1.id, targetId, value: 1, narrative: 'x', reportDate: today },
      [{ name: '照片.png', data: Buffer.from('not an image at all') }],
    );
    expect(fake.statusCode).toBe(400);
    expect(fake.json().message).toContain('不是支持的佐证材料格式');
    // A union of another county's subtree was not sent this task through county A.
    const unionB = await agentAs('union_admin', city.unionB);
    const elsewhere = await uploadReport(unionB, {
      taskId: task1.id,
      targetId,
      value: 1,
      narrative: 'x',
      reportDate: today,
    });
    expect(elsewhere.statusCode).toBe(201);
    const other = (await cityAdmin.post('/api/documents', plan())).json();
    const draftTask = other.sections[0].tasks[0];
    const notSent = await uploadReport(countyA, {
      taskId: draftTask.id,
      targetId: draftTask.targets[0].id,
      value: 1,
      narrative: 'x',
      reportDate: today,
    });
    expect(notSent.statusCode).toBe(403);
    await cityAdmin.post(`/api/documents/${doc.id}/close`);
    const closed = await uploadReport(countyA, {
      taskId: task1.id,
      targetId,
      value: 1,
      narrative: 'x',
      reportDate: today,
    });
    expect(closed.statusCode).toBe(409);
    expect((await w.db.select().from(workplanReports)).length).toBe(before + 1);
    expect((await w.db.select().from(workplanFiles)).length).toBe(files);
  });

  it('splits a county share among its towns, whose reports roll up to it', async () => {
    const { doc, task1 } = await published();
    const targetId = task1.targets[0].id;
    const over = await countyA.post('/api/workplans/allotments/split', {
      targetId,
      orgId: city.countyA.id,
      parts: [{ orgId: city.townA.id, value: 70 }],
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().message).toContain('超过了本单位承担的 60 名');
    const notChild = await countyA.post('/api/workplans/allotments/split', {
      targetId,
      orgId: city.countyA.id,
      parts: [{ orgId: city.unionA.id, value: 10 }],
    });
    expect(notChild.statusCode).toBe(400);
    const ok = await countyA.post('/api/workplans/allotments/split', {
      targetId,
      orgId: city.countyA.id,
      parts: [{ orgId: city.townA.id, value: 25 }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(
      (
        await countyB.post('/api/workplans/allotments/split', {
          targetId,
          orgId: city.countyA.id,
          parts: [{ orgId: city.townA.id, value: 1 }],
        })
      ).statusCode,
    ).toBe(404);
    const town = await agentAs('union_admin', city.townA);
    const todo = (await town.get('/api/workplans/todo')).json();
    expect(todo.items.find((i: { taskId: number }) => i.taskId === task1.id).targets[0].goal).toBe(25);
    await uploadReport(town, {
      taskId: task1.id,
      targetId,
      value: 5,
      narrative: '镇培训',
      reportDate: chinaDate(new Date()),
    });
    const drill = (await countyA.get(`/api/documents/${doc.id}/dashboard?orgId=${city.countyA.id}`)).json();
    const cells = drill.tasks.find((t: { taskId: number }) => t.taskId === task1.id).targets[0].byOrg;
    expect(cells).toEqual([expect.objectContaining({ orgId: city.townA.id, goal: 25, actual: 5 })]);
    const top = (await cityAdmin.get(`/api/documents/${doc.id}/dashboard`)).json();
    const cellA = top.tasks
      .find((t: { taskId: number }) => t.taskId === task1.id)
      .targets[0].byOrg.find((c: { orgId: number }) => c.orgId === city.countyA.id);
    expect(cellA.actual).toBe(5);
  });

  it('shares an unallotted target in whole numbers, and lets a county split its even share', async () => {
    const input = plan();
    const talks = input.sections[0]?.tasks[1]?.targets[0];
    if (!talks) throw new Error('plan without talks');
    talks.value = 11;
    const { doc, task2 } = await published(input);
    const targetId = task2.targets[0].id;
    const goals = async () =>
      Object.fromEntries(
        (await cityAdmin.get(`/api/documents/${doc.id}/dashboard`))
          .json()
          .tasks.find((t: { taskId: number }) => t.taskId === task2.id)
          .targets[0].byOrg.map((c: { orgId: number; goal: number }) => [c.orgId, c.goal]),
      );
    // Two counties, 11 talks: the remainder goes to the first county by id.
    expect(await goals()).toEqual({ [city.countyA.id]: 6, [city.countyB.id]: 5 });

    const split = (value: number) =>
      countyA.post('/api/workplans/allotments/split', {
        targetId,
        orgId: city.countyA.id,
        parts: [{ orgId: city.townA.id, value }],
      });
    const over = await split(7);
    expect(over.statusCode).toBe(400);
    expect(over.json().message).toContain('超过了本单位承担的 6 场次');
    expect((await split(4)).statusCode).toBe(200);
    // The split gives the town its part and leaves both counties their even shares.
    expect(await goals()).toEqual({ [city.countyA.id]: 6, [city.countyB.id]: 5 });
    const drill = (await countyA.get(`/api/documents/${doc.id}/dashboard?orgId=${city.countyA.id}`)).json();
    const cells = drill.tasks.find((t: { taskId: number }) => t.taskId === task2.id).targets[0].byOrg;
    expect(cells).toEqual([expect.objectContaining({ orgId: city.townA.id, goal: 4 })]);
    // A town given a part splits only that part; an org given nothing has nothing to split.
    const town = await agentAs('union_admin', city.townA);
    const tooMuch = await town.post('/api/workplans/allotments/split', {
      targetId,
      orgId: city.townA.id,
      parts: [{ orgId: city.unionA.id, value: 5 }],
    });
    expect(tooMuch.json().message).toContain('超过了本单位承担的 4 场次');
  });

  it('computes a target bound to a catalog metric from records, and refuses reports on it', async () => {
    const input = plan();
    const target = input.sections[0]?.tasks[1]?.targets[0];
    if (target) Object.assign(target, { metric: '新入会会员', unit: '名', value: 4, metricCode: 'members.joined' });
    const { doc, task2 } = await published(input);
    await buildMember(w.db, city.unionA, { joinedDate: chinaDate(new Date()) });
    const dash = (await cityAdmin.get(`/api/documents/${doc.id}/dashboard`)).json();
    const figures = dash.tasks.find((t: { taskId: number }) => t.taskId === task2.id).targets[0];
    const cellA = figures.byOrg.find((c: { orgId: number }) => c.orgId === city.countyA.id);
    expect(cellA.actual).toBeGreaterThanOrEqual(1);
    const res = await uploadReport(countyA, {
      taskId: task2.id,
      targetId: task2.targets[0].id,
      value: 1,
      narrative: 'x',
      reportDate: chinaDate(new Date()),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('自动统计');
  });

  it('sends supervision comments to the unit they are about', async () => {
    const { task1 } = await published();
    const res = await cityAdmin.post(`/api/workplans/tasks/${task1.id}/comments`, {
      orgId: city.countyA.id,
      body: '请加快进度',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await countyA.get(`/api/workplans/tasks/${task1.id}/comments`)).json().items[0].body).toBe('请加快进度');
    expect((await countyB.get(`/api/workplans/tasks/${task1.id}/comments`)).json().items).toHaveLength(0);
    expect((await countyA.post(`/api/workplans/tasks/${task1.id}/comments`, { body: '自己督查自己' })).statusCode).toBe(
      403,
    );
    const inbox = (await countyA.get('/api/notifications?unread=true')).json();
    expect(inbox.items.some((n: { kind: string }) => n.kind === 'workplans.comment')).toBe(true);
    const marked = await countyA.post('/api/notifications/read', { all: true });
    expect(marked.json().marked).toBeGreaterThan(0);
    expect((await countyA.get('/api/notifications')).json().unread).toBe(0);
  });
});
