/**
 * Recuperation trips of the demo city (seed 001: "15期共1102名参加疗休养的一线党员、职工"): 南通市总工会's
 * programme of this year with 15 past batches at red-education bases and resorts, quotas per district,
 * 1,102 attended participants from the demo roster, and one upcoming batch open for sign-up with seats
 * left and a waiting list. Volume goes in set-based (the rows the services would write, counters equal
 * to the applications); the upcoming batch's nominations, a cancellation and a rejection go through the
 * services as demo accounts.
 * The factories it shares with the tests are in recuperationFactories.ts.
 */
import { and, eq, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/client';
import { chinaDate } from '../lib/dates';
import type { KeyRing } from '../lib/pii';
import { accounts } from '../modules/accounts/accounts.tables';
import type { OrgRow } from '../modules/orgs/orgs.tables';
import { orgs } from '../modules/orgs/orgs.tables';
import { cancelApplication, nominate, rejectApplication } from '../modules/recuperation/recuperation.applications';
import { setQuota } from '../modules/recuperation/recuperation.programmes';
import { recupProgrammes } from '../modules/recuperation/recuperation.tables';
import { demoActor } from './demoActors';
import { addDays, makeRecupBatch, makeRecupProgramme, makeRecupQuota } from './recuperationFactories';

const destinations: [string, string][] = [
  ['井冈山红色教育基地', '红色教育'],
  ['延安革命纪念地', '红色教育'],
  ['嘉兴南湖红船', '红色教育'],
  ['黄桥战役纪念馆', '红色教育'],
  ['苏中七战七捷纪念馆', '红色教育'],
  ['红十四军纪念馆', '红色教育'],
  ['黄山风景区', '健康休养'],
  ['溧阳天目湖', '健康休养'],
  ['淮安周恩来纪念馆', '红色教育'],
  ['沙家浜革命历史纪念馆', '红色教育'],
  ['茅山新四军纪念馆', '红色教育'],
  ['盐城新四军纪念馆', '红色教育'],
  ['宜兴竹海', '健康休养'],
  ['临沂沂蒙红色教育基地', '红色教育'],
  ['南京雨花台烈士陵园', '红色教育'],
];

/** Shares of the participants by district (roughly the districts' sizes); they add up to 100. */
const districtShares: Record<string, number> = {
  通州区总工会: 15,
  崇川区总工会: 22,
  海门区总工会: 14,
  如东县总工会: 11,
  启东市总工会: 12,
  如皋市总工会: 14,
  海安市总工会: 12,
};

/** Splits `total` by `weights` in whole numbers that add up exactly (largest remainders). */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  const missing = total - out.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) {
    const i = order[k]?.[1] ?? 0;
    out[i] = (out[i] ?? 0) + 1;
  }
  return out;
}

export const demoRecuperationFigures = { batches: 15, participants: 1102 } as const;

