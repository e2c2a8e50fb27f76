import type { TOrgChart } from '../config/org-chart-schema.js';
import type { TLogger } from '../log.js';
import type { TMetrics } from '../metrics/registry.js';
import { createMetrics } from '../metrics/registry.js';
import type { TMention } from '../mention.js';
import type { TDb } from '../store/client.js';
import type { TTriageFn } from '../triage/index.js';
import { IntakeRefused } from './backpressure.js';
import type { TIngestResult } from './batch-types.js';
import { createInbox, type TAcceptResult } from './inbox.js';
import { intakeMetrics, type TIntakeMetrics } from './intake-metrics.js';
import { createPipeline } from './pipeline.js';
import { openDirectPg } from './direct-pg.js';
import { openDirectSqlite } from './direct-sqlite.js';
import { prismaSqlConnection } from './sql-connection.js';
import { parseDatabaseUrl } from '../store/database-url.js';
import { createRefineStage } from './refine-stage.js';
import type { TRefiner } from '../triage/tier2/index.js';

export interface TIntakeOptions {
  db: TDb;
  /**
   * The database's URL: on SQLite the inbox and the pipeline then run on a direct connection of their own with
   * prepared statements (direct-sqlite.ts); without it, or on PostgreSQL, through `db`.
   */
  databaseUrl?: string;
  orgChart: TOrgChart;
  triage: TTriageFn;
  log: TLogger;
  now: () => Date;
  /** Pending mentions above which inbound endpoints answer 429 + Retry-After. */
  highWater?: number;
  maxBatch?: number;
  pollMs?: number;
  leaseMs?: number;
  windowFromDatabase?: boolean;
  /** Where figures go: the instance's registry (a sink of the intake's own in a worker thread). */
  metrics?: TMetrics | TIntakeMetrics;
  /**
   * The second tier (TRIAGE_TIER2): cases a person will see have their cards held up to `deadlineMs` while `refiner`
   * decides them again (refine-stage.ts). The caller owns the refiner and closes it after `stop`.
   */
  tier2?: { refiner: TRefiner; deadlineMs: number };
}

export interface TIntake {
  /** Durable accept (webhooks, pollers): resolves once the mentions are on disk; processing follows. */
  accept(mentions: readonly TMention[], source: string): Promise<TAcceptResult[]>;
  /** Accepts one mention and resolves once it is processed: for in-process callers and tests. */
  ingest(mention: TMention, source?: string): Promise<TIngestResult>;
  /** Settles once everything accepted so far in this process has been processed (and refined by the second tier). */
  drain(): Promise<void>;
  start(): void;
  stop(): Promise<void>;
  /** Records a webhook answer's latency (seconds) for /metrics. */
  observeAck(route: string, seconds: number): void;
}

const KEEP_RESULTS = 10_000;
/** An accept this recent means more are coming: the pipeline keeps its batches short (see TPipelineOptions). */
const ACKS_FLOWING_MS = 250;

/**
 * The intake: a durable inbox in front of a batching pipeline (see README "Intake"). Webhooks and pollers `accept`;
 * the pipeline drains in the background once started; `ingest` and `drain` let in-process callers wait for it.
 */
