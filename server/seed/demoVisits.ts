/**
 * Demo care visits (seed 002: "夏季“三送”活动慰问职工近2.5万人，发放物资175万元"): 海门区总工会's summer
 * campaign — most of 海门's grassroots unions visited by their towns, some members visited in person —
 * and the city's winter 送温暖 campaign across the districts. A few visits go through the service (with
 * photos, audited); the volume goes in as multi-row inserts of exactly the rows the service writes, and
 * each campaign's `spent_fen` is set to the sum of its visits.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { grassrootsTypes } from '../../shared/enums';
import type { CampaignKind } from '../../shared/schemas/visits';
import { type DbOrTx, queryRows } from '../db/client';
import { chinaDate } from '../lib/dates';
import type { KeyRing } from '../lib/pii';
import { accounts } from '../modules/accounts/accounts.tables';
import { members } from '../modules/members/members.tables';
import type { OrgRow } from '../modules/orgs/orgs.tables';
import { orgs } from '../modules/orgs/orgs.tables';
import { closeCampaign, createCampaign } from '../modules/visits/visits.campaigns';
import { createVisit } from '../modules/visits/visits.records';
import { careCampaigns, careVisits } from '../modules/visits/visits.tables';
import { demoActor } from './demoActors';
import { demoPhoto } from './demoPhoto';
import { rng } from './random';

type VisitRow = typeof careVisits.$inferInsert;

/** The summer figures the dashboards should show for 海门 (seed 002: 近2.5万人, 175万元). */
export const haimenSummer = { workers: 24_836, amountFen: 175_286_340 };

const summerGoods = [
  '绿豆、白糖、毛巾、藿香正气水',
  '西瓜、矿泉水、防暑药品',
  '清凉饮料、风油精、遮阳帽',
  '防暑降温药品、毛巾、茶叶',
];
const winterGoods = ['米、油、棉被', '慰问金及年货礼包', '羽绒服、保暖内衣', '米、油、牛奶'];

/** Splits `total` into parts proportional to `weights`, whole numbers that add up exactly. */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts.length, rest--) parts[i] = (parts[i] ?? 0) + 1;
  return parts;
}

/** A date between `from` and `to` (inclusive), drawn with `r`. */
function dateBetween(r: () => number, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - a) / 86_400_000);
  return new Date(a + Math.floor(r() * (days + 1)) * 86_400_000).toISOString().slice(0, 10);
}

async function insertVisits(db: DbOrTx, rows: VisitRow[]) {
  for (let i = 0; i < rows.length; i += 500) await db.insert(careVisits).values(rows.slice(i, i + 500));
}

/** Sets a campaign's spending to the sum of its visits (as the service would have kept it). */
async function settle(db: DbOrTx, campaignId: number) {
  await db.execute(
    sql`update ${careCampaigns} set spent_fen = (select coalesce(sum(goods_fen + cash_fen), 0) from ${careVisits} where campaign_id = ${campaignId}) where id = ${campaignId}`,
  );
}

async function grassrootsUnder(db: DbOrTx, path: string) {
  return queryRows<{
    id: number;
    name: string;
    path: string;
    parent_id: number;
    parent_path: string;
    parent_type: string;
  }>(
    db,
    sql`select o.id, o.name, o.path, p.id as parent_id, p.path as parent_path, p.type as parent_type
        from ${orgs} o join ${orgs} p on p.id = o.parent_id
        where o.path like ${`${path}%`} and o.status = 'active'
          and o.type in (${sql.join(
            grassrootsTypes.map((t) => sql`${t}`),
            sql`, `,
          )})
        order by o.id`,
  );
}

/** Active members under `path`, every `step`-th, at most `n`. */
async function someMembers(db: DbOrTx, path: string, n: number, step: number) {
  return queryRows<{
    id: number;
    name: string;
    org_id: number;
    org_path: string;
    employer_name: string | null;
    union_name: string;
  }>(
    db,
    sql`select m.id, m.name, m.org_id, m.org_path, m.employer_name, o.name as union_name
        from ${members} m join ${orgs} o on o.id = m.org_id
        where m.org_path like ${`${path}%`} and m.status = 'active' and m.id % ${step} = 0
        order by m.id limit ${n}`,
  );
}

const enterpriseName = (unionName: string) => unionName.replace(/工会$/, '') || unionName;

