import type { TDb } from '../store/client.js';
import { isUniqueViolation } from '../store/unique-violation.js';
import { slotKey } from './slot.js';

export interface TClaim {
  runId: string;
  jobId: string;
  slot: string;
}

/**
 * Claims one (job, slot) by inserting its JobRun row. The unique key is the lock: of several processes on one
 * database exactly one insert succeeds, the others get a unique violation and skip the slot.
 * @returns the claim, or null when another process (or an earlier run) already holds this slot.
 */
export async function claimSlot(db: TDb, o: { jobId: string; slot: Date; owner: string; now: Date }): Promise<TClaim | null> {
  const slot = slotKey(o.slot);
  try {
    const run = await db.jobRun.create({ data: { jobId: o.jobId, slot, status: 'running', owner: o.owner, startedAt: o.now } });
    return { runId: run.id, jobId: o.jobId, slot };
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}

/** Whether a slot has been claimed by anyone, without claiming it. */
export async function isClaimed(db: TDb, jobId: string, slot: Date): Promise<boolean> {
  return (await db.jobRun.count({ where: { jobId, slot: slotKey(slot) } })) > 0;
}

// JobRun.error is read by operators; a runaway message (a whole HTML error page) is not.
const MAX_ERROR = 1000;

/** Records how a claimed run ended. Errors are stored by message only, never with a stack. */
export async function finishSlot(db: TDb, claim: TClaim, o: { now: Date; error?: unknown }): Promise<void> {
  const error = o.error === undefined ? null : (o.error instanceof Error ? o.error.message : String(o.error)).slice(0, MAX_ERROR);
  await db.jobRun.update({
    where: { id: claim.runId },
    data: { status: error === null ? 'done' : 'failed', finishedAt: o.now, error },
  });
}
