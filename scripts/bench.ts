/**
 * `npm run bench`: requests/s and p99 latency of GET /api/health and of an authenticated, scoped
 * org-children request, beside a bare Fastify route served by the same process in the same run (the
 * ratio is the figure), on PGlite and on PostgreSQL. Writes docs/benchmarks.md.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import Fastify from 'fastify';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/client';
import { loadKeyRing } from '../server/lib/pii';
import { orgs } from '../server/modules/orgs/orgs.tables';
import { demoPassword } from '../server/modules/system/system.routes';
import { seedDemo } from '../server/seed/demo';
import { createBenchDatabase } from './bench-common';

const duration = Number(process.env.BENCH_SECONDS ?? 8);
const connections = 10;

interface Result {
  target: string;
  rps: number;
  p99: number;
  errors: number;
}

/** Runs autocannon in its own process so the load generator does not share the server's event loop. */
async function load(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ rps: number; p99: number; errors: number }> {
  const args = ['node_modules/autocannon/autocannon.js', '-j', '-c', String(connections), '-d', String(duration)];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  const { stdout: out } = await promisify(execFile)(process.execPath, [...args, url], { encoding: 'utf8' });
  const r = JSON.parse(out) as {
    requests: { average: number };
    latency: { p99: number };
    non2xx: number;
    errors: number;
  };
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.non2xx + r.errors };
}

async function bareServer() {
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => ({ status: 'ok' }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const { port } = bare.server.address() as { port: number };
  return { bare, url: `http://127.0.0.1:${port}/bare` };
}

async function benchEngine(engine: 'pglite' | 'postgresql'): Promise<Result[]> {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  const pgDb =
    engine === 'postgresql' && serverUrl ? await createBenchDatabase(serverUrl, `gonghui_bench_${process.pid}`) : null;
  const database = await openDatabase({ url: pgDb?.url ?? null, poolSize: 10 });
  await database.migrate();
  const config = { ...loadConfig({ NODE_ENV: 'test' }), webDist: '/nonexistent' };
  // Throwaway keys: the benchmark's demo data is generated and deleted in the same run.
  const keyRing = loadKeyRing(
    { PII_KEYS: `bench:${randomBytes(32).toString('base64')}`, PII_INDEX_KEY: randomBytes(32).toString('base64') },
    { production: true },
  );
  await seedDemo(database.db, keyRing);
  const app = await buildApp({ database, config, logger: false, keyRing });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'haimen_admin', password: demoPassword }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const [haimen] = await database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, '海门区总工会'));
  const childrenUrl = `${base}/api/orgs/${haimen?.id}/children?limit=50`;
  const check = await fetch(childrenUrl, { headers: { cookie } });
  if (check.status !== 200) throw new Error(`children request answered ${check.status}`);

  const { bare, url: bareUrl } = await bareServer();
  const results: Result[] = [];
  for (const [target, url, headers] of [
    ['bare Fastify route', bareUrl, {}],
    ['GET /api/health', `${base}/api/health`, {}],
    ['GET /api/orgs/:id/children (haimen_admin, 50 rows)', childrenUrl, { cookie }],
  ] as const) {
    console.log(`bench: ${engine} · ${target}`);
    results.push({ target, ...(await load(url, headers)) });
  }
  await bare.close();
  await app.close();
  await database.close();
  await pgDb?.drop();
  return results;
}

function report(byEngine: [string, Result[]][]): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '# Benchmarks',
    '',
    `Run by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} · ${os.cpus().length} × ${cpu} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version} · ${os.platform()} ${os.release()}.`,
    '',
    `Each target is loaded for ${duration} s by autocannon (${connections} connections) in a separate process; the platform and`,
    'a bare Fastify route are served by the same process in the same run, so the ratio to the bare route is the',
    'figure that carries from machine to machine. The scoped request runs the session lookup (2 queries), the',
    'scope check and the keyset page of 50 children with their child counts, on the demo city (≈3,000 orgs).',
    '',
  ];
  for (const [engine, results] of byEngine) {
    const bare = results[0]?.rps ?? 1;
    lines.push(
      `## ${engine}`,
      '',
      '| target | requests/s | p99 (ms) | ratio to bare | errors |',
      '|---|---:|---:|---:|---:|',
    );
    for (const r of results) {
      lines.push(`| ${r.target} | ${Math.round(r.rps)} | ${r.p99} | ${(r.rps / bare).toFixed(3)} | ${r.errors} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

const engines: ('pglite' | 'postgresql')[] = ['pglite'];
if (process.env.BENCH_DATABASE_URL) engines.push('postgresql');
else console.log('bench: BENCH_DATABASE_URL not set; PostgreSQL skipped (npm run bench starts a throwaway cluster)');
const byEngine: [string, Result[]][] = [];
for (const engine of engines)
  byEngine.push([engine === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL 15', await benchEngine(engine)]);
const file = path.resolve('docs/benchmarks.md');
fs.mkdirSync(path.dirname(file), { recursive: true });
// Later sections belong to other benchmarks (`npm run bench:members`, `bench:workplans` …): keep them.
const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
const later =
  [...previous.matchAll(/\n## (.*)/g)].find((m) => m[1] !== 'PGlite (embedded)' && m[1] !== 'PostgreSQL 15')?.index ??
  -1;
fs.writeFileSync(file, report(byEngine) + (later >= 0 ? previous.slice(later) : ''));
console.log(fs.readFileSync(file, 'utf8'));
