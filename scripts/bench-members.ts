/**
 * `npm run bench:members`: the roster at city scale, on PGlite and on PostgreSQL in one run. For each
 * engine, one process seeds the demo city grown to N members (server/seed/cityScale.ts) and a second,
 * fresh process measures, so its peak RSS is the platform's own: search latency through the HTTP API,
 * subtree totals, the imports (scripts/bench-members-import.ts) and a raw COPY baseline. Writes the
 * section "## Members (issue 3)" of docs/benchmarks.md and leaves the other sections as they are.
 *
 * Flags: --members N (both engines; default 2,400,000), --pglite-members N, --engine pglite|postgresql,
 * --samples N (requests per figure, default 40), --no-import. Env: BENCH_MEMBERS, BENCH_PGLITE_MEMBERS.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { openDatabase, queryRows } from '../server/db/client';
import { chinaDate } from '../server/lib/dates';
import { loadKeyRing } from '../server/lib/pii';
import { personNamePinyin } from '../server/lib/pinyin';
import { orgs } from '../server/modules/orgs/orgs.tables';
import { demoPassword } from '../server/modules/system/system.routes';
import { cityScaleRecord, seedCityScale } from '../server/seed/cityScale';
import { type Person, personAt, rosterSpace, rosterWithoutMobile } from '../server/seed/cityScalePeople';
import { seedDemo } from '../server/seed/demo';
import { createBenchDatabase, fmt, latency, startHeapFlags } from './bench-common';
import { benchImports, importContext, importUnion, prepareImportFiles, readPrepared } from './bench-members-import';
import { type Engine, type EngineResult, writeReport } from './bench-members-report';

const count = (v: string | undefined, fallback: number) => (v ? Number(v.replace(/[_,]/g, '')) : fallback);

const { values: args } = parseArgs({
  options: {
    members: { type: 'string' },
    'pglite-members': { type: 'string' },
    engine: { type: 'string' },
    samples: { type: 'string' },
    'no-import': { type: 'boolean' },
    files: { type: 'string' },
    // Internal: a child process's job.
    child: { type: 'string' },
    target: { type: 'string' },
    out: { type: 'string' },
  },
});

/** The throwaway keys of this run, shared with the child processes through their environment. */
function keyRing() {
  return loadKeyRing(process.env, { production: true });
}

async function openTarget(engine: Engine, target: string) {
  return openDatabase(engine === 'postgresql' ? { url: target, poolSize: 10 } : { dataDir: target });
}

/**
 * Child 1: migrate, the demo city, the city-scale load (progress in Chinese), then the import files
 * into `filesDir` when given.
 */
async function seedChild(engine: Engine, target: string, members: number, filesDir: string | undefined) {
  const database = await openTarget(engine, target);
  await database.migrate();
  const ring = keyRing();
  await seedDemo(database.db, ring);
  let last = 0;
  const loaded = await seedCityScale(database.db, ring, {
    members,
    onProgress: (p) => {
      if (p.phase === 'members' && performance.now() - last < 5000 && p.done < p.total) return;
      last = performance.now();
      const what =
        p.phase === 'members' ? `已写入 ${fmt(p.done)} / ${fmt(p.total)} 名会员` : `阶段 ${p.phase} ${p.detail ?? ''}`;
      console.log(`bench:members ${engine} · ${what}`);
    },
  });
  if (!loaded) throw new Error('city-scale data already present');
  if (filesDir) {
    await prepareImportFiles({
      ring,
      union: await importUnion(database),
      today: chinaDate(new Date()),
      dir: filesDir,
      xlsxRows: count(process.env.BENCH_XLSX_ROWS, 100_000),
      csvRows: count(process.env.BENCH_CSV_ROWS, 1_000_000),
      copyRows: count(process.env.BENCH_COPY_ROWS, 1_000_000),
      log: (line) => console.log(`bench:members ${engine} · ${line}`),
    });
  }
  await database.close();
  return { seconds: loaded.seconds, timings: loaded.timings, membersAdded: loaded.membersAdded };
}

type Check = (names: string[], p: Person, q: string) => boolean;
const allContain: Check = (n, _p, q) => n.length > 0 && n.every((x) => x.includes(q));
const pinyinStarts =
  (kind: 'full' | 'initials'): Check =>
  (n, _p, q) =>
    n.length > 0 && n.every((x) => personNamePinyin(x)[kind].startsWith(q));
