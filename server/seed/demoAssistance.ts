/**
 * Demo assistance (seed 002: "帮扶救助困难职工2045人次220多万元"; seed 001: "为58户困难家庭152人购买医疗保险"):
 * a year of 海门区总工会's cases from its fund — entered by the district's welfare officer, reviewed,
 * approved by haimen_admin, paid in monthly batches created by haimen_admin and confirmed by
 * haimen_finance — and the city fund's household insurance. The volume goes in as multi-row inserts of
 * exactly the rows the services write (cases, steps, batches; fund totals set to the sums of the cases);
 * the live cases of the demo union go through the services, so the browser story starts from them.
 * The multi-row inserts are in demoAssistanceVolume.ts.
 */
import { and, eq, like, ne, sql } from 'drizzle-orm';
import type { PermissionCode } from '../../shared/permissions';
import type { AssistanceType } from '../../shared/schemas/assistance';
import { type DbOrTx, queryRows } from '../db/client';
import { chinaDate } from '../lib/dates';
import type { KeyRing } from '../lib/pii';
import { accounts } from '../modules/accounts/accounts.tables';
import { approveCase } from '../modules/assistance/assistance.approve';
import { insertCase, reviewCase } from '../modules/assistance/assistance.cases';
import { createFund } from '../modules/assistance/assistance.funds';
import { hardshipFiles } from '../modules/hardship/hardship.tables';
import { members } from '../modules/members/members.tables';
import { type OrgRow, orgs } from '../modules/orgs/orgs.tables';
import { scopeFor } from '../plugins/scope';
import { type DemoActor, demoActor } from './demoActors';
import { staffAccounts } from './demoAssistanceStaff';
import {
  type Actors,
  addDays,
  apportion,
  caseRow,
  day,
  insertVolume,
  type Planned,
  settleFund,
} from './demoAssistanceVolume';
import { demoPhoto } from './demoPhoto';
import { districts } from './nantong';
import { rng } from './random';

/** What the dashboards should show for 海门 this year (seed 002) and the city's household insurance (seed 001). */
export const haimenAssistance = { cases: 2_045, amountFen: 223_648_756 };
export const cityInsurance = { families: 58, people: 152, premiumFen: 38_000 };

/** Typical amounts (fen) of each type; medical amounts follow the bills, so they carry cents. */
const typical: Record<Exclude<AssistanceType, 'medical'>, number[]> = {
  living: [80_000, 100_000, 100_000, 120_000],
  education: [100_000, 200_000, 200_000, 300_000],
  temporary: [50_000, 80_000, 100_000],
  insurance: [39_800],
};

type MemberPick = { id: number; name: string; org_id: number; org_path: string; hardship: boolean };

/** Active members under `path` (not under `exclude`), those with an active hardship file first. */
function membersUnder(db: DbOrTx, path: string, exclude: string, limit: number) {
  return queryRows<MemberPick>(
    db,
    sql`select m.id, m.name, m.org_id, m.org_path,
          exists (select 1 from ${hardshipFiles} h where h.member_id = m.id and h.status = 'active') as hardship
        from ${members} m
        where m.org_path like ${`${path}%`} and m.org_path not like ${`${exclude}%`} and m.status = 'active'
        order by hardship desc, (m.id * 7919) % 10007, m.id
        limit ${limit}`,
  );
}

