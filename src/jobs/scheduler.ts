import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import type { TLogger } from '../log.js';
import type { TDb } from '../store/client.js';
import { claimSlot, finishSlot } from './claim-slot.js';
import type { TJob } from './job.js';
import { parseCron, previousSlot, slotKey, type TCronFields } from './slot.js';

export interface TSchedulerOptions {
  db: TDb;
  log: TLogger;
  jobs: readonly TJob[];
  now?: () => Date;
  /** Zone for jobs that name none: the organisation's (org chart `timezone`). */
  timezone?: string;
  /** Names this process in JobRun.owner; defaults to host, pid and a random suffix. */
  owner?: string;
  /** First wait before a slot whose claim failed (database unreachable) is tried again; doubles up to a minute. */
  claimRetryMs?: number;
}

export type TRunOutcome =
  | { jobId: string; slot: string; status: 'done' }
  | { jobId: string; slot: string; status: 'failed'; error: string }
  /** Claimed elsewhere (or earlier), or this process is still busy with the job's previous slot. */
  | { jobId: string; slot: string; status: 'skipped' };

export interface TScheduler {
  /** Runs each job's most recent slot if nobody has (a slot missed while down runs once), then follows the schedules. */
  start(): Promise<void>;
  /** Runs, for every job, its most recent slot at or before `now` unless already claimed. For tests and catch-up. */
  runDue(now?: Date): Promise<TRunOutcome[]>;
  /** Stops the schedules and waits for handlers still running. */
  stop(): Promise<void>;
}

/**
 * The job runner. Exactly-once per slot comes from the JobRun unique key, not from timing: every process may
 * wake for the same slot, and only the one whose insert wins runs it.
 */
