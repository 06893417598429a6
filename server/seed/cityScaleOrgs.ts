/**
 * Grows an org tree to city size: enterprise unions under the towns, streets and parks, union groups
 * inside the bigger enterprises, and a plan of how many members each of them holds (few big employers,
 * many small ones).
 */
import { sql } from 'drizzle-orm';
import { grassrootsTypes, type OrgType } from '../../shared/enums';
import { makeCreditCode } from '../../shared/validators/creditCode';
import { ColumnBatch } from '../db/bulk';
import { type DbOrTx, queryRows } from '../db/client';
import { pinyinInitials } from '../lib/pinyin';
import { orgs } from '../modules/orgs/orgs.tables';
import {
  enterpriseBrands,
  enterpriseIndustries,
  enterpriseSuffixes,
  givenNames,
  unionGroupNames,
  weightedSurnames,
} from './cityScaleNames';
import { weightedPicker } from './cityScalePeople';
import { rng } from './random';

/** An org that receives members, with the employer its members work for. */
export interface MemberTarget {
  id: number;
  path: string;
  employerName: string | null;
  employerCreditCode: string | null;
  members: number;
}

interface TreeOrg {
  id: number;
  parentId: number | null;
  path: string;
  depth: number;
  name: string;
  type: OrgType;
  areaCode: string | null;
}

// Credit-code sequences of this seed lie above the demo's (< 200,000) and the test factories' (< 10^7).
const UNION_CODE_BASE = 20_000_000;
const EMPLOYER_CODE_BASE = 30_000_000;
/** One enterprise never holds more than this many times the smallest weight (a ~15,000-strong employer). */
const WEIGHT_CAP = 1000;
/** Pareto shape: with 1.16, a fifth of the enterprises employ four fifths of the members. */
const PARETO_ALPHA = 1.16;

/** Splits `total` in proportion to `weights` (largest remainder), so the parts add up exactly. */
export function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((s, n) => s + n, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    parts[i] = (parts[i] as number) + 1;
  }
  return parts;
}

/** The nearest area code on the way up from an org (unions inherit their district's). */
function areaCodeOf(org: TreeOrg, byId: Map<number, TreeOrg>): string {
  for (let o: TreeOrg | undefined = org; o; o = o.parentId === null ? undefined : byId.get(o.parentId)) {
    if (o.areaCode) return o.areaCode;
  }
  return '320600';
}

async function loadTree(db: DbOrTx): Promise<TreeOrg[]> {
  return queryRows<TreeOrg>(
    db,
    sql`select id, parent_id as "parentId", path, depth, name, type, area_code as "areaCode"
        from orgs where status = 'active' order by id`,
  );
}

/** The short place word a local company name starts with: 海门区常乐镇总工会 → 常乐, 海门经济技术开发区总工会 → 海门. */
function placeWord(orgName: string): string {
  const town = orgName.replace(/总工会$/, '');
  const inCounty = /^.{2}[区县市](.+?)(镇|街道)$/.exec(town);
  if (inCounty?.[1]) return inCounty[1];
  const plain = /^(.+?)(镇|街道)$/.exec(town);
  return plain?.[1] ?? town.slice(0, 2);
}

/** Where new enterprise unions go: towns and parks, else counties, else the top of the tree. */
function unionParents(tree: TreeOrg[]): TreeOrg[] {
  for (const type of ['town_federation', 'county_federation', 'city_federation'] as const) {
    const found = tree.filter((o) => o.type === type);
    if (found.length > 0) return found;
  }
  throw new Error('组织树中没有可挂接企业工会的上级组织');
}

/**
 * Adds orgs until the tree holds `targetOrgs` (about nine enterprise unions to one union group) and
 * returns where `members` new members go. When no org is added, the existing grassroots unions get them.
 */