/** The year's 海门 cases: types, amounts (adding up to the seed's total), months and batches. */
async function seedHaimen(
  db: DbOrTx,
  ring: KeyRing,
  today: string,
  fundId: number,
  haimen: OrgRow,
  demoUnion: OrgRow,
  a: Actors,
) {
  const year = today.slice(0, 4);
  const yearStart = `${year}-01-01`;
  const lastDay = addDays(today, -1);
  const r = rng(2045);
  const people = await membersUnder(db, haimen.path, demoUnion.path, 1_800);
  if (people.length === 0) return;
  const n = haimenAssistance.cases;
  const typesByShare: [AssistanceType, number][] = [
    ['living', 0.4],
    ['medical', 0.26],
    ['education', 0.12],
    ['temporary', 0.15],
    ['insurance', 0.07],
  ];
  const types: AssistanceType[] = [];
  for (const [t, share] of typesByShare) for (let i = 0; i < Math.round(n * share); i++) types.push(t);
  while (types.length < n) types.push('living');
  types.length = n;
  // Spread over the people: most once, some with a second or third type (never the same type twice).
  const plan: { m: MemberPick; type: AssistanceType }[] = [];
  const taken = new Set<string>();
  let cursor = 0;
  for (const type of types) {
    for (let tries = 0; tries < people.length * 2; tries++) {
      const m = people[cursor % people.length] as MemberPick;
      cursor++;
      if (!taken.has(`${m.id}:${type}`)) {
        taken.add(`${m.id}:${type}`);
        plan.push({ m, type });
        break;
      }
    }
  }
  // Amounts: the usual sums, medical ones from the bills; medical absorbs the rest so the total is exact.
  const amounts = plan.map((p) => (p.type === 'medical' ? 0 : r.pick(typical[p.type])));
  const medical = plan.flatMap((p, i) => (p.type === 'medical' ? [i] : []));
  const rest = haimenAssistance.amountFen - amounts.reduce((s, v) => s + v, 0);
  const shares = apportion(
    rest,
    medical.map(() => 0.5 + r.next()),
  );
  medical.forEach((idx, k) => {
    amounts[idx] = shares[k] ?? 0;
  });
  const from = `${year}-01-12`;
  const span = Math.max(0, Math.round((Date.parse(lastDay) - Date.parse(from)) / 86_400_000));
  const thisMonth = today.slice(0, 7);
  const batchDates = new Map<string, { created: Date; confirmed: Date | null }>();
  const planned: Planned[] = plan.map((p, i) => {
    const approvedDay = span > 0 ? addDays(from, Math.floor(r.next() * (span + 1))) : lastDay < from ? today : from;
    const base = caseRow(r, p.m, p.type, amounts[i] ?? 0, approvedDay, yearStart, fundId, a);
    const month = approvedDay.slice(0, 7);
    let batchKey: string | null = null;
    let paid = false;
    if (month < thisMonth) {
      // Paid in the batch of the month: made on the 3rd of the next month, confirmed on the 6th.
      const next = addDays(`${month}-28`, 6).slice(0, 7);
      const created = `${next}-03`;
      const confirmed = `${next}-06`;
      if (created < today) {
        batchKey = month;
        paid = confirmed < today;
        batchDates.set(month, { created: day(created, '09:00'), confirmed: paid ? day(confirmed, '16:00') : null });
      }
    } else if (approvedDay <= `${thisMonth}-10` && `${thisMonth}-12` < today) {
      // The first third of this month: in a batch exported for the bank, waiting for confirmation.
      batchKey = `${thisMonth}-a`;
      batchDates.set(batchKey, { created: day(`${thisMonth}-12`, '09:00'), confirmed: null });
    }
    return { ...base, batchKey, paid };
  });
  planned.sort((x, y) => (x.row.submittedAt as Date).getTime() - (y.row.submittedAt as Date).getTime());
  await insertVolume(db, ring, { id: fundId }, planned, batchDates, a);
}

/** The city fund's household insurance: 58 families, 152 people, in one paid batch. */
async function seedInsurance(
  db: DbOrTx,
  ring: KeyRing,
  today: string,
  fundId: number,
  root: OrgRow,
  haimen: OrgRow,
  a: Actors,
  actorsFor: (path: string) => Actors,
) {
  const year = today.slice(0, 4);
  const r = rng(152);
  const people = await membersUnder(db, root.path, haimen.path, 400);
  const families = people.filter((_, i) => i % 6 === 0).slice(0, cityInsurance.families);
  if (families.length < cityInsurance.families) return;
  // 152 people in 58 families: 36 households of three, 22 of two.
  const sizes = families.map((_, i) => (i < cityInsurance.people - 2 * cityInsurance.families ? 3 : 2));
  let approved = `${year}-03-16`;
  if (approved >= today) approved = addDays(today, -5) < `${year}-01-05` ? today : addDays(today, -5);
  const created = `${year}-03-20` < today ? `${year}-03-20` : approved;
  const confirmed = `${year}-03-25` < today ? `${year}-03-25` : null;
  const batchDates = new Map([
    [`${year}-ins`, { created: day(created, '09:30'), confirmed: confirmed ? day(confirmed, '15:00') : null }],
  ]);
  const planned: Planned[] = families.map((m, i) => ({
    ...caseRow(
      r,
      m,
      'insurance',
      (sizes[i] ?? 2) * cityInsurance.premiumFen,
      approved,
      `${year}-01-01`,
      fundId,
      actorsFor(m.org_path),
      sizes[i],
    ),
    batchKey: `${year}-ins`,
    paid: confirmed !== null,
  }));
  for (const p of planned) p.row.reason = `困难职工家庭，为家庭成员 ${p.row.coveredPeople} 人代缴城乡居民医疗保险`;
  await insertVolume(db, ring, { id: fundId }, planned, batchDates, a);
}

