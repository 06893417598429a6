import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../server/lib/dates';
import { auditLog } from '../server/modules/audit/audit.tables';
import { notifications } from '../server/modules/notifications/notifications.tables';
import { recupApplications, recupBatches } from '../server/modules/recuperation/recuperation.tables';
import { addDays, makeRecupBatch, makeRecupProgramme, makeRecupTrip } from '../server/seed/recuperationFactories';
import { useTestApp } from './app';
import { type Agent, buildCity, buildMember, buildUser, type City, signIn, signInAs } from './factories';

const w = useTestApp();
let city: City;
let cityAdmin: Agent;
let countyA: Agent;
let countyB: Agent;
const today = chinaDate(new Date());

/** A member of `org` with a portal account, signed in. */
async function worker(org = city.unionA, name = '李红梅') {
  const member = await buildMember(w.db, org, { name });
  const user = await buildUser(w.db, 'member', org, { memberId: member.id });
  return { member, user, agent: await signIn(w.app, user.username) };
}

/** An open programme of the city with one batch open for sign-up. */
async function openBatch(
  spec: Parameters<typeof makeRecupProgramme>[2] = {},
  batch: Parameters<typeof makeRecupBatch>[2] = {},
) {
  const programme = await makeRecupProgramme(w.db, city.root, spec);
  return { programme, batch: await makeRecupBatch(w.db, programme, batch) };
}

beforeAll(async () => {
  city = await buildCity(w.db);
  cityAdmin = (await signInAs(w.app, w.db, 'union_admin', city.root)).agent;
  countyA = (await signInAs(w.app, w.db, 'union_admin', city.countyA)).agent;
  countyB = (await signInAs(w.app, w.db, 'union_admin', city.countyB)).agent;
});

