/**
 * The data of `npm run bench:workplans`: a city of ~3,000 orgs written in bulk (ids drawn from the
 * sequence first, paths and departments filled as insertOrg fills them), a plan drafted, published and
 * split through the API, and 30,000 progress reports written in bulk.
 */
import { inArray, sql } from 'drizzle-orm';
import type { buildApp } from '../server/app';
import { ColumnBatch } from '../server/db/bulk';
import { type Database, type DbOrTx, queryRows } from '../server/db/client';
import { chinaDate } from '../server/lib/dates';
import { orgs } from '../server/modules/orgs/orgs.tables';
import { workplanReports } from '../server/modules/workplans/workplans.tables';
import { makeAccount } from '../server/seed/factories';
import { rng } from '../server/seed/random';
import { defaultDepartments } from '../shared/enums';
import type { DocumentInput } from '../shared/schemas/workplans';
import { fmt } from './bench-common';
import { seedOrgTree, type Tree } from './bench-workplans-orgs';
import type { SeedFacts } from './bench-workplans-report';

type TargetSpec = Omit<DocumentInput['sections'][number]['tasks'][number]['targets'][number], 'allotments'> & {
  /** The issuer's share per county, later split evenly among the county's towns. */
  perCounty?: number;
};
type TaskSpec = { title: string; lead: string; subtree: boolean; targets: TargetSpec[] };

const target = (
  metric: string,
  unit: TargetSpec['unit'],
  value: number,
  more: Partial<TargetSpec> = {},
): TargetSpec => ({
  metric,
  unit,
  value,
  dueDate: null,
  metricCode: null,
  milestones: [],
  ...more,
});

/** A city plan of 4 sections, 10 tasks and 20 targets: three tasks go to every org of the city, seven to the counties. */
function planSections(year: string): { title: string; tasks: TaskSpec[] }[] {
  const [office, org, , labour, rights, , , women] = defaultDepartments;
  return [
    {
      title: '夯实基层基础',
      tasks: [
        {
          title: '基层工会规范化建设',
          lead: org,
          subtree: true,
          targets: [target('规范化建设达标', '家', 2000), target('开展集体协商', '项', 1500)],
        },
        {
          title: '职工之家建设',
          lead: org,
          subtree: true,
          targets: [target('建成职工之家', '个', 600), target('开展劳动竞赛', '场次', 3000)],
        },
        {
          title: '困难职工帮扶',
          lead: rights,
          subtree: true,
          targets: [target('帮扶困难职工', '户', 5000), target('送温暖慰问资金', '万元', 800)],
        },
      ],
    },
    {
      title: '建功立业',
      tasks: [
        {
          title: '班组长培训',
          lead: labour,
          subtree: false,
          targets: [
            target('培训班组长', '名', 3000, { perCounty: 300, milestones: [{ date: `${year}-06-30`, share: 0.6 }] }),
            target('职工技能竞赛', '场', 200),
          ],
        },
        {
          title: '劳模和工匠人才创新工作室',
          lead: labour,
          subtree: false,
          targets: [target('新建创新工作室', '个', 120, { perCounty: 12 }), target('征集合理化建议', '条', 10000)],
        },
      ],
    },
    {
      title: '维权服务',
      tasks: [
        {
          title: '法律援助与普法',
          lead: rights,
          subtree: false,
          targets: [target('办理法律援助', '件', 1200), target('普法宣传', '场次', 400, { dueDate: `${year}-06-30` })],
        },
        {
          title: '户外劳动者服务',
          lead: rights,
          subtree: false,
          targets: [target('建成服务站点', '个', 300), target('爱心驿站', '处', 150)],
        },
        {
          title: '女职工关爱',
          lead: women,
          subtree: false,
          targets: [target('建成关爱室', '个', 200), target('女职工健康体检', '人次', 50000)],
        },
      ],
    },
    {
      title: '宣传教育',
      tasks: [
        {
          title: '理论宣讲',
          lead: office,
          subtree: false,
          targets: [target('开展宣讲', '场次', 500), target('新媒体稿件', '篇', 2000)],
        },
        {
          title: '组建基层工会、发展会员',
          lead: org,
          subtree: false,
          targets: [target('基层工会', '个', 3000, { metricCode: 'orgs.unions' }), target('新发展会员', '人', 20000)],
        },
      ],
    },
  ];
}

