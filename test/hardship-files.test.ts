import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../server/lib/dates';
import { decryptField } from '../server/lib/pii';
import { auditLog } from '../server/modules/audit/audit.tables';
import { hardshipConsents, hardshipFiles, hardshipHistory } from '../server/modules/hardship/hardship.tables';
import { testKeyRing, useTestApp } from './app';
import { type Agent, buildCity, buildMember, buildUser, type City, signIn, signInAs } from './factories';

const w = useTestApp();
const today = () => chinaDate(new Date());
const daysAgo = (n: number) => chinaDate(new Date(Date.now() - n * 86_400_000));

let city: City;
let admin: Agent; // union_admin at county A: welfare.read/manage/sensitive
let cadre: Agent; // union_cadre at county A: welfare.read/manage, not sensitive

beforeAll(async () => {
  city = await buildCity(w.db);
  admin = (await signInAs(w.app, w.db, 'union_admin', city.countyA)).agent;
  cadre = (await signInAs(w.app, w.db, 'union_cadre', city.countyA)).agent;
});

const household = [
  {
    relation: 'self',
    name: '张建国',
    age: 45,
    employment: '企业职工',
    health: 'chronic',
    healthNote: '糖尿病',
    incomeFen: 250_000,
  },
  {
    relation: 'spouse',
    name: '刘秀英',
    age: 43,
    employment: '无业',
    health: 'serious',
    healthNote: '乳腺癌',
    incomeFen: 0,
  },
  { relation: 'child', name: '张子涵', age: 14, employment: '在校学生', health: 'healthy', incomeFen: 0 },
];
const body = (memberId: number, extra: Record<string, unknown> = {}) => ({
  memberId,
  filedOn: daysAgo(30),
  level: 'deep',
  causes: ['illness', 'schooling'],
  household,
  householdSize: 3,
  address: '海门区三星镇叠石桥路 12 号',
  phone: '13962811201',
  consent: { method: 'written', consentedOn: daysAgo(31) },
  ...extra,
});

async function auditRows(action: string, targetId: number) {
  return w.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action as 'hardship.view'), eq(auditLog.targetId, String(targetId))));
}

