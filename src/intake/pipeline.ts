import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { TOrgChart } from '../config/org-chart-schema.js';
import type { TLogger } from '../log.js';
import type { TDb } from '../store/client.js';
import { isDatabaseUnavailable } from '../store/database-unavailable.js';
import type { TTriageFn } from '../triage/index.js';
import type { TInboxEntry, TIngestResult } from './batch-types.js';
import { newId } from './ids.js';
import { failInbox, loadBatchState, loadOpenCases, loadWindow, retryFailedInbox, takeInbox, writeBatch } from './intake-store.js';
import { finishIncidents, planBatchIncidents } from '../incidents/incident-store.js';
import { claimLease, fenceLease, LeaseLost, releaseLease } from './lease.js';
import { planBatch, resolveThreads, type TRefineCase } from './plan-batch.js';
import { prismaSqlConnection, type TSqlConnection } from './sql-connection.js';
import { createIntakeSession, type TIntakeSession } from './triage-session.js';

export interface TPipelineOptions {
  db: TDb;
  /** Where the pipeline's SQL runs; the app's Prisma client (`db`) when absent. */
  conn?: TSqlConnection;
  orgChart: TOrgChart;
  triage: TTriageFn;
  log: TLogger;
  now: () => Date;
  /** Most mentions per batch (one transaction). */
  maxBatch?: number;
  /** How often an idle pipeline looks for work other processes accepted, and a standby for a free lease. */
  pollMs?: number;
  leaseMs?: number;
  /** How long the background loop lets a small batch's successors gather before the next batch. */
  lingerMs?: number;
  /**
   * Re-read triage's window from the database before every batch instead of keeping it in memory: slow, and exactly
   * what storing each mention on its own used to do — the reference the in-memory window is tested against.
   */
  windowFromDatabase?: boolean;
  /** The second tier is on: created cases a person will see have their cards held this long for it (see plan-batch). */
  holdForTier2Ms?: number;
  /**
   * Acks come first: before each batch the pipeline waits for this (the inbox's commits already waiting) — on SQLite
   * a batch holds the write lock, and in the intake's thread the event loop, so a commit queued behind it waits for
   * all of it.
   */
  yieldTo?: () => Promise<void>;
  /** Whether acks are flowing right now; while they are, batches are cut to `batchBudgetMs`. */
  acksFlowing?: () => boolean;
  /**
   * How long one batch may hold the thread while acks are flowing (ms): the batch size follows the measured cost per
   * mention, between MIN_BATCH and maxBatch. Without acks waiting, batches are full (cheaper per mention).
   */
  batchBudgetMs?: number;
  /** Told of every processed batch after it committed (waiters, metrics, the refinement stage). */
  onBatch?: (b: { results: Map<number, TIngestResult>; entries: readonly TInboxEntry[]; ms: number; refine: readonly TRefineCase[] }) => void;
  /** Told of an entry set aside as failed (its waiter is rejected with the error). */
  onFailed?: (seq: number, error: Error) => void;
}

export interface TPipeline {
  /** Starts draining in the background. */
  start(): void;
  /** Stops after the batch in progress and hands the lease back. */
  stop(): Promise<void>;
  /** There is new work (an accept committed): look now rather than at the next poll. */
  wake(): void;
  /** Processes until the inbox has nothing pending (or another process holds the lease). */
  pump(linger?: boolean): Promise<void>;
  isLeader(): boolean;
}

// Connection-level trouble (the database is down) or a lost race: the batch is fine, the database is not. Retry the
// same batch after a pause.
const TRANSIENT = /P2034|timed out|TransactionWriteConflict|could not serialize|deadlock detected|SocketTimeout|the database system is/i;
/** The smallest batch cut for acks: below it, a batch's fixed costs (its reads, its commit) would dominate. */
export const MIN_BATCH = 16;

export const isTransient = (err: unknown): boolean =>
  err instanceof LeaseLost || isDatabaseUnavailable(err) || TRANSIENT.test(err instanceof Error ? `${err.message} ${(err as { code?: string }).code ?? ''}` : String(err));

/**
 * The pipeline: drains the inbox in arrival order, a batch per transaction. Each batch is fenced by the lease, reads
 * what its decisions depend on once (stored duplicates, authors, threads, open cases), is triaged in memory by the
 * session, and writes every mention, author, case, event and outbox item with a few multi-row statements, deleting its
 * inbox entries in the same transaction. A batch that fails for a reason of its own is split until the mention at fault
 * is found and set aside (kept, with its error); one that fails because the database is unavailable is retried as is.
 * Between batches the event loop gets a turn.
 */
