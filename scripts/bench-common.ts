/**
 * Helpers shared by the benchmark scripts: a throwaway database on the bench server, latency
 * percentiles of sequential calls, the heap flags of `npm start`, the machine line of a report, and
 * rewriting one section of docs/benchmarks.md while leaving the others as they are.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { withDatabase } from '../test/engine';

export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** A fresh UTF-8 database `name` on the server at `serverUrl`, and a way to drop it. */
export async function createBenchDatabase(serverUrl: string, name: string) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name} encoding 'UTF8' template template0`);
  return {
    url: withDatabase(serverUrl, name),
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** p50, p95 and p99 of `samples` timed calls (milliseconds each), after `warmup` calls that are not counted. */
export async function latency(samples: number, call: (i: number) => Promise<number>, warmup = 3) {
  const times: number[] = [];
  for (let i = 0; i < samples + warmup; i++) {
    const ms = await call(i);
    if (i >= warmup) times.push(ms);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

/** The V8 heap flags `npm start` runs the server with (read from package.json, the one place they are set). */
export function startHeapFlags(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8'));
  return String(manifest.scripts.start).match(/--max-[a-z-]+=\d+/g) ?? [];
}

/** "2 × AMD EPYC · 24 GiB RAM · Node v20.20.2": the machine a figure was measured on. */
export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu} · ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM · Node ${process.version}`;
}

/**
 * Replaces the section that starts with `heading` (a `## ` line) up to the next `## ` heading in
 * `file`, or appends it when the file has none; the other sections stay as they are.
 */
export function writeSection(file: string, heading: string, section: string) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(heading);
  const end = start < 0 ? -1 : current.indexOf('\n## ', start + heading.length);
  const next =
    start < 0
      ? `${current.trimEnd()}\n\n${section}`
      : `${current.slice(0, start)}${section}${end < 0 ? '' : current.slice(end + 1)}`;
  fs.writeFileSync(file, next);
}

/** The old text of the section that starts with `heading` ('' when the file has none). */
export function readSection(file: string, heading: string): string {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const start = current.indexOf(heading);
  if (start < 0) return '';
  const end = current.indexOf('\n## ', start + heading.length);
  return current.slice(start, end < 0 ? undefined : end);
}
