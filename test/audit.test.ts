import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from './app';
import { buildCity, signInAs, uid } from './factories';

const w = useTestApp();

describe('audit log', () => {
  it('searches by person, action, target and time within the caller’s subtree', async () => {
    const city = await buildCity(w.db);
    const { agent: countyAdmin, user } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const { agent: otherAdmin } = await signInAs(w.app, w.db, 'union_admin', city.countyB);
    const created = (
      await countyAdmin.post('/api/orgs', {
        parentId: city.townA.id,
        type: 'grassroots_enterprise',
        name: `审计工会${uid()}`,
      })
    ).json();
    await otherAdmin.post('/api/orgs', {
      parentId: city.countyB.id,
      type: 'grassroots_enterprise',
      name: `乙区审计工会${uid()}`,
    });

    const mine = (await countyAdmin.get('/api/audit?action=orgs.create&limit=200')).json();
    expect(mine.items.map((r: { targetId: string }) => r.targetId)).toEqual([String(created.id)]);
    const row = mine.items[0];
    expect(row).toMatchObject({
      actorId: user.id,
      role: 'union_admin',
      result: 'success',
      targetType: 'org',
      ip: '127.0.0.1',
    });
    expect(row.grantId).toBe(countyAdmin.me.grants[0]?.id);
    expect(row).not.toHaveProperty('hash');

    const byActor = (await countyAdmin.get(`/api/audit?actor=${user.username}`)).json();
    expect(byActor.items.length).toBeGreaterThanOrEqual(2);
    expect(byActor.items.every((r: { actorId: number }) => r.actorId === user.id)).toBe(true);
    const byTarget = (await countyAdmin.get(`/api/audit?targetType=org&targetId=${created.id}`)).json();
    expect(byTarget.items).toHaveLength(1);
    const today = new Date(w.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(
      (await countyAdmin.get(`/api/audit?from=${today}&to=${today}&action=orgs.create`)).json().items,
    ).toHaveLength(1);
    expect((await countyAdmin.get('/api/audit?from=2000-01-01&to=2000-01-02')).json().items).toHaveLength(0);
    expect((await countyAdmin.get('/api/audit?from=2024-13-01')).statusCode).toBe(400);
  });

  it('records a denied write with who tried', async () => {
    const city = await buildCity(w.db);
    const { agent, user } = await signInAs(w.app, w.db, 'union_cadre', city.countyA);
    const res = await agent.post('/api/orgs', {
      parentId: city.countyA.id,
      type: 'town_federation',
      name: '越权镇总工会',
    });
    expect(res.statusCode).toBe(403);
    const { agent: admin } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const denied = (await admin.get(`/api/audit?action=access.denied&actorId=${user.id}`)).json();
    expect(denied.items).toHaveLength(1);
    expect(denied.items[0]).toMatchObject({ result: 'denied', details: { permission: 'orgs.create' } });
  });

  it('has no route that edits or deletes audit rows, and the database refuses it too', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'platform_admin', city.root);
    const [first] = (await agent.get('/api/audit?limit=1')).json().items;
    for (const method of ['DELETE', 'PATCH', 'PUT'] as const) {
      expect((await agent.request(method, `/api/audit/${first.id}`, {})).statusCode).toBe(404);
    }
    await expect(w.db.execute(sql`delete from audit_log where id = ${first.id}`)).rejects.toThrow();
    await expect(w.db.execute(sql`update audit_log set action = 'x' where id = ${first.id}`)).rejects.toThrow();
  });
});
