/** The org tree of `npm run bench:workplans`: a city, its counties, towns and unions, written in bulk. */
import { sql } from 'drizzle-orm';
import { ColumnBatch } from '../server/db/bulk';
import { type DbOrTx, queryRows } from '../server/db/client';
import { pinyinInitials } from '../server/lib/pinyin';
import { departments, orgs } from '../server/modules/orgs/orgs.tables';
import type { OrgType } from '../shared/enums';
import { defaultDepartments } from '../shared/enums';

interface TreeOrg {
  id: number;
  parentId: number | null;
  path: string;
  depth: number;
  name: string;
  type: OrgType;
  areaCode: string | null;
}

const countyNames = [
  '崇川区',
  '通州区',
  '海门区',
  '启东市',
  '如皋市',
  '如东县',
  '海安市',
  '港闸区',
  '经济开发区',
  '苏通园区',
];
const townWords = ['城东', '城西', '城南', '城北', '临江', '新港', '东湖', '西亭', '南山', '北固', '平潮', '金沙'];
const brands = ['华通', '恒力', '东方', '银河', '长江', '江海', '瑞丰', '宏达'];
const industries = ['纺织', '机械', '电子', '建材', '化工', '食品'];
const unionsPerTown = 24;

/**
 * The org tree in four INSERT … SELECT statements (one per level), ids drawn from the sequence first
 * so every path is known; each federation gets its default departments as insertOrg gives them.
 */
export async function seedOrgTree(db: DbOrTx) {
  const total = 1 + countyNames.length * (1 + townWords.length * (1 + unionsPerTown));
  const ids = await queryRows<{ id: number }>(
    db,
    sql`select nextval('orgs_id_seq')::int as id from generate_series(1, ${total})`,
  );
  let next = 0;
  const make = (parent: TreeOrg | null, name: string, type: OrgType, areaCode: string | null): TreeOrg => {
    const id = Number(ids[next++]?.id);
    return {
      id,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      name,
      type,
      areaCode,
    };
  };
  const root = make(null, '江海市总工会（基准）', 'city_federation', '320600');
  const counties = countyNames.map((n, i) => make(root, `${n}总工会`, 'county_federation', `3206${10 + i}`));
  const towns = counties.flatMap((c, i) =>
    townWords.map((w) => make(c, `${countyNames[i]}${w}镇总工会`, 'town_federation', c.areaCode)),
  );
  const unions = towns.flatMap((t, i) =>
    Array.from({ length: unionsPerTown }, (_, k) => {
      const name = `${townWords[i % townWords.length]}${brands[k % brands.length]}${industries[Math.floor(k / brands.length)]}有限公司工会`;
      return make(t, name, 'grassroots_enterprise', t.areaCode);
    }),
  );
  for (const level of [[root], counties, towns, unions]) {
    const batch = new ColumnBatch(orgs, [
      'id',
      'parentId',
      'path',
      'depth',
      'name',
      'nameInitials',
      'type',
      'areaCode',
    ]);
    for (const o of level) batch.push({ ...o, nameInitials: pinyinInitials(o.name) });
    await batch.flush(db);
  }
  const depts = new ColumnBatch(departments, ['orgId', 'orgPath', 'name', 'sort']);
  for (const o of [root, ...counties]) {
    for (const [sort, name] of defaultDepartments.entries()) depts.push({ orgId: o.id, orgPath: o.path, name, sort });
  }
  await depts.flush(db);
  return { root, counties, towns, unions, all: [root, ...counties, ...towns, ...unions] };
}
export type Tree = Awaited<ReturnType<typeof seedOrgTree>>;
