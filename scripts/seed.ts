/**
 * `npm run seed`: migrates the configured database and loads the demo city (南通市总工会) into it,
 * unless organizations are already there. Refuses production (NODE_ENV=production).
 */
import { count } from 'drizzle-orm';
import { loadConfig } from '../server/config';
import { assertPgliteIdle, describeTarget } from '../server/db/backup';
import { openDatabase } from '../server/db/client';
import { keyRingFromConfig } from '../server/lib/pii';
import { accounts, grants } from '../server/modules/accounts/accounts.tables';
import { members } from '../server/modules/members/members.tables';
import { orgs } from '../server/modules/orgs/orgs.tables';
import { demoPassword } from '../server/modules/system/system.routes';
import { seedDemo } from '../server/seed/demo';

let ok = false;
try {
  const config = loadConfig();
  // Checked before migrating too: a refused seed must not change a production database at all.
  if (config.production) throw new Error('演示数据不能写入生产环境（NODE_ENV=production）');
  const target = { url: config.databaseUrl, dataDir: config.dataDir };
  if (!target.url) assertPgliteIdle(target.dataDir);
  console.log(`正在向 ${describeTarget(target)} 载入演示数据 …`);
  const database = await openDatabase({ url: target.url, dataDir: target.dataDir, poolSize: 1 });
  try {
    await database.migrate();
    const tally = async () => {
      const [o] = await database.db.select({ n: count() }).from(orgs);
      const [a] = await database.db.select({ n: count() }).from(accounts);
      const [g] = await database.db.select({ n: count() }).from(grants);
      const [m] = await database.db.select({ n: count() }).from(members);
      return `组织 ${o?.n ?? 0} 个，会员 ${m?.n ?? 0} 人，账号 ${a?.n ?? 0} 个，授权 ${g?.n ?? 0} 条`;
    };
    const [existing] = await database.db.select({ n: count() }).from(orgs);
    if ((existing?.n ?? 0) > 0) {
      console.log(`数据库里已有组织数据，未做改动（${await tally()}）`);
    } else {
      const started = Date.now();
      await seedDemo(database.db, keyRingFromConfig(config));
      console.log(`演示数据已载入（${await tally()}），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
      console.log(`  演示账号：city_admin、haimen_admin、union_admin、worker，密码均为 ${demoPassword}`);
    }
    ok = true;
  } finally {
    await database.close();
  }
} catch (err) {
  console.error(`载入演示数据失败：${err instanceof Error ? err.message : String(err)}`);
}
process.exit(ok ? 0 : 1);
