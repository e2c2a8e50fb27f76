import type { TOrgChart } from '../config/org-chart-schema.js';
import { findTeam } from '../config/org-chart-queries.js';
import type { TLogger } from '../log.js';
import { enqueue } from '../outbox/enqueue.js';
import type { TDb } from '../store/client.js';
import { transact } from '../store/transaction-retry.js';
import { isUniqueViolation } from '../store/unique-violation.js';
import { detectSpike, hourOfWeek, type TSpikeVerdict } from './spike-detector.js';
import { spikeSeries, type TScopeSeries, type TSpikeRow } from './spike-series.js';

const WEEK = 7 * 24 * 3600_000;
const HOUR = 3600_000;

type TSpike = TScopeSeries & { team: string; verdict: Extract<TSpikeVerdict, { spike: true }> };

/** On a tie the team's own scope leads, then its category, then the brand: the most specific says the most. */
const specificity = (s: TScopeSeries) => (s.scope.startsWith('team:') ? 0 : s.scope.startsWith('category:') ? 1 : 2);

/**
 * One tick of spike alerts at `at` (the job's slot, the same instant in every process): reads the last hours now and
 * in each past week, finds the scopes whose window stands above their usual level, drops those still in their
 * cool-down, and for each team told writes the alerts and one `spike.alert` (strongest rise first) in one transaction.
 * Spam never counts. Returns the alerts raised, per team.
 */
export async function raiseSpikes(deps: { db: TDb; orgChart: TOrgChart; log: TLogger }, at: Date): Promise<Map<string, string[]>> {
  const s = deps.orgChart.spikes;
  const raised = new Map<string, string[]>();
  if (!s.enabled) return raised;
  const first = await deps.db.case.findFirst({ orderBy: { createdAt: 'asc' }, select: { createdAt: true } });
  if (!first) return raised;
  // A past week counts only if the store already had cases when its window began.
  const weeks = Math.min(s.weeks, Math.max(0, Math.floor((at.getTime() - s.windowMinutes * 60_000 - first.createdAt.getTime()) / WEEK)));
  const rows: TSpikeRow[] = [];
  for (let k = 0; k <= weeks; k++) {
    const end = at.getTime() - k * WEEK;
    rows.push(...(await deps.db.case.findMany({ where: { createdAt: { gte: new Date(end - s.chartHours * HOUR), lt: new Date(end) }, category: { not: 'spam' } }, select: { createdAt: true, team: true, category: true, sentiment: true } })));
  }
  const spikes: TSpike[] = [];
  for (const series of spikeSeries(rows, { now: at, windowMinutes: s.windowMinutes, weeks, chartHours: s.chartHours })) {
    const team = series.scope.startsWith('team:') ? series.scope.slice(5) : series.team;
    if (!team || !findTeam(deps.orgChart, team)) continue;
    const verdict = detectSpike(series.count, series.history, { minCount: series.metric === 'negative' ? s.minNegative : s.minMentions, ratio: s.ratio, deviations: s.deviations, minWeeks: s.minWeeks });
    if (verdict.spike) spikes.push({ ...series, team, verdict });
  }
  const since = new Date(at.getTime() - s.cooldownMinutes * 60_000);
  const byTeam = new Map<string, TSpike[]>();
  for (const sp of spikes) {
    if (await deps.db.spikeAlert.findFirst({ where: { scope: sp.scope, metric: sp.metric, createdAt: { gte: since } }, select: { id: true } })) continue;
    byTeam.set(sp.team, [...(byTeam.get(sp.team) ?? []), sp]);
  }
  const windowStart = new Date(at.getTime() - s.windowMinutes * 60_000);
  for (const [team, list] of byTeam) {
    // The strongest rise leads the alert and draws its chart; the others are lines under it.
    list.sort((a, b) => b.count / b.verdict.threshold - a.count / a.verdict.threshold || specificity(a) - specificity(b) || a.metric.localeCompare(b.metric));
    const tz = findTeam(deps.orgChart, team)?.timezone ?? deps.orgChart.timezone;
    try {
      const ids = await transact(deps.db, async (tx) => {
        const out: string[] = [];
        for (const sp of list) {
          const row = await tx.spikeAlert.create({
            data: {
              scope: sp.scope, metric: sp.metric, team, windowStart, windowEnd: at, count: sp.count, baseline: sp.verdict.usual, threshold: sp.verdict.threshold,
              weeks: sp.verdict.weeks, hourOfWeek: hourOfWeek(windowStart, tz), series: JSON.stringify(sp.hours), createdAt: at,
            },
          });
          out.push(row.id);
        }
        await enqueue(tx, { kind: 'spike.alert', alertIds: out, team }, { destination: `team:${team}`, idempotencyKey: `spike.alert:${team}:${windowStart.toISOString()}`, now: at });
        return out;
      });
      raised.set(team, ids);
      deps.log.info('spike alert raised', { team, scopes: list.map((x) => `${x.scope}/${x.metric}`), counts: list.map((x) => x.count) });
    } catch (err) {
      // Another process raised the same window first: it is posted once, by them.
      if (!isUniqueViolation(err)) throw err;
    }
  }
  return raised;
}
