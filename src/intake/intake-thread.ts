import { Worker } from 'node:worker_threads';
import type { TOrgChart } from '../config/org-chart-schema.js';
import type { TLogger, TLogLevel } from '../log.js';
import { IntakeRefused } from './backpressure.js';
import type { TIngestResult } from './batch-types.js';
import type { TIntake } from './create-intake.js';
import type { TAcceptResult } from './inbox.js';
import { intakeMetrics, replayMetric } from './intake-metrics.js';
import type { TMetrics } from '../metrics/registry.js';
import type { TDb } from '../store/client.js';
import type { THeadsFile } from '../triage/tier2/index.js';
import type { TIntakeWorkerData, TWorkerReply, TWorkerRequest } from './intake-worker.js';
import { parseDatabaseUrl } from '../store/database-url.js';

/** SQLite's default automatic checkpoint threshold (pages of WAL). */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

export interface TIntakeThreadOptions {
  databaseUrl: string;
  orgChart: TOrgChart;
  log: TLogger;
  logLevel: TLogLevel;
  highWater: number;
  maxBatch: number;
  /** The instance's registry; the worker's figures are replayed on it. */
  metrics: TMetrics;
  /** The web thread's connection, for the inbox gauges read at scrape time. */
  db: TDb;
  /** The second tier, run by the worker beside its pipeline. */
  tier2?: { deadlineMs: number; workers: number; heads?: THeadsFile };
}

/**
 * The intake in a worker thread (see intake-worker.ts), behind the same TIntake interface as the in-process one.
 * `earshot start` uses this; tests and tools that pass their own triage engine use createIntake directly.
 */
export function createIntakeThread(o: TIntakeThreadOptions): TIntake {
  const workerData = { databaseUrl: o.databaseUrl, orgChart: o.orgChart, logLevel: o.logLevel, highWater: o.highWater, maxBatch: o.maxBatch, ...(o.tier2 && { tier2: o.tier2 }) } satisfies TIntakeWorkerData;
  // The compiled file from dist; the TypeScript source when running under tsx (tests, `tsx src/cli.ts`), where the
  // worker registers tsx's loader for itself first (loader hooks of the main thread do not reach a worker).
  const worker = import.meta.url.endsWith('.ts')
    ? new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((t) => { t.register(); return import(${JSON.stringify(new URL('./intake-worker.ts', import.meta.url).href)}); })`, { eval: true, workerData })
    : new Worker(new URL('./intake-worker.js', import.meta.url), { workerData });
  const figures = intakeMetrics(o.metrics, o.db);
  // SQLite copies the WAL back into the database file (a checkpoint, with an fsync of its own) in whichever
  // connection's commit finds the WAL past 1,000 pages. Leave that to the intake's connections, which commit the most:
  // the web thread then never stalls on one. Given back if the worker dies, so the WAL still cannot grow unbounded.
  const sqlite = parseDatabaseUrl(o.databaseUrl).provider === 'sqlite';
  const autoCheckpoint = (pages: number) => (sqlite ? void o.db.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${pages}`).catch(() => undefined) : undefined);
  autoCheckpoint(0);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failure: Error | undefined;
  let stopping = false;
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: TWorkerReply) => {
      if ('ready' in m) return resolve();
      if ('log' in m) return o.log[m.log](m.msg, m.fields);
      if ('metric' in m) return replayMetric(figures, m.metric);
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (!p) return;
      if (m.ok) p.resolve(m.value);
      else p.reject(m.error.refused ? new IntakeRefused(m.error.refused.code, m.error.message, m.error.refused.retryAfterSeconds) : new Error(m.error.message));
    });
    const die = (err: Error) => {
      failure = err;
      autoCheckpoint(SQLITE_AUTOCHECKPOINT_PAGES);
      o.log.error('intake worker stopped', { error: err.message });
      for (const p of pending.values()) p.reject(err);
      pending.clear();
      reject(err);
    };
    worker.on('error', die);
    worker.on('exit', (code) => {
      if (stopping) failure ??= new Error('the intake was stopped');
      else if (!failure) die(new Error(`intake worker exited with code ${code}`));
    });
  });
  ready.catch(() => undefined);

  const call = async <T>(req: { op: TWorkerRequest['op'] } & Record<string, unknown>): Promise<T> => {
    await ready.catch(() => undefined);
    // A dead worker cannot take anything: refuse as an unwritable database would, never lose silently.
    if (failure) throw new IntakeRefused('DATABASE_UNAVAILABLE', 'The intake is not running; nothing was stored, please retry later.', 5);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...req, id });
    });
  };

  return {
    accept: (mentions, source) => call<TAcceptResult[]>({ op: 'accept', mentions: [...mentions], source }),
    ingest: (mention, source) => call<TIngestResult>({ op: 'ingest', mention, ...(source && { source }) }),
    drain: () => call<void>({ op: 'drain' }),
    // The worker drains from the moment it is up.
    start() {},
    async stop() {
      stopping = true;
      if (!failure) await call<void>({ op: 'stop' }).catch(() => undefined);
      await worker.terminate();
      autoCheckpoint(SQLITE_AUTOCHECKPOINT_PAGES);
    },
    // Acks are timed here, in the web thread.
    observeAck: (route, seconds) => figures.ack(route, seconds),
  };
}