/** The demo's care campaigns and visits. */
export async function seedDemoVisits(db: DbOrTx, ring: KeyRing, today = chinaDate(new Date())) {
  const [haimen] = await db.select().from(orgs).where(eq(orgs.name, '海门区总工会'));
  const [root] = await db.select().from(orgs).where(eq(orgs.name, '南通市总工会'));
  if (!haimen || !root) throw new Error('demo orgs missing');
  const haimenActor = await demoActor(db, ring, 'haimen_admin');
  const cityActor = await demoActor(db, ring, 'city_admin');
  const [haimenAccount] = await db.select().from(accounts).where(eq(accounts.username, 'haimen_admin'));
  const [cityAccount] = await db.select().from(accounts).where(eq(accounts.username, 'city_admin'));
  if (!haimenAccount || !cityAccount) throw new Error('demo accounts missing');

  // The summer just past (this year's once September is over), and the last winter (January–February).
  const year = Number(today.slice(0, 4));
  const summerYear = today >= `${year}-09-16` ? year : year - 1;
  const winterYear = today >= `${year}-03-01` ? year : year - 1;

  // --- 海门 summer campaign -------------------------------------------------------------------
  const summerStart = `${summerYear}-06-15`;
  const summerEnd = `${summerYear}-09-15`;
  const summerId = await createCampaign(haimenActor.on(`${summerYear}-06-10`), {
    orgId: haimen.id,
    kind: 'summer' as CampaignKind,
    title: `海门区总工会${summerYear}年“送清凉”活动`,
    startDate: summerStart,
    endDate: summerEnd,
    budgetFen: 190_000_000,
    description:
      '高温期间各级工会走访慰问高温作业一线职工，送清凉、送安全、送法律，督促企业切实改善高温作业职工劳动条件和工作环境，努力提高夏季三送活动企业慰问的覆盖面。',
  });

  const unions = await grassrootsUnder(db, haimen.path);
  const r = rng(2002);
  // The demo union is left for the browser journey to visit; about 9 in 10 of the others were visited.
  const visited = unions.filter((u) => u.name !== '江苏叠石桥家纺有限公司工会' && r.next() < 0.9);

  // A few visits through the service, with photos, as 海门区总工会's staff made them.
  let serviceWorkers = 0;
  let serviceFen = 0;
  const stories = visited.slice(0, 3);
  for (const [i, u] of stories.entries()) {
    const date = `${summerYear}-07-${String(8 + i * 6).padStart(2, '0')}`;
    const input = {
      campaignId: summerId,
      orgId: haimen.id,
      visitDate: date,
      targetKind: 'enterprise' as const,
      targetOrgId: u.id,
      workersReached: 150 + i * 35,
      goods: summerGoods[i % summerGoods.length] ?? '',
      goodsFen: 1_268_000 + i * 153_450,
      cashFen: 0,
      narrative: `区总工会领导深入${enterpriseName(u.name)}高温作业车间，为一线职工送上防暑降温物品，并检查防暑降温措施落实情况。`,
    };
    await createVisit(haimenActor.on(date), input, [
      { fileName: `走访现场${i + 1}.png`, content: demoPhoto(0.1 + i * 0.27) },
      { fileName: `发放物资${i + 1}.png`, content: demoPhoto(0.6 + i * 0.11) },
    ]);
    serviceWorkers += input.workersReached;
    serviceFen += input.goodsFen;
  }

  // Members visited in person: a cash gift each (front-line workers in the heat).
  const people = await someMembers(db, haimen.path, 48, 7);
  const workerRows: VisitRow[] = people.map((m, i) => {
    const town = unions.find((u) => m.org_path.startsWith(u.path));
    const visitor =
      town && town.parent_type === 'town_federation' ? { id: town.parent_id, path: town.parent_path } : haimen;
    return {
      campaignId: summerId,
      orgId: visitor.id,
      orgPath: visitor.path,
      visitDate: dateBetween(r.next, `${summerYear}-07-01`, `${summerYear}-08-31`),
      targetKind: 'worker',
      targetOrgId: m.org_id,
      targetPath: m.org_path,
      memberId: m.id,
      targetName: m.name,
      employerName: m.employer_name ?? m.union_name,
      workersReached: 1,
      goods: i % 3 === 0 ? '防暑降温药品' : '',
      goodsFen: i % 3 === 0 ? 8_650 : 0,
      cashFen: 50_000,
      narrative: '高温一线职工慰问',
      createdBy: haimenAccount.id,
      createdByName: haimenAccount.displayName,
      createdAt: new Date(`${summerYear}-08-31T10:00:00+08:00`),
    };
  });
  const workerFen = workerRows.reduce((s, v) => s + (v.goodsFen ?? 0) + (v.cashFen ?? 0), 0);

  // Enterprise visits by the towns (or by the district for its direct unions): workers and goods
  // apportioned so the campaign adds up to the figures of the seed.
  const bulk = visited.slice(stories.length);
  const weights = bulk.map(() => 0.4 + r.next() * 1.6);
  const workers = apportion(haimenSummer.workers - serviceWorkers - workerRows.length, weights);
  const money = apportion(
    haimenSummer.amountFen - serviceFen - workerFen,
    workers.map((w) => w * (0.85 + r.next() * 0.3)),
  );
  const enterpriseRows: VisitRow[] = bulk.map((u, i) => {
    const byTown = u.parent_type === 'town_federation';
    const cash = i % 9 === 0 ? Math.min(200_000, Math.floor((money[i] ?? 0) / 4)) : 0;
    return {
      campaignId: summerId,
      orgId: byTown ? u.parent_id : haimen.id,
      orgPath: byTown ? u.parent_path : haimen.path,
      visitDate: dateBetween(r.next, `${summerYear}-07-01`, `${summerYear}-08-31`),
      targetKind: 'enterprise',
      targetOrgId: u.id,
      targetPath: u.path,
      targetName: enterpriseName(u.name),
      workersReached: Math.max(1, workers[i] ?? 1),
      goods: r.pick(summerGoods),
      goodsFen: (money[i] ?? 0) - cash,
      cashFen: cash,
      narrative: '走访慰问高温一线职工，发放防暑降温物品',
      createdBy: haimenAccount.id,
      createdByName: haimenAccount.displayName,
      createdAt: new Date(`${summerYear}-08-31T10:00:00+08:00`),
    };
  });
  await insertVisits(db, [...enterpriseRows, ...workerRows]);
  await settle(db, summerId);

  // --- the city's winter campaign ---------------------------------------------------------------
  const winterStart = `${winterYear}-01-05`;
  const winterEnd = `${winterYear}-02-20`;
  const winterId = await createCampaign(cityActor.on(`${winterYear}-01-03`), {
    orgId: root.id,
    kind: 'winter',
    title: `南通市总工会${winterYear}年元旦春节“送温暖”活动`,
    startDate: winterStart,
    endDate: winterEnd,
    budgetFen: 600_000_000,
    description:
      '元旦春节期间，各级工会走访慰问困难职工、劳动模范和坚守岗位的一线职工，把党和政府的温暖送到职工心坎上。',
  });
  const districts = await db
    .select()
    .from(orgs)
    .where(eq(orgs.parentId, root.id))
    .then((rows: OrgRow[]) => rows.filter((o) => o.type === 'county_federation'));
  const winterRows: VisitRow[] = [];
  for (const district of districts) {
    const their = (await grassrootsUnder(db, district.path)).filter((_, i) => i % 9 === 0).slice(0, 30);
    for (const u of their) {
      const reached = 20 + Math.floor(r.next() * 120);
      winterRows.push({
        campaignId: winterId,
        orgId: district.id,
        orgPath: district.path,
        visitDate: dateBetween(r.next, winterStart, winterEnd),
        targetKind: 'enterprise',
        targetOrgId: u.id,
        targetPath: u.path,
        targetName: enterpriseName(u.name),
        workersReached: reached,
        goods: r.pick(winterGoods),
        goodsFen: reached * (15_000 + Math.floor(r.next() * 8_000)),
        cashFen: 0,
        narrative: '春节前走访慰问一线职工',
        createdBy: cityAccount.id,
        createdByName: cityAccount.displayName,
        createdAt: new Date(`${winterYear}-02-20T10:00:00+08:00`),
      });
    }
    for (const m of await someMembers(db, district.path, 12, 11)) {
      winterRows.push({
        campaignId: winterId,
        orgId: district.id,
        orgPath: district.path,
        visitDate: dateBetween(r.next, winterStart, winterEnd),
        targetKind: 'worker',
        targetOrgId: m.org_id,
        targetPath: m.org_path,
        memberId: m.id,
        targetName: m.name,
        employerName: m.employer_name ?? m.union_name,
        workersReached: 1,
        goods: '米、油',
        goodsFen: 30_000,
        cashFen: 100_000,
        narrative: '困难职工春节慰问',
        createdBy: cityAccount.id,
        createdByName: cityAccount.displayName,
        createdAt: new Date(`${winterYear}-02-20T10:00:00+08:00`),
      });
    }
  }
  await insertVisits(db, winterRows);
  await settle(db, winterId);
  await closeCampaign(cityActor.on(`${winterYear}-02-28`), winterId);

  const [check] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(careVisits)
    .where(inArray(careVisits.campaignId, [summerId, winterId]));
  return { summerId, winterId, visits: Number(check?.n ?? 0) };
}

