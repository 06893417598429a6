/** Metrics of recuperation trips: batches run, and workers who went (attendance recorded). */
import { and, desc, eq, like, type SQL, sql } from 'drizzle-orm';
import { members } from '../modules/members/members.tables';
import { orgs } from '../modules/orgs/orgs.tables';
import { recupApplications, recupBatches, recupProgrammes } from '../modules/recuperation/recuperation.tables';
import type { CatalogMetric } from './catalog';
import { aggregateBySubtree, countWhere, inPeriod, newestFirst, onePath } from './sql';
import type { MetricQuery } from './types';

/** Batches of programmes past draft, starting in the period. */
function batchesWhere(q: MetricQuery): SQL {
  return sql`${inPeriod(recupBatches.startDate, q)} and exists (
    select 1 from ${recupProgrammes} bp where bp.id = ${recupBatches.programmeId} and bp.status <> 'draft')`;
}

/** 疗休养批次: batches (期) that started in the period, by the programme owner's path. */
const batches: CatalogMetric = {
  code: 'recuperation.batches',
  name: '疗休养批次',
  unit: '期',
  description: '统计期间内（按出发日期）组织树内各级工会举办的职工疗休养批次数，按主办工会归入组织树。',
  periodic: true,
  filters: [],
  recordsPermission: 'welfare.read',
  compute: (db, q) =>
    aggregateBySubtree(db, q, recupBatches, recupBatches.orgPath, sql`count(${recupBatches.id})::int`, batchesWhere(q)),
  async records(db, q, page) {
    const where = and(like(recupBatches.orgPath, `${onePath(q)}%`), batchesWhere(q));
    const { items, nextCursor, total } = await newestFirst(
      page,
      recupBatches.id,
      (olderThan, limit) =>
        db
          .select({
            id: recupBatches.id,
            programme: recupProgrammes.title,
            owner: orgs.name,
            name: recupBatches.name,
            startDate: recupBatches.startDate,
            endDate: recupBatches.endDate,
            destination: recupBatches.destination,
            capacity: recupBatches.capacity,
            seatsTaken: recupBatches.seatsTaken,
          })
          .from(recupBatches)
          .innerJoin(recupProgrammes, eq(recupProgrammes.id, recupBatches.programmeId))
          .innerJoin(orgs, eq(orgs.id, recupProgrammes.orgId))
          .where(and(where, olderThan))
          .orderBy(desc(recupBatches.id))
          .limit(limit),
      () => countWhere(db, recupBatches, where),
    );
    return {
      columns: [
        { key: 'programme', title: '项目' },
        { key: 'name', title: '批次' },
        { key: 'owner', title: '主办工会' },
        { key: 'dates', title: '日期' },
        { key: 'destination', title: '目的地' },
        { key: 'seats', title: '录取/名额' },
      ],
      rows: items.map((r) => ({
        id: r.id,
        programme: r.programme,
        name: r.name,
        owner: r.owner,
        dates: `${r.startDate} 至 ${r.endDate}`,
        destination: r.destination,
        seats: `${r.seatsTaken}/${r.capacity}`,
      })),
      nextCursor,
      total,
    };
  },
};

/** Attended applications whose batch started in the period. */
function attendedWhere(q: MetricQuery): SQL {
  return sql`${recupApplications.status} = 'attended' and exists (
    select 1 from ${recupBatches} ab where ab.id = ${recupApplications.batchId} and ${inPeriod(sql`ab.start_date`, q)})`;
}

/** 疗休养人数: 人次 who went on a trip (attendance recorded) by the batch's start date, by the member's union. */
const participants: CatalogMetric = {
  code: 'recuperation.participants',
  name: '疗休养人数',
  unit: '人次',
  description: '统计期间内（按批次出发日期）实际参加职工疗休养的人次（已登记“已参加”），按职工所在工会归入组织树。',
  periodic: true,
  filters: [],
  recordsPermission: 'welfare.read',
  personal: true,
  compute: (db, q) =>
    aggregateBySubtree(
      db,
      q,
      recupApplications,
      recupApplications.orgPath,
      sql`count(${recupApplications.id})::int`,
      attendedWhere(q),
    ),
  async records(db, q, page) {
    const where = and(like(recupApplications.orgPath, `${onePath(q)}%`), attendedWhere(q));
    const { items, nextCursor, total } = await newestFirst(
      page,
      recupApplications.id,
      (olderThan, limit) =>
        db
          .select({
            id: recupApplications.id,
            name: members.name,
            union: orgs.name,
            programme: recupProgrammes.title,
            batch: recupBatches.name,
            startDate: recupBatches.startDate,
            destination: recupBatches.destination,
          })
          .from(recupApplications)
          .innerJoin(members, eq(members.id, recupApplications.memberId))
          .innerJoin(orgs, eq(orgs.id, recupApplications.orgId))
          .innerJoin(recupBatches, eq(recupBatches.id, recupApplications.batchId))
          .innerJoin(recupProgrammes, eq(recupProgrammes.id, recupApplications.programmeId))
          .where(and(where, olderThan))
          .orderBy(desc(recupApplications.id))
          .limit(limit),
      () => countWhere(db, recupApplications, where),
    );
    return {
      columns: [
        { key: 'name', title: '姓名' },
        { key: 'union', title: '所在工会' },
        { key: 'programme', title: '项目' },
        { key: 'batch', title: '批次' },
        { key: 'startDate', title: '出发日期' },
        { key: 'destination', title: '目的地' },
      ],
      rows: items,
      nextCursor,
      total,
    };
  },
};

export const recuperationMetrics: CatalogMetric[] = [batches, participants];