function documentInput(tree: Tree, year: string): DocumentInput {
  let n = 0;
  return {
    type: 'work_plan',
    docNumber: `江工发〔${year}〕1号`,
    title: `江海市总工会${year}年工作要点（基准）`,
    issuedDate: `${year}-01-05`,
    recipients: ['各县（市）区总工会', '各产业工会'],
    preamble: '',
    fullText: '',
    attachments: [],
    sections: planSections(year).map((s, i) => ({
      number: '一二三四'[i] as string,
      title: s.title,
      content: '',
      groups: [],
      tasks: s.tasks.map((t) => ({
        number: String(++n),
        group: null,
        title: t.title,
        content: '',
        startMonth: `${year}-01`,
        endMonth: `${year}-12`,
        leadDepartments: [t.lead],
        cooperatingUnits: [],
        assignment: t.subtree
          ? { mode: 'subtree' as const, orgIds: tree.counties.map((c) => c.id) }
          : { mode: 'counties' as const, orgIds: [] },
        targets: t.targets.map(({ perCounty, ...g }) => ({
          ...g,
          allotments: perCounty ? tree.counties.map((c) => ({ orgId: c.id, value: perCounty })) : [],
        })),
      })),
    })),
  };
}

export type App = Awaited<ReturnType<typeof buildApp>>;

/** Logs in through the API; requests then carry the session cookie (and the CSRF token when they write). */
export async function signIn(app: App, username: string, password: string) {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (login.statusCode !== 200) throw new Error(`login ${username}: ${login.statusCode} ${login.body}`);
  const cookie = String([login.headers['set-cookie']].flat().find((c) => c?.startsWith('gh_session='))).split(';')[0];
  const csrf = (login.json() as { csrfToken: string }).csrfToken;
  const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await app.inject({
      method,
      url,
      headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) },
      ...(payload ? { payload } : {}),
    });
    if (res.statusCode >= 300)
      throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    return res;
  };
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload?: object) => call('POST', url, payload),
  };
}

interface DocTarget {
  id: number;
  metric: string;
  value: number;
  metricCode: string | null;
  allotments: unknown[];
}
interface DocTask {
  id: number;
  assignment: { mode: string };
  targets: DocTarget[];
}

/** 30,000 reports: most on the city-wide tasks from the unions, the rest from inside the counties; most accepted. */
async function seedReports(
  db: DbOrTx,
  tree: Tree,
  doc: { id: number; tasks: DocTask[]; authorId: number },
  reportCount: number,
  today: string,
) {
  const r = rng(4);
  const start = Date.parse(`${today.slice(0, 4)}-01-06T00:00:00Z`);
  const days = Math.max(1, Math.floor((Date.parse(`${today}T00:00:00Z`) - start) / 86_400_000));
  const reported = doc.tasks.flatMap((t) =>
    t.targets.filter((g) => !g.metricCode).map((g) => ({ task: t, target: g })),
  );
  const cityWide = reported.filter((x) => x.task.assignment.mode === 'subtree');
  const inCounties = reported.filter((x) => x.task.assignment.mode !== 'subtree');
  const orgAt = (unionShare: number, townShare: number) => {
    const roll = r.next();
    if (roll < unionShare) return r.pick(tree.unions);
    if (roll < unionShare + townShare) return r.pick(tree.towns);
    return r.pick(tree.counties);
  };
  const batch = new ColumnBatch(workplanReports, [
    'documentId',
    'taskId',
    'targetId',
    'orgId',
    'orgPath',
    'value',
    'narrative',
    'reportDate',
    'status',
    'reviewComment',
    'reviewedBy',
    'reviewerName',
    'reviewedAt',
    'createdBy',
    'createdByName',
    'createdAt',
  ]);
  // Each target's reports add up to 40–110 % of its value, in increments around the mean.
  const fill = new Map(reported.map((x) => [x.target.id, 0.4 + 0.7 * r.next()]));
  const statuses = { accepted: 0, submitted: 0, returned: 0, narrative: 0 };
  for (let i = 0; i < reportCount; i++) {
    const wide = r.next() < 0.6;
    const x = r.pick(wide ? cityWide : inCounties);
    const org = wide ? orgAt(0.9, 0.07) : orgAt(0.5, 0.35);
    const expectedReports = reportCount * (wide ? 0.6 / cityWide.length : 0.4 / inCounties.length);
    const mean = (x.target.value * (fill.get(x.target.id) ?? 1)) / expectedReports;
    const raw = mean * (0.5 + r.next());
    const value = mean < 5 ? Math.max(1, Math.round(raw)) : Math.round(raw * 100) / 100;
    const day = new Date(start + Math.floor(r.next() * days) * 86_400_000 + 2 * 3600_000);
    const roll = r.next();
    const status = roll < 0.8 ? 'accepted' : roll < 0.92 ? 'submitted' : 'returned';
    // One report in thirty tells of work without a figure.
    const narrativeOnly = r.next() < 1 / 30;
    statuses[narrativeOnly ? 'narrative' : status]++;
    batch.push({
      documentId: doc.id,
      taskId: x.task.id,
      targetId: narrativeOnly ? null : x.target.id,
      orgId: org.id,
      orgPath: org.path,
      value: narrativeOnly ? null : value,
      narrative: `${org.name}：${x.target.metric}工作进展`,
      reportDate: chinaDate(day),
      status,
      reviewComment: status === 'returned' ? '佐证材料不足，请补充' : null,
      reviewedBy: status === 'submitted' ? null : doc.authorId,
      reviewerName: status === 'submitted' ? null : '市总审核人',
      reviewedAt: status === 'submitted' ? null : new Date(day.getTime() + 86_400_000),
      createdBy: doc.authorId,
      createdByName: '填报人',
      createdAt: day,
    });
    if (batch.size === 5000) await batch.flush(db);
  }
  await batch.flush(db);
  return statuses;
}

