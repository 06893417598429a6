import { count, eq, sql } from 'drizzle-orm';
import type { OrgType } from '../../shared/enums';
import { makeCreditCode } from '../../shared/validators/creditCode';
import { makeIdNumber } from '../../shared/validators/idNumber';
import { type DbOrTx, queryRows } from '../db/client';
import { chinaDate } from '../lib/dates';
import type { KeyRing } from '../lib/pii';
import { pinyinInitials } from '../lib/pinyin';
import type { OrgRow } from '../modules/orgs/orgs.tables';
import { orgs } from '../modules/orgs/orgs.tables';
import { demoPassword } from '../modules/system/system.routes';
import { settings } from '../modules/system/system.tables';
import { seedDemoAssistance } from './demoAssistance';
import { seedDemoHardship } from './demoHardship';
import { seedDemoJoins } from './demoJoins';
import { seedDemoMembers } from './demoMembers';
import { seedDemoRecuperation } from './demoRecuperation';
import { seedDemoVisits } from './demoVisits';
import { seedDemoWorkplans } from './demoWorkplans';
import { makeAccount, makeMember, makeOrg, type OrgSpec } from './factories';
import * as place from './nantong';
import { rng } from './random';

function assertNotProduction() {
  if (process.env.NODE_ENV === 'production') throw new Error('演示数据不能写入生产环境（NODE_ENV=production）');
}

type GrassrootsSpec = OrgSpec & { parent: OrgRow };

/** Builds plausible grassroots unions with valid credit codes and unique names. */
function grassrootsFactory(seed: number) {
  const r = rng(seed);
  const taken = new Set<string>();
  let sequence = 1;
  const person = () => `${r.pick(place.surnames)}${r.pick(place.givenNames)}`;
  const mobile = () => `13${Math.floor(r.next() * 10)}${String(Math.floor(r.next() * 1e8)).padStart(8, '0')}`;
  // Tries a few draws for an unused name; null when this kind of name is used up at this place.
  const unique = (make: () => string) => {
    for (let i = 0; i < 30; i++) {
      const name = make();
      if (!taken.has(name)) {
        taken.add(name);
        return name;
      }
    }
    return null;
  };
  const enterprise = (cityPlace: string) => {
    const suffix = r.pick(['有限公司', '有限公司', '股份有限公司', '集团有限公司', '科技有限公司']);
    const prefix = r.pick(['南通', '江苏', cityPlace]);
    const name = unique(() => `${prefix}${r.pick(place.brandWords)}${r.pick(place.industries)}${suffix}工会`);
    if (!name) throw new Error('demo enterprise names exhausted');
    return name;
  };
  return (parent: OrgRow, areaCode: string, townName: string, cityPlace: string): GrassrootsSpec => {
    const roll = r.next();
    let type: OrgType = 'grassroots_enterprise';
    let name: string | null = null;
    if (roll < 0.08) {
      type = 'grassroots_institution';
      name = unique(() => `${townName}${r.pick(place.institutionKinds)}工会`);
    } else if (roll < 0.12) {
      type = 'grassroots_joint';
      name = unique(() => `${townName}${r.pick(place.jointKinds)}`);
    } else if (roll < 0.14) {
      type = 'grassroots_trade';
      name = unique(() => `${townName}${r.pick(place.tradeKinds)}`);
    }
    if (!name) {
      type = 'grassroots_enterprise';
      name = enterprise(cityPlace);
    }
    const termStart = `${2020 + Math.floor(r.next() * 5)}-${String(1 + Math.floor(r.next() * 12)).padStart(2, '0')}-01`;
    return {
      parent,
      name,
      type,
      areaCode,
      creditCode: makeCreditCode('81', areaCode, 100_000 + sequence++),
      address: `${townName}${r.pick(place.brandWords)}路 ${1 + Math.floor(r.next() * 300)} 号`,
      contactName: person(),
      contactPhone: mobile(),
      termStart,
      termEnd: `${Number(termStart.slice(0, 4)) + 5}${termStart.slice(4)}`,
    };
  };
}

/** Inserts many orgs at once: ids drawn from the sequence in one query, rows in chunks. */
async function insertMany(db: DbOrTx, specs: GrassrootsSpec[]) {
  const ids = await queryRows<{ id: number }>(
    db,
    sql`select nextval('orgs_id_seq')::int as id from generate_series(1, ${specs.length})`,
  );
  const rows = specs.map(({ parent, ...spec }, i) => {
    const id = Number(ids[i]?.id);
    return {
      ...spec,
      id,
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      nameInitials: pinyinInitials(spec.name),
    };
  });
  for (let i = 0; i < rows.length; i += 500) await db.insert(orgs).values(rows.slice(i, i + 500));
}

function townOrgName(district: (typeof place.districts)[number], town: string) {
  if (town.startsWith(district.place) || town.startsWith('南通')) return `${town}总工会`;
  if (/园区|开发区|高新区/.test(town)) return `${district.place}${town}总工会`;
  return `${district.name.replace('总工会', '')}${town}总工会`;
}

/**
 * The demo city: 南通市总工会 with its departments, the 7 districts, industry unions, towns and parks,
 * about 3,000 grassroots unions, and the demo accounts (password Demo@2024gh).
 */
