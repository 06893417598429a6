/** A city with the people of an assistance workflow, each a different account (maker ≠ checker). */
import type { App } from '../server/app';
import type { DbOrTx } from '../server/db/client';
import { type Agent, buildCity, buildMember, buildUser, signIn, type UploadPart } from './factories';

/** The smallest valid PNG header bytes: enough for the type check by first bytes. */
export const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(64, 1)]);

export async function assistanceWorld(app: App, db: DbOrTx) {
  const city = await buildCity(db);
  const member = await buildMember(db, city.unionA, { name: '王秀英' });
  const other = await buildMember(db, city.groupA, { name: '李国强' });
  const outsider = await buildMember(db, city.unionB, { name: '赵大伟' });
  const users = {
    cadre: await buildUser(db, 'union_cadre', city.unionA),
    reviewer: await buildUser(db, 'union_admin', city.unionA),
    approver: await buildUser(db, 'federation_staff', city.countyA),
    approver2: await buildUser(db, 'union_admin', city.countyA),
    finance: await buildUser(db, 'federation_staff', city.countyA),
    cityStaff: await buildUser(db, 'federation_staff', city.root),
    countyB: await buildUser(db, 'union_admin', city.countyB),
    worker: await buildUser(db, 'member', city.unionA, { memberId: member.id }),
    otherWorker: await buildUser(db, 'member', city.groupA, { memberId: other.id }),
  };
  const agents = {} as Record<keyof typeof users, Agent>;
  for (const [k, u] of Object.entries(users)) agents[k as keyof typeof users] = await signIn(app, u.username);
  const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
  const fundRes = await agents.approver.post('/api/assistance/funds', {
    orgId: city.countyA.id,
    name: '帮扶资金',
    year,
    source: '工会经费',
    budgetFen: 100_000_00,
  });
  if (fundRes.statusCode !== 201) throw new Error(`fund: ${fundRes.body}`);
  const fund = fundRes.json() as { id: number };
  return { city, member, other, outsider, users, agents, fund, year };
}
export type AssistanceWorld = Awaited<ReturnType<typeof assistanceWorld>>;

export function applyParts(fields: Record<string, string | number>, files: UploadPart[] = []): UploadPart[] {
  return [...Object.entries(fields).map(([name, value]) => ({ name, value: String(value) })), ...files];
}

/** A cadre's application; returns the new case id. */
export async function apply(
  w: AssistanceWorld,
  memberId: number,
  type = 'living',
  amountRequestedFen = 200_000,
  agent: Agent = w.agents.cadre,
) {
  const res = await agent.upload(
    '/api/assistance/cases',
    applyParts({
      memberId,
      type,
      amountRequestedFen,
      reason: '家庭成员患重病，医疗支出大',
      bankName: '中国农业银行海门支行',
      bankAccount: '6228480402564890018',
    }),
  );
  if (res.statusCode !== 201) throw new Error(`apply: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: number }).id;
}

/** Applies, reviews (reviewer) and optionally approves (approver) a case; returns its id. */
export async function reviewedCase(w: AssistanceWorld, memberId: number, type = 'living', amount = 200_000) {
  const id = await apply(w, memberId, type, amount);
  const res = await w.agents.reviewer.post(`/api/assistance/cases/${id}/review`, {
    decision: 'pass',
    comment: '情况属实',
  });
  if (res.statusCode !== 200) throw new Error(`review: ${res.body}`);
  return id;
}

export async function approvedCase(
  w: AssistanceWorld,
  memberId: number,
  type = 'living',
  amount = 200_000,
  approver: Agent = w.agents.approver,
) {
  const id = await reviewedCase(w, memberId, type, amount);
  const res = await approver.post(`/api/assistance/cases/${id}/approve`, { decision: 'approve', fundId: w.fund.id });
  if (res.statusCode !== 200) throw new Error(`approve: ${res.body}`);
  return id;
}

export async function fundOf(w: AssistanceWorld, agent: Agent = w.agents.approver) {
  const res = await agent.get('/api/assistance/funds');
  const items = (
    res.json() as {
      items: { id: number; committedFen: number; paidFen: number; balanceFen: number; budgetFen: number }[];
    }
  ).items;
  const f = items.find((i) => i.id === w.fund.id);
  if (!f) throw new Error('fund not listed');
  return f;
}
