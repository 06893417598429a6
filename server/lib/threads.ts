import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';

/**
 * Worker threads for CPU-bound work that would otherwise hold the event loop and leave the machine's
 * other cores idle: a bulk import checks, transliterates and encrypts every row, while the main thread
 * reads the file and talks to the database.
 *
 * A thread runs a TypeScript module (`entry`) that calls serveThread(handler). The project runs
 * TypeScript through tsx, whose loader a worker thread does not inherit, so each thread starts from
 * threads.boot.mjs, which imports the entry through tsx's API. Threads start on first use, are
 * reused, and end after a minute without work (a roster import is occasional; an idle V8 heap is not
 * free).
 */

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  idle: NodeJS.Timeout | null;
}

type Reply = { id: number; result: unknown } | { id: number; error: string };

const boot = new URL('./threads.boot.mjs', import.meta.url);

/** Threads worth starting on this machine: one core stays with the main thread (and the database). */
export function spareCores(max = 4): number {
  return Math.max(1, Math.min(max, availableParallelism() - 1));
}

export class ThreadPool<Job, Result> {
  private readonly threads: Thread[] = [];
  private nextId = 1;

  constructor(
    private readonly entry: URL,
    private readonly options: { size: number; idleMs?: number; heapMb?: number } = { size: spareCores() },
  ) {}

  /** Threads running now. */
  get running(): number {
    return this.threads.length;
  }

  /** Runs one job on the least busy thread; the answer is the handler's result, or its error. */
  run(job: Job): Promise<Result> {
    const thread = this.pick();
    const id = this.nextId++;
    if (thread.idle) {
      clearTimeout(thread.idle);
      thread.idle = null;
    }
    thread.worker.ref();
    return new Promise<Result>((resolve, reject) => {
      thread.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      thread.worker.postMessage({ id, job });
    });
  }

  /** Ends every thread (jobs still running are rejected). */
  async close() {
    await Promise.all(this.threads.splice(0).map((t) => t.worker.terminate()));
  }

  private pick(): Thread {
    const free = this.threads.find((t) => t.pending.size === 0);
    if (free) return free;
    if (this.threads.length < this.options.size) return this.start();
    return this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  private start(): Thread {
    const heapMb = this.options.heapMb ?? 128;
    const worker = new Worker(boot, {
      workerData: { entry: fileURLToPath(this.entry) },
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    const thread: Thread = { worker, pending: new Map(), idle: null };
    this.threads.push(thread);
    const fail = (error: Error) => {
      const index = this.threads.indexOf(thread);
      if (index >= 0) this.threads.splice(index, 1);
      for (const p of thread.pending.values()) p.reject(error);
      thread.pending.clear();
    };
    worker.on('message', (reply: Reply) => {
      const pending = thread.pending.get(reply.id);
      if (!pending) return;
      thread.pending.delete(reply.id);
      if ('error' in reply) pending.reject(new Error(reply.error));
      else pending.resolve(reply.result);
      if (thread.pending.size === 0) this.rest(thread);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`worker thread exited with code ${code}`)));
    return thread;
  }

  /** A thread without work no longer keeps the process alive, and ends if it stays idle. */
  private rest(thread: Thread) {
    thread.worker.unref();
    thread.idle = setTimeout(() => {
      const index = this.threads.indexOf(thread);
      if (index >= 0 && thread.pending.size === 0) {
        this.threads.splice(index, 1);
        void thread.worker.terminate();
      }
    }, this.options.idleMs ?? 60_000);
    thread.idle.unref();
  }
}

/** The body of a thread's entry module: answers each job with the handler's result. */
export function serveThread<Job, Result>(handler: (job: Job) => Result) {
  const port = parentPort;
  if (!port) throw new Error('serveThread runs inside a worker thread only');
  port.on('message', ({ id, job }: { id: number; job: Job }) => {
    let reply: Reply;
    try {
      reply = { id, result: handler(job) };
    } catch (err) {
      reply = { id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
    port.postMessage(reply);
  });
}