/** A demo actor's context for one permission on a date. */
function on(actor: DemoActor, permission: PermissionCode, date: string) {
  return { ...actor.on(date), scope: scopeFor(actor.actor, permission) };
}

/** The demo's assistance: funds, a year of cases and batches, and live cases for the browser story. */
export async function seedDemoAssistance(db: DbOrTx, ring: KeyRing, today = chinaDate(new Date())) {
  const [root] = await db.select().from(orgs).where(eq(orgs.name, '南通市总工会'));
  const [haimen] = await db.select().from(orgs).where(eq(orgs.name, '海门区总工会'));
  const [demoUnion] = await db.select().from(orgs).where(eq(orgs.name, '江苏叠石桥家纺有限公司工会'));
  if (!root || !haimen || !demoUnion) throw new Error('demo orgs missing');
  const staff = await staffAccounts(db, root);
  const acc = async (username: string) => {
    const found = staff.get(username) ?? (await db.select().from(accounts).where(eq(accounts.username, username)))[0];
    if (!found) throw new Error(`demo account ${username} missing`);
    return found;
  };
  const year = Number(today.slice(0, 4));
  const opening = `${year}-01-05` < today ? `${year}-01-05` : today;
  const city = await demoActor(db, ring, 'city_admin');
  const hm = await demoActor(db, ring, 'haimen_admin');
  const cityFund = await createFund(on(city, 'assistance.approve', opening), {
    orgId: root.id,
    name: `${year}年困难职工帮扶专项资金`,
    year,
    source: '工会经费',
    budgetFen: 500_000_000,
  });
  const haimenFund = await createFund(on(hm, 'assistance.approve', opening), {
    orgId: haimen.id,
    name: `${year}年海门区总工会帮扶资金`,
    year,
    source: '工会经费及上级补助',
    budgetFen: 300_000_000,
  });

  const districtOrgs = await db
    .select({ id: orgs.id, name: orgs.name, path: orgs.path })
    .from(orgs)
    .where(eq(orgs.parentId, root.id));
  const cityFinance = {
    approver: await acc('city_admin'),
    creator: await acc('city_admin'),
    confirmer: await acc('city_finance'),
    org: { id: root.id, name: root.name, path: root.path },
  };
  const districtActors = new Map<string, Omit<Actors, 'approver' | 'creator' | 'confirmer' | 'org'>>();
  for (const d of districts) {
    const org = districtOrgs.find((o) => o.name === d.name);
    if (!org) continue;
    districtActors.set(org.path, {
      maker: await acc(`${d.key}_welfare`),
      reviewer: await acc(`${d.key}_review`),
      makerOrg: { id: org.id, name: org.name },
    });
  }
  const actorsFor = (path: string): Actors => {
    const found = [...districtActors.entries()].find(([p]) => path.startsWith(p))?.[1];
    if (!found) throw new Error(`no district above ${path}`);
    return { ...found, ...cityFinance };
  };
  const haimenActors: Actors = {
    ...actorsFor(haimen.path),
    approver: await acc('haimen_admin'),
    creator: await acc('haimen_admin'),
    confirmer: await acc('haimen_finance'),
    org: { id: haimen.id, name: haimen.name, path: haimen.path },
  };
  await seedHaimen(db, ring, today, haimenFund.id, haimen, demoUnion, haimenActors);
  await seedInsurance(
    db,
    ring,
    today,
    cityFund.id,
    root,
    haimen,
    { ...actorsFor(haimen.path), ...cityFinance },
    actorsFor,
  );
  await settleFund(db, haimenFund.id);
  await settleFund(db, cityFund.id);
  await seedStories(db, ring, today, demoUnion, haimenFund.id);
}

