/**
 * Recuperation records as the services leave them, for tests and the demo seed: programmes, batches,
 * quotas, applications and whole past trips.
 */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { chinaDate } from '../lib/dates';
import { members } from '../modules/members/members.tables';
import type { OrgRow } from '../modules/orgs/orgs.tables';
import {
  recupApplications,
  recupBatches,
  recupProgrammes,
  recupQuotas,
} from '../modules/recuperation/recuperation.tables';

/** A date `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export interface ProgrammeSpec {
  year?: number;
  title?: string;
  status?: 'draft' | 'open' | 'closed';
  frontLineOnly?: boolean;
  modelWorkerOnly?: boolean;
  recentYears?: number;
  createdBy?: number;
}

/** A programme of `owner` (direct insert, for tests and the seed). */
export async function makeRecupProgramme(db: DbOrTx, owner: OrgRow, spec: ProgrammeSpec = {}) {
  const now = new Date();
  const [row] = await db
    .insert(recupProgrammes)
    .values({
      orgId: owner.id,
      orgPath: owner.path,
      year: spec.year ?? Number(chinaDate(now).slice(0, 4)),
      title: spec.title ?? `${owner.name}职工疗休养`,
      description: '',
      frontLineOnly: spec.frontLineOnly ?? false,
      modelWorkerOnly: spec.modelWorkerOnly ?? false,
      recentYears: spec.recentYears ?? 0,
      status: spec.status ?? 'open',
      createdBy: spec.createdBy ?? 0,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export interface BatchSpec {
  name?: string;
  startDate?: string;
  endDate?: string;
  signupDeadline?: string;
  destination?: string;
  theme?: string;
  capacity?: number;
  costFen?: number;
}

/** A batch of a programme, by default open for sign-up (deadline in 10 days, trip in 20). */
export async function makeRecupBatch(db: DbOrTx, programme: typeof recupProgrammes.$inferSelect, spec: BatchSpec = {}) {
  const today = chinaDate(new Date());
  const startDate = spec.startDate ?? addDays(today, 20);
  const now = new Date();
  const [row] = await db
    .insert(recupBatches)
    .values({
      programmeId: programme.id,
      orgPath: programme.orgPath,
      name: spec.name ?? '第1期',
      startDate,
      endDate: spec.endDate ?? addDays(startDate, 4),
      signupDeadline: spec.signupDeadline ?? [startDate, addDays(today, 10)].sort()[0] ?? startDate,
      destination: spec.destination ?? '井冈山红色教育基地',
      theme: spec.theme ?? '红色教育',
      capacity: spec.capacity ?? 30,
      costFen: spec.costFen ?? 260_000,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** A quota of `org` in a batch, keeping the batch's quota total (direct insert). */
export async function makeRecupQuota(db: DbOrTx, batchId: number, org: OrgRow, quota: number) {
  await db
    .update(recupBatches)
    .set({ quotaTotal: sql`${recupBatches.quotaTotal} + ${quota}` })
    .where(eq(recupBatches.id, batchId));
  const [row] = await db.insert(recupQuotas).values({ batchId, orgId: org.id, orgPath: org.path, quota }).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/**
 * A trip that took place: a programme of `owner` with one batch starting on `startDate`, and the given
 * members attended (applications and seat counter written as the services leave them).
 */
export async function makeRecupTrip(
  db: DbOrTx,
  owner: OrgRow,
  people: { id: number; orgId: number; orgPath: string }[],
  startDate: string,
) {
  const programme = await makeRecupProgramme(db, owner, {
    year: Number(startDate.slice(0, 4)),
    title: `${startDate.slice(0, 4)}年职工疗休养`,
  });
  const batch = await makeRecupBatch(db, programme, {
    startDate,
    endDate: addDays(startDate, 4),
    signupDeadline: addDays(startDate, -10),
    capacity: Math.max(people.length, 1) + 5,
  });
  const at = new Date(`${startDate}T09:00:00+08:00`);
  if (people.length) {
    await db.insert(recupApplications).values(
      people.map((m) => ({
        programmeId: programme.id,
        batchId: batch.id,
        memberId: m.id,
        orgId: m.orgId,
        orgPath: m.orgPath,
        channel: 'nominated' as const,
        frontLine: true,
        status: 'attended' as const,
        appliedBy: 0,
        appliedByName: '工会',
        appliedAt: at,
        seatAt: at,
        confirmedAt: at,
        attendanceAt: at,
        updatedAt: at,
      })),
    );
    await db
      .update(recupBatches)
      .set({ seatsTaken: people.length, poolTaken: people.length })
      .where(eq(recupBatches.id, batch.id));
  }
  return { programme, batch };
}

/** An application of a member to a batch as the services leave it (accepted: a pool seat taken). */
export async function makeRecupApplication(
  db: DbOrTx,
  batch: typeof recupBatches.$inferSelect,
  member: { id: number; orgId: number; orgPath: string },
  status: 'accepted' | 'confirmed' | 'waitlisted' = 'accepted',
) {
  const now = new Date();
  const [row] = await db
    .insert(recupApplications)
    .values({
      programmeId: batch.programmeId,
      batchId: batch.id,
      memberId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      channel: 'self',
      status,
      appliedBy: 0,
      appliedByName: '本人',
      appliedAt: now,
      seatAt: status === 'waitlisted' ? null : now,
      confirmedAt: status === 'confirmed' ? now : null,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  if (status !== 'waitlisted') {
    await db
      .update(recupBatches)
      .set({ seatsTaken: sql`${recupBatches.seatsTaken} + 1`, poolTaken: sql`${recupBatches.poolTaken} + 1` })
      .where(eq(recupBatches.id, batch.id));
  }
  return row;
}

/** A past trip of `owner` attended by the first member of each of `unions` (members already on the roster). */
export async function tripOfFirstMembers(db: DbOrTx, owner: OrgRow, unions: OrgRow[], startDate: string) {
  const people = [];
  for (const union of unions) {
    const [m] = await db
      .select({ id: members.id, orgId: members.orgId, orgPath: members.orgPath })
      .from(members)
      .where(eq(members.orgId, union.id))
      .orderBy(members.id)
      .limit(1);
    if (m) people.push(m);
  }
  return makeRecupTrip(db, owner, people, startDate);
}
