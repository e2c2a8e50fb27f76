import type { TStats } from '../reports/stats-types.js';
import type { TDb } from '../store/client.js';
import type { HttpMetrics } from './http-metrics.js';
import { renderPrometheus, type TMetricFamily } from './prometheus.js';

/**
 * Reads business gauges from the database at scrape time, so every Earshot process reports the same truth
 * and nothing resets on restart; only HTTP counts are per process.
 */
export async function collectMetrics(db: TDb, http: HttpMetrics, now: Date, todayStats?: () => Promise<TStats>): Promise<string> {
  const [mentions, cases, outbox, oldest, today] = await Promise.all([
    db.mention.groupBy({ by: ['platform'], _count: { _all: true } }),
    db.case.groupBy({ by: ['status'], _count: { _all: true } }),
    db.outboxItem.groupBy({ by: ['kind', 'status'], _count: { _all: true } }),
    db.outboxItem.findFirst({ where: { status: { in: ['pending', 'in_flight'] } }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } }),
    todayStats?.(),
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
  // The same definition as /social stats and digests (src/reports), for today in the organisation's time zone.
  if (today) families.push(...statsFamilies(today));
  return renderPrometheus(families);
}

function statsFamilies(s: TStats): TMetricFamily[] {
  const gauge = (name: string, help: string, value: number | null): TMetricFamily[] =>
    value === null ? [] : [{ name, help, type: 'gauge', samples: [{ value }] }];
  return [
    ...gauge('earshot_backlog_open', 'Open cases now (new, claimed or offline).', s.backlog.open),
    ...gauge('earshot_backlog_overdue', 'Open cases past their SLA without a first response.', s.backlog.overdue),
    ...gauge('earshot_today_response_rate', 'Share of today\'s cases that needed a response and got one.', s.responseRate.rate),
    ...gauge('earshot_today_sla_met_ratio', 'Share of today\'s due cases answered within their SLA.', s.sla.metRate),
    ...gauge('earshot_today_first_response_median_minutes', 'Median first-response time today, in business minutes.', s.firstResponse.medianMinutes),
  ];
}
