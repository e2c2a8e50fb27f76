import type { TDb } from '../store/client.js';
import type { HttpMetrics } from './http-metrics.js';
import { renderPrometheus, type TMetricFamily } from './prometheus.js';

/**
 * Reads business gauges from the database at scrape time, so every Earshot process reports the same truth
 * and nothing resets on restart; only HTTP counts are per process.
 */
export async function collectMetrics(db: TDb, http: HttpMetrics, now: Date): Promise<string> {
  const [mentions, cases, outbox, oldest] = await Promise.all([
    db.mention.groupBy({ by: ['platform'], _count: { _all: true } }),
    db.case.groupBy({ by: ['status'], _count: { _all: true } }),
    db.outboxItem.groupBy({ by: ['kind', 'status'], _count: { _all: true } }),
    db.outboxItem.findFirst({ where: { status: { in: ['pending', 'in_flight'] } }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } }),
  ]);
  const byStatus = (s: string) => outbox.filter((o) => o.status === s).map((o) => ({ labels: { kind: o.kind }, value: o._count._all }));
  const depth = new Map<string, number>();
  for (const o of outbox.filter((o) => o.status === 'pending' || o.status === 'in_flight')) depth.set(o.kind, (depth.get(o.kind) ?? 0) + o._count._all);
  const families: TMetricFamily[] = [
    {
      name: 'earshot_mentions_received_total',
      help: 'Mentions stored, by platform (duplicates are not counted).',
      type: 'counter',
      samples: mentions.map((m) => ({ labels: { platform: m.platform }, value: m._count._all })),
    },
    {
      name: 'earshot_cases',
      help: 'Cases by status.',
      type: 'gauge',
      samples: cases.map((c) => ({ labels: { status: c.status }, value: c._count._all })),
    },
    {
      name: 'earshot_outbox_depth',
      help: 'Outbound calls waiting to be delivered (pending or in flight), by kind.',
      type: 'gauge',
      samples: [...depth].map(([kind, value]) => ({ labels: { kind }, value })),
    },
    {
      name: 'earshot_outbox_dead_letters',
      help: 'Outbound calls that failed for good after their retries, by kind.',
      type: 'gauge',
      samples: byStatus('dead'),
    },
    {
      name: 'earshot_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest undelivered outbound call; growing means delivery is stuck.',
      type: 'gauge',
      samples: [{ value: oldest ? Math.max(0, (now.getTime() - oldest.createdAt.getTime()) / 1000) : 0 }],
    },
    {
      name: 'earshot_http_requests_total',
      help: 'HTTP requests handled, by method, route pattern and status.',
      type: 'counter',
      samples: http.samples(),
    },
  ];
  return renderPrometheus(families);
}