/** The demo city's recuperation programme (see the file comment). */
export async function seedDemoRecuperation(tx: DbOrTx, ring: KeyRing, today = chinaDate(new Date())) {
  const [root] = await tx.select().from(orgs).where(eq(orgs.name, '南通市总工会'));
  const [cityAdmin] = await tx.select().from(accounts).where(eq(accounts.username, 'city_admin'));
  const [worker] = await tx.select().from(accounts).where(eq(accounts.username, 'worker'));
  if (!root || !cityAdmin || !worker) throw new Error('demo city missing');
  const districtOrgs = await tx
    .select()
    .from(orgs)
    .where(and(eq(orgs.parentId, root.id), eq(orgs.type, 'county_federation')))
    .orderBy(orgs.path);

  // Past batches this year; early in a year there is no room for 15, so the programme is last year's.
  let year = Number(today.slice(0, 4));
  let first = `${year}-01-12`;
  let last = addDays(today, -21);
  if (last < addDays(first, 75)) {
    year -= 1;
    first = `${year}-03-01`;
    last = `${year}-11-30`;
  }
  const span = (Date.parse(last) - Date.parse(first)) / 86_400_000;
  const programme = await makeRecupProgramme(tx, root, {
    year,
    title: `${year}年“工会在身边·健康伴我行”一线职工疗休养`,
    frontLineOnly: true,
    recentYears: 3,
    createdBy: cityAdmin.id,
  });
  await tx
    .update(recupProgrammes)
    .set({
      description:
        '将党史学习教育融入一线职工疗休养，组织一线党员、职工赴红色教育基地接受红色熏陶。由各县（市、区）总工会按分配名额推荐一线职工参加，每人每个项目限报一期。',
    })
    .where(eq(recupProgrammes.id, programme.id));

  const perBatch = split(demoRecuperationFigures.participants, Array(demoRecuperationFigures.batches).fill(1));
  const shares = districtOrgs.map((d) => districtShares[d.name] ?? 10);
  const plan: { batch: number; quota: number; path: string; n: number; offset: number }[] = [];
  const offsets = new Map<string, number>();
  for (let i = 0; i < demoRecuperationFigures.batches; i++) {
    const start = addDays(first, Math.round((span * i) / (demoRecuperationFigures.batches - 1)));
    const [destination, theme] = destinations[i] ?? ['井冈山红色教育基地', '红色教育'];
    const participants = perBatch[i] ?? 0;
    const batch = await makeRecupBatch(tx, programme, {
      name: `第${i + 1}期`,
      startDate: start,
      endDate: addDays(start, 4),
      signupDeadline: addDays(start, -14),
      destination,
      theme,
      capacity: participants + 6,
      costFen: theme === '红色教育' ? 268_000 : 235_000,
    });
    const counts = split(participants, shares);
    for (const [d, district] of districtOrgs.entries()) {
      const n = counts[d] ?? 0;
      const quota = await makeRecupQuota(tx, batch.id, district, n);
      plan.push({ batch: batch.id, quota: quota.id, path: district.path, n, offset: offsets.get(district.path) ?? 0 });
      offsets.set(district.path, (offsets.get(district.path) ?? 0) + n);
    }
  }
  // The participants: members of each district in a fixed pseudo-random order, each at most once.
  const planJson = JSON.stringify(plan);
  await tx.execute(sql`
    with plan as (
      select (p->>'batch')::bigint as batch_id, (p->>'quota')::bigint as quota_id, p->>'path' as path,
             (p->>'n')::int as n, (p->>'offset')::int as off
      from jsonb_array_elements(${planJson}::jsonb) p
    ),
    ranked as (
      select m.id, m.org_id, m.org_path, d.path as district,
             row_number() over (partition by d.path order by md5(m.id::text)) as rn
      from members m
      join (select distinct path from plan) d on m.org_path like d.path || '%'
      where m.status = 'active' and m.id <> ${worker.memberId ?? 0}
    )
    insert into recup_applications (programme_id, batch_id, member_id, org_id, org_path, channel, front_line, status,
      quota_id, applied_by, applied_by_name, applied_at, checked_by, checked_by_name, confirmed_at, seat_at,
      attendance_by, attendance_at, updated_at)
    select ${programme.id}, plan.batch_id, r.id, r.org_id, r.org_path, 'nominated', true, 'attended',
      plan.quota_id, ${cityAdmin.id}, ${cityAdmin.displayName},
      ((b.signup_deadline - 7)::timestamp + interval '10 hours') at time zone 'Asia/Shanghai',
      ${cityAdmin.id}, ${cityAdmin.displayName},
      ((b.signup_deadline - 3)::timestamp + interval '15 hours') at time zone 'Asia/Shanghai',
      ((b.signup_deadline - 7)::timestamp + interval '10 hours') at time zone 'Asia/Shanghai',
      ${cityAdmin.id},
      (b.end_date::timestamp + interval '17 hours') at time zone 'Asia/Shanghai',
      (b.end_date::timestamp + interval '17 hours') at time zone 'Asia/Shanghai'
    from plan
    join ranked r on r.district = plan.path and r.rn > plan.off and r.rn <= plan.off + plan.n
    join recup_batches b on b.id = plan.batch_id`);
  await syncCounters(tx, programme.id);

  await seedUpcomingBatch(tx, ring, { programme, root, districtOrgs, today, cityAdminId: cityAdmin.id });
  return { programmeId: programme.id };
}

