import { eq, like, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../server/db/client';
import { historicalPathColumns, orgPathColumns } from '../server/db/org-owned';
import { accounts, grants } from '../server/modules/accounts/accounts.tables';
import { auditLog } from '../server/modules/audit/audit.tables';
import { departments, orgs } from '../server/modules/orgs/orgs.tables';
import { makeOrg } from '../server/seed/factories';
import { useTestApp } from './app';
import { buildCity, buildUser, creditCode, signInAs, uid } from './factories';

const w = useTestApp();

describe('organization tree', () => {
  it('creates an org with a materialized path, departments for federations, and an audit row', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.root);
    const code = creditCode('320614');
    const res = await agent.post('/api/orgs', {
      parentId: city.countyA.id,
      type: 'grassroots_enterprise',
      name: `  海门恒瑞纺织有限公司工会${uid()} `,
      creditCode: code.toLowerCase(),
      contactPhone: '+86 139 1234 5678',
      termStart: '2024-01-01',
      termEnd: '2028-12-31',
    });
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org.path).toBe(`${city.countyA.path}${org.id}/`);
    expect(org.depth).toBe(city.countyA.depth + 1);
    expect(org.name.startsWith('海门')).toBe(true);
    expect(org.creditCode).toBe(code);
    expect(org.contactPhone).toBe('13912345678');
    const [audit] = await w.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(org.id)));
    expect(audit).toMatchObject({
      action: 'orgs.create',
      targetType: 'org',
      result: 'success',
      orgPath: org.path,
    });
    expect(audit?.grantId).toBe(agent.me.grants[0]?.id);

    const fed = await agent.post('/api/orgs', {
      parentId: city.root.id,
      type: 'county_federation',
      name: `丙区总工会${uid()}`,
    });
    expect(fed.statusCode).toBe(201);
    const deps = await agent.get(`/api/orgs/${fed.json().id}/departments`);
    expect(deps.json().items.map((d: { name: string }) => d.name)).toContain('女职工部');
  });

  it('validates the credit code check character, parent type, term order and duplicates', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.root);
    const code = creditCode();
    const badCheck = code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');
    const bad = await agent.post('/api/orgs', {
      parentId: city.countyA.id,
      type: 'grassroots_enterprise',
      name: '校验位错误工会',
      creditCode: badCheck,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0]).toMatchObject({ field: 'creditCode' });
    expect(bad.json().details[0].message).toMatch(/校验位/);
    const wrongParent = await agent.post('/api/orgs', {
      parentId: city.unionA.id,
      type: 'county_federation',
      name: '错误上级总工会',
    });
    expect(wrongParent.statusCode).toBe(400);
    expect(wrongParent.json().error).toBe('orgs/invalid_parent_type');
    const term = await agent.post('/api/orgs', {
      parentId: city.countyA.id,
      type: 'grassroots_enterprise',
      name: '任期颠倒工会',
      termStart: '2025-01-01',
      termEnd: '2024-01-01',
    });
    expect(term.statusCode).toBe(400);
    expect(term.json().message).toMatch(/任期结束日期/);
    const first = await agent.post('/api/orgs', {
      parentId: city.countyA.id,
      type: 'grassroots_enterprise',
      name: '重名工会',
      creditCode: code,
    });
    expect(first.statusCode).toBe(201);
    const sameName = await agent.post('/api/orgs', {
      parentId: city.countyA.id,
      type: 'grassroots_enterprise',
      name: '重名工会',
    });
    expect(sameName.statusCode).toBe(409);
    expect(sameName.json().error).toBe('orgs/duplicate_name');
    const sameCode = await agent.post('/api/orgs', {
      parentId: city.countyB.id,
      type: 'grassroots_enterprise',
      name: '另一个工会',
      creditCode: code,
    });
    expect(sameCode.statusCode).toBe(409);
    expect(sameCode.json().error).toBe('orgs/duplicate_credit_code');
  });

  it('pages 5,000 children with keyset cursors, in pinyin order, with a total', async () => {
    const city = await buildCity(w.db);
    const parent = await makeOrg(w.db, city.countyA, {
      name: `大园区总工会${uid()}`,
      type: 'town_federation',
    });
    const { agent } = await signInAs(w.app, w.db, 'union_cadre', city.countyA);
    const values = Array.from({ length: 5000 }, (_, i) => {
      const id = 10_000_000 + Number(parent.id) * 10_000 + i;
      return {
        id,
        parentId: parent.id,
        path: `${parent.path}${id}/`,
        depth: parent.depth + 1,
        name: `企业${String(i).padStart(4, '0')}工会`,
        nameInitials: `qy${String(i).padStart(4, '0')}gh`,
        type: 'grassroots_enterprise' as const,
      };
    });
    for (let i = 0; i < values.length; i += 1000) await w.db.insert(orgs).values(values.slice(i, i + 1000));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await agent.get(`/api/orgs/${parent.id}/children?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.total).toBe(5000);
      seen.push(...body.items.map((o: { name: string }) => o.name));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(25);
    expect(seen).toHaveLength(5000);
    expect(new Set(seen).size).toBe(5000);
    expect(seen[0]).toBe('企业0000工会');
    expect(seen[4999]).toBe('企业4999工会');
    const filtered = await agent.get(`/api/orgs/${parent.id}/children?q=${encodeURIComponent('企业012')}`);
    expect(filtered.json().total).toBe(10);
    const badCursor = await agent.get(`/api/orgs/${parent.id}/children?cursor=garbage`);
    expect(badCursor.statusCode).toBe(400);
  });

  it('searches by name and by pinyin initials within the caller’s subtree, with breadcrumbs', async () => {
    const city = await buildCity(w.db);
    const s = uid();
    await makeOrg(w.db, city.townA, { name: `叠石桥家纺${s}有限公司工会`, type: 'grassroots_enterprise' });
    await makeOrg(w.db, city.countyB, { name: `叠石桥家纺${s}分公司工会`, type: 'grassroots_enterprise' });
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const byName = await agent.get(`/api/orgs/search?q=${encodeURIComponent(`家纺${s}`)}`);
    expect(byName.statusCode).toBe(200);
    expect(byName.json().items).toHaveLength(1);
    expect(byName.json().total).toBe(1);
    const hit = byName.json().items[0];
    expect(hit.breadcrumbs.map((b: { id: number }) => b.id)).toEqual([city.countyA.id, city.townA.id, hit.id]);
    const byInitials = await agent.get('/api/orgs/search?q=DSQJF');
    const names = byInitials.json().items.map((o: { name: string }) => o.name);
    expect(names).toContain(`叠石桥家纺${s}有限公司工会`);
    expect(names).not.toContain(`叠石桥家纺${s}分公司工会`);
    const oneChar = await agent.get(`/api/orgs/search?q=${encodeURIComponent('纺')}&under=${city.townA.id}`);
    expect(oneChar.json().items.length).toBeGreaterThanOrEqual(2);
  });

  it('answers 404 for an org in another subtree, exactly like a missing one', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const other = await agent.get(`/api/orgs/${city.countyB.id}`);
    const missing = await agent.get('/api/orgs/2147483000');
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual(missing.json());
    expect((await agent.get(`/api/orgs/${city.root.id}/children`)).statusCode).toBe(404);
    const detail = await agent.get(`/api/orgs/${city.unionA.id}`);
    expect(detail.json().breadcrumbs.map((b: { id: number }) => b.id)).toEqual([
      city.countyA.id,
      city.townA.id,
      city.unionA.id,
    ]);
    const roots = await agent.get('/api/orgs/roots');
    expect(roots.json().items.map((o: { id: number }) => o.id)).toEqual([city.countyA.id]);
    expect(roots.json().items[0].childCount).toBe(1);
    const children = (await agent.get(`/api/orgs/${city.townA.id}/children`)).json();
    expect(children.items.map((o: { id: number; childCount: number }) => [o.id, o.childCount])).toEqual([
      [city.unionA.id, 1],
    ]);
    expect((await agent.get(`/api/orgs/${city.groupA.id}`)).json().childCount).toBe(0);
  });

  it('leaves moving or dissolving the top org of one’s own scope to the level above', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.townA);
    const moved = await agent.post(`/api/orgs/${city.townA.id}/move`, { newParentId: city.townA.id });
    expect(moved.statusCode).toBe(403);
    expect(moved.json().error).toBe('orgs/own_scope_top');
    const dissolved = await agent.post(`/api/orgs/${city.groupA.id}/dissolve`, { reason: '车间撤并' });
    expect(dissolved.statusCode).toBe(200);
    const own = await agent.post(`/api/orgs/${city.townA.id}/dissolve`, { reason: '撤销本级' });
    expect(own.json().error).toBe('orgs/own_scope_top');
  });

  it('counts the subtree by type', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_cadre', city.root);
    await buildUser(w.db, 'member', city.unionA);
    const stats = (await agent.get(`/api/orgs/${city.countyA.id}/stats`)).json();
    expect(stats).toMatchObject({ orgs: 4, grassroots: 1, children: 1 });
    expect(stats.byType).toEqual({
      county_federation: 1,
      town_federation: 1,
      grassroots_enterprise: 1,
      union_group: 1,
    });
    expect(stats.accounts).toBe(1);
  });

  it('moves an org with its subtree in one transaction, rewriting every org-owned path', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.root);
    const member = await buildUser(w.db, 'member', city.groupA);
    const res = await agent.post(`/api/orgs/${city.townA.id}/move`, { newParentId: city.countyB.id });
    expect(res.statusCode).toBe(200);
    const newPath = `${city.countyB.path}${city.townA.id}/`;
    expect(res.json().path).toBe(newPath);
    const [group] = await w.db.select().from(orgs).where(eq(orgs.id, city.groupA.id));
    expect(group?.path).toBe(`${newPath}${city.unionA.id}/${city.groupA.id}/`);
    expect(group?.depth).toBe(city.groupA.depth);
    const [account] = await w.db.select().from(accounts).where(eq(accounts.id, member.id));
    expect(account?.orgPath).toBe(group?.path);
    const [grant] = await w.db.select().from(grants).where(eq(grants.accountId, member.id));
    expect(grant?.orgPath).toBe(group?.path);
    expect(
      await w.db
        .select()
        .from(orgs)
        .where(like(orgs.path, `${city.countyA.path}%`)),
    ).toHaveLength(1);
    const [audit] = await w.db.select().from(auditLog).where(eq(auditLog.action, 'orgs.move')).orderBy(auditLog.id);
    expect(audit).toBeTruthy();

    const intoItself = await agent.post(`/api/orgs/${city.townA.id}/move`, { newParentId: city.unionA.id });
    expect(intoItself.json().error).toBe('orgs/move_into_own_subtree');
    const root = await agent.post(`/api/orgs/${city.root.id}/move`, { newParentId: city.countyA.id });
    expect(root.statusCode).toBe(400);
  });

  it('knows every column of the schema that holds an org path, so a move misses none', async () => {
    const columns = await queryRows<{ table_name: string; column_name: string }>(
      w.db,
      sql`select table_name, column_name from information_schema.columns
          where table_schema = current_schema() and (column_name = 'path' or column_name like '%\_path' escape '\')`,
    );
    const listed = [...orgPathColumns, ...historicalPathColumns].map((c) => `${c.table}.${c.column}`).sort();
    expect(columns.map((c) => `${c.table_name}.${c.column_name}`).sort()).toEqual(listed);
  });

  it('lets a county admin move only within the county', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const res = await agent.post(`/api/orgs/${city.unionA.id}/move`, { newParentId: city.countyB.id });
    expect(res.statusCode).toBe(404);
    const ok = await agent.post(`/api/orgs/${city.unionA.id}/move`, { newParentId: city.countyA.id });
    expect(ok.statusCode).toBe(200);
  });

  it('edits fields with before/after in the audit log, and dissolves or merges', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.root);
    const edit = await agent.patch(`/api/orgs/${city.unionA.id}`, {
      shortName: '纺织工会',
      address: '海门区常乐镇 1 号',
    });
    expect(edit.statusCode).toBe(200);
    const [audit] = await w.db.select().from(auditLog).where(eq(auditLog.action, 'orgs.update')).orderBy(auditLog.id);
    expect(audit?.details).toBeTruthy();
    const blocked = await agent.post(`/api/orgs/${city.unionA.id}/dissolve`, { reason: '企业关闭' });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error).toBe('orgs/has_active_children');
    expect((await agent.post(`/api/orgs/${city.groupA.id}/dissolve`, { reason: '车间撤并' })).statusCode).toBe(200);
    const merged = await agent.post(`/api/orgs/${city.unionA.id}/dissolve`, {
      reason: '企业合并',
      mergedIntoId: city.unionB.id,
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({
      status: 'merged',
      mergedIntoId: city.unionB.id,
      statusReason: '企业合并',
    });
    const again = await agent.post(`/api/orgs/${city.unionA.id}/dissolve`, { reason: '再次' });
    expect(again.json().error).toBe('orgs/not_active');
    const edited = await agent.patch(`/api/orgs/${city.unionA.id}`, { name: '不能改名' });
    expect(edited.statusCode).toBe(409);
  });

  it('adds departments to federations only', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.root);
    const res = await agent.post(`/api/orgs/${city.root.id}/departments`, { name: '网络工作部' });
    expect(res.statusCode).toBe(201);
    expect((await agent.post(`/api/orgs/${city.root.id}/departments`, { name: '网络工作部' })).statusCode).toBe(409);
    expect((await agent.post(`/api/orgs/${city.unionA.id}/departments`, { name: '办公室' })).statusCode).toBe(400);
    const rows = await w.db.select().from(departments).where(eq(departments.orgId, city.root.id));
    expect(rows.map((d) => d.name)).toContain('网络工作部');
  });
});
