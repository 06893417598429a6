/**
 * Progress of long work (an import being validated or committed), kept in this process's memory so a
 * page can poll it while the request that does the work is still running. Entries expire on their
 * own; with several app servers the poll must reach the same server (see docs/SCALING.md).
 */
export interface Progress {
  phase: string;
  done: number;
  total: number | null;
}

const ttlMs = 10 * 60 * 1000;
const entries = new Map<string, Progress & { at: number }>();

/** Records the latest progress under `key`. */
export function reportProgress(key: string, progress: Progress) {
  entries.set(key, { ...progress, at: Date.now() });
  if (entries.size > 1000) {
    const cutoff = Date.now() - ttlMs;
    for (const [k, v] of entries) if (v.at < cutoff) entries.delete(k);
  }
}

/** The latest progress under `key`, if it is recent. */
export function readProgress(key: string): Progress | null {
  const entry = entries.get(key);
  if (!entry || entry.at < Date.now() - ttlMs) return null;
  const { at: _at, ...progress } = entry;
  return progress;
}

/** Forgets `key` once the work is done. */
export function clearProgress(key: string) {
  entries.delete(key);
}
