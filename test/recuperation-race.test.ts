/**
 * Seats are never oversold: sign-ups fired at once through different sessions (real concurrency on
 * PostgreSQL, serialised on PGlite) take exactly the capacity, and quotas exactly their size.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { recupApplications, recupBatches, recupQuotas } from '../server/modules/recuperation/recuperation.tables';
import { makeRecupBatch, makeRecupProgramme, makeRecupQuota } from '../server/seed/recuperationFactories';
import { useTestApp } from './app';
import { type Agent, buildCity, buildMember, buildUser, type City, signIn, signInAs } from './factories';

const w = useTestApp();
let city: City;

async function workers(n: number, org = city.unionA) {
  const out: { memberId: number; agent: Agent }[] = [];
  for (let i = 0; i < n; i++) {
    const member = await buildMember(w.db, org, { name: `职工${i}` });
    const user = await buildUser(w.db, 'member', org, { memberId: member.id });
    out.push({ memberId: member.id, agent: await signIn(w.app, user.username) });
  }
  return out;
}

const apply = (agent: Agent, batchId: number) => agent.post('/api/portal/recuperation/applications', { batchId });

beforeAll(async () => {
  city = await buildCity(w.db);
});

describe('the oversell race', () => {
  it('five times the capacity at once: exactly the capacity accepted, the rest waitlisted; a cancellation promotes exactly one', async () => {
    const capacity = 4;
    const programme = await makeRecupProgramme(w.db, city.root);
    const batch = await makeRecupBatch(w.db, programme, { capacity });
    const people = await workers(5 * capacity);
    const answers = await Promise.all(people.map((p) => apply(p.agent, batch.id)));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(5 * capacity).fill(201));
    const statuses = answers.map((r) => r.json().status as string);
    expect(statuses.filter((s) => s === 'accepted')).toHaveLength(capacity);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(4 * capacity);
    const [row] = await w.db.select().from(recupBatches).where(eq(recupBatches.id, batch.id));
    expect(row?.seatsTaken).toBe(capacity);
    // Positions as read once every sign-up has committed (an answer's own position may not yet see an
    // earlier sign-up that committed after it).
    const now = await Promise.all(people.map((p) => p.agent.get('/api/portal/recuperation/applications')));
    const positions = now
      .map((r) => r.json().items[0].waitlistPosition as number | null)
      .filter((p): p is number => p !== null)
      .sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 4 * capacity }, (_, i) => i + 1));

    // Two cancellations at once: exactly two promoted, the earliest two on the list.
    const accepted = answers.map((r, i) => ({ r: r.json(), p: people[i] })).filter((x) => x.r.status === 'accepted');
    const waiting = now
      .map((r) => r.json().items[0])
      .filter((x) => x.status === 'waitlisted')
      .sort((a, b) => a.waitlistPosition - b.waitlistPosition);
    const cancels = await Promise.all(
      accepted.slice(0, 2).map((x) => x.p?.agent.post(`/api/portal/recuperation/applications/${x.r.id}/cancel`, {})),
    );
    expect(cancels.map((r) => r?.statusCode)).toEqual([200, 200]);
    const rows = await w.db.select().from(recupApplications).where(eq(recupApplications.batchId, batch.id));
    expect(rows.filter((r) => r.status === 'accepted')).toHaveLength(capacity);
    expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(4 * capacity - 2);
    const promoted = rows.filter((r) => r.status === 'accepted' && r.seatAt && waiting.some((x) => x.id === r.id));
    expect(promoted.map((r) => r.id).sort()).toEqual([waiting[0].id, waiting[1].id].sort());
    const [after] = await w.db.select().from(recupBatches).where(eq(recupBatches.id, batch.id));
    expect(after?.seatsTaken).toBe(capacity);
  });

  it('a quota at once: exactly the quota of the org accepted, others of the org waitlisted while the pool serves the rest', async () => {
    const programme = await makeRecupProgramme(w.db, city.root);
    const batch = await makeRecupBatch(w.db, programme, { capacity: 10 });
    const quota = await makeRecupQuota(w.db, batch.id, city.countyA, 3);
    const inA = await workers(9, city.unionA);
    const inB = await workers(3, city.unionB);
    const answers = await Promise.all([...inA, ...inB].map((p) => apply(p.agent, batch.id)));
    const a = answers.slice(0, 9).map((r) => r.json().status);
    const b = answers.slice(9).map((r) => r.json().status);
    expect(a.filter((s) => s === 'accepted')).toHaveLength(3);
    expect(a.filter((s) => s === 'waitlisted')).toHaveLength(6);
    expect(b).toEqual(['accepted', 'accepted', 'accepted']);
    const [q] = await w.db.select().from(recupQuotas).where(eq(recupQuotas.id, quota.id));
    expect(q?.used).toBe(3);
    const [row] = await w.db.select().from(recupBatches).where(eq(recupBatches.id, batch.id));
    expect(row).toMatchObject({ seatsTaken: 6, poolTaken: 3, quotaTotal: 3 });

    // Quotas may not add up to more than the capacity, nor drop below the seats used; raising one promotes.
    const { agent: admin } = await signInAs(w.app, w.db, 'union_admin', city.root);
    const tooMuch = await admin.post(`/api/recuperation/batches/${batch.id}/quotas`, {
      orgId: city.countyB.id,
      quota: 5,
    });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().error).toBe('recuperation/quota_exceeds_capacity');
    const below = await admin.post(`/api/recuperation/batches/${batch.id}/quotas`, {
      orgId: city.countyA.id,
      quota: 2,
    });
    expect(below.json().error).toBe('recuperation/quota_below_used');
    const raised = await admin.post(`/api/recuperation/batches/${batch.id}/quotas`, {
      orgId: city.countyA.id,
      quota: 5,
    });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(raised.json()).toMatchObject({ seatsTaken: 8, quotaTotal: 5 });
    expect(raised.json().quotas).toEqual([expect.objectContaining({ quota: 5, used: 5 })]);
    const outside = await admin.post(`/api/recuperation/batches/${batch.id}/quotas`, { orgId: 999_999, quota: 1 });
    expect(outside.statusCode).toBe(404);
    const { agent: countyB } = await signInAs(w.app, w.db, 'union_admin', city.countyB);
    expect(
      (await countyB.post(`/api/recuperation/batches/${batch.id}/quotas`, { orgId: city.countyB.id, quota: 1 }))
        .statusCode,
    ).toBe(404);
  });

  it('the same member twice at once: one application, the other refused as a duplicate', async () => {
    const programme = await makeRecupProgramme(w.db, city.root);
    const batch = await makeRecupBatch(w.db, programme, { capacity: 5 });
    const member = await buildMember(w.db, city.unionA);
    const user = await buildUser(w.db, 'member', city.unionA, { memberId: member.id });
    const sessions = [
      await signIn(w.app, user.username),
      await signIn(w.app, user.username),
      await signIn(w.app, user.username),
    ];
    const answers = await Promise.all(sessions.map((s) => apply(s, batch.id)));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(
      answers.filter((r) => r.statusCode === 409).every((r) => r.json().error === 'recuperation/duplicate_application'),
    ).toBe(true);
    const [row] = await w.db.select().from(recupBatches).where(eq(recupBatches.id, batch.id));
    expect(row?.seatsTaken).toBe(1);
  });
});