export async function seedDemo(db: DbOrTx, ring: KeyRing, opts: { grassrootsPerTown?: number } = {}) {
  assertNotProduction();
  const perTown = opts.grassrootsPerTown ?? 34;
  return db.transaction(async (tx) => {
    const make = grassrootsFactory(2024);
    const root = await makeOrg(tx, null, {
      ...place.city,
      type: 'city_federation',
      creditCode: makeCreditCode('81', '320600', 1),
      contactName: '顾建国',
      contactPhone: '0513-85123456',
    });
    const specs: GrassrootsSpec[] = [];
    let demoPark: OrgRow | null = null;
    for (const [i, name] of place.industryUnions.entries()) {
      const union = await makeOrg(tx, root, {
        name,
        type: 'industry_union',
        areaCode: '320600',
        creditCode: makeCreditCode('81', '320600', 10 + i),
      });
      for (let k = 0; k < 15; k++) specs.push(make(union, '320600', '南通', '南通市'));
    }
    for (const [d, district] of place.districts.entries()) {
      const county = await makeOrg(tx, root, {
        name: district.name,
        type: 'county_federation',
        areaCode: district.areaCode,
        creditCode: makeCreditCode('81', district.areaCode, 2 + d),
        contactName: '施海燕',
        contactPhone: `0513-8${d + 1}000000`,
      });
      for (let k = 0; k < 5; k++) specs.push(make(county, district.areaCode, district.place, district.place));
      for (const [t, town] of place.towns[district.key].entries()) {
        const townOrg = await makeOrg(tx, county, {
          name: townOrgName(district, town),
          type: 'town_federation',
          areaCode: district.areaCode,
          creditCode: makeCreditCode('81', district.areaCode, 100 + d * 100 + t),
        });
        if (town === '叠石桥国际家纺产业园区') demoPark = townOrg;
        const townShort = town.replace(/(街道|镇)$/, '');
        for (let k = 0; k < perTown; k++) specs.push(make(townOrg, district.areaCode, townShort, district.place));
      }
    }
    await insertMany(tx, specs);
    if (!demoPark) throw new Error('demo park missing');

    const demoUnion = await makeOrg(tx, demoPark, {
      name: '江苏叠石桥家纺有限公司工会',
      type: 'grassroots_enterprise',
      areaCode: '320614',
      creditCode: makeCreditCode('81', '320614', 99_999),
      address: '海门区三星镇叠石桥路 88 号',
      contactName: '陈丽华',
      contactPhone: '13962800001',
      termStart: '2023-05-01',
      termEnd: '2028-04-30',
    });
    for (const group of ['织造车间工会小组', '印染车间工会小组', '物流班组工会小组']) {
      await makeOrg(tx, demoUnion, { name: group, type: 'union_group' });
    }
    const haimen = await tx.query.orgs.findFirst({ where: eq(orgs.name, '海门区总工会') });
    if (!haimen) throw new Error('海门区总工会 missing');
    const password = demoPassword;
    await makeAccount(tx, {
      username: 'city_admin',
      displayName: '市总平台管理员',
      password,
      org: root,
      grants: [{ role: 'platform_admin', org: root }],
    });
    await makeAccount(tx, {
      username: 'haimen_admin',
      displayName: '海门区总工会管理员',
      password,
      org: haimen,
      grants: [{ role: 'union_admin', org: haimen }],
    });
    await makeAccount(tx, {
      username: 'union_admin',
      displayName: '陈丽华',
      password,
      org: demoUnion,
      grants: [{ role: 'union_admin', org: demoUnion }],
    });
    const memberCount = await seedDemoMembers(tx, ring, chinaDate(new Date()));
    // The worker account's own record, so the portal and the roster tell the same story.
    const workerMember = await makeMember(tx, ring, demoUnion, {
      name: '张建国',
      idNumber: makeIdNumber('320684', '1986-04-12', 131),
      mobile: '13800000001',
      workerCategory: 'migrant',
      joinedDate: '2016-07-01',
    });
    await makeAccount(tx, {
      username: 'worker',
      displayName: '张建国',
      password,
      org: demoUnion,
      mobile: '13800000001',
      memberId: workerMember.id,
      grants: [{ role: 'member', org: demoUnion }],
    });
    await seedDemoJoins(tx, ring, demoUnion, root, password);
    await seedDemoWorkplans(tx, ring);
    await seedDemoVisits(tx, ring);
    await seedDemoRecuperation(tx, ring);
    await seedDemoHardship(tx, ring);
    await seedDemoAssistance(tx, ring);
    await tx
      .insert(settings)
      .values({ key: 'demo', value: true })
      .onConflictDoUpdate({ target: settings.key, set: { value: true } });
    const [total] = await tx.select({ n: count() }).from(orgs);
    return { orgs: Number(total?.n ?? 0), members: memberCount + 1 };
  });
}

/** On first start of an empty database, loads the demo city. */
export async function seedDemoIfEmpty(db: DbOrTx, ring: KeyRing) {
  const [existing] = await db.select({ n: count() }).from(orgs);
  if (Number(existing?.n ?? 0) > 0) return null;
  return seedDemo(db, ring);
}
