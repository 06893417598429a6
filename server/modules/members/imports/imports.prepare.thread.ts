// A worker thread of the import preview (started by imports.service.ts through server/lib/threads.ts).
import { sealingKeys } from '../../../lib/pii';
import { serveThread } from '../../../lib/threads';
import { type PrepareJob, prepareRows } from './imports.prepare';

serveThread((job: PrepareJob) => prepareRows({ ...job, keys: sealingKeys(job.keys) }));
