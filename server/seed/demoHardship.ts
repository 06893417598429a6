/**
 * Demo hardship files (困难职工档案): about 2,000 active files across the city, about 600 of them in
 * 海门区, a mix of levels and causes, households of 1–5 (larger ones for the insurance story), annual
 * reviews on time, some due now, some resolved this year. Volume goes in with multi-row inserts that
 * hold exactly what the services write (consent before health and income, reviews, history); the demo
 * union's few files are filed, reviewed and resolved through the service functions by `union_admin`.
 * The plan of each file is in demoHardshipPlan.ts.
 */
import { and, eq, ne, type SQL, sql } from 'drizzle-orm';
import { type HardshipLevel, type HealthState, resolveReasons } from '../../shared/schemas/hardship';
import { type DbOrTx, queryRows } from '../db/client';
import { chinaDate, yearsBefore } from '../lib/dates';
import type { KeyRing } from '../lib/pii';
import { addDays, nextYear } from '../modules/hardship/hardship.queries';
import { recordReview, resolveFile } from '../modules/hardship/hardship.reviews';
import { createFile, perCapita } from '../modules/hardship/hardship.service';
import { hardshipConsents, hardshipFiles, hardshipHistory, hardshipReviews } from '../modules/hardship/hardship.tables';
import { members } from '../modules/members/members.tables';
import { orgs } from '../modules/orgs/orgs.tables';
import { scopeFor } from '../plugins/scope';
import { demoActor } from './demoActors';
import { type FileMember, type PlannedFile, planFile } from './demoHardshipPlan';

const noon = (date: string) => new Date(`${date}T12:00:00+08:00`);

import { rng } from './random';

/**
 * Inserts planned files with their consents, reviews and history in a few multi-row statements (ids
 * drawn from the sequences first), exactly as the services would have left them.
 */
export async function insertHardshipFiles(db: DbOrTx, planned: PlannedFile[]) {
  if (planned.length === 0) return [];
  const ids = await queryRows<{ id: number }>(
    db,
    sql`select nextval(pg_get_serial_sequence('hardship_files', 'id'))::int as id from generate_series(1, ${planned.length})`,
  );
  const files: (typeof hardshipFiles.$inferInsert)[] = [];
  const consents: (typeof hardshipConsents.$inferInsert)[] = [];
  const reviews: (typeof hardshipReviews.$inferInsert)[] = [];
  const history: (typeof hardshipHistory.$inferInsert)[] = [];
  planned.forEach((p, i) => {
    const id = Number(ids[i]?.id);
    const m = p.member;
    const actorName = m.contactName ?? '工会经办人';
    const figures = perCapita(p.household, p.householdSize);
    const lastLevel = p.reviews.at(-1)?.levelAfter ?? p.level;
    const lastReview = p.reviews.at(-1)?.reviewedOn ?? p.filedOn;
    const at = { orgPath: m.orgPath, actorId: null, actorName };
    files.push({
      id,
      memberId: m.id,
      orgId: m.orgId,
      orgPath: m.orgPath,
      level: lastLevel,
      causes: p.causes,
      causeOther: p.causeOther,
      household: p.household,
      householdSize: p.householdSize,
      ...figures,
      address: p.address,
      phoneEnc: m.mobileEnc,
      phoneMasked: m.mobileMasked,
      filedOn: p.filedOn,
      status: p.resolved ? 'resolved' : 'active',
      resolvedOn: p.resolved?.on ?? null,
      resolveReason: p.resolved?.reason ?? null,
      resolveNote: p.resolved?.note ?? null,
      nextReviewOn: p.resolved ? null : nextYear(lastReview),
      createdBy: null,
      createdByName: actorName,
      createdAt: noon(p.filedOn),
      updatedAt: noon(p.resolved?.on ?? lastReview),
    });
    if (p.consent) {
      consents.push({
        fileId: id,
        orgPath: m.orgPath,
        method: p.consent.method,
        consentedOn: p.consent.consentedOn,
        recordedBy: null,
        recordedByName: actorName,
        recordedAt: noon(p.filedOn),
      });
    }
    const created: Record<string, { before: unknown; after: unknown }> = {
      level: { before: null, after: p.level },
      causes: { before: null, after: p.causes },
      household: { before: null, after: p.household },
      householdSize: { before: null, after: p.householdSize },
      address: { before: null, after: p.address },
      filedOn: { before: null, after: p.filedOn },
      nextReviewOn: { before: null, after: nextYear(p.filedOn) },
    };
    if (p.causeOther) created.causeOther = { before: null, after: p.causeOther };
    if (figures.perCapitaIncomeFen !== null) {
      created.householdIncomeFen = { before: null, after: figures.householdIncomeFen };
      created.perCapitaIncomeFen = { before: null, after: figures.perCapitaIncomeFen };
    }
    if (m.mobileMasked) created.phone = { before: null, after: m.mobileMasked };
    if (p.consent) created.consentMethod = { before: null, after: p.consent.method };
    history.push({ fileId: id, ...at, at: noon(p.filedOn), action: 'hardship.create', changes: created });
    let level = p.level;
    let due = nextYear(p.filedOn);
    for (const r of p.reviews) {
      const changed = r.levelAfter !== level;
      reviews.push({
        fileId: id,
        orgPath: m.orgPath,
        reviewedOn: r.reviewedOn,
        outcome: changed ? 'change_level' : 'keep',
        levelBefore: level,
        levelAfter: r.levelAfter,
        comment: r.comment,
        reviewerId: null,
        reviewerName: actorName,
        createdAt: noon(r.reviewedOn),
      });
      const next = nextYear(r.reviewedOn);
      history.push({
        fileId: id,
        ...at,
        at: noon(r.reviewedOn),
        action: 'hardship.review',
        changes: {
          reviewedOn: { before: null, after: r.reviewedOn },
          outcome: { before: null, after: changed ? 'change_level' : 'keep' },
          nextReviewOn: { before: due, after: next },
          ...(changed ? { level: { before: level, after: r.levelAfter } } : {}),
          comment: { before: null, after: r.comment },
        },
      });
      level = r.levelAfter;
      due = next;
    }
    if (p.resolved) {
      history.push({
        fileId: id,
        ...at,
        at: noon(p.resolved.on),
        action: 'hardship.resolve',
        changes: {
          status: { before: 'active', after: 'resolved' },
          resolvedOn: { before: null, after: p.resolved.on },
          reason: { before: null, after: resolveReasons[p.resolved.reason] },
          ...(p.resolved.note ? { note: { before: null, after: p.resolved.note } } : {}),
          nextReviewOn: { before: due, after: null },
        },
      });
    }
  });
  const chunks = async <T>(rows: T[], insert: (part: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 1000) await insert(rows.slice(i, i + 1000));
  };
  await chunks(files, (part) => db.insert(hardshipFiles).values(part));
  await chunks(consents, (part) => db.insert(hardshipConsents).values(part));
  await chunks(reviews, (part) => db.insert(hardshipReviews).values(part));
  await chunks(history, (part) => db.insert(hardshipHistory).values(part));
  return ids.map((r) => Number(r.id));
}

