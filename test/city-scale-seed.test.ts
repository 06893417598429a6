import { count, eq, gt, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../server/db/client';
import { blindIndex, decryptField } from '../server/lib/pii';
import { personNamePinyin, pinyinInitials } from '../server/lib/pinyin';
import { members } from '../server/modules/members/members.tables';
import { orgs } from '../server/modules/orgs/orgs.tables';
import { cityScaleRecord, seedCityScale } from '../server/seed/cityScale';
import { countMismatches, tableIndexes } from '../server/seed/cityScaleLoad';
import { personAt, rosterSpace, rosterWithoutMobile } from '../server/seed/cityScalePeople';
import { isCreditCode } from '../shared/validators/creditCode';
import { maskIdNumber, parseIdNumber } from '../shared/validators/idNumber';
import { maskMobile } from '../shared/validators/mobile';
import { testKeyRing, useTestApp } from './app';
import { buildCity, signInAs } from './factories';

const w = useTestApp();

describe('city-scale seed', () => {
  it('grows a city to 300 more orgs and 2,000 members, every column as createMember stores it', async () => {
    const city = await buildCity(w.db);
    const [before] = await w.db.select({ n: count() }).from(orgs);
    const indexesBefore = await tableIndexes(w.db, 'members');
    const phases = new Set<string>();
    const loaded = await seedCityScale(w.db, testKeyRing, {
      orgs: Number(before?.n) + 300,
      members: 2000,
      batchSize: 300,
      rebuildIndexes: true,
      onProgress: (p) => phases.add(p.phase),
    });
    expect(loaded).toMatchObject({ orgsAdded: 300, membersAdded: 2000 });
    expect([...phases]).toEqual(['orgs', 'members', 'indexes', 'counts', 'analyze']);
    // Dropped and re-created around the load, exactly as the migration defined them.
    expect(await tableIndexes(w.db, 'members')).toEqual(indexesBefore);

    // The tree: towns get enterprise unions, the biggest enterprises get union groups.
    const added = await w.db.select().from(orgs).where(gt(orgs.id, city.unionB.id));
    expect(added).toHaveLength(300);
    const byId = new Map([...Object.values(city), ...added].map((o) => [o.id, o]));
    for (const org of added) {
      const parent = byId.get(org.parentId as number);
      expect(org.path).toBe(`${parent?.path}${org.id}/`);
      expect(org.depth).toBe((parent?.depth ?? 0) + 1);
      expect(org.nameInitials).toBe(pinyinInitials(org.name));
      if (org.type === 'grassroots_enterprise') {
        expect(parent?.type).toBe('town_federation');
        expect(isCreditCode(org.creditCode ?? '')).toBe(true);
        expect(org.areaCode).toBe('320614');
      } else {
        expect(org.type).toBe('union_group');
        expect(parent?.type).toBe('grassroots_enterprise');
      }
    }
    expect(added.filter((o) => o.type === 'union_group')).toHaveLength(30);

    // Every member: a valid, unique ID number stored encrypted, indexed and masked; pinyin filled.
    const rows = await w.db.select().from(members);
    expect(rows).toHaveLength(2000);
    const ids = new Set<string>();
    for (const m of rows) {
      const id = decryptField(testKeyRing, m.idNumberEnc);
      const parsed = parseIdNumber(id);
      expect(parsed.ok && parsed.birthDate === m.birthDate && parsed.gender === m.gender).toBe(true);
      expect(id.slice(0, 4)).toBe('3206');
      expect(m.idNumberIndex).toBe(blindIndex(testKeyRing, 'id_number', id));
      expect(m.idNumberMasked).toBe(maskIdNumber(id));
      ids.add(id);
      if (m.mobileEnc) {
        const mobile = decryptField(testKeyRing, m.mobileEnc);
        expect(m.mobileIndex).toBe(blindIndex(testKeyRing, 'mobile', mobile));
        expect(m.mobileMasked).toBe(maskMobile(mobile));
      }
      const pinyin = personNamePinyin(m.name);
      expect([m.namePinyin, m.nameInitials]).toEqual([pinyin.full, pinyin.initials]);
      expect(m.namePinyin).toMatch(/^[a-z]+$/);
      expect(m.orgPath).toBe(byId.get(m.orgId)?.path);
      expect(m.joinedDate <= (loaded?.today ?? '')).toBe(true);
    }
    expect(ids.size).toBe(2000);
    expect(new Set(rows.map((m) => m.cardNo)).size).toBe(2000);
    const [seq] = await queryRows<{ last: string }>(w.db, sql`select last_value::text as last from member_card_seq`);
    const highest = Math.max(...rows.map((m) => Number(m.cardNo.slice(2))));
    expect(Number(seq?.last)).toBe(highest);
    expect(rows.filter((m) => m.status !== 'active').length).toBeGreaterThan(0);

    // The maintained counts equal count(*), org by org and in the subtree total.
    const [check] = await queryRows<{ wrong: number }>(w.db, countMismatches);
    expect(Number(check?.wrong)).toBe(0);
    const { agent } = await signInAs(w.app, w.db, 'union_admin', city.root);
    const [active] = await w.db.select({ n: count() }).from(members).where(eq(members.status, 'active'));
    expect((await agent.get(`/api/orgs/${city.root.id}/stats`)).json().members).toBe(Number(active?.n));

    // Member k is the same person the benchmark recomputes: found by name, initials, mobile and ID.
    const record = await cityScaleRecord(w.db);
    expect(record?.membersAdded).toBe(2000);
    const person = [7, 8, 9]
      .map((k) => personAt(k, rosterSpace, record?.today ?? '', { withoutMobile: rosterWithoutMobile }))
      .find((p) => p.mobile !== null);
    if (!person?.mobile) throw new Error('no seeded person with a mobile number');
    const names = async (q: string) =>
      (await agent.get(`/api/members?q=${encodeURIComponent(q)}&limit=100`))
        .json()
        .items.map((m: { name: string }) => m.name);
    expect(await names(person.name)).toContain(person.name);
    expect(await names(personNamePinyin(person.name).initials)).toContain(person.name);
    expect(await names(person.mobile)).toEqual([person.name]);
    expect(await names(person.idNumber)).toEqual([person.name]);

    // Loaded once per database.
    expect(await seedCityScale(w.db, testKeyRing, { members: 4000 })).toBeNull();
  });
});