export function createIntake(o: TIntakeOptions): TIntake {
  const metrics: TIntakeMetrics = o.metrics && 'rate' in o.metrics ? o.metrics : intakeMetrics((o.metrics as TMetrics | undefined) ?? createMetrics({ processMetrics: false }), o.db, o.now);
  const waiters = new Map<number, { resolve: (r: TIngestResult) => void; reject: (e: Error) => void }[]>();
  // Results of recent entries, for a waiter registered just after its entry was processed.
  const recent = new Map<number, TIngestResult | Error>();
  let maxAccepted = 0;
  let maxDone = 0;
  const idle: { upTo: number; resolve: () => void }[] = [];

  const settle = (seq: number, outcome: TIngestResult | Error) => {
    recent.set(seq, outcome);
    if (recent.size > KEEP_RESULTS) recent.delete(recent.keys().next().value!);
    for (const w of waiters.get(seq) ?? []) outcome instanceof Error ? w.reject(outcome) : w.resolve(outcome);
    waiters.delete(seq);
    maxDone = Math.max(maxDone, seq);
  };
  const checkIdle = () => {
    for (let i = idle.length - 1; i >= 0; i--) {
      if (idle[i]!.upTo <= maxDone || inbox.depth() === 0) idle.splice(i, 1)[0]!.resolve();
    }
  };

  const target = o.databaseUrl ? parseDatabaseUrl(o.databaseUrl) : undefined;
  const conn = target?.provider === 'sqlite' && target.file !== ':memory:' ? openDirectSqlite(target.file) : prismaSqlConnection(o.db);
  // On PostgreSQL the inbox's commits get a connection of their own (direct-pg.ts); on SQLite they share the
  // pipeline's, as one file has one writer anyway.
  const inboxPg = target?.provider === 'postgresql' ? openDirectPg(target.url) : undefined;
  const refining = o.tier2 ? createRefineStage({ db: o.db, orgChart: o.orgChart, refiner: o.tier2.refiner, log: o.log, now: o.now }) : undefined;
  const pipeline = createPipeline({
    db: o.db,
    conn,
    orgChart: o.orgChart,
    triage: o.triage,
    log: o.log,
    now: o.now,
    ...(o.maxBatch && { maxBatch: o.maxBatch }),
    ...(o.pollMs && { pollMs: o.pollMs }),
    ...(o.leaseMs && { leaseMs: o.leaseMs }),
    ...(o.windowFromDatabase && { windowFromDatabase: true }),
    ...(o.tier2 && { holdForTier2Ms: o.tier2.deadlineMs }),
    // On SQLite a batch holds the one write lock and, on the direct connection, this thread: acks go first and
    // batches stay short while they flow. On PostgreSQL the inbox commits on its own connection beside the batch.
    ...(!inboxPg && { yieldTo: () => inbox.caughtUp(), acksFlowing: () => Date.now() - inbox.lastAcceptAt() < ACKS_FLOWING_MS }),
    onBatch({ results, entries, ms, refine }) {
      refining?.add(refine);
      inbox.processed(entries.length);
      metrics.batch(entries.length, ms / 1000);
      for (const [seq, r] of results) settle(seq, r);
      checkIdle();
    },
    onFailed(seq, error) {
      inbox.processed(1);
      metrics.setAside();
      settle(seq, error);
      checkIdle();
    },
  });
  const inbox = createInbox({
    db: o.db,
    sql: inboxPg ?? conn.sql,
    log: o.log,
    now: o.now,
    highWater: o.highWater ?? 50_000,
    rate: () => metrics.rate(),
    onAccepted: () => pipeline.wake(),
  });

  const waitFor = (seq: number): Promise<TIngestResult> => {
    const done = recent.get(seq);
    if (done) return done instanceof Error ? Promise.reject(done) : Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const list = waiters.get(seq) ?? [];
      list.push({ resolve, reject });
      waiters.set(seq, list);
    });
  };

  const processed = async (seq: number): Promise<TIngestResult> => {
    const result = waitFor(seq);
    result.catch(() => undefined); // it may settle while the pump below runs; the caller gets it from `return`
    // Drive the pipeline here too, so callers need not have started it (tests, one-off tools); after a failed batch
    // (the database busy or down) try again shortly, as the background loop would.
    let settled = false;
    void result.finally(() => (settled = true)).catch(() => undefined);
    for (let pause = 10; ; pause = Math.min(pause * 2, 1000)) {
      await pipeline.pump();
      if (settled || recent.has(seq)) break;
      await new Promise((r) => setTimeout(r, pause));
    }
    return result;
  };

  const accept = async (mentions: readonly TMention[], source: string) => {
    const route = source.split(':').slice(0, 2).join(':');
    try {
      const results = await inbox.accept(mentions, source);
      const accepted = results.filter((r) => r.status === 'accepted').length;
      if (accepted) metrics.accepted(route, 'accepted', accepted);
      if (results.length > accepted) metrics.accepted(route, 'duplicate', results.length - accepted);
      for (const r of results) if (r.seq !== undefined) maxAccepted = Math.max(maxAccepted, r.seq);
      return results;
    } catch (err) {
      if (err instanceof IntakeRefused) metrics.refused(route, err.code);
      throw err;
    }
  };

  return {
    accept,
    async ingest(mention, source = 'ingest') {
      const [r] = await accept([mention], source);
      if (r!.seq !== undefined) return processed(r!.seq);
      // A duplicate: already stored, or accepted a moment ago by another delivery and still in the inbox.
      const key = { platform_externalId: { platform: mention.platform, externalId: mention.externalId } };
      const stored = await o.db.mention.findUnique({ where: key, select: { id: true, caseId: true } });
      if (stored) return { status: 'duplicate', mentionId: stored.id, caseId: stored.caseId };
      const pending = await o.db.inboxItem.findUnique({ where: key, select: { seq: true } });
      const first = pending ? await processed(pending.seq) : undefined;
      const again = await o.db.mention.findUnique({ where: key, select: { id: true, caseId: true } });
      return { status: 'duplicate', mentionId: again?.id ?? first?.mentionId ?? '', caseId: again?.caseId ?? first?.caseId ?? null };
    },
    async drain() {
      const upTo = maxAccepted;
      const done = new Promise<void>((resolve) => idle.push({ upTo, resolve }));
      checkIdle();
      await pipeline.pump();
      checkIdle();
      await done;
      await refining?.idle();
    },
    start: () => pipeline.start(),
    async stop() {
      await pipeline.stop();
      await refining?.stop();
      conn.close();
      await inboxPg?.close();
    },
    observeAck: (route, seconds) => metrics.ack(route, seconds),
  };
}
