/**
 * `npm run bench:workplans`: the dashboard of one published work plan sent to a city of ~3,000 orgs
 * with 30,000 progress reports, on PostgreSQL (a throwaway cluster from scripts/with-postgres.sh).
 *
 * The org tree (city → 10 counties → 120 towns → 2,880 enterprise unions) and the reports are written
 * in bulk; the document is drafted, published and split down to the towns through the API, so its
 * assignments and allotments are the platform's own. Every measured request goes through `app.inject`
 * (session, permission, validation, queries, serialisation), sequentially, beside a bare Fastify route,
 * a `select 1` round trip and GET /api/me measured in the same run. Writes the section
 * "## Work plans dashboard (issue 4)" of docs/benchmarks.md and leaves the other sections as they are.
 *
 * Flags: --samples N (timed requests per figure, default 200), --warmup N (default 20), --rounds N
 * (measurement rounds over the same data, default 2), --reports N (default 30,000), --keep (leave the
 * database for profiling; only useful with BENCH_DATABASE_URL pointing at a server that outlives the run).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { type Db, openDatabase, queryRows } from '../server/db/client';
import { loadKeyRing } from '../server/lib/pii';
import { createBenchDatabase, latency, startHeapFlags } from './bench-common';
import { type Measured, writeReport } from './bench-workplans-report';
import { seed, signIn } from './bench-workplans-seed';

const { values: args } = parseArgs({
  options: {
    samples: { type: 'string' },
    warmup: { type: 'string' },
    rounds: { type: 'string' },
    reports: { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const count = (v: string | undefined, fallback: number) => (v ? Number(v.replace(/[_,]/g, '')) : fallback);
const samples = count(args.samples, 200);
const warmup = count(args.warmup, 20);
const rounds = count(args.rounds, 2);
const reportCount = count(args.reports, 30_000);
const log = (line: string) => console.log(`bench:workplans · ${line}`);

/** The figures of one answer, to check it before timing it (and to print its size). */
function cellsOf(body: string): number {
  const view = JSON.parse(body) as { tasks?: { targets: { byOrg: unknown[] }[] }[]; items?: { targets: unknown[] }[] };
  if (view.tasks) return view.tasks.reduce((n, t) => n + t.targets.reduce((m, g) => m + g.byOrg.length, 0), 0);
  return (view.items ?? []).reduce((n, i) => n + i.targets.length, 0);
}

type Dashboard = {
  tasks: { targets: { targetId: number; actual: number; byOrg: { orgId: number; actual: number }[] }[] }[];
};

/**
 * Checks the root dashboard before timing it: each reported target's figure is the sum of its reports
 * that were not returned, and each county's cell the sum of its subtree's.
 */
async function checkDashboard(db: Db, body: string) {
  const sums = await queryRows<{ target_id: number; org_id: number | null; total: number }>(
    db,
    sql`select r.target_id::int as target_id, o.id as org_id, sum(r.value)::float8 as total
        from workplan_reports r join orgs o on o.depth = 1 and r.org_path like o.path || '%'
        where r.target_id is not null and r.status <> 'returned'
        group by grouping sets ((r.target_id), (r.target_id, o.id))`,
  );
  const expected = new Map(sums.map((s) => [`${s.target_id}:${s.org_id ?? ''}`, s.total]));
  const near = (a: number, b: number | undefined) => Math.abs(a - (b ?? 0)) < 1e-6 * Math.max(1, Math.abs(a));
  for (const t of (JSON.parse(body) as Dashboard).tasks.flatMap((task) => task.targets)) {
    if (!expected.has(`${t.targetId}:`)) continue; // a catalog metric
    if (!near(t.actual, expected.get(`${t.targetId}:`))) throw new Error(`target ${t.targetId}: ${t.actual}`);
    for (const cell of t.byOrg) {
      const want = expected.get(`${t.targetId}:${cell.orgId}`);
      if (want !== undefined && !near(cell.actual, want)) throw new Error(`target ${t.targetId} org ${cell.orgId}`);
    }
  }
}