export function createScheduler(opts: TSchedulerOptions): TScheduler {
  const now = opts.now ?? (() => new Date());
  const owner = opts.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const defaultZone = opts.timezone ?? 'UTC';
  const entries = opts.jobs.map((job) => ({ job, fields: parseCron(job.schedule) as TCronFields, zone: job.timezone ?? defaultZone }));
  const ids = new Set<string>();
  for (const { job } of entries) {
    if (ids.has(job.id)) throw new Error(`two jobs share the id "${job.id}"`);
    ids.add(job.id);
  }
  const running = new Map<string, Promise<TRunOutcome>>();
  const behind = new Set<string>();
  const tasks: ScheduledTask[] = [];
  /** Jobs whose last claim could not reach the database, with the timer that tries their newest slot again. */
  const retries = new Map<string, { timer: NodeJS.Timeout; delayMs: number }>();
  const firstRetryMs = opts.claimRetryMs ?? 2000;
  let stopped = false;

  async function runSlot(entry: (typeof entries)[number], slot: Date, startedAt: Date): Promise<TRunOutcome> {
    const { job } = entry;
    const key = slotKey(slot);
    const log = opts.log;
    let claim: Awaited<ReturnType<typeof claimSlot>>;
    try {
      claim = await claimSlot(opts.db, { jobId: job.id, slot, owner, now: startedAt });
    } catch (err) {
      // The database is unreachable (a restart, a fail-over): nothing was claimed, so the slot is still free. Try
      // again shortly rather than wait for the next tick, which for an hourly or daily job would lose this slot.
      const error = err instanceof Error ? err.message : String(err);
      retryLater(entry, error);
      return { jobId: job.id, slot: key, status: 'failed', error };
    }
    const pending = retries.get(job.id);
    if (pending) {
      clearTimeout(pending.timer);
      retries.delete(job.id);
      log.info('job slots claimable again', { job: job.id, slot: key });
    }
    if (!claim) return { jobId: job.id, slot: key, status: 'skipped' };
    try {
      await job.handler({ db: opts.db, now: startedAt, slot, log, payload: job.payload });
      await finishSlot(opts.db, claim, { now: now() });
      log.debug('job done', { job: job.id, slot: key });
      return { jobId: job.id, slot: key, status: 'done' };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      log.error('job failed', { job: job.id, slot: key, error });
      await finishSlot(opts.db, claim, { now: now(), error: err }).catch((e: unknown) => log.error('job result not recorded', { job: job.id, slot: key, error: String(e) }));
      return { jobId: job.id, slot: key, status: 'failed', error };
    }
  }

  function retryLater(entry: (typeof entries)[number], error: string): void {
    const id = entry.job.id;
    const before = retries.get(id);
    if (before) clearTimeout(before.timer);
    const delayMs = before ? Math.min(60_000, before.delayMs * 2) : firstRetryMs;
    // Once per outage per job, not once per retry: the 3 a.m. log should say what happened, not repeat it.
    if (!before) opts.log.error('job slot not claimed: database unreachable; retrying', { job: id, error, retryInMs: delayMs });
    const timer = setTimeout(() => {
      if (stopped) return;
      // The newest slot then due: the missed one, or a later one that supersedes it (late rather than lost).
      void trigger(entry, now());
    }, delayMs);
    timer.unref();
    retries.set(id, { timer, delayMs });
  }

  /**
   * One run per job at a time in this process. A slot that comes round while the job is busy is remembered, and
   * once the run ends the newest slot then due is tried: late rather than lost, and never twice.
   */
  function trigger(entry: (typeof entries)[number], at: Date): Promise<TRunOutcome> | null {
    const slot = previousSlot(entry.fields, at, entry.zone);
    if (!slot) return null;
    const busy = running.get(entry.job.id);
    if (busy) {
      behind.add(entry.job.id);
      return Promise.resolve({ jobId: entry.job.id, slot: slotKey(slot), status: 'skipped' });
    }
    // runSlot settles every failure into an outcome; the catch is the last line of defence for a timer's promise.
    const p = runSlot(entry, slot, at)
      .catch((err: unknown): TRunOutcome => {
        const error = err instanceof Error ? err.message : String(err);
        opts.log.error('job run failed unexpectedly', { job: entry.job.id, slot: slotKey(slot), error });
        return { jobId: entry.job.id, slot: slotKey(slot), status: 'failed', error };
      })
      .finally(() => {
        running.delete(entry.job.id);
        if (behind.delete(entry.job.id) && !stopped) void trigger(entry, now());
      });
    running.set(entry.job.id, p);
    return p;
  }

  async function runDue(at = now()): Promise<TRunOutcome[]> {
    const out: TRunOutcome[] = [];
    // One job after another: the jobs share one database writer, and a sweep is quick.
    for (const entry of entries) {
      const r = trigger(entry, at);
      if (r) out.push(await r);
    }
    return out;
  }

  return {
    async start() {
      stopped = false;
      for (const entry of entries) {
        const task = cron.schedule(
          entry.job.schedule,
          (ctx) => {
            if (stopped) return;
            // node-cron's date is the scheduled instant; the later of it and our clock picks the right slot
            // even if the timer fired a hair early or the event loop was blocked past the next slot.
            const t = now();
            void trigger(entry, ctx.date > t ? ctx.date : t);
          },
          { timezone: entry.zone, name: entry.job.id, logger: cronLogger(opts.log) },
        );
        tasks.push(task);
      }
      opts.log.info('scheduler started', { jobs: entries.map((e) => ({ id: e.job.id, schedule: e.job.schedule, timezone: e.zone })) });
      // Scheduled first, caught up second: a slot that falls while catching up is then queued, not lost.
      const caught = await runDue();
      const ran = caught.filter((r) => r.status !== 'skipped').map((r) => `${r.jobId}@${r.slot}`);
      if (ran.length) opts.log.info('jobs ran their latest slot on start-up', { ran });
    },
    runDue,
    async stop() {
      stopped = true;
      for (const r of retries.values()) clearTimeout(r.timer);
      retries.clear();
      await Promise.all(tasks.splice(0).map((t) => t.destroy()));
      await Promise.allSettled([...running.values()]);
    },
  };
}

function cronLogger(log: TLogger) {
  const text = (m: unknown) => (m instanceof Error ? m.message : String(m));
  return {
    info: (m: string) => log.debug(`node-cron: ${m}`),
    warn: (m: string) => log.warn(`node-cron: ${m}`),
    error: (m: string | Error, e?: Error) => log.error(`node-cron: ${text(m)}`, e ? { error: e.message } : undefined),
    debug: (m: string | Error) => log.debug(`node-cron: ${text(m)}`),
  };
}
