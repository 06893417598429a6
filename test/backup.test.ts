import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type App, buildApp } from '../server/app';
import { type BackupTarget, backupDatabase, findPgTool, restoreDatabase } from '../server/db/backup';
import { type Database, type Db, migrationsFolder, openDatabase, queryRows } from '../server/db/client';
import { verifyAuditChain } from '../server/modules/audit/audit.verify';
import { orgs } from '../server/modules/orgs/orgs.tables';
import { makeOrg } from '../server/seed/factories';
import { TestClock, testConfig, testKeyRing } from './app';
import { testEngine, withDatabase } from './engine';
import { buildCity, buildUser, signIn, uid } from './factories';

/**
 * A database of this file's own that can be closed and reopened (backup and restore need it closed):
 * an on-disk PGlite DATA_DIR, or a PostgreSQL database created from the run's migrated template.
 */
async function openOwnDatabase(workDir: string) {
  if (testEngine === 'pglite') {
    const dataDir = path.join(workDir, 'data');
    const snapshot = new Blob([fs.readFileSync(inject('pgliteSnapshot'))]);
    await (await openDatabase({ dataDir, loadDataDir: snapshot })).close();
    const target: BackupTarget = { url: null, dataDir };
    return { target, open: () => openDatabase({ dataDir }), drop: async () => {} };
  }
  const serverUrl = process.env.TEST_DATABASE_URL as string;
  // Named like openTestDatabase's, so the run's teardown drops it even if this file crashes.
  const name = `gonghui_t_${process.ppid}_bk${process.pid}_${Date.now() % 100000}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
  const url = withDatabase(serverUrl, name);
  const target: BackupTarget = { url, dataDir: workDir };
  return {
    target,
    open: () => openDatabase({ url, poolSize: 2 }),
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Every row of the tables that matter, as text, so two states compare exactly. */
async function capture(db: Db) {
  const tables = ['orgs', 'accounts', 'grants', 'audit_log'];
  const state: Record<string, string> = {};
  for (const t of tables) state[t] = JSON.stringify(await queryRows(db, sql.raw(`select * from ${t} order by id`)));
  return state;
}

async function withApp(database: Database, fn: (app: App) => Promise<void>) {
  const app = await buildApp({
    database,
    config: testConfig(),
    clock: new TestClock().now,
    logger: false,
    keyRing: testKeyRing,
  });
  await app.ready();
  try {
    await fn(app);
  } finally {
    await app.close();
  }
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-backup-test-'));
let own: Awaited<ReturnType<typeof openOwnDatabase>>;
let database: Database | null = null;
const file = path.join(workDir, 'gonghui.backup');
let backedUp: Record<string, string>;

/** Opens the file's database for one step and closes it again, as backup and restore need. */
async function using<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  database = await own.open();
  try {
    return await fn(database);
  } finally {
    await database.close();
    database = null;
  }
}

beforeAll(async () => {
  own = await openOwnDatabase(workDir);
});

afterAll(async () => {
  await database?.close();
  await own?.drop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe(`backup and restore (${testEngine})`, () => {
  it('brings back exactly the state at backup time after later changes', { timeout: 120_000 }, async () => {
    const { city, username } = await using(async (d) => {
      const city = await buildCity(d.db);
      const user = await buildUser(d.db, 'union_admin', city.countyA);
      await withApp(d, async (app) => {
        await signIn(app, user.username);
      });
      return { city, username: user.username };
    });

    const made = await backupDatabase(own.target, file);
    expect(made).toMatchObject({ engine: testEngine, overwrote: false });
    expect(made.bytes).toBeGreaterThan(1000);
    expect(fs.existsSync(`${file}.tmp`)).toBe(false);
    backedUp = await using((d) => capture(d.db));
    expect(JSON.parse(backedUp.audit_log ?? '[]')).not.toHaveLength(0);

    await using(async (d) => {
      await makeOrg(d.db, city.countyA, { name: `备份后新建镇总工会${uid()}`, type: 'town_federation' });
      await d.db
        .update(orgs)
        .set({ name: `改名后的工会${uid()}` })
        .where(eq(orgs.id, city.unionA.id));
      await withApp(d, async (app) => {
        await signIn(app, username);
      });
      expect(await capture(d.db)).not.toEqual(backedUp);
    });

    const restored = await restoreDatabase(own.target, file);
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'));
    expect(restored.migrations.latest).toBe(journal.entries.at(-1).tag);
    if (testEngine === 'pglite') {
      expect(restored.movedAside).toMatch(/pglite\.before-restore-/);
      expect(fs.existsSync(path.join(restored.movedAside ?? '', 'PG_VERSION'))).toBe(true);
    }
    await using(async (d) => {
      expect(await capture(d.db)).toEqual(backedUp);
      expect((await verifyAuditChain(d.db)).ok).toBe(true);
      // The restore brings back the append-only trigger and pg_trgm with the tables.
      await expect(d.db.execute(sql`delete from audit_log`)).rejects.toThrow();
      const ext = await queryRows<{ n: number }>(
        d.db,
        sql`select count(*)::int as n from pg_extension where extname = 'pg_trgm'`,
      );
      expect(Number(ext[0]?.n)).toBe(1);
      // The platform keeps working on the restored database: a new login appends to the chain.
      await withApp(d, async (app) => {
        await signIn(app, username);
      });
      expect((await verifyAuditChain(d.db)).ok).toBe(true);
    });
  });

  it('says so when it overwrites an existing backup file', { timeout: 60_000 }, async () => {
    const again = await backupDatabase(own.target, file);
    expect(again.overwrote).toBe(true);
  });

  it('refuses a garbage file and a backup of the other engine, changing nothing', { timeout: 60_000 }, async () => {
    const before = await using((d) => capture(d.db));
    const garbage = path.join(workDir, 'garbage.backup');
    fs.writeFileSync(garbage, 'this is not a backup at all\n'.repeat(100));
    await expect(restoreDatabase(own.target, garbage)).rejects.toThrow(/不是本平台生成的备份文件/);
    const gzipNotTar = path.join(workDir, 'notes.gz');
    fs.writeFileSync(gzipNotTar, zlib.gzipSync('x'.repeat(2000)));
    await expect(restoreDatabase(own.target, gzipNotTar)).rejects.toThrow(/不是本平台生成的备份文件/);

    const pgDump = path.join(workDir, 'server.dump');
    fs.writeFileSync(pgDump, Buffer.concat([Buffer.from('PGDMP'), Buffer.alloc(600)]));
    const tarHeader = Buffer.alloc(1024);
    tarHeader.write('PG_VERSION', 0);
    tarHeader.write('ustar', 257);
    const pgliteDump = path.join(workDir, 'embedded.tar.gz');
    fs.writeFileSync(pgliteDump, zlib.gzipSync(tarHeader));
    const [otherFile, otherLabel] =
      testEngine === 'pglite' ? [pgDump, /PostgreSQL 服务器的备份/] : [pgliteDump, /嵌入式数据库（PGlite）的备份/];
    await expect(restoreDatabase(own.target, otherFile)).rejects.toThrow(otherLabel);
    await expect(restoreDatabase(own.target, path.join(workDir, 'missing.backup'))).rejects.toThrow(/备份文件不存在/);

    expect(await using((d) => capture(d.db))).toEqual(before);
  });

  it('fails loudly on a truncated backup and leaves the database as it was', { timeout: 60_000 }, async () => {
    const before = await using((d) => capture(d.db));
    const whole = fs.readFileSync(file);
    const truncated = path.join(workDir, 'truncated.backup');
    fs.writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    const asides = () => fs.readdirSync(own.target.dataDir).filter((f) => f.includes('before-restore')).length;
    const asidesBefore = asides();
    const failure = testEngine === 'pglite' ? /备份文件已损坏或不完整/ : /pg_restore 执行失败/;
    await expect(restoreDatabase(own.target, truncated)).rejects.toThrow(failure);
    expect(asides()).toBe(asidesBefore);
    expect(await using((d) => capture(d.db))).toEqual(before);
  });

  it('leaves no file behind when a backup fails', async () => {
    const target: BackupTarget =
      testEngine === 'pglite'
        ? { url: null, dataDir: path.join(workDir, 'nothing-here') }
        : { url: withDatabase(own.target.url ?? '', 'gonghui_no_such_database'), dataDir: workDir };
    const failed = path.join(workDir, 'failed.backup');
    const failure = testEngine === 'pglite' ? /未找到嵌入式数据库/ : /pg_dump 执行失败[\s\S]*gonghui_no_such_database/;
    await expect(backupDatabase(target, failed)).rejects.toThrow(failure);
    expect(fs.existsSync(failed)).toBe(false);
    expect(fs.existsSync(`${failed}.tmp`)).toBe(false);
    await expect(backupDatabase(own.target, path.join(workDir, 'no-dir', 'x.backup'))).rejects.toThrow(
      /备份目录不存在/,
    );
  });

  it('names a missing PostgreSQL tool instead of failing silently', () => {
    expect(() => findPgTool('pg_restore', '', path.join(workDir, 'no-postgresql'))).toThrow(/找不到 pg_restore/);
  });

  it('exits 2 without a file argument and 1 on an error, from the command line', { timeout: 60_000 }, () => {
    const cli = (script: string, ...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}`, ...args], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: '', DATA_DIR: path.join(workDir, 'cli-data') },
      });
    const usage = cli('db-backup.ts');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/用法：npm run db:backup -- <备份文件>/);
    expect(cli('db-restore.ts').status).toBe(2);
    const garbage = path.join(workDir, 'cli-garbage.backup');
    fs.writeFileSync(garbage, 'not a backup');
    const failed = cli('db-restore.ts', garbage);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/恢复失败：.*不是本平台生成的备份文件/);
  });

  it.runIf(testEngine === 'postgresql')('refuses to restore over tables the backup does not know', async () => {
    await using((d) => d.db.execute(sql`create table added_after_backup (id int)`));
    await expect(restoreDatabase(own.target, file)).rejects.toThrow(/备份里没有的表：public\.added_after_backup/);
    await using((d) => d.db.execute(sql`drop table added_after_backup`));
  });

  it.runIf(testEngine === 'pglite')('puts the previous directory back when the backup does not load', async () => {
    const before = await using((d) => capture(d.db));
    const tarHeader = Buffer.alloc(1024);
    tarHeader.write('PG_VERSION', 0);
    tarHeader.write('ustar', 257);
    const notADatabase = path.join(workDir, 'not-a-database.tar.gz');
    fs.writeFileSync(notADatabase, zlib.gzipSync(tarHeader));
    const asides = () => fs.readdirSync(own.target.dataDir).filter((f) => f.includes('before-restore'));
    const asidesBefore = asides();
    await expect(restoreDatabase(own.target, notADatabase)).rejects.toThrow(/恢复失败，原数据库已放回/);
    expect(asides()).toEqual(asidesBefore);
    expect(await using((d) => capture(d.db))).toEqual(before);
  });

  it.runIf(testEngine === 'pglite')('refuses while the embedded database is open elsewhere', async () => {
    await using(async () => {
      await expect(backupDatabase(own.target, file)).rejects.toThrow(/正在被使用/);
      await expect(restoreDatabase(own.target, file)).rejects.toThrow(/正在被使用/);
    });
  });
});
