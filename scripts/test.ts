/**
 * `npm test`: the API suite on PGlite, again on PostgreSQL when TEST_DATABASE_URL is set, then the
 * browser journeys; ends with one line "N passed, N failed" over all runs.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Run {
  label: string;
  project: string;
  env: Record<string, string>;
}

const runs: Run[] = [{ label: 'API · PGlite', project: 'api', env: { TEST_ENGINE: 'pglite' } }];
if (process.env.TEST_DATABASE_URL) {
  runs.push({ label: 'API · PostgreSQL', project: 'api', env: { TEST_ENGINE: 'postgresql' } });
} else {
  console.log('test: TEST_DATABASE_URL is not set, so the suite runs on PGlite only');
}
if (!process.argv.includes('--no-e2e')) runs.push({ label: 'Browser', project: 'e2e', env: {} });

const extra = process.argv.slice(2).filter((a) => a !== '--no-e2e');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-results-'));
let passed = 0;
let failed = 0;
let crashed = false;

for (const [i, run] of runs.entries()) {
  console.log(`\n=== ${run.label} ===`);
  const out = path.join(dir, `${i}.json`);
  const res = spawnSync(
    'npx',
    [
      'vitest',
      'run',
      '--project',
      run.project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
      ...extra,
    ],
    { stdio: 'inherit', env: { ...process.env, TZ: 'Asia/Shanghai', ...run.env } },
  );
  if (!fs.existsSync(out)) {
    console.error(`test: ${run.label} produced no results (exit ${res.status})`);
    crashed = true;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(out, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numTotalTests: number;
    success: boolean;
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (res.status !== 0 && report.numFailedTests === 0) crashed = true;
}

fs.rmSync(dir, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || crashed || passed === 0 ? 1 : 0);