/** Members to file: active, joined at least two months ago, picked by a stable hash, with their district. */
async function pickMembers(db: DbOrTx, where: SQL, limit: number, today: string) {
  return queryRows<FileMember>(
    db,
    sql`select m.id::int as id, m.org_id as "orgId", m.org_path as "orgPath", m.name,
               m.birth_date::text as "birthDate", m.joined_date::text as "joinedDate",
               m.mobile_enc as "mobileEnc", m.mobile_masked as "mobileMasked",
               replace(replace(replace(c.name, '总工会', ''), '产业工会', ''), '工会', '') as place,
               u.contact_name as "contactName"
        from members m
        join orgs u on u.id = m.org_id
        join orgs c on c.id = split_part(m.org_path, '/', 3)::int
        where m.status = 'active' and m.joined_date <= ${addDays(today, -60)}::date and ${where}
        order by md5(m.id::text)
        limit ${limit}`,
  );
}

/**
 * A test fixture: files `memberId` (or the first active member of `org` without an active file) with a
 * plain household and a consent, as the service would; resolved on `resolvedOn` when given.
 */
export async function fileFirstMemberOf(
  db: DbOrTx,
  org: { id: number },
  spec: { filedOn: string; level?: HardshipLevel; resolvedOn?: string; memberId?: number },
) {
  const which = spec.memberId ? sql`m.id = ${spec.memberId}` : sql`m.org_id = ${org.id}`;
  const free = sql`not exists (select 1 from hardship_files f where f.member_id = m.id and f.status = 'active')`;
  const [m] = await pickMembers(db, sql`${which} and ${free}`, 1, '9999-12-31');
  if (!m) throw new Error('no member to file');
  const plan = planFile(rng(m.id), { ...m, joinedDate: spec.filedOn }, spec.filedOn, spec.filedOn);
  const [id] = await insertHardshipFiles(db, [
    {
      ...plan,
      level: spec.level ?? 'relative',
      filedOn: spec.filedOn,
      consent: plan.consent ?? { method: 'written', consentedOn: spec.filedOn },
      household: plan.consent ? plan.household : plan.household.map((p) => ({ ...p, incomeFen: 0, health: 'healthy' })),
      reviews: [],
      resolved: spec.resolvedOn ? { on: spec.resolvedOn, reason: 'income', note: null } : null,
    },
  ]);
  return id as number;
}

/**
 * Seeds the demo files: ~680 planned in 海门区 and ~1,600 elsewhere (after resolutions about 600 and
 * 1,400 stay active), then the demo union's stories through the services. Returns counts for the test.
 */