export async function growOrgTree(
  db: DbOrTx,
  opts: { targetOrgs: number; members: number; seed: number },
): Promise<{ orgsAdded: number; targets: MemberTarget[] }> {
  const r = rng(opts.seed);
  const tree = await loadTree(db);
  const byId = new Map(tree.map((o) => [o.id, o]));
  const toAdd = Math.max(0, opts.targetOrgs - tree.length);
  if (toAdd === 0) {
    const unions = tree.filter((o) => grassrootsTypes.includes(o.type));
    const sizes = apportion(
      unions.map(() => paretoWeight(r.next())),
      opts.members,
    );
    return {
      orgsAdded: 0,
      targets: unions.map((u, i) => ({
        id: u.id,
        path: u.path,
        employerName: u.name.replace(/工会$/, ''),
        employerCreditCode: null,
        members: sizes[i] ?? 0,
      })),
    };
  }
  const groupCount = Math.floor(toAdd / 10);
  const unionCount = toAdd - groupCount;
  const parents = unionParents(tree);
  // Parks and development zones host more enterprises than a rural town.
  const pickParent = weightedPicker(parents.map((p) => [p, /园区|开发区|高新区/.test(p.name) ? 2 : 1] as const));
  // Company names are unique city-wide (the sibling-name constraint only asks for unique names per parent).
  const takenNames = new Set(tree.map((o) => o.name));
  const person = () =>
    `${weightedSurnames[Math.floor(r.next() * weightedSurnames.length)]?.[0]}${givenNames[Math.floor(r.next() * givenNames.length)]}`;

  const ids = (
    await queryRows<{ id: number }>(db, sql`select nextval('orgs_id_seq')::int as id from generate_series(1, ${toAdd})`)
  ).map((row) => Number(row.id));
  const unions: (TreeOrg & { employerName: string; employerCreditCode: string; weight: number })[] = [];
  const batch = new ColumnBatch(orgs, [
    'id',
    'parentId',
    'path',
    'depth',
    'name',
    'nameInitials',
    'type',
    'areaCode',
    'creditCode',
    'address',
    'contactName',
    'contactPhone',
    'termStart',
    'termEnd',
  ]);
  for (let i = 0; i < unionCount; i++) {
    const parent = pickParent(r.next());
    const place = placeWord(parent.name);
    let company = '';
    for (let attempt = 0; company === '' || takenNames.has(`${company}工会`); attempt++) {
      const brand = enterpriseBrands[Math.floor(r.next() * enterpriseBrands.length)];
      const industry = enterpriseIndustries[Math.floor(r.next() * enterpriseIndustries.length)];
      const suffix = enterpriseSuffixes[Math.floor(r.next() * enterpriseSuffixes.length)];
      // A crowded town falls back to a numbered branch rather than looping for ever.
      company = `${place}${brand}${industry}${suffix}${attempt > 20 ? `第${attempt}分公司` : ''}`;
    }
    const name = `${company}工会`;
    takenNames.add(name);
    const id = ids[i] as number;
    const areaCode = areaCodeOf(parent, byId);
    const termStart = `${2020 + Math.floor(r.next() * 5)}-${String(1 + Math.floor(r.next() * 12)).padStart(2, '0')}-01`;
    const union = {
      id,
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      name,
      type: 'grassroots_enterprise' as const,
      areaCode,
      employerName: company,
      employerCreditCode: makeCreditCode('91', areaCode, EMPLOYER_CODE_BASE + i),
      weight: paretoWeight(r.next()),
    };
    unions.push(union);
    batch.push({
      ...union,
      nameInitials: pinyinInitials(name),
      creditCode: makeCreditCode('81', areaCode, UNION_CODE_BASE + i),
      address: `${place}${enterpriseBrands[Math.floor(r.next() * enterpriseBrands.length)]}路 ${1 + Math.floor(r.next() * 500)} 号`,
      contactName: person(),
      contactPhone: `13${Math.floor(r.next() * 10)}${String(Math.floor(r.next() * 1e8)).padStart(8, '0')}`,
      termStart,
      termEnd: `${Number(termStart.slice(0, 4)) + 5}${termStart.slice(4)}`,
    });
    if (batch.size >= 2000) await batch.flush(db);
  }
  await batch.flush(db);

  const sizes = apportion(
    unions.map((u) => u.weight),
    opts.members,
  );
  const groupsOf = planGroups(sizes, groupCount);
  const targets: MemberTarget[] = [];
  let nextGroup = unionCount;
  for (const [u, union] of unions.entries()) {
    const size = sizes[u] ?? 0;
    const groups = groupsOf[u] ?? 0;
    // With groups, about a third of the members stay directly in the union (office, management).
    const shares = apportion(groups > 0 ? [groups / 2, ...Array(groups).fill(1)] : [1], size);
    const employer = { employerName: union.employerName, employerCreditCode: union.employerCreditCode };
    targets.push({ id: union.id, path: union.path, ...employer, members: shares[0] ?? 0 });
    for (let g = 0; g < groups; g++) {
      const id = ids[nextGroup++] as number;
      const name = unionGroupNames[g] as string;
      const path = `${union.path}${id}/`;
      batch.push({
        id,
        parentId: union.id,
        path,
        depth: union.depth + 1,
        name,
        nameInitials: pinyinInitials(name),
        type: 'union_group',
      });
      targets.push({ id, path, ...employer, members: shares[g + 1] ?? 0 });
      if (batch.size >= 2000) await batch.flush(db);
    }
  }
  await batch.flush(db);
  return { orgsAdded: toAdd, targets };
}

/** A Pareto-distributed weight ≥ 1 from a uniform number in [0, 1), capped at WEIGHT_CAP. */
function paretoWeight(u: number): number {
  return Math.min(WEIGHT_CAP, (1 - u) ** (-1 / PARETO_ALPHA));
}

/**
 * How many union groups each union gets: the biggest unions first, one group per ~1,000 members (at
 * least two), until `total` groups are placed; then more groups for the others while any are left.
 */
function planGroups(sizes: number[], total: number): number[] {
  const groups = sizes.map(() => 0);
  const bySize = sizes.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]);
  let left = total;
  for (const [size, i] of bySize) {
    if (left <= 0) break;
    const n = Math.min(left, unionGroupNames.length, Math.max(2, Math.ceil(size / 1000)));
    groups[i] = n;
    left -= n;
  }
  for (let round = 0; left > 0 && round < unionGroupNames.length; round++) {
    for (const [, i] of bySize) {
      if (left <= 0) break;
      if ((groups[i] as number) < unionGroupNames.length) {
        groups[i] = (groups[i] as number) + 1;
        left--;
      }
    }
  }
  if (left > 0) throw new Error('工会小组数量超出可安排的范围');
  return groups;
}
