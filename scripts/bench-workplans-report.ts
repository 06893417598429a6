/**
 * The report of `npm run bench:workplans`: the section "## Work plans dashboard (issue 4)" of
 * docs/benchmarks.md, each figure beside its target and its ratio to the bare baselines of the same run.
 */
import os from 'node:os';
import { fmt, machineLine, writeSection } from './bench-common';

export interface SeedFacts {
  orgs: number;
  assignedOrgs: number;
  tasks: number;
  targets: number;
  assignments: number;
  allotments: number;
  splits: number;
  reports: number;
  statuses: { accepted: number; submitted: number; returned: number; narrative: number };
  seconds: number;
  orgSeconds: number;
  documentSeconds: number;
}

type Figure = { p50: number; p95: number; p99: number };

export interface Measured {
  label: string;
  /** Who asks ('' for a baseline). */
  who: string;
  /** The p95 target in milliseconds (null for a baseline). */
  target: number | null;
  /** Cells (org × target) in the answer, or to-do targets. */
  cells: number;
  bytes: number;
  rounds: Figure[];
}

const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const ratio = (v: number) => (v < 10 ? v.toFixed(1) : fmt(v));
const heading = '## Work plans dashboard (issue 4)';

/** Rewrites the section and returns it. */
export function writeReport(
  file: string,
  run: {
    facts: SeedFacts;
    measured: Measured[];
    samples: number;
    warmup: number;
    postgres: string;
    nodeFlags: string;
    loadAtStart: number;
  },
): string {
  const { facts: f, measured } = run;
  const rounds = measured[0]?.rounds.length ?? 0;
  const select1 = measured.find((m) => m.label.includes('select 1'));
  const worst = (m: Measured) => m.rounds.reduce((w, r, i) => (r.p95 > (m.rounds[w]?.p95 ?? 0) ? i : w), 0);
  const row = (m: Measured) => {
    const w = worst(m);
    const base = select1?.rounds[w]?.p50 || 1;
    const p95 = m.rounds[w]?.p95 ?? 0;
    return [
      m.label,
      m.who,
      m.target === null ? '' : fmt(m.cells),
      m.bytes >= 1024 ? `${fmt(m.bytes / 1024)} KB` : `${m.bytes} B`,
      ...m.rounds.map((r) => `${ms(r.p50)} / ${ms(r.p95)} / ${ms(r.p99)}`),
      ratio((m.rounds[w]?.p50 ?? 0) / base),
      m.target === null ? '' : `≤ ${m.target}`,
      m.target === null ? '' : p95 <= m.target ? 'pass' : '**fail**',
    ];
  };
  const roundHeads = Array.from({ length: rounds }, (_, i) => `round ${i + 1} p50 / p95 / p99 (ms)`);
  const s = f.statuses;
  const lines = [
    heading,
    '',
    `Run by \`npm run bench:workplans\` (a throwaway PostgreSQL cluster from scripts/with-postgres.sh) on ${new Date().toISOString().slice(0, 10)} ·`,
    `${machineLine()} · PostgreSQL ${run.postgres} · 1-minute load average ${run.loadAtStart.toFixed(1)} at the start of the run and`,
    `${(os.loadavg()[0] ?? 0).toFixed(1)} at its end: the 2 cores are shared with other work, so the rounds drift.`,
    '',
    `Data: ${fmt(f.orgs)} orgs (a city, 10 counties, 120 towns, 2,880 enterprise unions) written in bulk; one published`,
    `plan drafted, published and split through the API: ${f.tasks} tasks, ${f.targets} targets (one bound to the catalog metric`,
    `orgs.unions), 3 tasks sent to every org below the city and 7 to the 10 counties, 2 targets allotted to the counties`,
    `and split by each county among its towns (${f.splits} splits): ${fmt(f.assignments)} assignments to ${fmt(f.assignedOrgs)} orgs, ${fmt(f.allotments)} allotments.`,
    `${fmt(f.reports)} progress reports written in bulk, spread over the orgs and targets (60 % on the city-wide tasks, mostly`,
    `from the unions): ${fmt(s.accepted)} accepted, ${fmt(s.submitted)} submitted, ${fmt(s.returned)} returned, ${fmt(s.narrative)} without a figure. Seeded in ${f.seconds.toFixed(0)} s`,
    `(orgs ${f.orgSeconds.toFixed(1)} s, document ${f.documentSeconds.toFixed(1)} s).`,
    '',
    `Each figure: ${run.samples} sequential requests through \`app.inject\` (session lookup, permission, validation,`,
    `queries, serialisation of the whole answer) after ${run.warmup} warm-up requests, in ${rounds} round${rounds === 1 ? '' : 's'} over the same data,`,
    `by a process running with the heap flags of \`npm start\` (${run.nodeFlags}); the baselines are`,
    'measured in the same process and rounds. "Cells" counts the org × target figures in the answer (for the to-do',
    'list, its targets). The ratio is the p50 over the `select 1` round trip’s p50, in the round with the worse p95.',
    'Target (issue 4 §9): the dashboard of a document sent to 3,000 orgs with 30,000 reports answers in p95 ≤ 200 ms',
    'on PostgreSQL; every dashboard and to-do request here is held to it.',
    '',
    `| request | as | cells | answer | ${roundHeads.join(' | ')} | p50 ÷ select 1 p50 | target p95 | result |`,
    `|---|---|---:|---:|${roundHeads.map(() => '---:|').join('')}---:|---:|---|`,
    ...measured.map((m) => `| ${row(m).join(' | ')} |`),
    '',
  ];
  const section = lines.join('\n');
  writeSection(file, heading, section);
  return section;
}
