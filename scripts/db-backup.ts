/**
 * `npm run db:backup -- FILE`: a physical backup of the configured database (DATABASE_URL, or the
 * embedded database under DATA_DIR). With the embedded database, stop the platform first.
 */
import { loadConfig } from '../server/config';
import { backupDatabase, describeTarget, formatBytes, formatSeconds } from '../server/db/backup';

const file = process.argv[2];
if (!file || file.startsWith('-')) {
  console.error('用法：npm run db:backup -- <备份文件>');
  process.exit(2);
}

try {
  const config = loadConfig();
  const target = { url: config.databaseUrl, dataDir: config.dataDir };
  console.log(`正在备份 ${describeTarget(target)} …`);
  const result = await backupDatabase(target, file);
  console.log('备份完成');
  console.log(`  文件：${result.file}${result.overwrote ? '（已覆盖同名的旧文件）' : ''}`);
  console.log(`  大小：${formatBytes(result.bytes)}`);
  console.log(`  用时：${formatSeconds(result.ms)}`);
  console.log(`  恢复：npm run db:restore -- ${result.file}`);
} catch (err) {
  console.error(`备份失败：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
