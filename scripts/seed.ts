/**
 * `npm run seed`: migrates the configured database and loads the demo city (南通市总工会) into it,
 * unless organizations are already there. Refuses production (NODE_ENV=production).
 * `npm run seed -- --members 2400000 [--orgs 30000]`: then grows the city to that many members and orgs
 * (server/seed/cityScale.ts), once per database.
 */
import { parseArgs } from 'node:util';
import { count } from 'drizzle-orm';
import { loadConfig } from '../server/config';
import { assertPgliteIdle, describeTarget } from '../server/db/backup';
import { openDatabase } from '../server/db/client';
import { keyRingFromConfig } from '../server/lib/pii';
import { accounts, grants } from '../server/modules/accounts/accounts.tables';
import { members } from '../server/modules/members/members.tables';
import { orgs } from '../server/modules/orgs/orgs.tables';
import { demoPassword } from '../server/modules/system/system.routes';
import { type CityScaleProgress, seedCityScale } from '../server/seed/cityScale';
import { seedDemo } from '../server/seed/demo';

const fmt = (n: number) => n.toLocaleString('en-US');

/** Reads `--members N` and `--orgs N` (positive integers, `_` or `,` allowed as separators). */
function cityScaleArgs() {
  const { values } = parseArgs({ options: { members: { type: 'string' }, orgs: { type: 'string' } } });
  const int = (v: string | undefined, flag: string) => {
    if (v === undefined) return undefined;
    const n = Number(v.replace(/[_,]/g, ''));
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${flag} 应为正整数，当前为 "${v}"`);
    return n;
  };
  const members = int(values.members, 'members');
  const orgs = int(values.orgs, 'orgs');
  if (orgs !== undefined && members === undefined) throw new Error('--orgs 需与 --members 一起使用');
  return members === undefined ? null : { members, orgs };
}

/** Prints progress at most every 3 seconds, and every phase change. */
function progressPrinter() {
  let last = 0;
  let lastPhase = '';
  const started = performance.now();
  return (p: CityScaleProgress) => {
    const now = performance.now();
    if (p.phase === lastPhase && p.phase !== 'indexes' && now - last < 3000 && p.done < p.total) return;
    last = now;
    lastPhase = p.phase;
    const at = `[${((now - started) / 1000).toFixed(0)} 秒]`;
    if (p.phase === 'orgs') console.log(`${at} 正在扩充组织树至 ${fmt(p.total)} 个组织 …`);
    if (p.phase === 'members') console.log(`${at} 已写入 ${fmt(p.done)} / ${fmt(p.total)} 名会员`);
    if (p.phase === 'indexes') console.log(`${at} 正在重建会员表索引 ${p.detail}（${p.done + 1} / ${p.total}）…`);
    if (p.phase === 'counts') console.log(`${at} 正在重算各组织会员数 …`);
    if (p.phase === 'analyze') console.log(`${at} 正在更新统计信息（VACUUM ANALYZE）…`);
  };
}

let ok = false;
try {
  const scale = cityScaleArgs();
  const config = loadConfig();
  // Checked before migrating too: a refused seed must not change a production database at all.
  if (config.production) throw new Error('演示数据不能写入生产环境（NODE_ENV=production）');
  const target = { url: config.databaseUrl, dataDir: config.dataDir };
  if (!target.url) assertPgliteIdle(target.dataDir);
  console.log(`正在向 ${describeTarget(target)} 载入演示数据 …`);
  const database = await openDatabase({ url: target.url, dataDir: target.dataDir, poolSize: 1 });
  try {
    await database.migrate();
    const ring = keyRingFromConfig(config);
    const tally = async () => {
      const [o] = await database.db.select({ n: count() }).from(orgs);
      const [a] = await database.db.select({ n: count() }).from(accounts);
      const [g] = await database.db.select({ n: count() }).from(grants);
      const [m] = await database.db.select({ n: count() }).from(members);
      return `组织 ${o?.n ?? 0} 个，会员 ${m?.n ?? 0} 人，账号 ${a?.n ?? 0} 个，授权 ${g?.n ?? 0} 条`;
    };
    const [existing] = await database.db.select({ n: count() }).from(orgs);
    if ((existing?.n ?? 0) > 0) {
      if (!scale) console.log(`数据库里已有组织数据，未做改动（${await tally()}）`);
    } else {
      const started = Date.now();
      await seedDemo(database.db, ring);
      console.log(`演示数据已载入（${await tally()}），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
      console.log(`  演示账号：city_admin、haimen_admin、union_admin、worker，密码均为 ${demoPassword}`);
    }
    if (scale) {
      const loaded = await seedCityScale(database.db, ring, {
        ...scale,
        onProgress: progressPrinter(),
      });
      if (!loaded) console.log(`数据库里已有城市规模数据，未做改动（${await tally()}）`);
      else {
        const t = loaded.timings;
        console.log(`城市规模数据已载入（${await tally()}），用时 ${loaded.seconds.toFixed(1)} 秒`);
        console.log(
          `  其中写入会员 ${t.members.toFixed(1)} 秒（等待数据库 ${t.waitForDatabase.toFixed(1)} 秒），重建索引 ${t.indexes.toFixed(1)} 秒，` +
            `重算会员数 ${t.counts.toFixed(1)} 秒，更新统计信息 ${t.analyze.toFixed(1)} 秒`,
        );
      }
    }
    ok = true;
  } finally {
    await database.close();
  }
} catch (err) {
  console.error(`载入演示数据失败：${err instanceof Error ? err.message : String(err)}`);
}
process.exit(ok ? 0 : 1);
