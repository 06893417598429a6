import { describe, expect, it } from 'vitest';
import { useTestApp } from './app';
import { buildCity, buildMember, signInAs, uniqueIdNumber } from './factories';

const w = useTestApp();

type Bucket = { code: string; count: number; filter: Record<string, string | number> };

describe('member statistics', () => {
  it('counts a subtree by child, category, gender, age band and month; each figure opens its records', async () => {
    const city = await buildCity(w.db);
    const thisMonth = new Date(w.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 7);
    await buildMember(w.db, city.unionA, {
      idNumber: uniqueIdNumber({ gender: 'female', birthDate: '1995-05-05' }),
      workerCategory: 'courier',
      joinedDate: `${thisMonth}-01`,
    });
    await buildMember(w.db, city.unionA, {
      idNumber: uniqueIdNumber({ gender: 'male', birthDate: '1965-05-05' }),
      workerCategory: 'regular',
    });
    await buildMember(w.db, city.groupA, {
      idNumber: uniqueIdNumber({ gender: 'male', birthDate: '1988-05-05' }),
      workerCategory: 'courier',
    });
    await buildMember(w.db, city.groupA, {
      idNumber: uniqueIdNumber({ gender: 'male', birthDate: '1988-06-05' }),
      status: 'left',
    });
    await buildMember(w.db, city.unionB, { idNumber: uniqueIdNumber({ gender: 'female', birthDate: '1990-01-01' }) });
    const { agent } = await signInAs(w.app, w.db, 'union_cadre', city.root);

    const stats = (await agent.get(`/api/members/stats?orgId=${city.root.id}`)).json();
    expect(stats.total).toBe(4);
    expect(stats.children.map((c: { org: { id: number }; total: number }) => [c.org.id, c.total])).toEqual([
      [city.countyA.id, 3],
      [city.countyB.id, 1],
    ]);
    const byCode = (list: Bucket[]) => Object.fromEntries(list.map((b) => [b.code, b.count]));
    expect(byCode(stats.byCategory)).toMatchObject({ courier: 2, regular: 2, migrant: 0 });
    expect(byCode(stats.byGender)).toEqual({ male: 2, female: 2 });
    expect(byCode(stats.byAgeBand)).toMatchObject({ '55_plus': 1 });
    expect(stats.growth).toHaveLength(24);
    expect(stats.growth.at(-1)).toMatchObject({ code: thisMonth, count: 1 });

    for (const b of [...stats.byCategory, ...stats.byGender, ...stats.byAgeBand, stats.growth.at(-1)] as Bucket[]) {
      const query = new URLSearchParams(Object.entries(b.filter).map(([k, v]) => [k, String(v)]));
      const listed = (await agent.get(`/api/members?${query}&limit=200`)).json().items;
      expect(listed.length, `${b.code}`).toBe(b.count);
    }
    const mine = (await agent.get('/api/members/stats')).json();
    expect(mine.org.id).toBe(city.root.id);
    const { agent: countyB } = await signInAs(w.app, w.db, 'union_cadre', city.countyB);
    expect((await countyB.get(`/api/members/stats?orgId=${city.countyA.id}`)).statusCode).toBe(404);
  });
});
