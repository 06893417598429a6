import { and, count, eq, gte, like, sql } from 'drizzle-orm';
import { ageBands, genders, workerCategories } from '../../../shared/memberEnums';
import type { Scope } from '../../context';
import type { DbOrTx } from '../../db/client';
import { yearsBefore } from '../../lib/dates';
import { AppError } from '../../plugins/errors';
import { getOrgInScope, scopeRoots } from '../orgs/orgs.queries';
import { orgs } from '../orgs/orgs.tables';
import { subtreeMemberTotal } from './members.queries';
import { members, orgMemberCounts } from './members.tables';

/** The month `n` months before the month of `today`, as YYYY-MM. */
function monthBefore(today: string, n: number): string {
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The last day of a YYYY-MM month. */
function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * Roster statistics of a subtree, live from records: totals by child org (maintained counts), by worker
 * category, gender, age band and joining month (active members). Each figure carries the roster filter
 * that lists the members behind it.
 */
export async function memberStats(db: DbOrTx, scope: Scope, orgId: number | undefined, today: string) {
  const org = orgId ? await getOrgInScope(db, scope, orgId) : (await scopeRoots(db, scope))[0];
  if (!org) throw new AppError('orgs/not_found');
  const active = and(like(members.orgPath, `${org.path}%`), eq(members.status, 'active'));
  const base = { orgId: org.id, status: 'active' };

  const childTotal = sql<string>`coalesce(sum(${orgMemberCounts.active}), 0)`;
  const children = await db
    .select({ org: { id: orgs.id, name: orgs.name, type: orgs.type }, total: childTotal })
    .from(orgs)
    .leftJoin(orgMemberCounts, like(orgMemberCounts.orgPath, sql`${orgs.path} || '%'`))
    .where(and(eq(orgs.parentId, org.id), eq(orgs.status, 'active')))
    .groupBy(orgs.id, orgs.name, orgs.type)
    .orderBy(sql`${childTotal} desc`, orgs.id);

  const grouped = async (column: typeof members.workerCategory | typeof members.gender) =>
    new Map(
      (await db.select({ code: column, n: count() }).from(members).where(active).groupBy(column)).map((r) => [
        String(r.code),
        Number(r.n),
      ]),
    );
  const [categories, sexes] = await Promise.all([grouped(members.workerCategory), grouped(members.gender)]);

  const ageRows = await db
    .select(
      Object.fromEntries(
        ageBands.map((b) => [
          b.code,
          sql<string>`count(*) filter (where ${members.birthDate} <= ${yearsBefore(today, b.min)}::date and ${members.birthDate} > ${yearsBefore(today, b.max + 1)}::date)`,
        ]),
      ),
    )
    .from(members)
    .where(active);
  const ages = (ageRows[0] ?? {}) as Record<string, string | number>;

  const firstMonth = monthBefore(today, 23);
  const growthRows = await db
    .select({ month: sql<string>`to_char(${members.joinedDate}, 'YYYY-MM')`, n: count() })
    .from(members)
    .where(and(like(members.orgPath, `${org.path}%`), gte(members.joinedDate, `${firstMonth}-01`)))
    .groupBy(sql`1`);
  const growth = new Map(growthRows.map((r) => [r.month, Number(r.n)]));

  return {
    org: { id: org.id, name: org.name },
    total: await subtreeMemberTotal(db, org.path),
    children: children.map((c) => ({ org: c.org, total: Number(c.total) })),
    byCategory: Object.entries(workerCategories).map(([code, label]) => ({
      code,
      label,
      count: categories.get(code) ?? 0,
      filter: { ...base, category: code },
    })),
    byGender: Object.entries(genders).map(([code, label]) => ({
      code,
      label,
      count: sexes.get(code) ?? 0,
      filter: { ...base, gender: code },
    })),
    byAgeBand: ageBands.map((b) => ({
      code: b.code,
      label: b.label,
      count: Number(ages[b.code] ?? 0),
      filter: { ...base, ageMin: b.min, ...(b.max < 200 ? { ageMax: b.max } : {}) },
    })),
    growth: Array.from({ length: 24 }, (_, i) => monthBefore(today, 23 - i)).map((month) => ({
      code: month,
      label: month,
      count: growth.get(month) ?? 0,
      filter: { orgId: org.id, joinedFrom: `${month}-01`, joinedTo: monthEnd(month) },
    })),
  };
}
