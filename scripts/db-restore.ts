/**
 * `npm run db:restore -- FILE`: replaces the configured database with a backup made by db:backup.
 * Stop the platform first (PGlite is single-process; on PostgreSQL every table is replaced at once).
 */
import { loadConfig } from '../server/config';
import { describeTarget, formatBytes, formatSeconds, restoreDatabase } from '../server/db/backup';

const file = process.argv[2];
if (!file || file.startsWith('-')) {
  console.error('用法：npm run db:restore -- <备份文件>（恢复前请先停止平台）');
  process.exit(2);
}

try {
  const config = loadConfig();
  const target = { url: config.databaseUrl, dataDir: config.dataDir };
  console.log(`正在用 ${file} 恢复 ${describeTarget(target)} …（平台须已停止）`);
  const result = await restoreDatabase(target, file);
  const { level, latest } = result.migrations;
  console.log('恢复完成');
  console.log(`  文件：${result.file}（${formatBytes(result.bytes)}）`);
  console.log(`  用时：${formatSeconds(result.ms)}`);
  const note = latest ? `（${latest}）` : level === 0 ? '（尚未迁移）' : '（比当前代码更新，请使用对应版本的平台）';
  console.log(`  迁移版本：${level}${note}`);
  if (result.movedAside) {
    console.log(`  原数据库已移至：${result.movedAside}`);
    console.log('  （恢复有误时，把它改回 pglite 即可还原；确认无误后可删除）');
  }
  console.log('  平台启动时会自动执行备份之后新增的迁移');
} catch (err) {
  console.error(`恢复失败：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
