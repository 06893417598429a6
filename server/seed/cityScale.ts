/**
 * City-scale data (`npm run seed -- --members 2400000`): grows the org tree to ~30,000 orgs and the
 * roster to N members, every column as createMember stores it, in one transaction, so a failed load
 * leaves the database as it was. Member k is always the same person (cityScalePeople.ts), so the
 * benchmarks can recompute seeded names and numbers.
 */
import { count, eq, sql } from 'drizzle-orm';
import { ColumnBatch } from '../db/bulk';
import { type Db, queryRows } from '../db/client';
import { chinaDate } from '../lib/dates';
import type { KeyRing } from '../lib/pii';
import { members } from '../modules/members/members.tables';
import { settings } from '../modules/system/system.tables';
import { createIndexes, dropSecondaryIndexes, recountMembers, tableIndexes } from './cityScaleLoad';
import { growOrgTree } from './cityScaleOrgs';
import {
  cardNumber,
  idSpaceSize,
  memberLoadColumns,
  memberRow,
  personAt,
  pinyinCache,
  rosterSpace,
  rosterStatus,
  rosterWithoutMobile,
} from './cityScalePeople';

export interface CityScaleProgress {
  phase: 'orgs' | 'members' | 'indexes' | 'counts' | 'analyze';
  done: number;
  total: number;
  /** The index being built, in the indexes phase. */
  detail?: string;
}

export interface CityScaleOptions {
  /** The roster size to reach (members already there count). */
  members: number;
  /** The org count to reach; default 30,000. */
  orgs?: number;
  /** Seed of the org tree and member placement; default 2024. */
  seed?: number;
  /** Bounds joined and status dates; default today in China. */
  today?: string;
  /** Rows per INSERT; default 5,000. */
  batchSize?: number;
  /** Drop and re-create the members indexes around the load; default when adding 50,000 or more. */
  rebuildIndexes?: boolean;
  /** Sort memory for the index builds; default 512MB. */
  maintenanceWorkMem?: string;
  onProgress?: (p: CityScaleProgress) => void;
}

/** What the settings row `city_scale` records, so a benchmark knows which people were seeded. */
export interface CityScaleRecord {
  seed: number;
  orgsAdded: number;
  membersAdded: number;
  /** Member k of the roster space was seeded for 0 ≤ k < membersAdded. */
  firstCard: number;
  today: string;
}

export const cityScaleKey = 'city_scale';

/** The city-scale record of this database, or null when it holds none. */
export async function cityScaleRecord(db: Db): Promise<CityScaleRecord | null> {
  const [row] = await db.select().from(settings).where(eq(settings.key, cityScaleKey));
  return (row?.value as CityScaleRecord | undefined) ?? null;
}

/** Loads the city-scale data; null when this database already holds it. */
export async function seedCityScale(db: Db, ring: KeyRing, opts: CityScaleOptions) {
  if (process.env.NODE_ENV === 'production') throw new Error('演示数据不能写入生产环境（NODE_ENV=production）');
  if (await cityScaleRecord(db)) return null;
  const seed = opts.seed ?? 2024;
  const today = opts.today ?? chinaDate(new Date());
  const batchSize = opts.batchSize ?? 5000;
  const progress = opts.onProgress ?? (() => {});
  const started = performance.now();
  // Where the time goes: members (generation, encryption and inserts, overlapped), of which waiting for
  // the database; index builds; the recount.
  const timings = { members: 0, waitForDatabase: 0, indexes: 0, counts: 0, analyze: 0 };
  const record = await db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(members);
    const added = Math.max(0, opts.members - Number(existing?.n ?? 0));
    if (added > idSpaceSize(rosterSpace)) throw new Error(`会员数过多：最多可生成 ${idSpaceSize(rosterSpace)} 名`);
    progress({ phase: 'orgs', done: 0, total: opts.orgs ?? 30_000 });
    const { orgsAdded, targets } = await growOrgTree(tx, { targetOrgs: opts.orgs ?? 30_000, members: added, seed });

    // Card numbers come from member_card_seq as createMember's do: one block, then the sequence moves past it.
    let firstCard = 0;
    if (added > 0) {
      const [block] = await queryRows<{ first: string }>(tx, sql`select nextval('member_card_seq')::text as first`);
      firstCard = Number(block?.first);
      await tx.execute(sql`select setval('member_card_seq', ${firstCard + added - 1})`);
    }
    const indexesBefore = await tableIndexes(tx, 'members');
    const rebuild = opts.rebuildIndexes ?? added >= 50_000;
    const dropped = rebuild ? await dropSecondaryIndexes(tx, 'members') : [];

    const pinyinOf = pinyinCache();
    const batch = new ColumnBatch(members, memberLoadColumns);
    // One INSERT in flight while the next batch is generated: on PostgreSQL the server writes while
    // this process encrypts. Errors are kept as values so a failure never becomes an unhandled rejection.
    let pending: Promise<unknown> = Promise.resolve(null);
    const settle = async () => {
      const waitFrom = performance.now();
      const err = await pending;
      timings.waitForDatabase += (performance.now() - waitFrom) / 1000;
      if (err) throw err;
    };
    let k = 0;
    const membersFrom = performance.now();
    progress({ phase: 'members', done: 0, total: added });
    for (const target of targets) {
      for (let i = 0; i < target.members; i++, k++) {
        const person = personAt(k, rosterSpace, today, { withoutMobile: rosterWithoutMobile });
        const cardNo = cardNumber(firstCard + k);
        batch.push(memberRow(ring, pinyinOf, person, target, { cardNo, ...rosterStatus(k, person.joinedDate, today) }));
        if (batch.size >= batchSize) {
          await settle();
          pending = tx.execute(batch.take(tx)).then(
            () => null,
            (err: unknown) => err,
          );
          progress({ phase: 'members', done: k + 1, total: added });
        }
      }
    }
    await settle();
    await batch.flush(tx);
    timings.members = (performance.now() - membersFrom) / 1000;
    progress({ phase: 'members', done: k, total: added });
    if (k !== added) throw new Error(`会员分配有误：计划 ${added} 名，生成 ${k} 名`);
    const indexesFrom = performance.now();

    await createIndexes(tx, dropped, {
      maintenanceWorkMem: opts.maintenanceWorkMem,
      onIndex: (name, i) => progress({ phase: 'indexes', done: i, total: dropped.length, detail: name }),
    });
    timings.indexes = (performance.now() - indexesFrom) / 1000;
    const indexesAfter = await tableIndexes(tx, 'members');
    if (JSON.stringify(indexesAfter) !== JSON.stringify(indexesBefore))
      throw new Error('会员表索引重建后与原定义不一致');

    progress({ phase: 'counts', done: 0, total: 1 });
    const countsFrom = performance.now();
    await recountMembers(tx);
    timings.counts = (performance.now() - countsFrom) / 1000;
    const value: CityScaleRecord = { seed, orgsAdded, membersAdded: added, firstCard, today };
    await tx.insert(settings).values({ key: cityScaleKey, value });
    return value;
  });
  // Fresh statistics and visibility map, as autovacuum would leave them, before anyone queries.
  progress({ phase: 'analyze', done: 0, total: 1 });
  const analyzeFrom = performance.now();
  for (const table of ['members', 'orgs', 'org_member_counts']) {
    await db.execute(sql`vacuum (analyze) ${sql.identifier(table)}`);
  }
  timings.analyze = (performance.now() - analyzeFrom) / 1000;
  return { ...record, seconds: (performance.now() - started) / 1000, timings };
}
