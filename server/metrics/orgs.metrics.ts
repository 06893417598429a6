/** Metrics of the organization tree. */
import { and, desc, eq, inArray, like, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { grassrootsTypes, orgTypes } from '../../shared/enums';
import { orgs } from '../modules/orgs/orgs.tables';
import type { CatalogMetric } from './catalog';
import { aggregateBySubtree, countWhere, newestFirst, onePath } from './sql';

const parent = alias(orgs, 'parent');

const activeUnion = and(eq(orgs.status, 'active'), inArray(orgs.type, [...grassrootsTypes]));

/** 基层工会: the active grassroots unions of a subtree, now. */
const unions: CatalogMetric = {
  code: 'orgs.unions',
  name: '基层工会',
  unit: '个',
  description: '组织树中状态正常的基层工会（企业、机关事业单位、联合、行业工会）数量，含本级。',
  periodic: false,
  filters: [],
  compute: (db, q) =>
    aggregateBySubtree(
      db,
      q,
      orgs,
      orgs.path,
      sql`count(${orgs.id})::int`,
      sql`${orgs.status} = 'active' and ${inArray(orgs.type, [...grassrootsTypes])}`,
    ),
  async records(db, q, page) {
    const path = onePath(q);
    const where = and(like(orgs.path, `${path}%`), activeUnion);
    const { items, nextCursor, total } = await newestFirst(
      page,
      orgs.id,
      (olderThan, limit) =>
        db
          .select({
            id: orgs.id,
            name: orgs.name,
            type: orgs.type,
            parentName: parent.name,
            creditCode: orgs.creditCode,
          })
          .from(orgs)
          .leftJoin(parent, eq(parent.id, orgs.parentId))
          .where(and(where, olderThan))
          .orderBy(desc(orgs.id))
          .limit(limit),
      () => countWhere(db, orgs, where),
    );
    return {
      // The org table has no founding date (term dates are the committee's term), so none is shown.
      columns: [
        { key: 'name', title: '工会名称' },
        { key: 'type', title: '类型' },
        { key: 'parent', title: '上级组织' },
        { key: 'creditCode', title: '统一社会信用代码' },
      ],
      rows: items.map((r) => ({
        id: r.id,
        name: r.name,
        type: orgTypes[r.type],
        parent: r.parentName,
        creditCode: r.creditCode,
      })),
      nextCursor,
      total,
    };
  },
};

export const orgMetrics: CatalogMetric[] = [unions];
