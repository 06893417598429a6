/**
 * The demo's work plans: seed 000 (the 2018 campaign to the districts) and seed 004 (the 2024 plan
 * of the directly affiliated unions), each pasted into the parser, corrected as a cadre would on the
 * review screen, published, and carried out by several units at their own pace — some done, some
 * late — with photos, reviews, one returned report, a split share and a supervision comment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { type DocumentInput, documentInputFromDraft } from '../../shared/schemas/workplans';
import type { DbOrTx } from '../db/client';
import type { KeyRing } from '../lib/pii';
import { metricByCode } from '../metrics';
import { type OrgRow, orgs } from '../modules/orgs/orgs.tables';
import { demoPassword } from '../modules/system/system.routes';
import { createDocument, publishDocument } from '../modules/workplans/workplans.documents';
import { parseNotice } from '../modules/workplans/workplans.parse';
import { reviewReport, submitReport } from '../modules/workplans/workplans.reports';
import { addComment, splitAllotment } from '../modules/workplans/workplans.supervision';
import { workplanTargets, workplanTasks } from '../modules/workplans/workplans.tables';
import { type DemoActor, demoActor } from './demoActors';
import { demoPhoto } from './demoPhoto';
import { makeAccount } from './factories';
import * as place from './nantong';
import { rng } from './random';

const notice = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'notices', name), 'utf8');
const knownMetric = (code: string) => metricByCode(code) !== undefined;

/** A date `days` after `date` (YYYY-MM-DD). */
function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

interface Unit {
  org: OrgRow;
  /** Who reports for it. */
  reporter: DemoActor;
  /** How far it gets: 1 is exactly its share, below 1 it ends the year behind. */
  pace: number;
}

type TargetOf = {
  id: number;
  taskId: number;
  taskNumber: string;
  startMonth: string | null;
  metric: string;
  unit: string;
  value: number;
};

async function targetsOf(db: DbOrTx, documentId: number): Promise<TargetOf[]> {
  return db
    .select({
      id: workplanTargets.id,
      taskId: workplanTargets.taskId,
      taskNumber: workplanTasks.number,
      startMonth: workplanTasks.startMonth,
      metric: workplanTargets.metric,
      unit: workplanTargets.unit,
      value: workplanTargets.value,
    })
    .from(workplanTargets)
    .innerJoin(workplanTasks, eq(workplanTasks.id, workplanTargets.taskId))
    .where(eq(workplanTargets.documentId, documentId))
    .orderBy(asc(workplanTasks.position), asc(workplanTargets.position));
}

/** A reporting account (工会干部) at each of `units` that has none yet. */
async function staffAt(db: DbOrTx, ring: KeyRing, units: { org: OrgRow; username: string }[], seed: number) {
  const r = rng(seed);
  const actors: DemoActor[] = [];
  for (const { org, username } of units) {
    await makeAccount(db, {
      username,
      displayName: `${r.pick(place.surnames)}${r.pick(place.givenNames)}`,
      password: demoPassword,
      org,
      grants: [{ role: 'union_cadre', org }],
    });
    actors.push(await demoActor(db, ring, username));
  }
  return actors;
}

interface Reporting {
  city: DemoActor;
  documentId: number;
  units: Unit[];
  /** Each unit's share of a target (its allotment, else an even share). */
  shareOf: (target: TargetOf, unit: Unit) => number;
  /** The day the plan starts, for tasks without a start month. */
  from: string;
  /** The last day reports are made (for a task starting later, about seven months after its start). */
  until: string;
  /** Targets some unit reports through its children instead (the split share). */
  skip?: (target: TargetOf, unit: Unit) => boolean;
}

/**
 * Each unit reports each target in one to three instalments up to its pace, with a photo on some; the
 * city accepts them a few days later, returns one, and leaves the last of the slowest unit waiting.
 */
