// The first module of every worker thread of server/lib/threads.ts: worker threads do not inherit the
// tsx loader the server runs under, so the TypeScript entry is imported through tsx's own API.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
