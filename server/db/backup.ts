/**
 * Physical backups of either engine: `pg_dump`/`pg_restore` for a PostgreSQL server, and PGlite's own
 * data-dir dump (a gzip tar) for the embedded database.
 *
 * With PGlite the platform must be stopped during a backup and a restore: PGlite is single-process,
 * and a second process opening the same directory (or swapping it underneath) corrupts it. With
 * PostgreSQL a backup is safe while running; stop the platform for a restore all the same, since the
 * restore replaces every table in one transaction under the platform's feet.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import pg from 'pg';
import { type Engine, migrationLevel, openDatabase } from './client';

/** Where the configured database lives: a server URL, or DATA_DIR for the embedded one. */
export interface BackupTarget {
  url: string | null;
  dataDir: string;
}

/** What a backup or restore did, for the operator's console. */
interface FileResult {
  engine: Engine;
  file: string;
  bytes: number;
  ms: number;
}

/** What a backup did; `overwrote` when a file already at that path was replaced. */
export interface BackupResult extends FileResult {
  overwrote: boolean;
}

/** What a restore did, including where the replaced embedded database went. */
export interface RestoreResult extends FileResult {
  /** PGlite only: the previous DATA_DIR/pglite, kept so a mistaken restore can be undone. */
  movedAside: string | null;
  /** Migrations recorded in the restored database, and the newest one's tag as this code knows it. */
  migrations: { level: number; latest: string | null };
}

const gunzip = promisify(zlib.gunzip);

const engineLabel: Record<Engine, string> = {
  postgresql: 'PostgreSQL 服务器',
  pglite: '嵌入式数据库（PGlite）',
};

/** DATA_DIR/pglite, the embedded database's directory. */
export const pgliteDir = (dataDir: string) => path.join(dataDir, 'pglite');

/** The URL with its password hidden, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '（无法解析的 DATABASE_URL）';
  }
}

/** A human description of the target, e.g. for the first line of the CLI output. */
export function describeTarget(target: BackupTarget): string {
  return target.url
    ? `${engineLabel.postgresql} ${redactUrl(target.url)}`
    : `${engineLabel.pglite} ${pgliteDir(target.dataDir)}`;
}

