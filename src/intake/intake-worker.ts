/**
 * The intake's worker thread: its own database connection, the inbox's group commit and the pipeline, so neither a
 * commit's fsync nor a batch's triage and writes ever holds up the event loop that answers webhooks. The main thread
 * talks to it through intake-thread.ts; this file is its whole message protocol.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { TOrgChart } from '../config/org-chart-schema.js';
import type { TLogLevel } from '../log.js';
import { openDatabase } from '../store/client.js';
import { triage } from '../triage/index.js';
import { guardBackgroundWork } from '../main/process-guards.js';
import { createRefiner, logTier2Status, type THeadsFile } from '../triage/tier2/index.js';
import { IntakeRefused } from './backpressure.js';
import { createIntake } from './create-intake.js';
import { forwardingIntakeMetrics, type TIntakeMetricEvent } from './intake-metrics.js';

export interface TIntakeWorkerData {
  databaseUrl: string;
  orgChart: TOrgChart;
  logLevel: TLogLevel;
  highWater: number;
  maxBatch: number;
  /** The second tier: its refiner's own workers start inside this thread (nested worker threads). */
  tier2?: { deadlineMs: number; workers: number; heads?: THeadsFile };
}

export type TWorkerRequest =
  | { id: number; op: 'accept'; mentions: import('../mention.js').TMention[]; source: string }
  | { id: number; op: 'ingest'; mention: import('../mention.js').TMention; source?: string }
  | { id: number; op: 'drain' | 'stop' };

export type TWorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { message: string; refused?: { code: IntakeRefused['code']; retryAfterSeconds: number } } }
  | { log: 'debug' | 'info' | 'warn' | 'error'; msg: string; fields?: Record<string, unknown> }
  | { metric: TIntakeMetricEvent }
  | { ready: true };

const data = workerData as TIntakeWorkerData;
const port = parentPort!;
const levels = ['debug', 'info', 'warn', 'error', 'silent'];
const at = levels.indexOf(data.logLevel);
// Log lines go to the main thread's logger, which owns the format and the redaction of secrets.
const emit = (level: 'debug' | 'info' | 'warn' | 'error') => (msg: string, fields?: Record<string, unknown>) => {
  if (levels.indexOf(level) >= at) port.postMessage({ log: level, msg, ...(fields && { fields }) } satisfies TWorkerReply);
};
const log = { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };

// A rejection nobody awaited would end this thread, and with it every accept (503 until a restart): log and go on.
guardBackgroundWork(log);

const db = await openDatabase(data.databaseUrl);
const metrics = forwardingIntakeMetrics((metric) => port.postMessage({ metric } satisfies TWorkerReply));
const refiner = data.tier2 && createRefiner({ orgChart: data.orgChart, workers: data.tier2.workers, ...(data.tier2.heads && { heads: data.tier2.heads }), onStatus: (s) => logTier2Status(log, s) });
const intake = createIntake({
  db, databaseUrl: data.databaseUrl, orgChart: data.orgChart, triage, log, now: () => new Date(), highWater: data.highWater, maxBatch: data.maxBatch, metrics,
  ...(refiner && data.tier2 && { tier2: { refiner, deadlineMs: data.tier2.deadlineMs } }),
});
intake.start();

port.on('message', (req: TWorkerRequest) => {
  const run = async (): Promise<unknown> => {
    switch (req.op) {
      case 'accept':
        return intake.accept(req.mentions, req.source);
      case 'ingest':
        return intake.ingest(req.mention, req.source);
      case 'drain':
        return intake.drain();
      case 'stop':
        await intake.stop();
        await refiner?.close();
        await db.$disconnect();
        return undefined;
    }
  };
  run().then(
    (value) => port.postMessage({ id: req.id, ok: true, value } satisfies TWorkerReply),
    (err: unknown) =>
      port.postMessage({
        id: req.id,
        ok: false,
        error: { message: err instanceof Error ? err.message : String(err), ...(err instanceof IntakeRefused && { refused: { code: err.code, retryAfterSeconds: err.retryAfterSeconds } }) },
      } satisfies TWorkerReply),
  );
});
port.postMessage({ ready: true } satisfies TWorkerReply);
