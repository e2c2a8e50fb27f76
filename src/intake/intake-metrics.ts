/**
 * The intake's own Prometheus families (inbox depth and age, processing rate, batch sizes, ack latency per route),
 * rendered as text for /metrics. Kept here, apart from src/metrics, so they move as one piece.
 */
export class Histogram {
  private readonly series = new Map<string, { counts: number[]; sum: number; count: number }>();
  constructor(readonly name: string, readonly help: string, readonly buckets: readonly number[], readonly label?: string) {}

  observe(value: number, labelValue = ''): void {
    let s = this.series.get(labelValue);
    if (!s) this.series.set(labelValue, (s = { counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) s.counts[i]!++;
    s.sum += value;
    s.count++;
  }

  render(): string[] {
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [lv, s] of this.series) {
      const l = this.label ? `${this.label}="${escapeLabel(lv)}",` : '';
      this.buckets.forEach((b, i) => out.push(`${this.name}_bucket{${l}le="${b}"} ${s.counts[i]}`));
      out.push(`${this.name}_bucket{${l}le="+Inf"} ${s.count}`);
      const plain = this.label ? `{${this.label}="${escapeLabel(lv)}"}` : '';
      out.push(`${this.name}_sum${plain} ${s.sum}`, `${this.name}_count${plain} ${s.count}`);
    }
    return out;
  }
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

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

export interface TIntakeMetrics {
  ackSeconds: Histogram;
  batchSize: Histogram;
  batchSeconds: Histogram;
  rate: RateMeter;
  processedTotal: number;
  setAsideTotal: number;
  refused: Map<string, number>;
  accepted: Map<string, number>;
}

export function createIntakeMetrics(): TIntakeMetrics {
  return {
    ackSeconds: new Histogram('earshot_intake_ack_seconds', 'Time from a webhook request reaching its handler to its answer, by route.', [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], 'route'),
    batchSize: new Histogram('earshot_intake_batch_size', 'Mentions per pipeline batch (one transaction).', [1, 5, 10, 25, 50, 100, 200, 500]),
    batchSeconds: new Histogram('earshot_intake_batch_seconds', 'Time a pipeline batch takes, reads, triage and commit included.', [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]),
    rate: new RateMeter(),
    processedTotal: 0,
    setAsideTotal: 0,
    refused: new Map(),
    accepted: new Map(),
  };
}

/** Adds to a counter whose labels are `labelValues`, in the order the family names them. */
export const bump = (m: Map<string, number>, labelValues: readonly string[], by = 1): void => {
  const key = labelValues.join('\u0000');
  m.set(key, (m.get(key) ?? 0) + by);
};

export function renderIntakeMetrics(m: TIntakeMetrics, inbox: { pending: number; failed: number; oldestAgeSeconds: number }): string {
  const gauge = (name: string, help: string, value: number) => [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${value}`];
  const counter = (name: string, help: string, labels: [readonly string[], Map<string, number>] | number) =>
    typeof labels === 'number'
      ? [`# HELP ${name} ${help}`, `# TYPE ${name} counter`, `${name} ${labels}`]
      : [`# HELP ${name} ${help}`, `# TYPE ${name} counter`, ...[...labels[1]].map(([k, v]) => {
        const values = k.split('\u0000');
        return `${name}{${labels[0].map((l, i) => `${l}="${escapeLabel(values[i] ?? '')}"`).join(',')}} ${v}`;
      })];
  return [
    ...gauge('earshot_inbox_depth', 'Mentions accepted and not yet processed.', inbox.pending),
    ...gauge('earshot_inbox_failed', 'Mentions the pipeline set aside (kept with their error, retried when a pipeline starts).', inbox.failed),
    ...gauge('earshot_inbox_oldest_age_seconds', 'Age of the oldest unprocessed mention; growing means the pipeline is behind or stopped.', inbox.oldestAgeSeconds),
    ...gauge('earshot_intake_processing_rate', 'Mentions this process stored per second over the last 10 seconds.', m.rate.perSecond()),
    ...counter('earshot_intake_processed_total', 'Mentions this process took from the inbox and stored (duplicates included).', m.processedTotal),
    ...counter('earshot_intake_accepted_total', 'Inbound mentions by route and inbox status.', [['route', 'status'], m.accepted]),
    ...counter('earshot_intake_refused_total', 'Requests refused with 429/503 + Retry-After, by route and reason.', [['route', 'reason'], m.refused]),
    ...m.batchSize.render(),
    ...m.batchSeconds.render(),
    ...m.ackSeconds.render(),
  ].join('\n') + '\n';
}
