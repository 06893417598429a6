import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { computeMetric, listMetrics, metricByCode, registerMetric } from '../server/metrics';
import { auditLog } from '../server/modules/audit/audit.tables';
import { memberImports } from '../server/modules/members/imports/imports.tables';
import { orgs } from '../server/modules/orgs/orgs.tables';
import { grantFirstMemberOf } from '../server/seed/assistanceFactories';
import { fileFirstMemberOf } from '../server/seed/demoHardship';
import { makeApplicant, makeJoinApplication } from '../server/seed/demoJoins';
import { makeCareVisit } from '../server/seed/demoVisits';
import { makeOrg } from '../server/seed/factories';
import { tripOfFirstMembers } from '../server/seed/recuperationFactories';
import { roles } from '../shared/permissions';
import { maskIdNumber } from '../shared/validators/idNumber';
import { testKeyRing, useTestApp } from './app';
import {
  type Agent,
  buildCity,
  buildMember,
  type City,
  signInAs,
  testPassword,
  uid,
  uniqueIdNumber,
} from './factories';
import { planInput, publishPlan, uploadReport } from './workplanFixtures';

const w = useTestApp();

let city: City;
/** An active union with no members, imports or joins: every value of its subtree is 0 (but orgs.unions: 1). */
let emptyUnion: Awaited<ReturnType<typeof makeOrg>>;
let cityAgent: Agent;
const idNumbers: string[] = [];

async function importOf(org: { id: number; path: string }, status: 'committed' | 'ready', added: number, at: string) {
  await w.db.insert(memberImports).values({
    orgId: org.id,
    orgPath: org.path,
    fileName: `名册${uid()}.xlsx`,
    fileSha256: '0'.repeat(64),
    fileKind: 'xlsx',
    headers: ['姓名', '身份证号'],
    status,
    total: added,
    valid: added,
    added: status === 'committed' ? added : null,
    createdBy: 0,
    createdByName: '王会计',
    createdAt: new Date(at),
    committedAt: status === 'committed' ? new Date(at) : null,
  });
}

beforeAll(async () => {
  city = await buildCity(w.db);
  const member = async (org: typeof city.unionA, spec: Parameters<typeof buildMember>[2]) => {
    const idNumber = uniqueIdNumber({ gender: spec?.gender });
    idNumbers.push(idNumber);
    return buildMember(w.db, org, { ...spec, idNumber });
  };
  await member(city.unionA, { gender: 'female', workerCategory: 'courier', joinedDate: '2024-03-10' });
  await member(city.unionA, { gender: 'male', workerCategory: 'regular', joinedDate: '2024-05-01' });
  await member(city.unionA, { gender: 'male', workerCategory: 'courier', joinedDate: '2024-04-01', status: 'left' });
  await member(city.groupA, { gender: 'male', workerCategory: 'regular', joinedDate: '2023-12-31' });
  await member(city.unionB, { gender: 'female', workerCategory: 'courier', joinedDate: '2024-06-15' });

  // Committed 2024-07-01 01:00 in China (still 30 June in UTC); a 5-member import in March; one never committed.
  await importOf(city.unionB, 'committed', 120, '2024-06-30T17:00:00Z');
  await importOf(city.unionA, 'committed', 5, '2024-03-01T02:00:00Z');
  await importOf(city.unionA, 'ready', 7, '2024-03-02T02:00:00Z');

  // A dissolved union is not counted.
  const gone = await makeOrg(w.db, city.countyB, { name: `已撤销工会${uid()}`, type: 'grassroots_joint' });
  await w.db.update(orgs).set({ status: 'dissolved' }).where(eq(orgs.id, gone.id));
  emptyUnion = await makeOrg(w.db, city.countyB, { name: `空工会${uid()}`, type: 'grassroots_trade' });

  // One join application approved through the API: the applicant becomes an active member of union A today.
  const mobile = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const applicant = await makeApplicant(w.db, city.root, { name: '王小明', mobile, password: testPassword });
  const joinIdNumber = uniqueIdNumber({ birthDate: '1990-02-03' });
  idNumbers.push(joinIdNumber);
  const join = await makeJoinApplication(w.db, testKeyRing, city.unionA, applicant.id, {
    name: '王小明',
    idNumber: joinIdNumber,
    mobile,
  });
  const { agent: unionAdmin } = await signInAs(w.app, w.db, 'union_admin', city.unionA);
  const approved = await unionAdmin.post(`/api/members/joins/${join.id}/approve`);
  expect(approved.statusCode, approved.body).toBe(200);

  cityAgent = (await signInAs(w.app, w.db, 'union_cadre', city.root)).agent;
  // Recuperation: a 2024 trip of county A attended by a member of union A and one of union B.
  await tripOfFirstMembers(w.db, city.countyA, [city.unionA, city.unionB], '2024-06-10');
  // Hardship files of members already here (roster figures unchanged): one active, one resolved.
  await fileFirstMemberOf(w.db, city.unionA, { filedOn: '2024-05-01' });
  await fileFirstMemberOf(w.db, city.unionB, { filedOn: '2024-05-01', resolvedOn: '2024-09-01' });
  // Care visits: one summer visit of town A to union A (visits.* metrics).
  await makeCareVisit(w.db, {
    owner: city.countyA,
    visitor: city.townA,
    target: city.unionA,
    date: '2024-07-15',
    workers: 30,
    goodsFen: 123_456,
  });
  // Assistance: a paid case of union A from county A's fund (assistance.* metrics).
  await grantFirstMemberOf(w.db, testKeyRing, city.unionA, city.countyA, {
    amountFen: 150_029,
    approvedAt: '2024-08-20',
  });

  // A work plan sent to both counties: three reports from county A's subtree (one returned), one from county B.
  const { agent: issuer } = await signInAs(w.app, w.db, 'union_admin', city.root);
  const { task1 } = await publishPlan(issuer, planInput(city));
  const reportAs = async (org: typeof city.countyA, value: number, reportDate: string) => {
    const { agent } = await signInAs(w.app, w.db, 'union_admin', org);
    const fields = { taskId: task1.id, targetId: task1.targets[0].id, value, narrative: '培训', reportDate };
    const res = await uploadReport(agent, fields);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  await reportAs(city.countyA, 10, '2024-05-10');
  const wrong = await reportAs(city.countyA, 99, '2024-05-11');
  await reportAs(city.townA, 5, '2024-06-20');
  await reportAs(city.countyB, 8, '2025-01-05');
  const returned = await issuer.post(`/api/workplans/reports/${wrong}/review`, {
    decision: 'return',
    comment: '数字有误',
  });
  expect(returned.statusCode, returned.body).toBe(200);
});

const query = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]))).toString();

