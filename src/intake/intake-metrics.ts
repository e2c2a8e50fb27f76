import type { TMetrics } from '../metrics/registry.js';
import type { TDb } from '../store/client.js';
import { inboxStats } from './intake-store.js';
import { sqlOf } from './sql.js';

/**
 * What the intake reports (README "Intake"): inbox depth, age and set-aside count read from the database at scrape
 * time (so every process tells the same truth), the processing rate, batch sizes and times, accepts and refusals by
 * route, and ack latency per route. The worker thread forwards its events to the web thread's instance.
 */
export interface TIntakeMetrics {
  batch(mentions: number, seconds: number): void;
  accepted(route: string, status: string, n: number): void;
  refused(route: string, reason: string): void;
  setAside(): void;
  ack(route: string, seconds: number): void;
  /** Mentions processed per second over the last 10 s (for Retry-After). */
  rate(): number;
}

/** Mentions processed per second over a sliding window. */
export class RateMeter {
  private readonly marks: { at: number; n: number }[] = [];
  constructor(private readonly windowMs = 10_000, private readonly clock: () => number = Date.now) {}

  add(n: number): void {
    this.marks.push({ at: this.clock(), n });
    this.trim();
  }

  perSecond(): number {
    this.trim();
    return this.marks.reduce((s, m) => s + m.n, 0) / (this.windowMs / 1000);
  }

  private trim(): void {
    const cutoff = this.clock() - this.windowMs;
    while (this.marks.length && this.marks[0]!.at < cutoff) this.marks.shift();
  }
}

export function intakeMetrics(metrics: TMetrics, db: TDb, now: () => Date = () => new Date()): TIntakeMetrics {
  const meter = new RateMeter();
  const depth = metrics.gauge({ name: 'earshot_inbox_depth', help: 'Mentions accepted and not yet processed.' });
  const failed = metrics.gauge({ name: 'earshot_inbox_failed', help: 'Mentions the pipeline set aside (kept with their error, retried when a pipeline starts).' });
  const oldest = metrics.gauge({ name: 'earshot_inbox_oldest_age_seconds', help: 'Age of the oldest unprocessed mention; growing means the pipeline is behind or stopped.' });
  const rate = metrics.gauge({ name: 'earshot_intake_processing_rate', help: 'Mentions this process stored per second over the last 10 seconds.' });
  const processed = metrics.counter({ name: 'earshot_intake_processed_total', help: 'Mentions this process took from the inbox and stored (duplicates included).' });
  const setAside = metrics.counter({ name: 'earshot_intake_set_aside_total', help: 'Mentions this process set aside as unprocessable.' });
  const accepted = metrics.counter({ name: 'earshot_intake_accepted_total', help: 'Inbound mentions by route and inbox status (accepted, duplicate).', labelNames: ['route', 'status'] });
  const refused = metrics.counter({ name: 'earshot_intake_refused_total', help: 'Inbound requests refused with 429/503 + Retry-After, by route and reason.', labelNames: ['route', 'reason'] });
  const batchSize = metrics.histogram({ name: 'earshot_intake_batch_size', help: 'Mentions per pipeline batch (one transaction).', buckets: [1, 5, 10, 25, 50, 100, 200, 500, 1000] });
  const batchSeconds = metrics.histogram({ name: 'earshot_intake_batch_seconds', help: 'Time a pipeline batch takes, reads, triage and commit included.', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
  const ackSeconds = metrics.histogram({ name: 'earshot_intake_ack_seconds', help: 'Time from a webhook request reaching its handler to its answer, by route.', labelNames: ['route'], buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
  metrics.onScrape(async () => {
    const s = await inboxStats(sqlOf(db));
    depth.set(s.pending);
    failed.set(s.failed);
    oldest.set(s.oldest ? Math.max(0, (now().getTime() - s.oldest.getTime()) / 1000) : 0);
    rate.set(meter.perSecond());
  });
  return {
    batch(n, seconds) {
      meter.add(n);
      processed.inc(n);
      batchSize.observe(n);
      batchSeconds.observe(seconds);
    },
    accepted: (route, status, n) => accepted.inc({ route, status }, n),
    refused: (route, reason) => refused.inc({ route, reason }),
    setAside: () => setAside.inc(),
    ack: (route, seconds) => ackSeconds.observe({ route }, seconds),
    rate: () => meter.perSecond(),
  };
}

/** For the worker thread: counts its own rate, hands every event to `send` (the web thread's intakeMetrics). */
export function forwardingIntakeMetrics(send: (event: TIntakeMetricEvent) => void): TIntakeMetrics {
  const meter = new RateMeter();
  return {
    batch(n, seconds) {
      meter.add(n);
      send({ m: 'batch', args: [n, seconds] });
    },
    accepted: (...args) => send({ m: 'accepted', args }),
    refused: (...args) => send({ m: 'refused', args }),
    setAside: () => send({ m: 'setAside', args: [] }),
    ack: (...args) => send({ m: 'ack', args }),
    rate: () => meter.perSecond(),
  };
}

export type TIntakeMetricEvent = { [K in Exclude<keyof TIntakeMetrics, 'rate'>]: { m: K; args: Parameters<TIntakeMetrics[K]> } }[Exclude<keyof TIntakeMetrics, 'rate'>];

/** Replays a forwarded event on the web thread's metrics. */
export function replayMetric(target: TIntakeMetrics, e: TIntakeMetricEvent): void {
  (target[e.m] as (...a: unknown[]) => void)(...e.args);
}