/**
 * The city, its two accounts, the published plan with its splits, and the reports; then VACUUM ANALYZE
 * so the planner knows the tables as a running system would.
 */
export async function seed(
  database: Database,
  app: App,
  opts: { password: string; reports: number; log: (line: string) => void },
) {
  const { password, log } = opts;
  const db = database.db;
  const started = performance.now();
  const today = chinaDate(new Date());
  const year = today.slice(0, 4);
  const tree = await seedOrgTree(db);
  const [rootRow, countyRow] = await db
    .select()
    .from(orgs)
    .where(inArray(orgs.id, [tree.root.id, tree.counties[2]?.id as number]))
    .orderBy(orgs.depth);
  if (!rootRow || !countyRow) throw new Error('seeded orgs missing');
  const cityStaff = await makeAccount(db, {
    username: 'bench_city_admin',
    displayName: '市总工作人员',
    password,
    org: rootRow,
    grants: [{ role: 'platform_admin', org: rootRow }],
  });
  await makeAccount(db, {
    username: 'bench_county_admin',
    displayName: '区总工作人员',
    password,
    org: countyRow,
    grants: [{ role: 'union_admin', org: countyRow }],
  });
  const orgSeconds = (performance.now() - started) / 1000;
  const city = await signIn(app, 'bench_city_admin', password);
  const created = (await city.post('/api/documents', documentInput(tree, year))).json() as { id: number };
  const published = (await city.post(`/api/documents/${created.id}/publish`)).json() as {
    sections: { tasks: DocTask[] }[];
  };
  const tasks = published.sections.flatMap((s) => s.tasks);
  // Each county splits its share of the allotted targets evenly among its towns (层层分解).
  let splits = 0;
  for (const g of tasks.flatMap((t) => t.targets).filter((x) => x.allotments.length > 0)) {
    for (const county of tree.counties) {
      const towns = tree.towns.filter((t) => t.parentId === county.id);
      const share = (g.value / tree.counties.length / towns.length) | 0;
      await city.post('/api/workplans/allotments/split', {
        targetId: g.id,
        orgId: county.id,
        parts: towns.map((t) => ({ orgId: t.id, value: share })),
      });
      splits++;
    }
  }
  const documentSeconds = (performance.now() - started) / 1000 - orgSeconds;
  const statuses = await seedReports(db, tree, { id: created.id, tasks, authorId: cityStaff.id }, opts.reports, today);
  await db.execute(sql`vacuum analyze`);
  const [rows] = await queryRows<{
    orgs: number;
    assigned: number;
    assignments: number;
    allotments: number;
    reports: number;
  }>(
    db,
    sql`select (select count(*) from orgs)::int as orgs,
               (select count(distinct org_id) from workplan_assignments)::int as assigned,
               (select count(*) from workplan_assignments)::int as assignments,
               (select count(*) from workplan_allotments)::int as allotments,
               (select count(*) from workplan_reports)::int as reports`,
  );
  const facts: SeedFacts = {
    orgs: rows?.orgs ?? 0,
    assignedOrgs: rows?.assigned ?? 0,
    tasks: tasks.length,
    targets: tasks.reduce((n, t) => n + t.targets.length, 0),
    assignments: rows?.assignments ?? 0,
    allotments: rows?.allotments ?? 0,
    splits,
    reports: rows?.reports ?? 0,
    statuses,
    seconds: (performance.now() - started) / 1000,
    orgSeconds,
    documentSeconds,
  };
  log(
    `种子数据：${fmt(facts.orgs)} 个组织、${fmt(facts.assignments)} 条任务分派、${fmt(facts.reports)} 条进度填报，用时 ${facts.seconds.toFixed(1)} 秒`,
  );
  return { tree, documentId: created.id, county: countyRow, facts };
}