async function reportAtPace(db: DbOrTx, plan: Reporting, seed: number) {
  const r = rng(seed);
  const targets = await targetsOf(db, plan.documentId);
  let photo = 0;
  for (const [u, unit] of plan.units.entries()) {
    for (const target of targets) {
      if (plan.skip?.(target, unit)) continue;
      const total = Math.round(plan.shareOf(target, unit) * unit.pace);
      if (total <= 0) continue;
      const start = plusDays(target.startMonth ? `${target.startMonth}-01` : plan.from, 20);
      const until = start < plan.until ? plan.until : plusDays(start, 210);
      const parts = total >= 6 ? 3 : total >= 2 ? 2 : 1;
      const span = (Date.parse(until) - Date.parse(start)) / 86_400_000;
      let left = total;
      for (let p = 0; p < parts; p++) {
        const value = p === parts - 1 ? left : Math.max(1, Math.floor((total / parts) * (0.8 + 0.4 * r.next())));
        left -= value;
        const reportDate = plusDays(start, Math.floor((span * (p + 0.3 + 0.5 * r.next())) / parts));
        const withPhoto = (u + p) % 3 === 0;
        const files = withPhoto
          ? [{ fileName: `${target.metric.slice(0, 10)}现场照片${++photo}.png`, content: demoPhoto(r.next()) }]
          : [];
        const id = await submitReport(
          unit.reporter.on(reportDate),
          {
            taskId: target.taskId,
            targetId: target.id,
            orgId: unit.org.id,
            value,
            narrative: `${unit.org.name}第${p + 1}批完成“${target.metric}”${value}${target.unit}，${withPhoto ? '现场照片附后' : '有关台账已留存备查'}。`,
            reportDate,
          },
          files,
        );
        const last = u === plan.units.length - 1 && p === parts - 1;
        if (last) continue; // the slowest unit's latest report waits for review
        const returned =
          u === plan.units.length - 2 && p === 0 && target === targets.find((t) => !plan.skip?.(t, unit));
        await reviewReport(
          plan.city.on(plusDays(reportDate, 3)),
          id,
          returned ? 'return' : 'accept',
          returned ? '佐证材料不足：请补充活动签到表和现场照片后重新填报。' : '',
        );
      }
    }
  }
}

/** Seed 000: the 2018 campaign, sent to the 7 districts; 1,000 team leaders split across them. */
async function campaign2018(db: DbOrTx, ring: KeyRing, city: DemoActor, haimenAdmin: DemoActor) {
  const counties = await db.select().from(orgs).where(eq(orgs.type, 'county_federation'));
  const byKey = new Map(place.districts.map((d) => [d.key, counties.find((c) => c.name === d.name) as OrgRow]));
  const leaders: Record<(typeof place.districts)[number]['key'], number> = {
    chongchuan: 180,
    tongzhou: 150,
    haimen: 150,
    rugao: 150,
    qidong: 140,
    haian: 120,
    rudong: 110,
  };
  const input: DocumentInput = documentInputFromDraft(parseNotice(notice('000.txt')));
  // The corrections on the review screen: the activities are carried out by the seven districts (the
  // industry unions take part through them), and the 1,000 team leaders are split as the plan meeting agreed.
  for (const task of input.sections.flatMap((s) => s.tasks)) {
    task.assignment = { mode: 'orgs', orgIds: place.districts.map((d) => (byKey.get(d.key) as OrgRow).id) };
    for (const target of task.targets) {
      if (target.metric.includes('班组长')) {
        target.allotments = Object.entries(leaders).map(([key, value]) => ({
          orgId: (byKey.get(key as keyof typeof leaders) as OrgRow).id,
          value,
        }));
      }
    }
  }
  const issued = input.issuedDate ?? '2018-09-06';
  const id = await createDocument(city.on(issued), input, { knownMetric });
  await publishDocument(city.on(issued), id);

  const paces = { haimen: 1.05, chongchuan: 1, tongzhou: 0.95, rugao: 0.8, haian: 0.65, rudong: 0.5, qidong: 0.4 };
  const others = place.districts.filter((d) => d.key !== 'haimen');
  const staff = await staffAt(
    db,
    ring,
    others.map((d) => ({ org: byKey.get(d.key) as OrgRow, username: `${d.key}_staff` })),
    2018,
  );
  const reporterOf = new Map<string, DemoActor>(others.map((d, i) => [d.key, staff[i] as DemoActor]));
  reporterOf.set('haimen', haimenAdmin);
  const units: Unit[] = Object.entries(paces)
    .sort((a, b) => b[1] - a[1])
    .map(([key, pace]) => ({
      org: byKey.get(key as keyof typeof paces) as OrgRow,
      reporter: reporterOf.get(key) as DemoActor,
      pace,
    }));
  const haimen = byKey.get('haimen') as OrgRow;
  const teamLeaders = (await targetsOf(db, id)).find((t) => t.metric.includes('班组长')) as TargetOf;

  // 海门 hands its 150 team leaders down to three of its towns, which report them (one falls short).
  const towns = await db
    .select()
    .from(orgs)
    .where(and(eq(orgs.parentId, haimen.id), eq(orgs.type, 'town_federation')))
    .orderBy(asc(orgs.id))
    .limit(3);
  const split = [60, 50, 40];
  await splitAllotment(haimenAdmin.on('2018-09-20'), {
    targetId: teamLeaders.id,
    orgId: haimen.id,
    parts: towns.map((t, i) => ({ orgId: t.id, value: split[i] as number })),
  });
  for (const [i, town] of towns.entries()) {
    const value = [62, 52, 36][i] as number;
    const reportDate = `2018-1${i}-2${i}`;
    const report = await submitReport(
      haimenAdmin.on(reportDate),
      {
        taskId: teamLeaders.taskId,
        targetId: teamLeaders.id,
        orgId: town.id,
        value,
        narrative: `${town.name}举办班组长生态文明技能培训班，培训班组长${value}名。`,
        reportDate,
      },
      [{ fileName: `班组长培训班${i + 1}.png`, content: demoPhoto(0.15 * i) }],
    );
    await reviewReport(city.on(plusDays(reportDate, 2)), report, 'accept', '');
  }

  const counties7 = units.length;
  await reportAtPace(
    db,
    {
      city,
      documentId: id,
      units,
      from: issued,
      until: '2018-12-20',
      shareOf: (target) => target.value / counties7,
      skip: (target) => target.id === teamLeaders.id,
    },
    18,
  );
  // The team leaders of the other districts, at their pace against their allotment.
  await reportAtPace(
    db,
    {
      city,
      documentId: id,
      units: units.filter((u) => u.org.id !== haimen.id),
      from: issued,
      until: '2018-12-20',
      shareOf: (_target, unit) => leaders[place.districts.find((d) => d.name === unit.org.name)?.key ?? 'haimen'],
      skip: (target) => target.id !== teamLeaders.id,
    },
    1018,
  );
  const slowest = units.at(-1) as Unit;
  await addComment(city.on('2018-11-20'), teamLeaders.taskId, {
    orgId: slowest.org.id,
    body: `${slowest.org.name}班组长培训进度明显滞后，请制定专项计划，于12月底前完成培训任务并及时填报。`,
  });
  return id;
}