/** Backs up the configured database to `file` (written as FILE.tmp, renamed when complete). */
export async function backupDatabase(target: BackupTarget, file: string): Promise<BackupResult> {
  const started = Date.now();
  const abs = path.resolve(file);
  if (!fs.statSync(path.dirname(abs), { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`备份目录不存在：${path.dirname(abs)}`);
  }
  const existing = fs.statSync(abs, { throwIfNoEntry: false });
  if (existing && !existing.isFile()) throw new Error(`${abs} 已存在且不是普通文件，不能作为备份文件`);
  const tmp = `${abs}.tmp`;
  try {
    if (target.url) await dumpPostgres(target.url, tmp);
    else await dumpPglite(target.dataDir, tmp);
    fs.renameSync(tmp, abs);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  const engine: Engine = target.url ? 'postgresql' : 'pglite';
  return {
    engine,
    file: abs,
    bytes: fs.statSync(abs).size,
    ms: Date.now() - started,
    overwrote: Boolean(existing),
  };
}

/** Replaces the configured database with the backup in `file`; refuses a file of the other engine. */
export async function restoreDatabase(target: BackupTarget, file: string): Promise<RestoreResult> {
  const started = Date.now();
  const abs = path.resolve(file);
  const stat = fs.statSync(abs, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new Error(`备份文件不存在：${abs}`);
  const engine: Engine = target.url ? 'postgresql' : 'pglite';
  const kind = detectBackupKind(abs);
  if (!kind) {
    throw new Error(
      `${abs} 不是本平台生成的备份文件（既不是 PostgreSQL 的 pg_dump 自定义格式，也不是嵌入式数据库的 gzip 压缩包），未做任何改动`,
    );
  }
  if (kind !== engine) {
    throw new Error(
      `${abs} 是${engineLabel[kind]}的备份，而当前配置的是${engineLabel[engine]}` +
        `（${target.url ? '已设置' : '未设置'} DATABASE_URL），不能恢复到这里，未做任何改动`,
    );
  }
  const done = target.url
    ? { movedAside: null, migrations: await restorePostgres(target.url, abs) }
    : await restorePglite(target.dataDir, abs);
  return { engine, file: abs, bytes: stat.size, ms: Date.now() - started, ...done };
}

/** Which engine made a backup file, judged by its first bytes; null when neither. */
export function detectBackupKind(file: string): Engine | null {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(64 * 1024);
  let length: number;
  try {
    length = fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgresql';
  if (length < 2 || head[0] !== 0x1f || head[1] !== 0x8b) return null;
  // A gzip of anything else is not ours: look for the tar header's "ustar" magic inside. Sync flush
  // lets zlib inflate the first 64 KiB without complaining that the stream ends early.
  try {
    const tar = zlib.gunzipSync(head.subarray(0, length), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    return tar.subarray(257, 262).toString('latin1') === 'ustar' ? 'pglite' : null;
  } catch {
    return null;
  }
}

/** A file size for people: 4.5 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** A duration for people: 1.2 秒. */
export const formatSeconds = (ms: number) => `${(ms / 1000).toFixed(1)} 秒`;

// ---- PGlite ----

/** Refuses to touch an embedded database that another process has open. */
export function assertPgliteIdle(dataDir: string): void {
  // PGlite writes postmaster.pid on open and removes it on close, so its presence means the platform
  // is running, or stopped without closing (a crash), which the operator must judge, not this code.
  const pidFile = path.join(pgliteDir(dataDir), 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    throw new Error(
      `嵌入式数据库正在被使用（存在 ${pidFile}）：请先停止平台。` +
        '如确认平台已停止（上次为异常退出），删除该文件后重试',
    );
  }
}

/** Refuses a DATA_DIR without an embedded database, instead of silently creating an empty one. */
export function assertPgliteExists(dataDir: string): void {
  if (!fs.existsSync(path.join(pgliteDir(dataDir), 'PG_VERSION'))) {
    throw new Error(`未找到嵌入式数据库：${pgliteDir(dataDir)}（请检查 DATA_DIR）`);
  }
}

async function dumpPglite(dataDir: string, tmp: string): Promise<void> {
  // Without this check openDatabase would create an empty database and back that up.
  assertPgliteExists(dataDir);
  assertPgliteIdle(dataDir);
  const database = await openDatabase({ dataDir });
  try {
    if (!database.pglite) throw new Error('嵌入式数据库未能打开');
    const blob = await database.pglite.dumpDataDir('gzip');
    const handle = await fs.promises.open(tmp, 'w');
    try {
      await handle.writeFile(Buffer.from(await blob.arrayBuffer()));
      await handle.sync();
    } finally {
      await handle.close();
    }
  } finally {
    await database.close();
  }
}

async function restorePglite(dataDir: string, file: string) {
  const live = pgliteDir(dataDir);
  assertPgliteIdle(dataDir);
  // Inflated here rather than by PGlite: zlib checks the gzip's CRC and length, so a damaged file is
  // refused before anything moves, and PGlite's own inflater leaves its failure as an unhandled rejection.
  // zlib hands back a Buffer over a plain (never shared) ArrayBuffer, which is what Blob wants.
  let tar: Uint8Array<ArrayBuffer>;
  try {
    tar = (await gunzip(await fs.promises.readFile(file))) as Uint8Array<ArrayBuffer>;
  } catch (err) {
    throw new Error(`备份文件已损坏或不完整（解压失败：${messageOf(err)}），未做任何改动`);
  }
  let movedAside: string | null = null;
  if (fs.existsSync(live) && fs.readdirSync(live).length > 0) {
    movedAside = `${live}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(live, movedAside);
  } else {
    fs.rmSync(live, { recursive: true, force: true });
  }
  try {
    const database = await openDatabase({ dataDir, loadDataDir: new Blob([tar]) });
    try {
      // Reading the migrations table proves the loaded directory is a working database of ours.
      return { movedAside, migrations: await migrationLevel(database.db) };
    } finally {
      await database.close();
    }
  } catch (err) {
    fs.rmSync(live, { recursive: true, force: true });
    if (movedAside) fs.renameSync(movedAside, live);
    throw new Error(`恢复失败，原数据库已放回 ${live}：${messageOf(err)}`);
  }
}

// ---- PostgreSQL ----

async function dumpPostgres(url: string, tmp: string): Promise<void> {
  const conn = libpqConnection(url);
  await run(findPgTool('pg_dump'), ['--format=custom', '--no-owner', `--file=${tmp}`, conn.dsn], conn.env);
}

async function restorePostgres(url: string, file: string) {
  const conn = libpqConnection(url);
  const pgRestore = findPgTool('pg_restore');
  // --clean only drops what the dump contains: a table created after the backup (say by a newer
  // migration) would survive beside the restored ones and break the next migrate. Refuse instead.
  const listing = await run(pgRestore, ['--list', file], conn.env);
  const extra = await tablesNotInDump(url, listing);
  if (extra.length > 0) {
    throw new Error(
      `目标数据库中有备份里没有的表：${extra.join('、')}（可能由备份之后的迁移创建）。` +
        '请新建一个空数据库（createdb）并把 DATABASE_URL 指向它后再恢复，或确认后手工删除这些表；未做任何改动',
    );
  }
  await run(
    pgRestore,
    ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${conn.dsn}`, file],
    conn.env,
  );
  const database = await openDatabase({ url, poolSize: 1 });
  try {
    return await migrationLevel(database.db);
  } finally {
    await database.close();
  }
}

/** Tables and views of the live database (outside system schemas and extensions) missing from the dump. */
async function tablesNotInDump(url: string, listing: string): Promise<string[]> {
  const inDump = new Set<string>();
  // A TOC line reads "217; 1259 16390 TABLE public accounts owner"; "TABLE DATA" lines are the rows.
  for (const m of listing.matchAll(/^\d+; \d+ \d+ (?:TABLE|VIEW|MATERIALIZED VIEW) (?!DATA )(\S+) (\S+)/gm)) {
    inDump.add(`${m[1]}.${m[2]}`);
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(`
      select n.nspname || '.' || c.relname as name
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind in ('r', 'p', 'v', 'm')
         and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
         and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
       order by 1`);
    return rows.map((r) => r.name).filter((name) => !inDump.has(name));
  } finally {
    await client.end();
  }
}

/** The URL without its password (which goes in PGPASSWORD), so it never shows in `ps`. */
function libpqConnection(url: string): { dsn: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dsn: u.toString(), env: password ? { ...process.env, PGPASSWORD: password } : { ...process.env } };
}

/** A PostgreSQL client tool from PATH, else from the newest /usr/lib/postgresql/<version>/bin. */
export function findPgTool(
  name: 'pg_dump' | 'pg_restore',
  searchPath = process.env.PATH ?? '',
  root = '/usr/lib/postgresql',
): string {
  const dirs = searchPath.split(path.delimiter).filter(Boolean);
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const dir of [...dirs, ...versions.map((v) => path.join(root, v, 'bin'))]) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next directory
    }
  }
  throw new Error(
    `找不到 ${name}：请安装 PostgreSQL 客户端（版本不低于服务器，如 apt-get install postgresql-client-15），或把其 bin 目录加入 PATH`,
  );
}

/** Runs a tool and returns its stdout; a failure to start or a non-zero exit becomes an error with stderr. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const tool = path.basename(command);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', (err) => reject(new Error(`无法运行 ${command}：${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(stdout);
      const detail = stderr.trim().slice(-4000) || '（没有错误输出）';
      reject(new Error(`${tool} 执行失败（${code === null ? `信号 ${signal}` : `退出码 ${code}`}）：\n${detail}`));
    });
  });
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
