/**
 * The report of `npm run bench:members`: one block per engine in the "## Members (issue 3)" section of
 * docs/benchmarks.md, each figure beside its target.
 */

import { fmt, machineLine, readSection, writeSection } from './bench-common';
import type { CopyRun, ImportRun } from './bench-members-import';

export type Engine = 'pglite' | 'postgresql';
export type Latency = { label: string; p50: number; p95: number };

export interface EngineResult {
  engine: Engine;
  members: number;
  seed: { seconds: number; membersAdded: number; timings: Record<string, number> };
  searches: (Latency & { example: string })[];
  totals: Latency[];
  imports: { xlsx: ImportRun; csv: ImportRun; copy: CopyRun } | null;
  rss: { peaks: Record<string, number>; platformMax: number };
  /** The database settings and the measuring process's V8 flags. */
  setup: { server: string; nodeFlags: string };
  samples: number;
}

const engineNames: Record<Engine, string> = {
  postgresql: 'PostgreSQL 15 (node-postgres)',
  pglite: 'PGlite (embedded)',
};
const ms = (v: number) => v.toFixed(1);
const verdict = (ok: boolean) => (ok ? 'pass' : '**fail**');

/** One engine's block of the report, between markers so a later run of one engine replaces only its own. */
function engineBlock(r: EngineResult): string {
  const t = r.seed.timings;
  const lines = [
    `<!-- members:${r.engine} -->`,
    `### ${engineNames[r.engine]} · ${fmt(r.members)} members`,
    '',
    `${new Date().toISOString().slice(0, 10)} · ${machineLine()}.`,
    `Seed (demo city, then ${fmt(r.seed.membersAdded)} members and the org tree to 30,000 orgs): ${r.seed.seconds.toFixed(0)} s —`,
    `members ${t.members?.toFixed(0)} s (${fmt(r.seed.membersAdded / (t.members || 1))} rows/s; waiting for the database ${t.waitForDatabase?.toFixed(0)} s),`,
    `index builds ${t.indexes?.toFixed(0)} s, recount ${t.counts?.toFixed(1)} s, VACUUM ANALYZE ${t.analyze?.toFixed(0)} s.`,
    `Database settings: ${r.setup.server}. Measuring process: ${r.setup.nodeFlags} (as \`npm start\`).`,
    '',
    '| request | example | p50 (ms) | p95 (ms) | target p95 | result |',
    '|---|---|---:|---:|---:|---|',
    ...r.searches.map(
      (s) =>
        `| GET /api/members?q= · ${s.label} | ${s.example} | ${ms(s.p50)} | ${ms(s.p95)} | ≤ 50 | ${verdict(s.p95 <= 50)} |`,
    ),
    ...r.totals.map(
      (s) =>
        `| GET /api/orgs/:id/stats · ${s.label} | | ${ms(s.p50)} | ${ms(s.p95)} | ≤ 50 | ${verdict(s.p95 <= 50)} |`,
    ),
    '',
  ];
  const peaks = Object.entries(r.rss.peaks)
    .map(([phase, mb]) => `${phase} ${fmt(mb)} MB`)
    .join(', ');
  if (r.imports) {
    const { xlsx, csv, copy } = r.imports;
    const ratio = csv.rowsPerSecond / copy.rowsPerSecond;
    const row = (label: string, run: ImportRun, target: string, result: string) =>
      `| ${label} (${run.megabytes.toFixed(0)} MB) | ${fmt(run.rows)} | ${run.previewSeconds.toFixed(1)} + ${run.commitSeconds.toFixed(1)} | ${fmt(run.rowsPerSecond)} | ${((run.rowsPerSecond / copy.rowsPerSecond) * 100).toFixed(1)} % | ${target} | ${result} |`;
    lines.push(
      '| load | rows | seconds | rows/s | of raw COPY | target | result |',
      '|---|---:|---:|---:|---:|---|---|',
      `| raw COPY into a scratch table LIKE members INCLUDING ALL | ${fmt(copy.rows)} | ${copy.seconds.toFixed(1)} | ${fmt(copy.rowsPerSecond)} | 100 % | | |`,
      row(
        '.xlsx import, preview + commit',
        xlsx,
        '≤ 10 s (100,000 rows)',
        verdict(xlsx.previewSeconds + xlsx.commitSeconds <= 10 * (xlsx.rows / 100_000)),
      ),
      row('CSV import, preview + commit', csv, '≥ 25 %', verdict(ratio >= 0.25)),
      '',
      `Import files written in ${xlsx.writeSeconds.toFixed(0)} s (.xlsx) and ${csv.writeSeconds.toFixed(0)} s (CSV), not counted; added ${fmt(xlsx.added)} + ${fmt(csv.added)} members, ${xlsx.invalid + csv.invalid} rows refused.`,
      '',
    );
  }
  lines.push(
    `Peak RSS of the measuring process (API${r.imports ? ' and imports' : ''}): **${fmt(r.rss.platformMax)} MB** (target ≤ 500 MB: ${verdict(r.rss.platformMax <= 500)}); sampled per phase: ${peaks}.`,
    `<!-- /members:${r.engine} -->`,
  );
  return lines.join('\n');
}

/** Rewrites the "## Members (issue 3)" section of the report, keeping blocks of engines not run now. */
export function writeReport(results: EngineResult[], file: string): string {
  const heading = '## Members (issue 3)';
  const old = readSection(file, heading);
  const blocks = (['postgresql', 'pglite'] as const).map((engine) => {
    const fresh = results.find((r) => r.engine === engine);
    if (fresh) return engineBlock(fresh);
    return new RegExp(`<!-- members:${engine} -->[\\s\\S]*?<!-- /members:${engine} -->`).exec(old)?.[0] ?? null;
  });
  const section = [
    heading,
    '',
    'Run by `npm run bench:members` (a throwaway PostgreSQL cluster from scripts/with-postgres.sh). For each engine one',
    'process seeds the demo city grown to N members and 30,000 orgs (`server/seed/cityScale.ts`) and writes the import',
    'files and the ready-made COPY rows; then a fresh process builds the app and measures, so its peak RSS (read before',
    'the raw COPY) is the platform’s own. Requests go through Fastify’s `app.inject` as',
    'the demo platform admin (city_admin): the whole request path (session lookup, permission, validation, query, audit',
    `row, serialisation) without a TCP socket. Each figure is ${results[0]?.samples ?? 40} sequential requests (for searches: different seeded people;`,
    'the generator is deterministic, so the bench recomputes their names and numbers), after 3 warm-up requests.',
    'Targets (PostgreSQL at 2.4M): every search and subtree total p95 ≤ 50 ms; a 100,000-row .xlsx validated and committed in ≤ 10 s; CSV import ≥ 25 % of raw COPY rows/s;',
    'peak RSS ≤ 500 MB. PGlite is measured against the same targets for reference.',
    '',
    ...blocks.filter((b): b is string => b !== null).flatMap((b) => [b, '']),
  ].join('\n');
  writeSection(file, heading, section);
  return section;
}
