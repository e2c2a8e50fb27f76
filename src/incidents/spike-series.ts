import { median } from './spike-detector.js';

/** One stored case as the spike job reads it. */
export interface TSpikeRow { createdAt: Date; team: string; category: string; sentiment: string }

export type TSpikeMetric = 'volume' | 'negative';

/** What one scope looked like: the window now and in each past week, and the last hours for the chart. */
export interface TScopeSeries {
  /** "brand" | "team:<id>" | "category:<id>" */
  scope: string;
  metric: TSpikeMetric;
  count: number;
  /** The same window 1, 2, … weeks ago (only weeks that have history). */
  history: number[];
  /** The team with the most of this window's cases in the scope (who is told). */
  team: string | null;
  /** Hourly, oldest first, ending at `now`: what came in, and the usual (median over past weeks) for that hour. */
  hours: { at: Date; count: number; usual: number }[];
}

const WEEK = 7 * 24 * 3600_000;
const HOUR = 3600_000;

/**
 * Buckets the cases read for one tick (the last `chartHours` now and in each of `weeks` past weeks) into every
 * scope's series: the brand, each team, each category; volume and negativity. Pure.
 */
export function spikeSeries(rows: readonly TSpikeRow[], o: { now: Date; windowMinutes: number; weeks: number; chartHours: number }): TScopeSeries[] {
  const now = o.now.getTime();
  const window = o.windowMinutes * 60_000;
  // series key → [week 0..weeks] → { window count, hourly counts }
  const acc = new Map<string, { win: number[]; hours: number[][]; teams: Map<string, number> }>();
  const slot = (key: string) => {
    let a = acc.get(key);
    if (!a) {
      a = { win: new Array(o.weeks + 1).fill(0), hours: Array.from({ length: o.weeks + 1 }, () => new Array(o.chartHours).fill(0)), teams: new Map() };
      acc.set(key, a);
    }
    return a;
  };
  for (const r of rows) {
    const t = r.createdAt.getTime();
    const week = Math.floor((now - t) / WEEK);
    if (week < 0 || week > o.weeks) continue;
    const age = now - week * WEEK - t; // 0 … chartHours h before that week's "now"
    const hour = o.chartHours - 1 - Math.floor(age / HOUR);
    if (hour < 0) continue;
    const inWindow = age < window;
    const metrics: TSpikeMetric[] = r.sentiment === 'negative' ? ['volume', 'negative'] : ['volume'];
    for (const scope of ['brand', `team:${r.team}`, `category:${r.category}`]) {
      for (const metric of metrics) {
        const a = slot(`${scope}|${metric}`);
        a.hours[week]![hour]! += 1;
        if (inWindow) {
          a.win[week]! += 1;
          if (week === 0) a.teams.set(r.team, (a.teams.get(r.team) ?? 0) + 1);
        }
      }
    }
  }
  const out: TScopeSeries[] = [];
  for (const [key, a] of acc) {
    const [scope, metric] = key.split('|') as [string, TSpikeMetric];
    const team = [...a.teams.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]?.[0] ?? null;
    const hours = a.hours[0]!.map((count, i) => ({ at: new Date(now - (o.chartHours - i) * HOUR), count, usual: median(a.hours.slice(1).map((h) => h[i]!)) }));
    out.push({ scope, metric, count: a.win[0]!, history: a.win.slice(1), team, hours });
  }
  return out.sort((x, y) => x.scope.localeCompare(y.scope) || x.metric.localeCompare(y.metric));
}
