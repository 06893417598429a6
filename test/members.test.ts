import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../server/db/client';
import { auditLog } from '../server/modules/audit/audit.tables';
import { members } from '../server/modules/members/members.tables';
import { useTestApp } from './app';
import { buildCity, buildMember, signInAs, uniqueIdNumber } from './factories';

const w = useTestApp();

const newMember = (orgId: number, over: Record<string, unknown> = {}) => {
  const idNumber = uniqueIdNumber({ gender: 'male', birthDate: '1985-03-07' });
  return { orgId, name: '张建国', gender: 'male', idNumber, mobile: '13912345678', joinedDate: '2020-05-01', ...over };
};

describe('member roster', () => {
  it('registers a member: ID and mobile encrypted at rest, masked in answers, card number generated', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const body = newMember(city.unionA.id, { workerCategory: 'courier', ethnicity: '回族', education: '大学本科' });
    const res = await agent.post('/api/members', body);
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({
      name: '张建国',
      gender: 'male',
      birthDate: '1985-03-07',
      workerCategory: 'courier',
      status: 'active',
    });
    expect(m.idNumber).toBe(`${body.idNumber.slice(0, 6)}********${body.idNumber.slice(14)}`);
    expect(m.mobile).toBe('139****5678');
    expect(m.cardNo).toMatch(/^GH\d{10}$/);
    const [row] = await w.db.select().from(members).where(eq(members.id, m.id));
    expect(JSON.stringify(row)).not.toContain(body.idNumber);
    expect(JSON.stringify(row)).not.toContain('13912345678');
    expect(row?.idNumberEnc.startsWith('v1.')).toBe(true);
    const stats = (await agent.get(`/api/orgs/${city.countyA.id}/stats`)).json();
    expect(stats.members).toBe(1);
    const history = (await agent.get(`/api/members/${m.id}/history`)).json();
    expect(history.items[0]).toMatchObject({ action: 'members.create' });
  });

  it('checks the ID against what was entered and the age at joining', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const cases: [Record<string, unknown>, string][] = [
      [{ gender: 'female' }, 'members/gender_mismatch'],
      [{ birthDate: '1985-03-08' }, 'members/birth_date_mismatch'],
      [{ joinedDate: '2000-01-01' }, 'members/age_out_of_range'],
      [{ joinedDate: '2099-01-01' }, 'members/joined_in_future'],
    ];
    for (const [over, error] of cases) {
      const res = await agent.post('/api/members', newMember(city.unionA.id, over));
      expect(res.json().error, error).toBe(error);
    }
    const badCheck = await agent.post(
      '/api/members',
      newMember(city.unionA.id, { idNumber: '11010519491231002X'.replace('X', '1') }),
    );
    expect(badCheck.statusCode).toBe(400);
    expect(badCheck.json().details[0].message).toMatch(/校验位/);
    const notAUnion = await agent.post('/api/members', newMember(city.townA.id));
    expect(notAUnion.json().error).toBe('members/invalid_union');
    const inGroup = await agent.post('/api/members', newMember(city.groupA.id));
    expect(inGroup.statusCode).toBe(201);
  });

  it('keeps one person one member city-wide, offering a transfer', async () => {
    const city = await buildCity(w.db);
    const { agent: adminA } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const { agent: adminB } = await signInAs(w.app, w.db, 'union_admin', city.countyB);
    const body = newMember(city.unionA.id);
    const first = await adminA.post('/api/members', body);
    expect(first.statusCode).toBe(201);
    const again = await adminA.post('/api/members', { ...body, name: '张建国' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      error: 'members/duplicate_id_number',
      details: { memberId: first.json().id, transferPossible: true },
    });
    const elsewhere = await adminB.post('/api/members', { ...body, orgId: city.unionB.id });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().details.memberId).toBeNull();
  });

  it('finds members by 1-, 2- and 3-character names, pinyin, initials, mobile and ID number', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_cadre', city.countyA);
    const idNumber = uniqueIdNumber();
    const zjg = await buildMember(w.db, city.unionA, { name: '张建国', idNumber, mobile: '13700001234' });
    await buildMember(w.db, city.unionA, { name: '王建华' });
    await buildMember(w.db, city.unionA, { name: '曾小明' });
    const outside = await buildMember(w.db, city.unionB, { name: '张建国' });
    const find = async (q: string) =>
      (await agent.get(`/api/members?q=${encodeURIComponent(q)}&limit=50`))
        .json()
        .items.map((m: { id: number }) => m.id);
    for (const q of [
      '张',
      '建国',
      '张建国',
      'zjg',
      'zhangjianguo',
      'ZHANGJ',
      '13700001234',
      '137 0000 1234',
      idNumber,
    ]) {
      const ids = await find(q);
      expect(ids, q).toContain(zjg.id);
      expect(ids, q).not.toContain(outside.id);
    }
    expect(await find('建')).toHaveLength(2);
    expect(await find('zxm')).toHaveLength(1);
    expect(await find('zengxiaoming')).toHaveLength(1);
    expect(await find('张华')).toHaveLength(0);
    const searched = await w.db.select().from(auditLog).where(eq(auditLog.action, 'members.search'));
    expect(JSON.stringify(searched)).not.toContain('13700001234');
  });

  it('filters by status, category, gender, age and joined date, with keyset paging in three orders', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_cadre', city.townA);
    await buildMember(w.db, city.unionA, {
      name: '甲',
      idNumber: uniqueIdNumber({ birthDate: '1990-01-01', gender: 'female' }),
      workerCategory: 'food_delivery',
      joinedDate: '2021-03-01',
    });
    await buildMember(w.db, city.unionA, {
      name: '乙',
      idNumber: uniqueIdNumber({ birthDate: '1970-06-01', gender: 'male' }),
      joinedDate: '2015-01-01',
    });
    await buildMember(w.db, city.groupA, {
      name: '丙',
      idNumber: uniqueIdNumber({ birthDate: '2000-06-01', gender: 'male' }),
      status: 'left',
    });
    const q = async (query: string) =>
      (await agent.get(`/api/members?${query}`)).json().items.map((m: { name: string }) => m.name);
    expect(await q('category=food_delivery')).toEqual(['甲']);
    expect(await q('gender=female')).toEqual(['甲']);
    expect(await q('status=left')).toEqual(['丙']);
    expect((await q('ageMin=50')).sort()).toEqual(['乙']);
    expect((await q('ageMax=30')).sort()).toEqual(['丙']);
    expect(await q('joinedFrom=2021-01-01&joinedTo=2021-12-31')).toEqual(['甲']);
    expect(await q(`orgId=${city.groupA.id}`)).toEqual(['丙']);
    expect((await agent.get(`/api/members?orgId=${city.countyB.id}`)).statusCode).toBe(404);
    for (const sort of ['newest', 'name', 'joined']) {
      const all = await q(`sort=${sort}&limit=10`);
      const seen: string[] = [];
      let cursor = '';
      do {
        const page = (await agent.get(`/api/members?sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json();
        seen.push(...page.items.map((m: { name: string }) => m.name));
        cursor = page.nextCursor ?? '';
      } while (cursor);
      expect(seen, sort).toEqual(all);
    }
    expect(await q('sort=joined')).toEqual(['甲', '丙', '乙']);
  });

  it('reveals the full ID number only to holders of members.reveal, and audits every reveal', async () => {
    const city = await buildCity(w.db);
    const idNumber = uniqueIdNumber();
    const m = await buildMember(w.db, city.unionA, { idNumber, mobile: '13600002222' });
    const { agent: cadre } = await signInAs(w.app, w.db, 'union_cadre', city.countyA);
    expect((await cadre.post(`/api/members/${m.id}/reveal`, { field: 'idNumber' })).statusCode).toBe(403);
    const { agent: admin, user } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const shown = await admin.post(`/api/members/${m.id}/reveal`, { field: 'idNumber' });
    expect(shown.json()).toEqual({ field: 'idNumber', value: idNumber });
    expect((await admin.post(`/api/members/${m.id}/reveal`, { field: 'mobile' })).json().value).toBe('13600002222');
    const reveals = await w.db.select().from(auditLog).where(eq(auditLog.action, 'members.reveal'));
    const mine = reveals.filter((r) => r.actorId === user.id);
    expect(mine.map((r) => (r.details as { field: string }).field).sort()).toEqual(['idNumber', 'mobile']);
    expect(JSON.stringify(mine)).not.toContain(idNumber);
    const { agent: other } = await signInAs(w.app, w.db, 'union_admin', city.countyB);
    expect((await other.post(`/api/members/${m.id}/reveal`, { field: 'idNumber' })).statusCode).toBe(404);
  });

  it('edits with a history of before and after, and changes status keeping counts exact', async () => {
    const city = await buildCity(w.db);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.countyA);
    const created = (await agent.post('/api/members', newMember(city.unionA.id))).json();
    const edited = await agent.patch(`/api/members/${created.id}`, {
      position: '挡车工',
      mobile: '13800009999',
      workerCategory: 'migrant',
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ position: '挡车工', mobile: '138****9999', workerCategory: 'migrant' });
    const history = (await agent.get(`/api/members/${created.id}/history`)).json().items;
    expect(history[0].changes).toMatchObject({
      position: { before: null, after: '挡车工' },
      mobile: { before: '139****5678', after: '138****9999' },
    });
    const count = async () => (await agent.get(`/api/orgs/${city.countyA.id}/stats`)).json().members;
    expect(await count()).toBe(1);
    const left = await agent.post(`/api/members/${created.id}/status`, {
      status: 'left',
      date: '2024-01-02',
      reason: '离职',
    });
    expect(left.json()).toMatchObject({ status: 'left', statusDate: '2024-01-02' });
    expect(await count()).toBe(0);
    expect(
      (await agent.post(`/api/members/${created.id}/status`, { status: 'left', date: '2024-01-03' })).json().error,
    ).toBe('members/same_status');
    await agent.post(`/api/members/${created.id}/status`, { status: 'active', date: '2024-02-01' });
    expect(await count()).toBe(1);
    const [row] = await queryRows<{ n: number }>(
      w.db,
      sql`select count(*)::int as n from members where org_path like ${`${city.countyA.path}%`} and status = 'active'`,
    );
    expect(row?.n).toBe(1);
  });
});
