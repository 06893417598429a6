/** Where a periodic job reports what it did and what went wrong (Fastify's logger fits). */
export interface JobLog {
  info: (obj: object, msg: string) => void;
  error: (obj: object, msg: string) => void;
}

/**
 * Runs `job` `firstAfterMs` after start and then every `intervalMs`, logging its result under `name`; a
 * failed run is logged and the next one tries again, and a run never overlaps the previous one. The
 * timers do not keep the process alive. Returns a function that stops the job. Jobs must be safe to
 * run on several servers at once (the platform's checks use dedupe keys for what they tell).
 */
export function runPeriodically(
  name: string,
  job: () => Promise<object>,
  log: JobLog,
  { firstAfterMs, intervalMs }: { firstAfterMs: number; intervalMs: number },
): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      log.info(await job(), name);
    } catch (err) {
      log.error({ err }, `${name} failed`);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(run, firstAfterMs);
  const every = setInterval(run, intervalMs);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
