/**
 * `npm run pii:rotate`: re-encrypts members' personal data with the active key (PII_ACTIVE_KEY) while
 * the platform keeps running. Run it after adding a key and restarting the app servers; repeat until it
 * reports nothing left, then remove the old key (see server/lib/pii/rotate.ts for the procedure).
 */
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/client';
import { rotateAllKeys } from '../server/db/encrypted-columns';
import { keyRingFromConfig } from '../server/lib/pii';

let exitCode = 1;
try {
  const config = loadConfig();
  const ring = keyRingFromConfig(config);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    console.log(`密钥轮换：当前启用密钥 ${ring.activeId}，密钥环中共 ${ring.ids.length} 个密钥`);
    const results = await rotateAllKeys(database.db, ring, (table, p) =>
      console.log(`  ${table}：已检查 ${p.scanned} 行，已重新加密 ${p.rotated} 行`),
    );
    let remaining = 0;
    for (const [table, r] of Object.entries(results)) {
      console.log(
        `${table}：检查 ${r.scanned} 行，重新加密 ${r.rotated} 行，并发修改后重试 ${r.skipped} 行，仍待处理 ${r.remaining} 行`,
      );
      remaining += r.remaining;
    }
    if (remaining > 0) console.log('仍有数据在使用旧密钥（轮换期间被修改），请再次运行本命令。');
    else console.log('全部个人信息已使用当前密钥加密，可以从 PII_KEYS 中移除旧密钥并重启服务。');
    exitCode = remaining > 0 ? 3 : 0;
  } finally {
    await database.close();
  }
} catch (err) {
  console.error(`密钥轮换失败：${err instanceof Error ? err.message : String(err)}`);
}
process.exit(exitCode);