describe('programmes and batches', () => {
  it('creates a programme with rules and batches, and refuses bad input with clear errors', async () => {
    const created = await cityAdmin.post('/api/recuperation/programmes', {
      year: 2026,
      title: '2026年一线职工疗休养',
      frontLineOnly: true,
      recentYears: 3,
    });
    expect(created.statusCode, created.body).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({ status: 'draft', frontLineOnly: true, recentYears: 3, canManage: true, batches: 0 });
    const start = addDays(today, 30);
    const batch = (body: Record<string, unknown>) =>
      cityAdmin.post(`/api/recuperation/programmes/${p.id}/batches`, {
        name: '第1期',
        startDate: start,
        endDate: addDays(start, 4),
        signupDeadline: addDays(today, 10),
        destination: '井冈山红色教育基地',
        theme: '红色教育',
        capacity: 40,
        costFen: 268_000,
        ...body,
      });
    const ok = await batch({});
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ capacity: 40, seatsTaken: 0, costFen: 268_000, quotas: [] });

    for (const [body, field] of [
      [{ capacity: 0 }, 'capacity'],
      [{ capacity: -3 }, 'capacity'],
      [{ costFen: -1 }, 'costFen'],
      [{ costFen: 12.5 }, 'costFen'],
      [{ costFen: 10_000_000_001 }, 'costFen'],
      [{ startDate: '2026-02-30' }, 'startDate'],
    ] as const) {
      const res = await batch(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error).toBe('common/invalid_input');
      expect(JSON.stringify(res.json().details)).toContain(field);
    }
    const backwards = await batch({ endDate: addDays(start, -1) });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error).toBe('recuperation/bad_dates');
    const lateDeadline = await batch({ signupDeadline: addDays(start, 1) });
    expect(lateDeadline.json().error).toBe('recuperation/bad_dates');

    // Nothing was written by the refused requests.
    const view = (await cityAdmin.get(`/api/recuperation/programmes/${p.id}`)).json();
    expect(view.batchList).toHaveLength(1);

    // A county sees the city's programme once open, but may not change it; a draft stays the owner's.
    expect((await countyA.get(`/api/recuperation/programmes/${p.id}`)).statusCode).toBe(404);
    expect((await cityAdmin.patch(`/api/recuperation/programmes/${p.id}`, { status: 'open' })).statusCode).toBe(200);
    const seen = await countyA.get(`/api/recuperation/programmes/${p.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().canManage).toBe(false);
    expect((await countyA.post(`/api/recuperation/programmes/${p.id}/batches`, {})).statusCode).toBe(400);
    const foreign = await countyA.patch(`/api/recuperation/programmes/${p.id}`, { title: '改名' });
    expect(foreign.statusCode).toBe(404);
    // An edit changes only what it sends: opening sign-up keeps the rules.
    const kept = (await cityAdmin.get(`/api/recuperation/programmes/${p.id}`)).json();
    expect(kept).toMatchObject({ status: 'open', frontLineOnly: true, recentYears: 3 });
    const batchId = ok.json().id;
    const renamed = await cityAdmin.patch(`/api/recuperation/batches/${batchId}`, { destination: '延安革命纪念地' });
    expect(renamed.json()).toMatchObject({ destination: '延安革命纪念地', theme: '红色教育', capacity: 40 });
    const flipped = await cityAdmin.patch(`/api/recuperation/batches/${batchId}`, { endDate: addDays(start, -2) });
    expect(flipped.json().error).toBe('recuperation/bad_dates');
    const list = (await countyA.get('/api/recuperation/programmes')).json().items;
    expect(list.map((x: { id: number }) => x.id)).toContain(p.id);

    // A county B programme is not seen from county A at all.
    const bProgramme = await makeRecupProgramme(w.db, city.countyB);
    expect((await countyA.get(`/api/recuperation/programmes/${bProgramme.id}`)).statusCode).toBe(404);
    const audits = await w.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(p.id)));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['recuperation.programme_create', 'recuperation.programme_update']),
    );
  });
});

describe('signing up', () => {
  it('lists open batches in the portal, signs up, and refuses a duplicate, a passed deadline and a closed programme', async () => {
    const { programme, batch } = await openBatch({ frontLineOnly: true }, { capacity: 5 });
    const other = await makeRecupBatch(w.db, programme, { name: '第2期', destination: '延安革命纪念地' });
    const passed = await makeRecupBatch(w.db, programme, {
      name: '第3期',
      startDate: addDays(today, 3),
      signupDeadline: addDays(today, -1),
    });
    const me = await worker();
    const offered = (await me.agent.get('/api/portal/recuperation/batches')).json().items;
    const mine = offered.find((b: { id: number }) => b.id === batch.id);
    expect(mine).toMatchObject({ seatsLeft: 5, blocked: null, frontLineOnly: true });
    expect(mine.rules[0]).toContain('一线职工');
    expect(offered.map((b: { id: number }) => b.id)).not.toContain(passed.id);

    const notFrontLine = await me.agent.post('/api/portal/recuperation/applications', { batchId: batch.id });
    expect(notFrontLine.statusCode).toBe(400);
    expect(notFrontLine.json().error).toBe('recuperation/front_line_required');

    const applied = await me.agent.post('/api/portal/recuperation/applications', {
      batchId: batch.id,
      frontLine: true,
    });
    expect(applied.statusCode, applied.body).toBe(201);
    expect(applied.json()).toMatchObject({ status: 'accepted', channel: 'self', waitlistPosition: null });
    for (const id of [batch.id, other.id]) {
      const again = await me.agent.post('/api/portal/recuperation/applications', { batchId: id, frontLine: true });
      expect(again.statusCode).toBe(409);
      expect(again.json().error).toBe('recuperation/duplicate_application');
    }
    const blocked = (await me.agent.get('/api/portal/recuperation/batches')).json().items;
    expect(blocked.find((b: { id: number }) => b.id === other.id).blocked).toContain('已报名本项目第1期');

    const late = await worker();
    const lateRes = await late.agent.post('/api/portal/recuperation/applications', {
      batchId: passed.id,
      frontLine: true,
    });
    expect(lateRes.statusCode).toBe(409);
    expect(lateRes.json().error).toBe('recuperation/deadline_passed');

    const closed = await openBatch({ status: 'closed' });
    const closedRes = await late.agent.post('/api/portal/recuperation/applications', { batchId: closed.batch.id });
    expect(closedRes.json().error).toBe('recuperation/programme_not_open');
    const draft = await openBatch({ status: 'draft' });
    expect(
      (await late.agent.post('/api/portal/recuperation/applications', { batchId: draft.batch.id })).statusCode,
    ).toBe(404);
    // A programme of another county is not the member's to join.
    const bProgramme = await makeRecupProgramme(w.db, city.countyB);
    const bBatch = await makeRecupBatch(w.db, bProgramme);
    expect((await late.agent.post('/api/portal/recuperation/applications', { batchId: bBatch.id })).statusCode).toBe(
      404,
    );

    const [seats] = await w.db.select().from(recupBatches).where(eq(recupBatches.id, batch.id));
    expect(seats?.seatsTaken).toBe(1);
    const audits = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'recuperation.apply')));
    expect(audits.some((a) => a.targetId === String(applied.json().id))).toBe(true);
  });

  it('blocks a member who went on a trip in the last N years, and requires the honour in a model-worker programme', async () => {
    const me = await worker();
    await makeRecupTrip(w.db, city.countyA, [me.member], addDays(today, -400));
    const { batch } = await openBatch({ recentYears: 3 });
    const res = await me.agent.post('/api/portal/recuperation/applications', { batchId: batch.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('recuperation/recent_trip');
    const nominated = await countyA.post(`/api/recuperation/batches/${batch.id}/nominations`, {
      memberId: me.member.id,
    });
    expect(nominated.json().error).toBe('recuperation/recent_trip');
    const offered = (await me.agent.get('/api/portal/recuperation/batches')).json().items;
    expect(offered.find((b: { id: number }) => b.id === batch.id).blocked).toContain('近 3 年内不能再报名');
    // Without the rule (or with the trip further back than N years) the same member may go.
    const { batch: free } = await openBatch({ recentYears: 1 });
    expect((await me.agent.post('/api/portal/recuperation/applications', { batchId: free.id })).statusCode).toBe(201);

    const { batch: model } = await openBatch({ modelWorkerOnly: true });
    const other = await worker();
    const noHonour = await other.agent.post('/api/portal/recuperation/applications', { batchId: model.id });
    expect(noHonour.json().error).toBe('recuperation/honour_required');
    const withHonour = await countyA.post(`/api/recuperation/batches/${model.id}/nominations`, {
      memberId: other.member.id,
      honour: '南通市劳动模范',
    });
    expect(withHonour.statusCode, withHonour.body).toBe(201);
    expect(withHonour.json()).toMatchObject({
      channel: 'nominated',
      honour: '南通市劳动模范',
      checkedByName: expect.any(String),
    });
  });
});

describe('nominations, cancellations, rejections, confirmations and attendance', () => {
  it('nominates members of the own subtree only, found by name', async () => {
    const { batch } = await openBatch();
    const inA = await buildMember(w.db, city.unionA, { name: '周海燕' });
    const inB = await buildMember(w.db, city.unionB, { name: '周海波' });
    const found = (await countyA.get(`/api/recuperation/batches/${batch.id}/nominees?q=周海`)).json().items;
    expect(found.map((m: { id: number }) => m.id)).toContain(inA.id);
    expect(found.map((m: { id: number }) => m.id)).not.toContain(inB.id);
    const searches = await w.db.select().from(auditLog).where(eq(auditLog.action, 'recuperation.search'));
    expect(searches.at(-1)?.details).toMatchObject({ filters: { q: '周海', batchId: batch.id } });
    const outside = await countyA.post(`/api/recuperation/batches/${batch.id}/nominations`, { memberId: inB.id });
    expect(outside.statusCode).toBe(404);
    const ok = await countyA.post(`/api/recuperation/batches/${batch.id}/nominations`, {
      memberId: inA.id,
      frontLine: true,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().member.name).toBe('周海燕');
    const again = (await countyA.get(`/api/recuperation/batches/${batch.id}/nominees?q=周海燕`)).json().items;
    expect(again[0].blocked).toContain('已报名');
    // A member outside the programme owner's subtree cannot be nominated to it, even by a wider admin.
    const { batch: bBatch } = await (async () => {
      const p = await makeRecupProgramme(w.db, city.countyB);
      return { batch: await makeRecupBatch(w.db, p) };
    })();
    const cross = await cityAdmin.post(`/api/recuperation/batches/${bBatch.id}/nominations`, { memberId: inA.id });
    expect(cross.statusCode).toBe(404);
  });

  it('gives a cancelled or rejected seat to the first waitlisted applicant, who is told; only the right people may act', async () => {
    const { batch } = await openBatch({}, { capacity: 2 });
    const a = await worker(city.unionA, '张一');
    const b = await worker(city.groupA, '张二');
    const c = await worker(city.unionA, '张三');
    const d = await worker(city.unionB, '张四');
    const apply = (x: { agent: Agent }) => x.agent.post('/api/portal/recuperation/applications', { batchId: batch.id });
    const ra = (await apply(a)).json();
    const rb = (await apply(b)).json();
    const rc = (await apply(c)).json();
    const rd = (await apply(d)).json();
    expect([ra.status, rb.status, rc.status, rd.status]).toEqual(['accepted', 'accepted', 'waitlisted', 'waitlisted']);
    expect([rc.waitlistPosition, rd.waitlistPosition]).toEqual([1, 2]);

    // Someone else's application is not there for a member; county B cannot touch county A's.
    expect((await b.agent.post(`/api/portal/recuperation/applications/${ra.id}/cancel`, {})).statusCode).toBe(404);
    const mineOnly = (await b.agent.get('/api/portal/recuperation/applications')).json().items;
    expect(mineOnly.map((x: { id: number }) => x.id)).toEqual([rb.id]);
    expect((await countyB.post(`/api/recuperation/applications/${ra.id}/cancel`, { reason: '测试' })).statusCode).toBe(
      404,
    );
    // A county cancels for its members but does not judge eligibility: rejecting is the programme owner's.
    expect(
      (await countyA.post(`/api/recuperation/applications/${ra.id}/reject`, { reason: '不符合' })).statusCode,
    ).toBe(404);
    const noReason = await countyA.post(`/api/recuperation/applications/${ra.id}/cancel`, { reason: '' });
    expect(noReason.statusCode).toBe(400);

    const cancelled = await a.agent.post(`/api/portal/recuperation/applications/${ra.id}/cancel`, {
      reason: '临时出差',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', reason: '临时出差' });
    const cNow = (await c.agent.get('/api/portal/recuperation/applications')).json().items[0];
    expect(cNow).toMatchObject({ status: 'accepted', waitlistPosition: null });
    const told = await w.db.select().from(notifications).where(eq(notifications.accountId, c.user.id));
    expect(told.map((n) => n.title)).toContain('疗休养候补已转为录取');
    expect((await d.agent.get('/api/portal/recuperation/applications')).json().items[0].waitlistPosition).toBe(1);

    const rejected = await cityAdmin.post(`/api/recuperation/applications/${rb.id}/reject`, {
      reason: '经核实不是一线职工',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const bView = (await b.agent.get('/api/portal/recuperation/applications')).json().items[0];
    expect(bView).toMatchObject({ status: 'rejected', reason: '经核实不是一线职工' });
    expect((await d.agent.get('/api/portal/recuperation/applications')).json().items[0].status).toBe('accepted');
    const again = await cityAdmin.post(`/api/recuperation/applications/${rb.id}/reject`, { reason: '再次' });
    expect(again.json().error).toBe('recuperation/bad_status');
    const [row] = await w.db.select().from(recupBatches).where(eq(recupBatches.id, batch.id));
    expect(row?.seatsTaken).toBe(2);
    // Capacity may not drop below the seats taken; raising it moves the waiting list up.
    const shrink = await cityAdmin.patch(`/api/recuperation/batches/${batch.id}`, { capacity: 1 });
    expect(shrink.statusCode).toBe(409);
    expect(shrink.json().error).toBe('recuperation/capacity_below_taken');
    const actions = (await w.db.select().from(auditLog).where(eq(auditLog.action, 'recuperation.promote'))).map(
      (x) => x.targetId,
    );
    expect(actions).toEqual(expect.arrayContaining([String(rc.id), String(rd.id)]));
    // A rejected member may sign up again (the live-application rule counts only live ones).
    expect((await apply(b)).json().status).toBe('waitlisted');
    const grown = await cityAdmin.patch(`/api/recuperation/batches/${batch.id}`, { capacity: 3 });
    expect(grown.json()).toMatchObject({ capacity: 3, seatsTaken: 3, waitlisted: 0 });
    expect((await b.agent.get('/api/portal/recuperation/applications')).json().items[0].status).toBe('accepted');
  });

  it('confirms (worker or union), then records attendance in bulk after the trip starts, all or nothing', async () => {
    const { batch } = await openBatch({}, { capacity: 5, startDate: addDays(today, 5) });
    const people = [await worker(), await worker(), await worker()];
    const apps = [];
    for (const p of people)
      apps.push((await p.agent.post('/api/portal/recuperation/applications', { batchId: batch.id })).json());
    const [first, second, third] = apps;
    expect(
      (await people[0]?.agent.post(`/api/portal/recuperation/applications/${first.id}/confirm`))?.json().status,
    ).toBe('confirmed');
    const byUnion = await countyA.post(`/api/recuperation/applications/${second.id}/confirm`);
    expect(byUnion.json()).toMatchObject({ status: 'confirmed', checkedByName: expect.any(String) });
    expect((await countyB.post(`/api/recuperation/applications/${third.id}/confirm`)).statusCode).toBe(404);
    const twice = await countyA.post(`/api/recuperation/applications/${second.id}/confirm`);
    expect(twice.json().error).toBe('recuperation/bad_status');

    const early = await cityAdmin.post(`/api/recuperation/batches/${batch.id}/attendance`, {
      items: [{ applicationId: first.id, attended: true }],
    });
    expect(early.json().error).toBe('recuperation/trip_not_started');
    // The trip begins.
    await w.db
      .update(recupBatches)
      .set({ startDate: today, signupDeadline: today })
      .where(eq(recupBatches.id, batch.id));
    expect((await countyA.post(`/api/recuperation/applications/${third.id}/confirm`)).json().error).toBe(
      'recuperation/batch_started',
    );
    const notConfirmed = await cityAdmin.post(`/api/recuperation/batches/${batch.id}/attendance`, {
      items: [
        { applicationId: first.id, attended: true },
        { applicationId: third.id, attended: true },
      ],
    });
    expect(notConfirmed.json().error).toBe('recuperation/bad_status');
    const [untouched] = await w.db.select().from(recupApplications).where(eq(recupApplications.id, first.id));
    expect(untouched?.status).toBe('confirmed');
    expect(
      (
        await countyA.post(`/api/recuperation/batches/${batch.id}/attendance`, {
          items: [{ applicationId: first.id, attended: true }],
        })
      ).statusCode,
    ).toBe(404);
    const done = await cityAdmin.post(`/api/recuperation/batches/${batch.id}/attendance`, {
      items: [
        { applicationId: first.id, attended: true },
        { applicationId: second.id, attended: false },
      ],
    });
    expect(done.json()).toEqual({ attended: 1, absent: 1 });
    const list = (await cityAdmin.get(`/api/recuperation/applications?batchId=${batch.id}&status=attended`)).json();
    expect(list.items.map((x: { id: number }) => x.id)).toEqual([first.id]);
    expect(list.total).toBe(1);
    // County B sees none of county A's applicants.
    const bList = (await countyB.get(`/api/recuperation/applications?batchId=${batch.id}`)).json();
    expect(bList.total).toBe(0);
  });
});
