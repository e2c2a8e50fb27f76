import type { TStats } from '../reports/stats-types.js';
import type { TDb } from '../store/client.js';
import type { TMetrics } from './registry.js';

export interface TBusinessMetricsDeps {
  db: TDb;
  now: () => Date;
  /** Today's stats, from the same definition as /social stats and digests (src/reports). */
  todayStats?: () => Promise<TStats>;
}

/**
 * Business gauges read from the database at scrape time, so every Earshot process reports the same truth and nothing
 * resets on restart. Each series is rebuilt per scrape: a status that no longer has any case disappears.
 */
export function registerBusinessMetrics(metrics: TMetrics, deps: TBusinessMetricsDeps): void {
  const mentions = metrics.counter({ name: 'earshot_mentions_received_total', help: 'Mentions stored, by platform (duplicates are not counted).', labelNames: ['platform'] });
  const cases = metrics.gauge({ name: 'earshot_cases', help: 'Cases by status.', labelNames: ['status'] });
  const depth = metrics.gauge({ name: 'earshot_outbox_depth', help: 'Outbound calls waiting to be delivered (pending or in flight), by kind.', labelNames: ['kind'] });
  const parked = metrics.gauge({ name: 'earshot_outbox_parked', help: "New-case cards held in channels' backlogs (counted on each channel's backlog card), by kind." , labelNames: ['kind'] });
  const dead = metrics.gauge({ name: 'earshot_outbox_dead_letters', help: 'Outbound calls that failed for good after their retries, by kind.', labelNames: ['kind'] });
  const oldestAge = metrics.gauge({ name: 'earshot_outbox_oldest_pending_age_seconds', help: 'Age of the oldest undelivered outbound call; growing means delivery is stuck.' });
  const stat = (name: string, help: string) => metrics.gauge({ name, help });
  const today = {
    open: stat('earshot_backlog_open', 'Open cases now (new, claimed or offline).'),
    overdue: stat('earshot_backlog_overdue', 'Open cases past their SLA without a first response.'),
    responseRate: stat('earshot_today_response_rate', "Share of today's cases that needed a response and got one."),
    slaMet: stat('earshot_today_sla_met_ratio', "Share of today's due cases answered within their SLA."),
    medianFirstResponse: stat('earshot_today_first_response_median_minutes', 'Median first-response time today, in business minutes.'),
  };

  metrics.onScrape(async () => {
    const [byPlatform, byStatus, outbox, oldest, s] = await Promise.all([
      deps.db.mention.groupBy({ by: ['platform'], _count: { _all: true } }),
      deps.db.case.groupBy({ by: ['status'], _count: { _all: true } }),
      deps.db.outboxItem.groupBy({ by: ['kind', 'status'], _count: { _all: true } }),
      deps.db.outboxItem.findFirst({ where: { status: { in: ['pending', 'in_flight'] } }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } }),
      deps.todayStats?.(),
    ]);
    // Everything is read before anything is reset, so a concurrent scrape never sees a half-built family.
    mentions.reset();
    for (const m of byPlatform) mentions.inc({ platform: m.platform }, m._count._all);
    cases.reset();
    for (const c of byStatus) cases.set({ status: c.status }, c._count._all);
    depth.reset();
    dead.reset();
    parked.reset();
    for (const o of outbox) {
      if (o.status === 'backlog') parked.set({ kind: o.kind }, o._count._all);
      if (o.status === 'pending' || o.status === 'in_flight') depth.inc({ kind: o.kind }, o._count._all);
      if (o.status === 'dead') dead.set({ kind: o.kind }, o._count._all);
    }
    oldestAge.set(oldest ? Math.max(0, (deps.now().getTime() - oldest.createdAt.getTime()) / 1000) : 0);
    const setOrOmit = (g: typeof today.open, v: number | null | undefined) => (v === null || v === undefined ? g.remove() : g.set(v));
    setOrOmit(today.open, s?.backlog.open);
    setOrOmit(today.overdue, s?.backlog.overdue);
    setOrOmit(today.responseRate, s?.responseRate.rate);
    setOrOmit(today.slaMet, s?.sla.metRate);
    setOrOmit(today.medianFirstResponse, s?.firstResponse.medianMinutes);
  });
}
