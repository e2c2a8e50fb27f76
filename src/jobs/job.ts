import type { z } from 'zod';
import type { TLogger } from '../log.js';
import type { TDb } from '../store/client.js';
import { parseCron } from './slot.js';

/** What a handler gets for one slot. */
export interface TJobContext<P = undefined> {
  db: TDb;
  /** The clock reading when the run started (tests pass their own). */
  now: Date;
  /** The scheduled instant this run stands for; the same in every process. */
  slot: Date;
  log: TLogger;
  /** The job's settings, validated when the job was defined. */
  payload: P;
}

export interface TJobSpec<P> {
  /** Stable id: it is half of the JobRun key, so renaming a job re-runs its current slot once. */
  id: string;
  /** node-cron expression, 5 fields (minute precision) or 6 (seconds first). */
  schedule: string;
  /** IANA zone the expression is read in; defaults to the scheduler's (the org chart's) zone. */
  timezone?: string;
  /** Settings for the handler, checked at start-up rather than when the slot comes round. */
  payload?: { schema: z.ZodType<P>; value: unknown };
  handler: (ctx: TJobContext<P>) => Promise<void>;
}

export interface TJob<P = unknown> {
  id: string;
  schedule: string;
  timezone?: string;
  payload: P;
  // A method, so a list of jobs with different payloads can be held as TJob[].
  handler(ctx: TJobContext<P>): Promise<void>;
}

const ZJobIdPattern = /^[a-z0-9][a-z0-9:._-]*$/;

/**
 * Declares a scheduled job. Each slot of the schedule runs once across all Earshot processes on one database.
 * @throws Error when the id, the cron expression or the payload is invalid — at start-up, not at 3 a.m.
 * @example
 * defineJob({ id: 'retention', schedule: '17 3 * * *', handler: async ({ db, now }) => { … } });
 */
export function defineJob<P = undefined>(spec: TJobSpec<P>): TJob<P> {
  if (!ZJobIdPattern.test(spec.id)) throw new Error(`job id "${spec.id}" must be lowercase letters, digits and ":._-"`);
  parseCron(spec.schedule);
  let payload = undefined as P;
  if (spec.payload) {
    const parsed = spec.payload.schema.safeParse(spec.payload.value);
    if (!parsed.success) throw new Error(`job "${spec.id}": invalid payload: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    payload = parsed.data;
  }
  return { id: spec.id, schedule: spec.schedule, ...(spec.timezone && { timezone: spec.timezone }), payload, handler: spec.handler };
}