async function value(code: string, params: Record<string, string | number | undefined>, agent = cityAgent) {
  const res = await agent.get(`/api/metrics/${code}/value?${query(params)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().value as number;
}

describe('metric catalog', () => {
  it('lists every metric with its Chinese name, unit and filters', async () => {
    const res = await cityAgent.get('/api/metrics');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; name: string; unit: string; periodic: boolean }[];
    expect(items.map((m) => m.code)).toEqual(
      expect.arrayContaining([
        'orgs.unions',
        'members.active',
        'members.joined',
        'members.imported',
        'members.joins_approved',
        'workplans.documents',
        'workplans.reports',
      ]),
    );
    const joined = res.json().items.find((m: { code: string }) => m.code === 'members.joined');
    expect(joined).toMatchObject({ name: '新入会会员', unit: '名', periodic: true });
    expect(joined.filters.map((f: { key: string }) => f.key)).toEqual(['category', 'gender']);
    expect(joined.filters[0].options).toContainEqual({ value: 'food_delivery', label: '外卖骑手' });
    expect(items.find((m) => m.code === 'members.active')).toMatchObject({ name: '在册会员', periodic: false });
  });

  it('sums each metric over the city, county and union subtrees from the records', async () => {
    const { root, countyA, countyB, unionA, groupA, unionB } = city;
    const at = (code: string, org: { id: number }, extra: Record<string, string> = {}) =>
      value(code, { orgId: org.id, ...extra });

    expect(await at('orgs.unions', root)).toBe(3); // unionA, unionB, the empty union; not the dissolved one
    expect(await at('orgs.unions', countyA)).toBe(1);
    expect(await at('orgs.unions', unionA)).toBe(1);
    expect(await at('orgs.unions', groupA)).toBe(0);

    // Active: 2 + the approved applicant in union A, 1 in its group, 1 in union B; the member who left is not.
    expect(await at('members.active', root)).toBe(5);
    expect(await at('members.active', countyA)).toBe(4);
    expect(await at('members.active', unionA)).toBe(4);
    expect(await at('members.active', groupA)).toBe(1);
    expect(await at('members.active', countyB)).toBe(1);
    expect(await at('members.active', emptyUnion)).toBe(0);

    expect(await at('members.joined', root)).toBe(6); // no period: everyone, whatever their status
    expect(await at('members.imported', root)).toBe(125);
    expect(await at('members.imported', countyA)).toBe(5);
    expect(await at('members.imported', unionB)).toBe(120);
    expect(await at('members.joins_approved', root)).toBe(1);
    expect(await at('members.joins_approved', countyA)).toBe(1);
    expect(await at('members.joins_approved', countyB)).toBe(0);
  });

  it('applies periods (China dates) and filters', async () => {
    const year = { from: '2024-01-01', to: '2024-12-31' };
    const root = city.root.id;
    expect(await value('members.joined', { orgId: root, ...year })).toBe(4);
    expect(await value('members.joined', { orgId: city.countyA.id, ...year })).toBe(3);
    expect(await value('members.joined', { orgId: root, from: '2024-04-01', to: '2024-05-31' })).toBe(2);
    expect(await value('members.joined', { orgId: root, to: '2023-12-31' })).toBe(1);
    expect(await value('members.joined', { orgId: root, ...year, category: 'courier' })).toBe(3);
    expect(await value('members.joined', { orgId: root, ...year, category: 'courier', gender: 'female' })).toBe(2);
    // A Chinese label stands for its code, and the answer echoes the code.
    const labelled = await cityAgent.get(
      `/api/metrics/members.joined/value?${query({ orgId: root, category: '快递员' })}`,
    );
    expect(labelled.json()).toMatchObject({ value: 3, filters: { category: 'courier' }, from: null, to: null });

    // The March import is in Q1; the 120 were committed on 1 July China time (30 June in UTC).
    expect(await value('members.imported', { orgId: root, to: '2024-06-30' })).toBe(5);
    expect(await value('members.imported', { orgId: root, from: '2024-07-01', to: '2024-07-01' })).toBe(120);
    expect(await value('members.joins_approved', { orgId: root, ...year })).toBe(0);

    // A snapshot ignores the period and says so.
    const snapshot = await cityAgent.get(`/api/metrics/members.active/value?${query({ orgId: root, ...year })}`);
    expect(snapshot.json()).toMatchObject({
      code: 'members.active',
      name: '在册会员',
      unit: '名',
      orgId: root,
      orgName: city.root.name,
      from: null,
      to: null,
      value: 5,
    });
  });

  it('answers a bad filter or period with 400 in Chinese, an unknown metric or a foreign org with 404', async () => {
    const root = city.root.id;
    const bad = async (url: string, error: string, status = 400) => {
      const res = await cityAgent.get(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.json().error, url).toBe(error);
      expect(res.json().message, url).toMatch(/[\u4e00-\u9fa5]/);
      return res.json().message as string;
    };
    expect(await bad(`/api/metrics/members.joined/value?orgId=${root}&colour=red`, 'metrics/bad_filter')).toContain(
      'colour',
    );
    expect(
      await bad(`/api/metrics/members.joined/value?orgId=${root}&category=astronaut`, 'metrics/bad_filter'),
    ).toContain('职工类别');
    await bad(`/api/metrics/members.active/value?orgId=${root}&gender=male`, 'metrics/bad_filter');
    await bad(`/api/metrics/members.joined/value?orgId=${root}&gender=male&gender=female`, 'metrics/bad_filter');
    await bad(`/api/metrics/members.joined/records?orgId=${root}&category=astronaut`, 'metrics/bad_filter');
    expect(
      await bad(`/api/metrics/members.joined/value?orgId=${root}&from=2024-12-01&to=2024-01-01`, 'metrics/bad_period'),
    ).toBe('开始日期不能晚于结束日期');
    await bad(`/api/metrics/members.joined/value?orgId=${root}&from=2024-13-01`, 'common/invalid_input');
    await bad(`/api/metrics/members.nothing/value?orgId=${root}`, 'metrics/not_found', 404);
    await bad(`/api/metrics/members.nothing/records?orgId=${root}`, 'metrics/not_found', 404);

    const { agent: countyB } = await signInAs(w.app, w.db, 'union_cadre', city.countyB);
    for (const path of ['value', 'records']) {
      const res = await countyB.get(`/api/metrics/members.active/${path}?orgId=${city.countyA.id}`);
      expect(res.statusCode, path).toBe(404);
      expect(res.json().error).toBe('orgs/not_found');
    }
    // Without orgId the caller's own org is meant.
    const own = (await countyB.get('/api/metrics/members.active/value')).json();
    expect(own).toMatchObject({ orgId: city.countyB.id, value: 1 });
  });

  it('opens the records behind a value, two keyset pages, never with ID or mobile numbers', async () => {
    const url = (cursor?: string) =>
      `/api/metrics/members.active/records?${query({ orgId: city.unionA.id, limit: 2, cursor })}`;
    const first = await cityAgent.get(url());
    expect(first.statusCode, first.body).toBe(200);
    const p1 = first.json();
    expect(p1.columns.map((c: { title: string }) => c.title)).toEqual([
      '姓名',
      '性别',
      '会员证号',
      '所属工会',
      '入会日期',
      '职工类别',
    ]);
    expect(p1.total).toBe(4);
    expect(p1.rows).toHaveLength(2);
    expect(p1.nextCursor).toBeTruthy();
    const second = await cityAgent.get(url(p1.nextCursor));
    const p2 = second.json();
    expect(p2.rows).toHaveLength(2);
    expect(p2.nextCursor).toBeNull();
    const rows = [...p1.rows, ...p2.rows];
    expect(new Set(rows.map((r: { id: number }) => r.id)).size).toBe(4);
    expect(rows.map((r: { name: string }) => r.name)).toContain('王小明');
    expect(rows[0]).toMatchObject({ union: expect.any(String), gender: expect.stringMatching(/^[男女]$/) });

    for (const body of [first.body, second.body]) {
      for (const id of idNumbers) {
        expect(body).not.toContain(id);
        expect(body).not.toContain(maskIdNumber(id));
      }
      expect(body).not.toMatch(/\d{17}[\dX]/);
      expect(body).not.toMatch(/idNumber|mobile/i);
    }

    const badCursor = await cityAgent.get(url('not-a-cursor'));
    expect(badCursor.statusCode).toBe(400);

    // Viewing names is audited like a roster search.
    const audited = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'metrics.records'), eq(auditLog.targetId, String(city.unionA.id))));
    expect(audited.length).toBeGreaterThanOrEqual(2);
  });

  it('lists the records of every metric with the same period and filters as the value', async () => {
    const root = city.root.id;
    const records = async (code: string, params: Record<string, string | number>) => {
      const res = await cityAgent.get(`/api/metrics/${code}/records?${query({ orgId: root, ...params })}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const joined = await records('members.joined', { from: '2024-01-01', to: '2024-12-31', category: 'courier' });
    expect(joined.total).toBe(3);
    expect(joined.rows).toHaveLength(3);
    expect(joined.columns.at(-1)).toEqual({ key: 'status', title: '状态' });
    expect(joined.rows.map((r: { status: string }) => r.status).sort()).toEqual(['在册', '在册', '退会']);
    expect(joined.rows.every((r: { workerCategory: string }) => r.workerCategory === '快递员')).toBe(true);

    const imports = await records('members.imported', {});
    expect(imports.columns.map((c: { title: string }) => c.title)).toEqual([
      '文件名',
      '导入单位',
      '导入人',
      '提交时间',
      '新增人数',
    ]);
    expect(imports.rows).toHaveLength(2);
    expect(imports.rows.find((r: { org: string }) => r.org === city.unionB.name)).toMatchObject({
      createdByName: '王会计',
      committedAt: '2024-07-01 01:00',
      added: 120,
    });

    const joins = await records('members.joins_approved', {});
    expect(joins.rows).toEqual([expect.objectContaining({ name: '王小明', union: city.unionA.name })]);
    expect(joins.rows[0].reviewedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    const unions = await records('orgs.unions', {});
    expect(unions.total).toBe(3);
    expect(unions.rows.find((r: { name: string }) => r.name === city.unionA.name)).toMatchObject({
      type: '企业工会',
      parent: city.townA.name,
    });
  });

  it('requires members.read over the org for the records of member metrics', async () => {
    // No role has orgs.read without members.read today: take it from the cadre role for this check.
    const cadre = roles.union_cadre;
    const saved = cadre.permissions;
    cadre.permissions = saved.filter((p) => p !== 'members.read');
    try {
      const { agent } = await signInAs(w.app, w.db, 'union_cadre', city.countyA);
      const denied = await agent.get(`/api/metrics/members.active/records?orgId=${city.unionA.id}`);
      expect(denied.statusCode).toBe(403);
      expect(denied.json().error).toBe('auth/forbidden');
      expect((await agent.get(`/api/metrics/members.active/value?orgId=${city.unionA.id}`)).statusCode).toBe(200);
      expect((await agent.get(`/api/metrics/orgs.unions/records?orgId=${city.countyA.id}`)).statusCode).toBe(200);
    } finally {
      cadre.permissions = saved;
    }
  });
});