describe('filing a hardship file', () => {
  it('saves the household with consent, computes per-capita income exactly, encrypts the phone, records history', async () => {
    const member = await buildMember(w.db, city.unionA, { name: '张建国' });
    const res = await admin.post('/api/hardship/files', body(member.id));
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({
      member: { id: member.id, name: '张建国' },
      org: { id: city.unionA.id },
      level: 'deep',
      status: 'active',
      householdSize: 3,
      phone: '139****1201',
      sensitiveHidden: false,
      hasSensitive: true,
      householdIncomeFen: 250_000,
      // 250,000 / 3 = 83,333.33… → 83,333 fen (half up)
      perCapitaIncomeFen: 83_333,
    });
    expect(file.nextReviewOn > today()).toBe(true);
    expect(file.household[1]).toMatchObject({ relation: 'spouse', health: 'serious', incomeFen: 0 });
    expect(file.consents).toHaveLength(1);
    const [row] = await w.db.select().from(hardshipFiles).where(eq(hardshipFiles.id, file.id));
    expect(row?.phoneEnc).not.toContain('13962811201');
    expect(decryptField(testKeyRing, row?.phoneEnc ?? '')).toBe('13962811201');
    const history = await w.db.select().from(hardshipHistory).where(eq(hardshipHistory.fileId, file.id));
    expect(history.map((h) => h.action)).toEqual(['hardship.create']);
    // The audit log keeps the change without health and income.
    const [created] = await auditRows('hardship.create', file.id);
    expect(JSON.stringify(created?.details)).not.toContain('乳腺癌');
    expect(JSON.stringify(created?.details)).not.toContain('250000');
    expect(created?.details).toMatchObject({ sensitive: true });
  });

  it('rounds the per-capita income half up to the fen', async () => {
    const member = await buildMember(w.db, city.unionA);
    const two = [
      { relation: 'self', name: '王强', age: 40, health: 'healthy', incomeFen: 100_001 },
      { relation: 'spouse', name: '李娟', age: 40, health: 'healthy', incomeFen: 0 },
    ];
    const res = await admin.post('/api/hardship/files', body(member.id, { household: two, householdSize: 2 }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ householdIncomeFen: 100_001, perCapitaIncomeFen: 50_001 });
  });

  it('refuses health or income without a consent and writes nothing', async () => {
    const member = await buildMember(w.db, city.unionA);
    const { consent: _c, ...noConsent } = body(member.id);
    const res = await cadre.post('/api/hardship/files', noConsent);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('hardship/consent_required');
    expect(await w.db.select().from(hardshipFiles).where(eq(hardshipFiles.memberId, member.id))).toHaveLength(0);

    // Without health and income the file may be opened; adding them later needs a consent too.
    const plain = household.map(({ health: _h, healthNote: _n, incomeFen: _i, ...rest }) => rest);
    const opened = await cadre.post('/api/hardship/files', { ...noConsent, household: plain });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json().id as number;
    expect(opened.json()).toMatchObject({ hasSensitive: false, sensitiveHidden: true });
    const keys = (opened.json().household as { key: string }[]).map((m) => m.key);
    const withIncome = plain.map((m, i) => ({ ...m, key: keys[i], incomeFen: 100_000 }));
    const refused = await cadre.patch(`/api/hardship/files/${id}`, { household: withIncome, address: '新地址 1 号' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toBe('hardship/consent_required');
    const [unchanged] = await w.db.select().from(hardshipFiles).where(eq(hardshipFiles.id, id));
    expect(unchanged?.address).toBe('海门区三星镇叠石桥路 12 号');
    expect(unchanged?.householdIncomeFen).toBeNull();

    const ok = await cadre.patch(`/api/hardship/files/${id}`, {
      household: withIncome,
      consent: { method: 'online', consentedOn: today() },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const [after] = await w.db.select().from(hardshipFiles).where(eq(hardshipFiles.id, id));
    expect(after).toMatchObject({ householdIncomeFen: 300_000, perCapitaIncomeFen: 100_000 });
    expect(await w.db.select().from(hardshipConsents).where(eq(hardshipConsents.fileId, id))).toHaveLength(1);
  });

  it('hides health and income from callers without welfare.sensitive, keeps them on their edits, audits each view', async () => {
    const member = await buildMember(w.db, city.unionA);
    const created = await admin.post('/api/hardship/files', body(member.id));
    const id = created.json().id as number;

    const hidden = await cadre.get(`/api/hardship/files/${id}`);
    expect(hidden.statusCode).toBe(200);
    const view = hidden.json();
    expect(view).toMatchObject({ sensitiveHidden: true, hasSensitive: true });
    expect(view.perCapitaIncomeFen).toBeUndefined();
    expect(view.householdIncomeFen).toBeUndefined();
    expect(JSON.stringify(view)).not.toContain('乳腺癌');
    expect(JSON.stringify(view.household)).not.toContain('incomeFen');
    expect(JSON.stringify(view.history)).not.toContain('incomeFen');
    expect(await auditRows('hardship.view', id)).toHaveLength(1);

    // The cadre edits the household without seeing health and income: the values on file are kept.
    const edited = view.household.map((m: Record<string, unknown>) => (m.relation === 'child' ? { ...m, age: 15 } : m));
    const saved = await cadre.patch(`/api/hardship/files/${id}`, { household: edited });
    expect(saved.statusCode, saved.body).toBe(200);
    const [row] = await w.db.select().from(hardshipFiles).where(eq(hardshipFiles.id, id));
    expect(row?.household.map((m) => m.incomeFen)).toEqual([250_000, 0, 0]);
    expect(row?.household[1]?.healthNote).toBe('乳腺癌');
    expect(row?.household[2]?.age).toBe(15);

    const before = (await auditRows('hardship.view_sensitive', id)).length;
    const shown = await admin.get(`/api/hardship/files/${id}`);
    expect(shown.json()).toMatchObject({ sensitiveHidden: false, perCapitaIncomeFen: 83_333 });
    expect(shown.json().household[1].healthNote).toBe('乳腺癌');
    expect(await auditRows('hardship.view_sensitive', id)).toHaveLength(before + 1);

    // Lists never carry them, whoever asks.
    const list = await admin.get(`/api/hardship/files?orgId=${city.unionA.id}`);
    expect(list.statusCode).toBe(200);
    expect(JSON.stringify(list.json())).not.toMatch(/incomeFen|health|perCapita/);
  });

  it('answers 404 for a member or file of another subtree, and for a member who is no longer active', async () => {
    const outsider = await buildMember(w.db, city.unionB);
    const res = await admin.post('/api/hardship/files', body(outsider.id));
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe('members/not_found');
    const left = await buildMember(w.db, city.unionA, { status: 'left' });
    expect((await admin.post('/api/hardship/files', body(left.id))).statusCode).toBe(404);

    const { agent: adminB } = await signInAs(w.app, w.db, 'union_admin', city.countyB);
    const theirs = await adminB.post('/api/hardship/files', body(outsider.id));
    expect(theirs.statusCode, theirs.body).toBe(201);
    const id = theirs.json().id as number;
    for (const res of [
      await admin.get(`/api/hardship/files/${id}`),
      await admin.patch(`/api/hardship/files/${id}`, { address: '别处' }),
      await admin.post(`/api/hardship/files/${id}/resolve`, { resolvedOn: today(), reason: 'income' }),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toBe('hardship/not_found');
    }
    const list = await admin.get('/api/hardship/files?limit=200');
    expect(list.json().items.map((f: { id: number }) => f.id)).not.toContain(id);
  });

  it('keeps one active file per member, also when two are filed at once', async () => {
    const member = await buildMember(w.db, city.unionA);
    const agents = await Promise.all(
      [0, 1, 2, 3].map(async () => signIn(w.app, (await buildUser(w.db, 'union_cadre', city.unionA)).username)),
    );
    const { consent: _c, ...plain } = body(member.id, {
      household: [{ relation: 'self', name: '张建国', age: 45 }],
    });
    const results = await Promise.all(agents.map((a) => a.post('/api/hardship/files', plain)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    expect(
      results.filter((r) => r.statusCode === 409).every((r) => r.json().error === 'hardship/duplicate_active'),
    ).toBe(true);
    const files = await w.db.select().from(hardshipFiles).where(eq(hardshipFiles.memberId, member.id));
    expect(files).toHaveLength(1);
  });

  it('refuses bad input with clear errors: negative income, age over 120, impossible or future dates, other without text', async () => {
    const member = await buildMember(w.db, city.unionA);
    const cases: [Record<string, unknown>, string][] = [
      [{ household: [{ ...household[0], incomeFen: -1 }], householdSize: 1 }, 'common/invalid_input'],
      [{ household: [{ ...household[0], incomeFen: 1.5 }], householdSize: 1 }, 'common/invalid_input'],
      [{ household: [{ ...household[0], incomeFen: 10_000_000_001 }], householdSize: 1 }, 'common/invalid_input'],
      [{ household: [{ ...household[0], age: 121 }], householdSize: 1 }, 'common/invalid_input'],
      [{ filedOn: '2025-02-30' }, 'common/invalid_input'],
      [{ filedOn: '2099-01-01' }, 'hardship/invalid_date'],
      [{ consent: { method: 'written', consentedOn: '2099-01-01' } }, 'hardship/invalid_date'],
      [{ causes: [] }, 'common/invalid_input'],
      [{ causes: ['other'] }, 'hardship/cause_other_required'],
      [{ householdSize: 2 }, 'hardship/invalid_household'],
      [{ household: [household[0], household[0]], householdSize: 2 }, 'hardship/invalid_household'],
      [{ level: 'rich' }, 'common/invalid_input'],
      [{ phone: '12345' }, 'common/invalid_input'],
    ];
    for (const [patch, error] of cases) {
      const res = await admin.post('/api/hardship/files', body(member.id, patch));
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().error, JSON.stringify(patch)).toBe(error);
    }
    expect(await w.db.select().from(hardshipFiles).where(eq(hardshipFiles.memberId, member.id))).toHaveLength(0);
  });

  it('lists with filters, name search, keyset paging and totals', async () => {
    const union = city.groupA;
    const ids: number[] = [];
    for (const [i, name] of ['赵一', '钱二', '孙三', '李四', '周五'].entries()) {
      const m = await buildMember(w.db, union, { name });
      const res = await admin.post(
        '/api/hardship/files',
        body(m.id, {
          household: [{ relation: 'self', name, age: 40 }],
          householdSize: 1,
          level: i % 2 ? 'relative' : 'deep',
          causes: i === 4 ? ['disaster'] : ['illness'],
          filedOn: daysAgo(360 - i),
        }),
      );
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    const get = async (q: string) => {
      const res = await admin.get(`/api/hardship/files?orgId=${union.id}&${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        items: { id: number; member: { name: string } }[];
        nextCursor: string | null;
        total: number;
      };
    };
    expect((await get('')).total).toBe(5);
    expect((await get('level=deep')).total).toBe(3);
    expect((await get('cause=disaster')).items.map((f) => f.member.name)).toEqual(['周五']);
    expect((await get('q=孙')).items.map((f) => f.member.name)).toEqual(['孙三']);
    // Filed 356–360 days ago: every review is due within 30 days.
    expect((await get('reviewDue=true')).total).toBe(5);
    const first = await get('limit=2&sort=review');
    expect(first.items.map((f) => f.member.name)).toEqual(['赵一', '钱二']);
    const second = await get(`limit=2&sort=review&cursor=${first.nextCursor}`);
    expect(second.items.map((f) => f.member.name)).toEqual(['孙三', '李四']);
    const third = await get(`limit=2&sort=review&cursor=${second.nextCursor}`);
    expect(third.items.map((f) => f.member.name)).toEqual(['周五']);
    expect(third.nextCursor).toBeNull();
    expect((await admin.get(`/api/hardship/files?orgId=${city.unionB.id}`)).statusCode).toBe(404);
  });

  it('finds active members in scope to file, flagging those already on file', async () => {
    const m = await buildMember(w.db, city.unionA, { name: '欧阳候选' });
    await buildMember(w.db, city.unionB, { name: '欧阳外区' });
    const res = await cadre.get(`/api/hardship/candidates?q=${encodeURIComponent('欧阳')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        id: m.id,
        name: '欧阳候选',
        activeFileId: null,
        org: expect.objectContaining({ id: city.unionA.id }),
      }),
    ]);
    expect(res.json().items[0].idNumber).toContain('*');
  });
});