const onlyThePerson: Check = (n, p) => n.length === 1 && n[0] === p.name;
/** The search box's kinds of input, each with a check that the answer is right. */
const searchCases: { label: string; q: (p: Person) => string; ok: Check }[] = [
  { label: 'name, 1 character', q: (p) => [...p.name][2] as string, ok: allContain },
  { label: 'name, 2 characters', q: (p) => p.name.slice(0, 2), ok: allContain },
  { label: 'name, 3 characters', q: (p) => p.name, ok: (n, p) => n.includes(p.name) },
  { label: 'pinyin initials', q: (p) => personNamePinyin(p.name).initials, ok: pinyinStarts('initials') },
  { label: 'full pinyin', q: (p) => personNamePinyin(p.name).full, ok: pinyinStarts('full') },
  { label: 'mobile number', q: (p) => p.mobile as string, ok: onlyThePerson },
  { label: 'ID number', q: (p) => p.idNumber, ok: onlyThePerson },
];

/** Child 2: the platform's figures on the seeded database. */
async function measureChild(engine: Engine, target: string, samples: number, filesDir: string | undefined) {
  const rssPeaks: Record<string, number> = {};
  let phase = 'api';
  const sample = () => {
    rssPeaks[phase] = Math.max(rssPeaks[phase] ?? 0, process.memoryUsage.rss() / 2 ** 20);
  };
  const sampler = setInterval(sample, 100);
  const setPhase = (next: string) => {
    sample();
    phase = next;
  };
  const database = await openTarget(engine, target);
  const ring = keyRing();
  const config = { ...loadConfig({ NODE_ENV: 'test' }), webDist: '/nonexistent' };
  const app = await buildApp({ database, config, logger: false, keyRing: ring });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'city_admin', password: demoPassword },
  });
  const token = /gh_session=([^;]+)/.exec(String(login.headers['set-cookie']))?.[1];
  if (!token) throw new Error(`login failed: ${login.statusCode}`);
  const get = async (url: string) => {
    const started = performance.now();
    const res = await app.inject({ url, headers: { cookie: `gh_session=${token}` } });
    const ms = performance.now() - started;
    if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
    return { ms, body: res.json() as { items: { name: string }[]; members?: number } };
  };
  const record = await cityScaleRecord(database.db);
  if (!record) throw new Error('no city-scale record');
  // Seeded people spread over the whole roster (member k is the same person the seed wrote).
  const people: Person[] = [];
  for (let i = 0; people.length < samples + 3 && i < 100 * samples; i++) {
    const p = personAt((i * 7919) % record.membersAdded, rosterSpace, record.today, {
      withoutMobile: rosterWithoutMobile,
    });
    if (p.mobile && [...p.name].length === 3) people.push(p);
  }
  const searches: EngineResult['searches'] = [];
  for (const c of searchCases) {
    const figure = await latency(samples, async (i) => {
      const p = people[i] as Person;
      const q = c.q(p);
      const { ms, body } = await get(`/api/members?q=${encodeURIComponent(q)}`);
      const names = body.items.map((m) => m.name);
      if (!c.ok(names, p, q)) throw new Error(`search "${q}" (${c.label}) found ${names}`);
      return ms;
    });
    searches.push({ label: c.label, example: c.q(people[3] as Person), ...figure });
    console.log(`bench:members ${engine} · 搜索 ${c.label}: p95 ${figure.p95.toFixed(1)} ms`);
  }
  const [active] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from members where status = 'active'`,
  );
  const totals: EngineResult['totals'] = [];
  for (const [label, name] of [
    ['city root (南通市总工会)', '南通市总工会'],
    ['county (海门区总工会)', '海门区总工会'],
  ] as const) {
    const [org] = await database.db.select().from(orgs).where(eq(orgs.name, name));
    const figure = await latency(samples, async () => {
      const { ms, body } = await get(`/api/orgs/${org?.id}/stats`);
      if (org?.parentId === null && body.members !== Number(active?.n)) throw new Error(`root total ${body.members}`);
      return ms;
    });
    totals.push({ label, ...figure });
  }
  let imports: EngineResult['imports'] = null;
  let platformMaxRss = process.resourceUsage().maxRSS / 1024;
  if (filesDir) {
    imports = await benchImports(
      {
        database,
        url: engine === 'postgresql' ? target : null,
        ctx: await importContext(database, token, config, ring),
        union: await importUnion(database),
        files: readPrepared(filesDir),
        log: (line) => console.log(`bench:members ${engine} · ${line}`),
      },
      (next) => {
        // The platform's peak is read before the baseline's own work starts.
        if (next === 'copy') platformMaxRss = process.resourceUsage().maxRSS / 1024;
        setPhase(next);
      },
    );
  } else platformMaxRss = process.resourceUsage().maxRSS / 1024;
  sample();
  clearInterval(sampler);
  const settings = await queryRows<{ name: string; setting: string }>(
    database.db,
    sql`select name, current_setting(name) as setting from pg_settings
        where name in ('shared_buffers', 'max_wal_size', 'fsync', 'synchronous_commit') order by name`,
  );
  await app.close();
  await database.close();
  return {
    searches,
    totals,
    imports,
    rss: { peaks: rssPeaks, platformMax: platformMaxRss },
    setup: {
      server: settings.map((s) => `${s.name} ${s.setting}`).join(', '),
      nodeFlags: [...process.execArgv.filter((a) => a.startsWith('--max-'))].join(' ') || 'Node defaults',
    },
  };
}

/** Runs a child job of this script in its own process and returns its JSON answer. */
async function child(job: 'seed' | 'measure', engine: Engine, target: string, extra: string[], env: NodeJS.ProcessEnv) {
  const out = path.join(os.tmpdir(), `gonghui-bench-members-${process.pid}-${job}-${engine}.json`);
  const script = path.resolve(import.meta.dirname, 'bench-members.ts');
  const proc = spawn(
    process.execPath,
    // The measuring process runs with the heap flags of `npm start`, so its peak RSS is the platform's.
    [
      ...(job === 'measure' ? startHeapFlags() : []),
      '--import',
      'tsx',
      script,
      '--child',
      job,
      '--engine',
      engine,
      '--target',
      target,
      '--out',
      out,
      ...extra,
    ],
    { env, stdio: 'inherit' },
  );
  const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
  if (code !== 0) throw new Error(`${job} (${engine}) exited with ${code}`);
  const answer = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(out);
  return answer;
}

/** One engine: a fresh database, the seed process, the measuring process, then the database goes. */
async function benchEngine(engine: Engine, members: number): Promise<EngineResult> {
  const env = {
    ...process.env,
    TZ: 'Asia/Shanghai',
    NODE_ENV: 'development',
    PII_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    PII_INDEX_KEY: randomBytes(32).toString('base64'),
  };
  let target: string;
  let drop: () => Promise<void>;
  if (engine === 'postgresql') {
    const created = await createBenchDatabase(process.env.BENCH_DATABASE_URL as string, `bench_members_${process.pid}`);
    target = created.url;
    drop = created.drop;
  } else {
    target = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-bench-pglite-'));
    drop = async () => fs.rmSync(target, { recursive: true, force: true });
  }
  const filesDir = args['no-import'] ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-bench-import-'));
  const files = filesDir ? ['--files', filesDir] : [];
  const samples = count(args.samples, 40);
  try {
    console.log(`bench:members ${engine} · 正在生成 ${fmt(members)} 名会员的城市数据 …`);
    const seed = await child('seed', engine, target, ['--members', String(members), ...files], env);
    const measured = await child('measure', engine, target, ['--samples', String(samples), ...files], env);
    return { engine, members, seed, ...measured, samples };
  } finally {
    await drop();
    if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
  }
}

async function main() {
  if (args.child) {
    const engine = args.engine as Engine;
    const target = args.target as string;
    const answer =
      args.child === 'seed'
        ? await seedChild(engine, target, count(args.members, 0), args.files)
        : await measureChild(engine, target, count(args.samples, 40), args.files);
    fs.writeFileSync(args.out as string, JSON.stringify(answer));
    return;
  }
  const both = count(args.members ?? process.env.BENCH_MEMBERS, 2_400_000);
  const plan: [Engine, number][] = [
    ['pglite', count(args['pglite-members'] ?? process.env.BENCH_PGLITE_MEMBERS, both)],
    ['postgresql', both],
  ];
  const results: EngineResult[] = [];
  for (const [engine, members] of plan) {
    if (args.engine && args.engine !== engine) continue;
    if (engine === 'postgresql' && !process.env.BENCH_DATABASE_URL) {
      console.log(
        'bench:members: BENCH_DATABASE_URL not set; PostgreSQL skipped (npm run bench:members starts a throwaway cluster)',
      );
      continue;
    }
    results.push(await benchEngine(engine, members));
  }
  console.log(writeReport(results, path.resolve('docs/benchmarks.md')));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`bench:members 失败：${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