/** The demo union's live cases: waiting for review, for 海门's approval, for a batch; one rejected. */
async function seedStories(db: DbOrTx, ring: KeyRing, today: string, demoUnion: OrgRow, fundId: number) {
  const year = today.slice(0, 4);
  const ago = (n: number) => {
    const d = addDays(today, -n);
    return d < `${year}-01-01` ? today : d;
  };
  const worker = await demoActor(db, ring, 'worker');
  const welfare = await demoActor(db, ring, 'haimen_welfare');
  const union = await demoActor(db, ring, 'union_admin');
  const hm = await demoActor(db, ring, 'haimen_admin');
  const colleagues = await db
    .select({
      id: members.id,
      name: members.name,
      orgId: members.orgId,
      orgPath: members.orgPath,
      status: members.status,
    })
    .from(members)
    .where(and(like(members.orgPath, `${demoUnion.path}%`), eq(members.status, 'active'), ne(members.name, '张建国')))
    .orderBy(members.id)
    .limit(5);
  const [link] = await db.select({ memberId: accounts.memberId }).from(accounts).where(eq(accounts.username, 'worker'));
  const [self] = link?.memberId
    ? await db
        .select({
          id: members.id,
          name: members.name,
          orgId: members.orgId,
          orgPath: members.orgPath,
          status: members.status,
        })
        .from(members)
        .where(eq(members.id, link.memberId))
    : [];
  const bank = (k: number) => ({
    bankName: '江苏海门农村商业银行',
    bankAccount: `6231051200${String(47_110_000 + k * 7_331).padStart(9, '0')}`,
  });
  const photo = (k: number) => [{ fileName: `证明材料${k}.png`, content: demoPhoto(0.15 * k) }];

  // 张建国's own application from the phone, rejected by the union with a reason he reads.
  if (self) {
    const c = await insertCase(
      on(worker, 'portal.use', ago(24)),
      {
        member: self,
        type: 'medical',
        amountRequestedFen: 486_050,
        reason: '本人腰椎间盘突出住院手术，自付医疗费用较多，家庭生活困难。',
        ...bank(0),
        payeeName: self.name,
        channel: 'portal',
      },
      photo(1),
    );
    await reviewCase(on(union, 'assistance.review', ago(22)), c.id, {
      decision: 'reject',
      comment: '住院发票和费用清单不全，请补充医保结算单后重新申请',
    });
  }
  const stories: { type: AssistanceType; fen: number; reason: string; stage: 'submitted' | 'reviewed' | 'approved' }[] =
    [
      {
        type: 'living',
        fen: 120_000,
        reason: '配偶长期患病无法工作，家中两个孩子上学，生活困难。',
        stage: 'submitted',
      },
      { type: 'education', fen: 300_000, reason: '女儿今年考入南京的大学，学费和住宿费有困难。', stage: 'submitted' },
      { type: 'temporary', fen: 200_000, reason: '家中房屋因暴雨受损，需维修，生活临时困难。', stage: 'reviewed' },
      { type: 'living', fen: 100_000, reason: '本人患慢性病，收入微薄，家有老人需赡养。', stage: 'approved' },
      { type: 'medical', fen: 235_680, reason: '儿子住院治疗，自付费用 2 万余元。', stage: 'approved' },
    ];
  for (const [i, s] of stories.entries()) {
    const m = colleagues[i];
    if (!m) break;
    const c = await insertCase(
      on(welfare, 'welfare.manage', ago(9 - i)),
      {
        member: m,
        type: s.type,
        amountRequestedFen: s.fen,
        reason: s.reason,
        ...bank(i + 1),
        payeeName: m.name,
        channel: 'cadre',
      },
      photo(i + 2),
    );
    if (s.stage === 'submitted') continue;
    await reviewCase(on(union, 'assistance.review', ago(6 - Math.floor(i / 2))), c.id, {
      decision: 'pass',
      comment: '经核实，情况属实，同意上报',
    });
    if (s.stage === 'reviewed') continue;
    await approveCase(on(hm, 'assistance.approve', ago(3)), c.id, { decision: 'approve', fundId, comment: '同意' });
  }
}
