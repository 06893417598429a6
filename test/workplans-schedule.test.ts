import { beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../server/lib/dates';
import { checkSchedules } from '../server/modules/workplans/workplans.schedule';
import { useTestApp } from './app';
import { type Agent, buildCity, type City, signInAs } from './factories';
import { planInput, publishPlan, uploadReport, year } from './workplanFixtures';

const w = useTestApp();

let city: City;
let cityAdmin: Agent;
let countyA: Agent;
let countyB: Agent;

beforeAll(async () => {
  city = await buildCity(w.db);
  cityAdmin = (await signInAs(w.app, w.db, 'union_admin', city.root)).agent;
  countyA = (await signInAs(w.app, w.db, 'union_admin', city.countyA)).agent;
  countyB = (await signInAs(w.app, w.db, 'union_admin', city.countyB)).agent;
});

type Inbox = { items: { kind: string; title: string; body: string; link: string | null }[] };
const inbox = async (agent: Agent, documentId: number) =>
  ((await agent.get('/api/notifications?limit=100')).json() as Inbox).items.filter(
    (n) =>
      n.kind !== 'workplans.assigned' &&
      (n.link === `/workplans/todo?documentId=${documentId}` || n.link === `/workplans/${documentId}`),
  );
/** Midday in China on a date of the plan's year. */
const on = (date: string) => new Date(`${date}T12:00:00+08:00`);

describe('the scheduled progress check', () => {
  it('tells a unit behind schedule once a month, an overdue one once, and the issuer how many are late', async () => {
    const { doc, task1 } = await publishPlan(cityAdmin, planInput(city));
    const targetId = task1.targets[0].id;
    const today = chinaDate(new Date());
    // Training: county A has 10 of its 60, county B all of its 40. Talks (5 each): nobody has reported.
    for (const [agent, value] of [
      [countyA, 10],
      [countyB, 40],
    ] as const) {
      const res = await uploadReport(agent, {
        taskId: task1.id,
        targetId,
        value,
        narrative: '培训',
        reportDate: today,
      });
      expect(res.statusCode, res.body).toBe(201);
    }

    const july = await checkSchedules(w.db, on(`${year()}-07-01`));
    expect(july.late).toBeGreaterThanOrEqual(3);
    const a = await inbox(countyA, doc.id);
    expect(a.map((n) => n.title).sort()).toEqual(['任务滞后：1 开展班组长培训', '任务滞后：2 举办宣讲活动']);
    const training = a.find((n) => n.title.includes('班组长'));
    expect(training?.body).toContain('本单位应完成 60 名，目前完成 10 名（17%），按序时进度应完成 50%');
    expect(training?.link).toBe(`/workplans/todo?documentId=${doc.id}`);
    expect((await inbox(countyB, doc.id)).map((n) => n.title)).toEqual(['任务滞后：2 举办宣讲活动']);
    const issuer = await inbox(cityAdmin, doc.id);
    expect(issuer).toHaveLength(1);
    expect(issuer[0]?.title).toContain('有 2 个单位进度滞后或逾期');
    expect(issuer[0]?.body).toContain('3 项指标未按序时进度完成，其中 0 个单位有逾期指标');

    // The same check again, and later in the same month, tells nobody anything new.
    await checkSchedules(w.db, on(`${year()}-07-01`));
    await checkSchedules(w.db, on(`${year()}-07-20`));
    expect(await inbox(countyA, doc.id)).toHaveLength(2);
    expect(await inbox(cityAdmin, doc.id)).toHaveLength(1);

    // A month later the reminders come again; after the due date the overdue notice comes once.
    await checkSchedules(w.db, on(`${year()}-08-03`));
    expect(await inbox(countyA, doc.id)).toHaveLength(4);
    const nextYear = String(Number(year()) + 1);
    await checkSchedules(w.db, on(`${nextYear}-01-10`));
    await checkSchedules(w.db, on(`${nextYear}-02-10`));
    const late = await inbox(countyA, doc.id);
    expect(late.filter((n) => n.title.startsWith('任务逾期'))).toHaveLength(2);
    expect(late.find((n) => n.title === '任务逾期：1 开展班组长培训')?.body).toContain('已过完成期限');
    expect(await inbox(cityAdmin, doc.id)).toHaveLength(4);
  });

  it('leaves units that keep to the schedule, drafts and closed documents alone', async () => {
    const { doc, task1, task2 } = await publishPlan(cityAdmin, planInput(city));
    const today = chinaDate(new Date());
    const draft = (await cityAdmin.post('/api/documents', planInput(city))).json();
    for (const agent of [countyA, countyB]) {
      await uploadReport(agent, {
        taskId: task1.id,
        targetId: task1.targets[0].id,
        value: 40,
        narrative: '培训',
        reportDate: today,
      });
      await uploadReport(agent, {
        taskId: task2.id,
        targetId: task2.targets[0].id,
        value: 3,
        narrative: '宣讲',
        reportDate: today,
      });
    }
    await checkSchedules(w.db, on(`${year()}-06-15`));
    expect(await inbox(countyA, doc.id)).toEqual([]);
    expect(await inbox(cityAdmin, doc.id)).toEqual([]);
    expect(await inbox(cityAdmin, draft.id)).toEqual([]);

    expect((await cityAdmin.post(`/api/documents/${doc.id}/close`)).statusCode).toBe(200);
    await checkSchedules(w.db, on(`${Number(year()) + 1}-03-01`));
    expect(await inbox(countyA, doc.id)).toEqual([]);
  });
});
