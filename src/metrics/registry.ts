import { Counter, Gauge, Histogram, Registry, type CounterConfiguration, type GaugeConfiguration, type HistogramConfiguration } from 'prom-client';
import { processRegistry } from './process-metrics.js';

/**
 * The metrics of one Earshot instance, the single place modules register theirs. Each instance owns its registry (tests
 * run many side by side, and a count must not leak from one to the next); the process, GC and event-loop metrics are
 * the process's own and come from one shared registry, appended to every scrape.
 *
 * @example
 *   const batch = metrics.histogram({ name: 'earshot_inbox_batch_size', help: 'Mentions per pipeline batch.', buckets: [1, 10, 100] });
 *   batch.observe(n);
 *   metrics.onScrape(async () => depth.set(await db.inboxItem.count()));
 */
export interface TMetrics {
  /** prom-client's registry, for what the helpers below do not cover. */
  readonly registry: Registry;
  /** Registers a counter, or returns the one already registered under that name (factories may run twice). */
  counter<L extends string = string>(cfg: Omit<CounterConfiguration<L>, 'registers'>): Counter<L>;
  gauge<L extends string = string>(cfg: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L>;
  histogram<L extends string = string>(cfg: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L>;
  /** Runs before every scrape, all hooks side by side: the place to read gauges from the database. */
  onScrape(refresh: () => Promise<void>): void;
  /** The Prometheus text exposition: this instance's metrics, then the process's. */
  scrape(): Promise<string>;
  readonly contentType: string;
}

export interface TMetricsOptions {
  /** Append Node's default metrics (process, heap, GC, event loop); on unless a caller has no process to speak for. */
  processMetrics?: boolean;
}

export function createMetrics(opts: TMetricsOptions = {}): TMetrics {
  const registry = new Registry();
  const hooks: (() => Promise<void>)[] = [];
  const existing = <M>(name: string) => registry.getSingleMetric(name) as M | undefined;
  return {
    registry,
    counter: (cfg) => existing(cfg.name) ?? new Counter({ ...cfg, registers: [registry] }),
    gauge: (cfg) => existing(cfg.name) ?? new Gauge({ ...cfg, registers: [registry] }),
    histogram: (cfg) => existing(cfg.name) ?? new Histogram({ ...cfg, registers: [registry] }),
    onScrape: (refresh) => void hooks.push(refresh),
    async scrape() {
      await Promise.all(hooks.map((h) => h()));
      const own = await registry.metrics();
      return opts.processMetrics === false ? own : `${own}\n${await processRegistry().metrics()}`;
    },
    contentType: registry.contentType,
  };
}