describe('work-plan metrics', () => {
  it('counts documents by issuer and reports by reporting unit, and lists them', async () => {
    const root = city.root.id;
    expect(await value('workplans.documents', { orgId: root })).toBe(1);
    expect(await value('workplans.documents', { orgId: city.countyA.id })).toBe(0);
    expect(await value('workplans.reports', { orgId: root })).toBe(4);
    expect(await value('workplans.reports', { orgId: city.countyA.id })).toBe(3);
    expect(await value('workplans.reports', { orgId: city.countyA.id, status: '已退回' })).toBe(1);
    expect(await value('workplans.reports', { orgId: city.countyA.id, status: 'submitted' })).toBe(2);
    expect(await value('workplans.reports', { orgId: root, from: '2024-06-01', to: '2024-12-31' })).toBe(1);

    const res = await cityAgent.get(
      `/api/metrics/workplans.reports/records?${query({ orgId: city.countyA.id, from: '2024-05-11' })}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const records = res.json();
    expect(records.total).toBe(2);
    expect(records.columns.map((c: { title: string }) => c.title)).toEqual([
      '文件',
      '任务',
      '填报单位',
      '完成数',
      '填报日期',
      '审核状态',
      '填报人',
    ]);
    expect(records.rows.map((r: { org: string; status: string; value: number }) => [r.org, r.status, r.value])).toEqual(
      [
        [city.townA.name, '待审核', 5],
        [city.countyA.name, '已退回', 99],
      ],
    );
    const docs = (await cityAgent.get(`/api/metrics/workplans.documents/records?${query({ orgId: root })}`)).json();
    expect(docs.rows).toEqual([
      expect.objectContaining({ type: '工作要点', status: '已发布', issuerName: city.root.name }),
    ]);
  });
});

describe('metric computation', () => {
  it('answers every requested path in one query, 0 where nothing is counted', async () => {
    const paths = [city.root.path, city.countyA.path, city.countyB.path, emptyUnion.path];
    for (const def of listMetrics()) {
      const execute = vi.spyOn(w.db, 'execute');
      try {
        const values = await computeMetric(w.db, def.code, {
          orgPaths: [...paths, city.root.path],
          from: null,
          to: null,
        });
        expect(execute, def.code).toHaveBeenCalledTimes(1);
        expect([...values.keys()], def.code).toEqual(paths);
        if (def.code !== 'orgs.unions') expect(values.get(emptyUnion.path), def.code).toBe(0);
        expect(values.get(city.root.path), def.code).toBeGreaterThan(0);
      } finally {
        execute.mockRestore();
      }
    }
    expect((await computeMetric(w.db, 'members.active', { orgPaths: [], from: null, to: null })).size).toBe(0);
  });

  it('refuses a duplicate code, and unknown codes and filters by catalog error ids', async () => {
    const active = metricByCode('members.active');
    expect(active?.name).toBe('在册会员');
    expect(metricByCode('members.nothing')).toBeUndefined();
    expect(() => registerMetric(active as NonNullable<typeof active>)).toThrow(/twice/);
    const q = { orgPaths: [city.root.path], from: null, to: null };
    await expect(computeMetric(w.db, 'members.nothing', q)).rejects.toMatchObject({ id: 'metrics/not_found' });
    await expect(computeMetric(w.db, 'members.joined', { ...q, filters: { shoe: '42' } })).rejects.toMatchObject({
      id: 'metrics/bad_filter',
    });
    await expect(computeMetric(w.db, 'members.joined', { ...q, filters: { gender: 'other' } })).rejects.toMatchObject({
      id: 'metrics/bad_filter',
    });
    await expect(computeMetric(w.db, 'members.joined', { ...q, from: '2024-02-30', to: null })).rejects.toMatchObject({
      id: 'metrics/bad_period',
    });
    // Called from code, a period ending before it starts is empty rather than an error.
    const empty = await computeMetric(w.db, 'members.joined', { ...q, from: '2024-12-01', to: '2024-01-01' });
    expect(empty.get(city.root.path)).toBe(0);
  });
});
