/**
 * `npm run audit:verify [-- --known HASH]`: walks the audit log's hash chain in the configured database
 * and names the first changed or missing row. With --known, also checks that a head hash recorded
 * earlier is still in the log, the only way to notice rows removed from its end.
 * With the embedded database, stop the platform first (PGlite is single-process).
 */
import { count, eq, gt } from 'drizzle-orm';
import { loadConfig } from '../server/config';
import { assertPgliteExists, assertPgliteIdle, describeTarget } from '../server/db/backup';
import { type Db, openDatabase } from '../server/db/client';
import { auditLog } from '../server/modules/audit/audit.tables';
import { verifyAuditChain } from '../server/modules/audit/audit.verify';

const args = process.argv.slice(2);
const known = args[1]?.toLowerCase();
if (args.length > 0 && (args.length !== 2 || args[0] !== '--known' || !/^[0-9a-f]{64}$/.test(known ?? ''))) {
  console.error('用法：npm run audit:verify [-- --known <此前另存的链头哈希，64 位十六进制>]');
  process.exit(2);
}

/** Prints the report; true when the chain is intact (and still holds the known hash, if given). */
async function check(db: Db): Promise<boolean> {
  const report = await verifyAuditChain(db);
  if (report.problem) {
    console.log('审计日志哈希链已被破坏');
    console.log(`  第一处问题：id ${report.problem.id}：${report.problem.reason}`);
    const before = report.headId === null ? '' : `（至 id ${report.headId}）`;
    console.log(`  在它之前核验完好的记录：${report.rows - 1} 条${before}`);
    return false;
  }
  console.log('审计日志哈希链完整');
  console.log(`  已核验记录：${report.rows} 条`);
  console.log(
    `  链头哈希：${report.headHash ?? '（日志为空）'}${report.headId === null ? '' : `（id ${report.headId}）`}`,
  );
  console.log('  请把链头哈希连同日期另行保存（打印存档，或交审计负责人保管）：');
  console.log('  日志末尾的记录被删除，从日志内部无法发现，只能与另存的链头哈希比对（--known <哈希>）。');
  if (!known) return true;
  const [row] = await db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.hash, known));
  if (!row) {
    console.log(`  另存的哈希不在日志中：日志末尾的记录可能被删除，或哈希抄错（${known}）`);
    return false;
  }
  const [later] = await db.select({ n: count() }).from(auditLog).where(gt(auditLog.id, row.id));
  console.log(`  另存的哈希仍在日志中（id ${row.id}），其后又有 ${later?.n ?? 0} 条记录`);
  return true;
}

let intact = false;
try {
  const config = loadConfig();
  const target = { url: config.databaseUrl, dataDir: config.dataDir };
  if (!target.url) {
    assertPgliteExists(target.dataDir);
    assertPgliteIdle(target.dataDir);
  }
  console.log(`正在核验 ${describeTarget(target)} 的审计日志 …`);
  const database = await openDatabase({ url: target.url, dataDir: target.dataDir, poolSize: 1 });
  try {
    intact = await check(database.db);
  } finally {
    await database.close();
  }
} catch (err) {
  console.error(`核验失败：${err instanceof Error ? err.message : String(err)}`);
}
process.exit(intact ? 0 : 1);
