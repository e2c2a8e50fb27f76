import type { TTriageFn } from '../triage/types.js';
import type { TMetrics } from './registry.js';

/** The histogram triage latency goes to; a tiered engine may add a `tier` label here. */
export function triageDuration(metrics: TMetrics) {
  return metrics.histogram({
    name: 'earshot_triage_duration_seconds',
    help: 'Time to triage one mention (classify, decide, prioritise, route, cluster).',
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
  });
}

/** Wraps the triage entry point so every call is timed; triage itself stays pure and knows nothing of metrics. */
export function timedTriage(fn: TTriageFn, metrics: TMetrics): TTriageFn {
  const duration = triageDuration(metrics);
  return (mention, ctx) => {
    const start = performance.now();
    try {
      return fn(mention, ctx);
    } finally {
      duration.observe((performance.now() - start) / 1000);
    }
  };
}