export function createPipeline(o: TPipelineOptions): TPipeline {
  const maxBatch = o.maxBatch ?? 200;
  const pollMs = o.pollMs ?? 250;
  const leaseMs = o.leaseMs ?? 5000;
  const lingerMs = o.lingerMs ?? 50;
  const holder = randomUUID();
  const conn = o.conn ?? prismaSqlConnection(o.db);
  const sqlDb = conn.sql;
  let session: TIntakeSession | undefined;
  let seededAt = 0;
  let leader = false;
  let pumping: Promise<void> | undefined;
  let again = false;
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let backoffMs = 0;
  const batchBudgetMs = o.batchBudgetMs ?? 15;
  // A batch's wall time per mention, smoothed: what sizes the next batch while acks are flowing.
  let msPerEntry = 0;
  const batchLimit = (): number => {
    if (!o.acksFlowing?.() || msPerEntry === 0) return maxBatch;
    return Math.max(Math.min(MIN_BATCH, maxBatch), Math.min(maxBatch, Math.floor(batchBudgetMs / msPerEntry)));
  };

  const sessionFor = async (now: Date): Promise<TIntakeSession> => {
    // Rebuilt now and then from the database, so what staff changed (a case marked spam, an erased author) reaches the
    // window too; after a failed batch, because that batch may have left its mentions in the window.
    if (!session || o.windowFromDatabase || now.getTime() - seededAt > 30_000) {
      session = createIntakeSession({ orgChart: o.orgChart, triage: o.triage, seed: await loadWindow(sqlDb, now) });
      seededAt = now.getTime();
    }
    return session;
  };

  const ensureLeader = async (): Promise<boolean> => {
    const was = leader;
    leader = await claimLease(sqlDb, holder, o.now(), leaseMs);
    if (leader && !was) {
      session = undefined;
      const retried = await retryFailedInbox(sqlDb);
      o.log.info('intake pipeline active', { holder, ...(retried && { retryingFailed: retried }) });
    }
    return leader;
  };

  const runBatch = async (entries: readonly TInboxEntry[]): Promise<void> => {
    const started = performance.now();
    const now = o.now();
    const s = await sessionFor(now);
    let results!: Map<number, TIngestResult>;
    let refine: readonly TRefineCase[] = [];
    const held = performance.now();
    try {
      await conn.transaction(async (sql) => {
        await fenceLease(sql, holder, now, leaseMs);
        const state = await loadBatchState(sql, entries);
        const threads = resolveThreads(entries, state);
        const triples: string[][] = [];
        for (const e of entries) {
          const t = threads.get(e.seq)!;
          const author = state.authors.get(`${e.mention.platform}\u0000${e.mention.author.handle}`);
          if ('threadKey' in t && author) triples.push([e.mention.platform, t.threadKey, author.id]);
        }
        if (triples.length) await loadOpenCases(sql, state, triples);
        const plan = planBatch(entries, state, threads, {
          orgChart: o.orgChart, session: s, now, newId: () => newId(now.getTime()), ...(o.holdForTier2Ms !== undefined && { holdForTier2Ms: o.holdForTier2Ms }),
        });
        // Clusters past the org chart's threshold become incidents: one live card instead of a card per mention.
        const incidents = await planBatchIncidents(sql, plan, { orgChart: o.orgChart, now, newId: () => newId(now.getTime()) });
        await writeBatch(sql, plan, entries.map((e) => e.seq), now);
        await finishIncidents(sql, incidents, o.orgChart, now);
        results = plan.results;
        refine = plan.refine;
      }); // never re-run: triage has already added this batch to the window
    } catch (err) {
      session = undefined;
      throw err;
    }
    const per = (performance.now() - held) / entries.length;
    msPerEntry = msPerEntry === 0 ? per : 0.7 * msPerEntry + 0.3 * per;
    o.onBatch?.({ results, entries, ms: performance.now() - started, refine });
  };

  /** Runs `entries`, splitting on a failure of their own until the mention at fault is set aside. */
  const runOrIsolate = async (entries: readonly TInboxEntry[]): Promise<void> => {
    try {
      await runBatch(entries);
    } catch (err) {
      if (isTransient(err)) throw err;
      if (entries.length > 1) {
        const half = Math.ceil(entries.length / 2);
        await runOrIsolate(entries.slice(0, half));
        await runOrIsolate(entries.slice(half));
        return;
      }
      const e = entries[0]!;
      const error = err instanceof Error ? err : new Error(String(err));
      o.log.error('intake: mention set aside', { seq: e.seq, platform: e.mention.platform, externalId: e.mention.externalId, error: error.message });
      await failInbox(sqlDb, e.seq, error.message, true);
      o.onFailed?.(e.seq, error);
    }
  };

  /** One batch: how many entries it took, of how many it could have. */
  const step = async (): Promise<{ n: number; limit: number }> => {
    await o.yieldTo?.();
    const limit = batchLimit();
    if (!(await ensureLeader())) return { n: 0, limit };
    const entries = await takeInbox(sqlDb, limit);
    if (entries.length === 0) return { n: 0, limit };
    await runOrIsolate(entries);
    return { n: entries.length, limit };
  };

  const pumpOnce = async (linger: boolean): Promise<void> => {
    for (;;) {
      again = false;
      let n: number;
      let limit: number;
      try {
        ({ n, limit } = await step());
        backoffMs = 0;
      } catch (err) {
        if (err instanceof LeaseLost) {
          leader = false;
          o.log.warn('intake: lease lost; standing by');
          return;
        }
        backoffMs = Math.min(5000, Math.max(100, backoffMs * 2));
        o.log.error('intake: batch failed; retrying', { error: err instanceof Error ? err.message : String(err), retryInMs: backoffMs });
        return;
      }
      if (n === 0 && !again) return;
      // A small batch while mentions keep arriving: let more gather, so the acks' commits are not crowded out by
      // many tiny batch commits (each one an fsync on SQLite). Full batches go back to back.
      if (linger && n < limit / 2) await new Promise((r) => setTimeout(r, lingerMs));
      else await yieldToEventLoop();
    }
  };

  const pump = (linger = false): Promise<void> => {
    if (pumping) {
      again = true;
      return pumping;
    }
    pumping = pumpOnce(linger).finally(() => (pumping = undefined));
    return pumping;
  };

  return {
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          await pump(true);
          if (!running) break;
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, backoffMs || pollMs);
            wakeUp = () => {
              clearTimeout(t);
              resolve();
            };
          });
          wakeUp = undefined;
        }
      })();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
      await pumping;
      if (leader) await releaseLease(sqlDb, holder).catch(() => undefined);
      leader = false;
    },
    wake() {
      if (wakeUp) wakeUp();
      else if (pumping) again = true;
    },
    pump,
    isLeader: () => leader,
  };
}