/** Sets every batch's seat counters and every quota's used counter of a programme from its applications. */
async function syncCounters(tx: DbOrTx, programmeId: number) {
  await tx.execute(sql`
    update recup_quotas q set used = coalesce((select count(*) from recup_applications a
      where a.quota_id = q.id and a.status in ('accepted','confirmed','attended','absent')), 0)
    where q.batch_id in (select id from recup_batches where programme_id = ${programmeId})`);
  await tx.execute(sql`
    update recup_batches b set
      seats_taken = (select count(*) from recup_applications a where a.batch_id = b.id
        and a.status in ('accepted','confirmed','attended','absent')),
      pool_taken = (select count(*) from recup_applications a where a.batch_id = b.id and a.quota_id is null
        and a.status in ('accepted','confirmed','attended','absent'))
    where b.programme_id = ${programmeId}`);
}

/**
 * 第16期 at 溧阳天目湖, sign-up open: quotas for every district, most seats taken by nominations, 崇川's
 * quota full with two on its waiting list, one nomination cancelled and one rejected — and seats left in
 * 海门's quota, so the demo `worker` (海门) can sign up in the portal.
 */
async function seedUpcomingBatch(
  tx: DbOrTx,
  ring: KeyRing,
  s: {
    programme: typeof recupProgrammes.$inferSelect;
    root: OrgRow;
    districtOrgs: OrgRow[];
    today: string;
    cityAdminId: number;
  },
) {
  const start = addDays(s.today, 24);
  const batch = await makeRecupBatch(tx, s.programme, {
    name: '第16期',
    startDate: start,
    endDate: addDays(start, 4),
    signupDeadline: addDays(s.today, 12),
    destination: '溧阳天目湖',
    theme: '健康休养 · 劳模疗休养基地',
    capacity: 40,
    costFen: 235_000,
  });
  const city = await demoActor(tx, ring, 'city_admin');
  const yesterday = addDays(s.today, -1);
  const quotas: Record<string, number> = {
    通州区总工会: 6,
    崇川区总工会: 4,
    海门区总工会: 6,
    如东县总工会: 5,
    启东市总工会: 5,
    如皋市总工会: 5,
    海安市总工会: 5,
  };
  for (const d of s.districtOrgs)
    await setQuota(city.on(addDays(s.today, -8)), batch.id, { orgId: d.id, quota: quotas[d.name] ?? 4 });
  // Nominations: how many members of each district the city nominates (崇川: two more than its quota).
  const nominations: Record<string, number> = {
    通州区总工会: 5,
    崇川区总工会: 6,
    海门区总工会: 3,
    如东县总工会: 4,
    启东市总工会: 4,
    如皋市总工会: 5,
    海安市总工会: 4,
  };
  const nominated: { id: number; district: string; status: string }[] = [];
  const [worker] = await tx.select().from(accounts).where(eq(accounts.username, 'worker'));
  for (const d of s.districtOrgs) {
    const people = await queryRows<{ id: string }>(
      tx,
      sql`select m.id from members m where m.org_path like ${`${d.path}%`} and m.status = 'active'
            and m.id <> ${worker?.memberId ?? 0}
            and not exists (select 1 from recup_applications a where a.member_id = m.id)
          order by md5(m.id::text || 'upcoming') limit ${nominations[d.name] ?? 3}`,
    );
    for (const p of people) {
      const row = await nominate(city.on(yesterday), batch.id, Number(p.id), { frontLine: true });
      nominated.push({ id: row.id, district: d.name, status: row.status });
    }
  }
  // One nominee cannot go (family matters); one is not a front-line worker after all.
  const tongzhou = nominated.filter((n) => n.district === '通州区总工会' && n.status === 'accepted');
  if (tongzhou[0]) await cancelApplication(city.on(s.today), tongzhou[0].id, '家中有事，本人申请取消', 'union');
  if (tongzhou[1]) {
    await rejectApplication(city.on(s.today), tongzhou[1].id, '经核实为机关管理岗位，不属于一线职工，请推荐一线职工');
  }
  return batch;
}