/**
 * Seed 004: the 2024 plan of the directly affiliated unions. The text sets no figures; on review the
 * cadre gives three tasks measurable targets, shared evenly by the industry unions it goes to.
 */
async function plan2024(db: DbOrTx, ring: KeyRing, city: DemoActor) {
  const industry = await db
    .select()
    .from(orgs)
    .where(inArray(orgs.name, [...place.industryUnions]))
    .orderBy(asc(orgs.id));
  const input = documentInputFromDraft(parseNotice(notice('004.txt')));
  input.issuedDate = '2024-02-26';
  const quantified: Record<string, DocumentInput['sections'][number]['tasks'][number]['targets'][number]> = {
    '5': {
      metric: '开展劳动和技能竞赛',
      unit: '场次',
      value: 30,
      dueDate: null,
      metricCode: null,
      milestones: [],
      allotments: [],
    },
    '9': {
      metric: '开展“四季送”服务活动',
      unit: '场次',
      value: 60,
      dueDate: null,
      metricCode: null,
      milestones: [],
      allotments: [],
    },
    '10': {
      metric: '指导基层工会按期换届',
      unit: '家',
      value: 60,
      dueDate: null,
      metricCode: null,
      milestones: [],
      allotments: [],
    },
  };
  for (const task of input.sections.flatMap((s) => s.tasks)) {
    task.assignment = { mode: 'orgs', orgIds: industry.map((o) => o.id) };
    const target = quantified[task.number];
    if (target) task.targets = [target];
  }
  const id = await createDocument(city.on(input.issuedDate), input, { knownMetric });
  await publishDocument(city.on(input.issuedDate), id);

  const reporting = industry.slice(0, 4);
  const staff = await staffAt(
    db,
    ring,
    reporting.map((org, i) => ({ org, username: `industry${i + 1}_staff` })),
    2024,
  );
  const paces = [1.1, 0.9, 0.6, 0.3];
  const units = reporting.map((org, i) => ({ org, reporter: staff[i] as DemoActor, pace: paces[i] as number }));
  await reportAtPace(
    db,
    {
      city,
      documentId: id,
      units,
      from: input.issuedDate,
      until: '2024-11-15',
      shareOf: (target) => target.value / industry.length,
    },
    24,
  );
  // Tasks without figures are reported in words.
  const tasks = await db
    .select()
    .from(workplanTasks)
    .where(eq(workplanTasks.documentId, id))
    .orderBy(asc(workplanTasks.position));
  for (const [i, unit] of units.slice(0, 2).entries()) {
    for (const task of tasks.filter((t) => ['1', '6'].includes(t.number))) {
      const reportDate = `2024-0${5 + i}-1${i}`;
      const report = await submitReport(
        unit.reporter.on(reportDate),
        {
          taskId: task.id,
          orgId: unit.org.id,
          narrative: `${unit.org.name}围绕“${task.title}”组织专题学习和宣传活动，覆盖职工约${300 + 100 * i}人次。`,
          reportDate,
        },
        [],
      );
      await reviewReport(city.on(plusDays(reportDate, 4)), report, 'accept', '');
    }
  }
  return id;
}

/** Both demo documents; the district and industry staff accounts they need are created here. */
export async function seedDemoWorkplans(db: DbOrTx, ring: KeyRing) {
  const city = await demoActor(db, ring, 'city_admin');
  const haimenAdmin = await demoActor(db, ring, 'haimen_admin');
  const campaign = await campaign2018(db, ring, city, haimenAdmin);
  const plan = await plan2024(db, ring, city);
  return { documents: [campaign, plan] };
}