/**
 * A campaign of `owner` with one enterprise visit by `visitor` to `target` (tests and fixtures): the
 * rows the service writes, spending settled.
 */
export async function makeCareVisit(
  db: DbOrTx,
  spec: {
    owner: OrgRow;
    visitor: OrgRow;
    target: OrgRow;
    date: string;
    workers: number;
    goodsFen: number;
    kind?: CampaignKind;
  },
) {
  const now = new Date();
  const [campaign] = await db
    .insert(careCampaigns)
    .values({
      orgId: spec.owner.id,
      orgPath: spec.owner.path,
      kind: spec.kind ?? 'summer',
      title: '送清凉',
      startDate: spec.date,
      endDate: spec.date,
      budgetFen: spec.goodsFen,
      spentFen: spec.goodsFen,
      createdBy: 0,
      createdByName: '测试',
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: careCampaigns.id });
  if (!campaign) throw new Error('campaign');
  await db.insert(careVisits).values({
    campaignId: campaign.id,
    orgId: spec.visitor.id,
    orgPath: spec.visitor.path,
    visitDate: spec.date,
    targetKind: 'enterprise',
    targetOrgId: spec.target.id,
    targetPath: spec.target.path,
    targetName: enterpriseName(spec.target.name),
    workersReached: spec.workers,
    goodsFen: spec.goodsFen,
    cashFen: 0,
    createdBy: 0,
    createdByName: '测试',
    createdAt: now,
  });
  return campaign.id;
}
