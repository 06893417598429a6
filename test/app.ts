import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { type App, buildApp } from '../server/app';
import { type Config, loadConfig } from '../server/config';
import { type Database, type Db, openDatabase } from '../server/db/client';
import { loadKeyRing } from '../server/lib/pii';
import { testEngine, withDatabase } from './engine';

/** A clock the tests can move forward (session timeouts, lockouts, rate-limit windows). */
export class TestClock {
  private offsetMs = 0;
  now = () => new Date(Date.now() + this.offsetMs);
  advance(ms: number) {
    this.offsetMs += ms;
  }
}

/** Fixed keys for members' personal data in tests (never used outside tests). */
export const testKeyRing = loadKeyRing(
  { PII_KEYS: `t1:${Buffer.alloc(32, 1).toString('base64')}`, PII_INDEX_KEY: Buffer.alloc(32, 2).toString('base64') },
  { production: true },
);

let fileDatabases = 0;

/** A fresh copy of the migrated database for one test file, on the engine of this run. */
export async function openTestDatabase(): Promise<Database & { drop(): Promise<void> }> {
  if (testEngine === 'pglite') {
    const snapshot = fs.readFileSync(inject('pgliteSnapshot'));
    const database = await openDatabase({ loadDataDir: new Blob([snapshot]) });
    return { ...database, drop: async () => {} };
  }
  const url = process.env.TEST_DATABASE_URL as string;
  const name = `gonghui_t_${process.ppid}_${process.pid}_${fileDatabases++}_${Date.now() % 100000}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
  const database = await openDatabase({ url: withDatabase(url, name), poolSize: 5 });
  return {
    ...database,
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export interface TestWorld {
  app: App;
  db: Db;
  database: Database;
  clock: TestClock;
  config: Config;
}

/** Generous login limits so a file full of logins is not rate-limited; the limit tests set their own. */
export const testConfig = (overrides: Partial<Config> = {}): Config => ({
  ...loadConfig({ NODE_ENV: 'test' }),
  loginLimitPerIp: 100_000,
  loginLimitPerAccount: 1_000,
  webDist: '/nonexistent',
  ...overrides,
});

/** Builds the app on this file's database before its tests, and closes both after them. */
export function useTestApp(overrides: Partial<Config> = {}): TestWorld {
  const world = {} as TestWorld;
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase();
    const clock = new TestClock();
    const config = testConfig(overrides);
    const app = await buildApp({ database, config, clock: clock.now, logger: false, keyRing: testKeyRing });
    await app.ready();
    Object.assign(world, { app, db: database.db, database, clock, config });
  });
  afterAll(async () => {
    await world.app?.close();
    await database?.close();
    await database?.drop();
  });
  return world;
}
