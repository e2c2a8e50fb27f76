import type { TJob } from '../../src/jobs/job.js';
import { createMemoryLogger } from '../../src/log.js';
import type { TDb } from '../../src/store/client.js';

/** Runs one job's handler as the scheduler would for the slot at `now`, returning what it logged. */
export async function runJob(job: TJob, db: TDb, now: Date | string) {
  const at = typeof now === 'string' ? new Date(now) : now;
  const log = createMemoryLogger();
  await job.handler({ db, now: at, slot: at, log, payload: job.payload });
  return log.lines;
}
