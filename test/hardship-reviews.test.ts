import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../server/lib/dates';
import { checkHardshipReviews } from '../server/modules/hardship/hardship.schedule';
import { hardshipFiles, hardshipReviews } from '../server/modules/hardship/hardship.tables';
import { notifications } from '../server/modules/notifications/notifications.tables';
import { useTestApp } from './app';
import { type Agent, buildCity, buildMember, buildUser, type City, signIn, signInAs } from './factories';

const w = useTestApp();
const daysAgo = (n: number) => chinaDate(new Date(Date.now() - n * 86_400_000));
const today = () => daysAgo(0);

let city: City;
let admin: Agent;

beforeAll(async () => {
  city = await buildCity(w.db);
  admin = (await signInAs(w.app, w.db, 'union_admin', city.countyA)).agent;
});

async function fileFor(filedOn: string, org = city.unionA) {
  const member = await buildMember(w.db, org, { joinedDate: '2010-01-01' });
  const res = await admin.post('/api/hardship/files', {
    memberId: member.id,
    filedOn,
    level: 'relative',
    causes: ['unemployment'],
    household: [{ relation: 'self', name: '张建国', age: 50, health: 'healthy', incomeFen: 120_000 }],
    householdSize: 2,
    address: '常乐镇 1 号',
    consent: { method: 'in_person', consentedOn: filedOn },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; nextReviewOn: string };
}

describe('annual review and resolution', () => {
  it('sets the next review a year after filing, then a year after each review; changes the level; resolves', async () => {
    const filedOn = daysAgo(400);
    const file = await fileFor(filedOn);
    const year = Number(filedOn.slice(0, 4)) + 1;
    expect(file.nextReviewOn).toBe(`${year}${filedOn.slice(4)}`);

    const reviewedOn = daysAgo(40);
    const kept = await admin.post(`/api/hardship/files/${file.id}/reviews`, {
      reviewedOn,
      outcome: 'keep',
      comment: '入户核实，情况未变',
    });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().nextReviewOn).toBe(`${Number(reviewedOn.slice(0, 4)) + 1}${reviewedOn.slice(4)}`);
    expect(kept.json().reviews[0]).toMatchObject({ outcome: 'keep', levelBefore: 'relative', levelAfter: 'relative' });

    // A review before the last one, or a level change to the same level, is refused.
    const earlier = await admin.post(`/api/hardship/files/${file.id}/reviews`, {
      reviewedOn: daysAgo(50),
      outcome: 'keep',
      comment: '补录',
    });
    expect(earlier.json().error).toBe('hardship/invalid_date');
    const same = await admin.post(`/api/hardship/files/${file.id}/reviews`, {
      reviewedOn: daysAgo(10),
      outcome: 'change_level',
      level: 'relative',
      comment: '调整',
    });
    expect(same.json().error).toBe('hardship/level_required');

    const changed = await admin.post(`/api/hardship/files/${file.id}/reviews`, {
      reviewedOn: daysAgo(10),
      outcome: 'change_level',
      level: 'deep',
      comment: '配偶病情加重',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ level: 'deep' });

    const noReason = await admin.post(`/api/hardship/files/${file.id}/reviews`, {
      reviewedOn: today(),
      outcome: 'resolve',
      comment: '已就业',
    });
    expect(noReason.json().error).toBe('hardship/reason_required');
    const resolved = await admin.post(`/api/hardship/files/${file.id}/reviews`, {
      reviewedOn: today(),
      outcome: 'resolve',
      reason: 'employment',
      comment: '本人已重新就业',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({
      status: 'resolved',
      resolvedOn: today(),
      resolveReason: 'employment',
      nextReviewOn: null,
      can: { manage: false },
    });
    expect(resolved.json().reviews).toHaveLength(3);
    expect(resolved.json().history.map((h: { action: string }) => h.action)).toEqual([
      'hardship.review',
      'hardship.review',
      'hardship.review',
      'hardship.create',
    ]);

    // Resolved files take no more reviews or edits; a new file may be opened for the member later.
    const again = await admin.post(`/api/hardship/files/${file.id}/reviews`, {
      reviewedOn: today(),
      outcome: 'keep',
      comment: '再次复核',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('hardship/resolved');
    expect((await admin.patch(`/api/hardship/files/${file.id}`, { address: '新址' })).json().error).toBe(
      'hardship/resolved',
    );
  });

  it('resolves with a date and reason; "other" needs text; dates outside filing → today are refused', async () => {
    const file = await fileFor(daysAgo(100));
    const bad = [
      [{ resolvedOn: daysAgo(200), reason: 'income' }, 'hardship/invalid_date'],
      [{ resolvedOn: '2099-01-01', reason: 'income' }, 'hardship/invalid_date'],
      [{ resolvedOn: daysAgo(5), reason: 'other' }, 'hardship/reason_required'],
      [{ resolvedOn: '2025-13-01', reason: 'income' }, 'common/invalid_input'],
    ] as const;
    for (const [payload, error] of bad) {
      const res = await admin.post(`/api/hardship/files/${file.id}/resolve`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error).toBe(error);
    }
    const ok = await admin.post(`/api/hardship/files/${file.id}/resolve`, {
      resolvedOn: daysAgo(5),
      reason: 'other',
      reasonNote: '子女毕业就业',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'resolved', resolveReason: 'other', resolveNote: '子女毕业就业' });
    const [row] = await w.db.select().from(hardshipFiles).where(eq(hardshipFiles.id, file.id));
    expect(row).toMatchObject({ status: 'resolved', nextReviewOn: null });
    expect(await w.db.select().from(hardshipReviews).where(eq(hardshipReviews.fileId, file.id))).toHaveLength(0);
  });

  it('two reviews at once: one wins, the file stays consistent', async () => {
    const file = await fileFor(daysAgo(370));
    const agents = await Promise.all(
      [0, 1, 2].map(async () => signIn(w.app, (await buildUser(w.db, 'union_cadre', city.countyA)).username)),
    );
    const results = await Promise.all(
      agents.map((a) =>
        a.post(`/api/hardship/files/${file.id}/reviews`, {
          reviewedOn: today(),
          outcome: 'resolve',
          reason: 'income',
          comment: '收入提高',
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    expect(await w.db.select().from(hardshipReviews).where(eq(hardshipReviews.fileId, file.id))).toHaveLength(1);
  });
});

describe('review reminders', () => {
  it("tells the union's welfare.manage staff once per file per month while a review is due", async () => {
    const union = city.groupA;
    const staff = await signIn(w.app, (await buildUser(w.db, 'union_cadre', union)).username);
    const due = await fileFor(daysAgo(350), union); // next review in ~15 days
    const overdue = await fileFor(daysAgo(400), union); // overdue by ~35 days
    const later = await fileFor(daysAgo(100), union); // not due for ~265 days

    const inbox = async () =>
      (
        (await staff.get('/api/notifications?limit=100')).json() as {
          items: { kind: string; title: string; link: string }[];
        }
      ).items.filter((n) => n.kind === 'hardship.review_due');
    const mine = () =>
      w.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.kind, 'hardship.review_due'), like(notifications.orgPath, `${union.path}%`)));

    const now = new Date();
    const result = await checkHardshipReviews(w.db, now);
    expect(result.due).toBeGreaterThanOrEqual(2);
    const told = await inbox();
    expect(told.map((n) => n.link).sort()).toEqual([`/hardship?file=${due.id}`, `/hardship?file=${overdue.id}`].sort());
    expect(told.find((n) => n.link.endsWith(String(overdue.id)))?.title).toContain('逾期');
    expect(told.some((n) => n.link.endsWith(String(later.id)))).toBe(false);

    // The same month again: nothing new. Next month: told again, while still due.
    await checkHardshipReviews(w.db, new Date(now.getTime() + 3_600_000));
    expect(await mine()).toHaveLength(2);
    await checkHardshipReviews(w.db, new Date(now.getTime() + 32 * 86_400_000));
    expect((await mine()).length).toBe(4);

    // Reviewed: no longer due, no more reminders.
    await admin.post(`/api/hardship/files/${due.id}/reviews`, {
      reviewedOn: today(),
      outcome: 'keep',
      comment: '维持',
    });
    await admin.post(`/api/hardship/files/${overdue.id}/resolve`, { resolvedOn: today(), reason: 'income' });
    await checkHardshipReviews(w.db, new Date(now.getTime() + 64 * 86_400_000));
    expect((await mine()).length).toBe(4);
  });
});