/** Runs this script again with the heap flags of `npm start`, so the app is measured as it runs in production. */
async function withStartFlags(flags: string[]): Promise<number> {
  const proc = spawn(process.execPath, [...flags, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  return new Promise((resolve) => proc.on('exit', (code) => resolve(code ?? 1)));
}

async function main() {
  const flags = startHeapFlags();
  if (!flags.every((f) => process.execArgv.includes(f))) return withStartFlags(flags);
  const loadAtStart = os.loadavg()[0] ?? 0;
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) throw new Error('BENCH_DATABASE_URL 未设置（npm run bench:workplans 会启动临时 PostgreSQL）');
  const created = await createBenchDatabase(server, `bench_workplans_${process.pid}`);
  const database = await openDatabase({ url: created.url, poolSize: 10 });
  try {
    await database.migrate();
    const config = { ...loadConfig({ NODE_ENV: 'test' }), loginLimitPerIp: 1000, webDist: '/nonexistent' };
    const keyRing = loadKeyRing(
      { PII_KEYS: `bench:${randomBytes(32).toString('base64')}`, PII_INDEX_KEY: randomBytes(32).toString('base64') },
      { production: true },
    );
    const app = await buildApp({ database, config, logger: false, keyRing });
    await app.ready();
    const password = `Bench@${randomBytes(6).toString('hex')}`;
    const { documentId, county, facts } = await seed(database, app, { password, reports: reportCount, log });
    const city = await signIn(app, 'bench_city_admin', password);
    const countyStaff = await signIn(app, 'bench_county_admin', password);
    const bare = Fastify({ logger: false });
    bare.get('/bare', async () => ({ status: 'ok' }));
    await bare.ready();

    const dashboard = `/api/documents/${documentId}/dashboard`;
    const requests: { label: string; who: string; target: number | null; call: () => Promise<{ body: string }> }[] = [
      {
        label: 'bare Fastify route (inject)',
        who: '',
        target: null,
        call: async () => ({ body: (await bare.inject({ url: '/bare' })).body }),
      },
      {
        label: '`select 1` round trip (pool)',
        who: '',
        target: null,
        call: async () => ({ body: JSON.stringify(await queryRows(database.db, sql`select 1 as one`)) }),
      },
      { label: 'GET /api/me', who: 'city staff (root)', target: null, call: () => city.get('/api/me') },
      {
        label: 'GET /api/documents/:id/dashboard',
        who: 'city staff (root)',
        target: 200,
        call: () => city.get(dashboard),
      },
      {
        label: 'GET …/dashboard?orgId=county',
        who: 'city staff (root)',
        target: 200,
        call: () => city.get(`${dashboard}?orgId=${county.id}`),
      },
      {
        label: 'GET /api/documents/:id/dashboard',
        who: 'county staff',
        target: 200,
        call: () => countyStaff.get(dashboard),
      },
      {
        label: 'GET …/dashboard?orgId=county',
        who: 'county staff',
        target: 200,
        call: () => countyStaff.get(`${dashboard}?orgId=${county.id}`),
      },
      {
        label: 'GET /api/workplans/todo',
        who: 'county staff',
        target: 200,
        call: () => countyStaff.get('/api/workplans/todo'),
      },
    ];
    await checkDashboard(database.db, (await city.get(dashboard)).body);
    const measured: Measured[] = [];
    for (const q of requests) {
      const { body } = await q.call();
      measured.push({
        label: q.label,
        who: q.who,
        target: q.target,
        cells: q.who ? cellsOf(body) : 0,
        bytes: Buffer.byteLength(body),
        rounds: [],
      });
    }
    for (let round = 1; round <= rounds; round++) {
      for (const [i, q] of requests.entries()) {
        const figure = await latency(
          samples,
          async () => {
            const t0 = performance.now();
            await q.call();
            return performance.now() - t0;
          },
          warmup,
        );
        measured[i]?.rounds.push(figure);
        log(
          `第 ${round} 轮 ${q.label} ${q.who}: p50 ${figure.p50.toFixed(2)} ms, p95 ${figure.p95.toFixed(2)} ms, p99 ${figure.p99.toFixed(2)} ms`,
        );
      }
    }
    const [version] = await queryRows<{ v: string }>(database.db, sql`select current_setting('server_version') as v`);
    await bare.close();
    await app.close();
    console.log(
      writeReport(path.resolve('docs/benchmarks.md'), {
        facts,
        measured,
        samples,
        warmup,
        postgres: version?.v ?? '?',
        nodeFlags: flags.join(' '),
        loadAtStart,
      }),
    );
  } finally {
    await database.close();
    if (args.keep) log(`数据库保留在 ${created.url}`);
    else await created.drop();
  }
}

main().then(
  (code) => process.exit(code ?? 0),
  (err: unknown) => {
    console.error(`bench:workplans 失败：${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