export async function seedDemoHardship(db: DbOrTx, ring: KeyRing, today = chinaDate(new Date())) {
  const r = rng(5005);
  const [haimen] = await db.select().from(orgs).where(eq(orgs.name, '海门区总工会'));
  const [demoUnion] = await db.select().from(orgs).where(eq(orgs.name, '江苏叠石桥家纺有限公司工会'));
  if (!haimen || !demoUnion) throw new Error('demo orgs missing');
  const earliest = addDays(today, -1000);
  const notDemo = sql`m.org_path not like ${`${demoUnion.path}%`}`;
  const inHaimen = await pickMembers(db, sql`m.org_path like ${`${haimen.path}%`} and ${notDemo}`, 680, today);
  // Elsewhere: the other six districts (files are kept by the county federations' welfare staff).
  const counties = await db
    .select({ path: orgs.path })
    .from(orgs)
    .where(and(eq(orgs.type, 'county_federation'), ne(orgs.id, haimen.id)));
  const inCounties = sql.join(
    counties.map((c) => sql`m.org_path like ${`${c.path}%`}`),
    sql` or `,
  );
  const elsewhere = await pickMembers(db, sql`(${inCounties})`, 1600, today);
  const planned = [...inHaimen, ...elsewhere].map((m) => planFile(r, m, today, earliest));
  await insertHardshipFiles(db, planned);

  // The demo union: filed, reviewed and resolved by union_admin through the services on the story's dates.
  const admin = await demoActor(db, ring, 'union_admin');
  const on = (date: string) => ({ ...admin.on(date), scope: scopeFor(admin.actor, 'welfare.manage') });
  const people = await db
    .select({ id: members.id, name: members.name, birthDate: members.birthDate })
    .from(members)
    .where(and(eq(members.orgId, demoUnion.id), eq(members.status, 'active'), ne(members.name, '张建国')))
    .orderBy(members.id)
    .limit(4);
  const consent = (date: string) => ({ method: 'written' as const, consentedOn: date });
  const self = (p: { name: string; birthDate: string }, incomeFen: number, health: HealthState, note?: string) => ({
    relation: 'self' as const,
    name: p.name,
    age: Number(today.slice(0, 4)) - Number(p.birthDate.slice(0, 4)),
    employment: '企业职工',
    health,
    healthNote: note ?? null,
    incomeFen,
  });
  const stories: {
    filedOn: string;
    build: (p: (typeof people)[number], date: string) => Parameters<typeof createFile>[1];
  }[] = [
    {
      // Filed almost a year ago: its annual review falls due in 12 days.
      filedOn: yearsBefore(addDays(today, 12), 1),
      build: (p, date) => ({
        memberId: p.id,
        filedOn: date,
        level: 'deep',
        causes: ['illness'],
        household: [
          self(p, 210_000, 'healthy'),
          {
            relation: 'spouse',
            name: '刘秀英',
            age: 44,
            employment: '无业',
            health: 'serious',
            healthNote: '乳腺癌术后化疗',
            incomeFen: 0,
          },
          {
            relation: 'child',
            name: `${p.name.slice(0, 1)}子涵`,
            age: 15,
            employment: '在校学生',
            health: 'healthy',
            incomeFen: 0,
          },
        ],
        householdSize: 3,
        address: '海门区三星镇叠石桥路 12 号',
        phone: '13962811201',
        consent: consent(date),
      }),
    },
    {
      filedOn: addDays(today, -700),
      build: (p, date) => ({
        memberId: p.id,
        filedOn: date,
        level: 'relative',
        causes: ['schooling', 'unemployment'],
        household: [
          self(p, 260_000, 'chronic', '高血压'),
          { relation: 'spouse', name: '周玲', age: 46, employment: '失业', health: 'healthy', incomeFen: 0 },
          {
            relation: 'child',
            name: `${p.name.slice(0, 1)}浩然`,
            age: 19,
            employment: '大学在读',
            health: 'healthy',
            incomeFen: 0,
          },
          {
            relation: 'child',
            name: `${p.name.slice(0, 1)}欣怡`,
            age: 16,
            employment: '在校学生',
            health: 'healthy',
            incomeFen: 0,
          },
        ],
        householdSize: 4,
        address: '海门区三星镇川流路 56 号',
        phone: '13962811202',
        consent: consent(date),
      }),
    },
    {
      filedOn: addDays(today, -400),
      build: (p, date) => ({
        memberId: p.id,
        filedOn: date,
        level: 'accident',
        causes: ['accident'],
        household: [self(p, 0, 'disabled', '工伤致右手功能障碍')],
        householdSize: 2,
        address: '海门区三星镇绣品路 8 号',
        phone: null,
        consent: { method: 'in_person', consentedOn: date },
      }),
    },
  ];
  const made: number[] = [];
  for (const [i, story] of stories.entries()) {
    const person = people[i];
    if (!person) break;
    made.push(await createFile(on(story.filedOn), story.build(person, story.filedOn)));
  }
  const [, second, third] = made;
  if (second) {
    const reviewedOn = addDays(today, -300);
    await recordReview(on(reviewedOn), second, {
      reviewedOn,
      outcome: 'keep',
      comment: '入户走访核实，长子仍在读大学，配偶未就业，维持相对困难。',
    });
  }
  if (third) {
    const resolvedOn = addDays(today, -20);
    await resolveFile(on(resolvedOn), third, {
      resolvedOn,
      reason: 'employment',
      reasonNote: '调岗至质检岗位，收入恢复',
    });
  }
  return { planned: planned.length, demoUnion: made.length };
}
