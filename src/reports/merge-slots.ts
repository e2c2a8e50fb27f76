import { localTime } from '../cases/business-hours.js';
import type { TStoredSlot } from './rollup.js';
import type { TTeamBasis } from './slot-aggregate.js';
import type { TStats } from './stats-types.js';

// Wall-clock readings of hour starts: the same few thousand hours recur in every stats call.
const local = new Map<string, { minuteOfDay: number; weekday: string }>();
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const NEXT_DAY: Record<string, (typeof WEEKDAYS)[number]> = { mon: 'tue', tue: 'wed', wed: 'thu', thu: 'fri', fri: 'sat', sat: 'sun', sun: 'mon' };

type TPeriodPart = Pick<TStats, 'volume' | 'responseRate' | 'firstResponse' | 'sla' | 'sentimentRatio' | 'busiest' | 'topClusters'>;

const sortedCounts = (r: Map<string, number>) =>
  [...r].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));

/** Nearest-rank percentile of a histogram value → count: the smallest value with at least ⌈p·N⌉ cases at or below it. */
export function percentile(hist: Map<number, number>, total: number, p: number): number | null {
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const v of [...hist.keys()].sort((a, b) => a - b)) {
    seen += hist.get(v)!;
    if (seen >= rank) return v;
  }
  return null;
}

/** Adds up hourly aggregates into the period figures; `now` decides which unanswered SLA cases are already breached. */
export function mergeSlots(slots: Iterable<TStoredSlot>, o: { now: Date; basisOf: (team: string) => TTeamBasis; topClusters?: number }): TPeriodPart {
  const now = o.now.getTime();
  const platform = new Map<string, number>();
  const category = new Map<string, number>();
  const sentiment = [0, 0, 0];
  const frm = new Map<number, number>();
  const clusters = new Map<string, [number, number]>();
  const hours = Array.from({ length: 24 }, () => [0, 0, 0]);
  const weekdays = new Map<string, number>(WEEKDAYS.map((d) => [d, 0]));
  let total = 0, warranted = 0, responded = 0, frmN = 0, met = 0, breached = 0, pending = 0;
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);

  for (const { team, slotStart, agg } of slots) {
    total += agg.n;
    for (const k in agg.platform) add(platform, k, agg.platform[k]!);
    for (const k in agg.category) add(category, k, agg.category[k]!);
    warranted += agg.warranted;
    responded += agg.responded;
    met += agg.slaMet;
    breached += agg.slaLate;
    for (const due of agg.slaOpenDue) if (due <= now) breached += 1; else pending += 1;
    for (const k in agg.frm) {
      const n = agg.frm[k]!;
      frm.set(Number(k), (frm.get(Number(k)) ?? 0) + n);
      frmN += n;
    }
    for (const id in agg.clusters) {
      const c = agg.clusters[id]!;
      const e = clusters.get(id) ?? [0, 0];
      clusters.set(id, [e[0] + c[0], e[1] + c[1]]);
    }
    const tz = o.basisOf(team).timeZone;
    const key = `${tz}|${slotStart}`;
    let l = local.get(key);
    if (!l) {
      if (local.size > 100_000) local.clear();
      local.set(key, (l = localTime(new Date(slotStart), tz)));
    }
    agg.q.forEach((counts, quarter) => {
      const minute = l.minuteOfDay + quarter * 15;
      const day = minute >= 1440 ? NEXT_DAY[l.weekday]! : l.weekday;
      const hour = Math.floor(minute / 60) % 24;
      let n = 0;
      counts.forEach((c, s) => {
        hours[hour]![s]! += c;
        sentiment[s]! += c;
        n += c;
      });
      add(weekdays, day, n);
    });
  }
  const rate = (a: number, b: number) => (b === 0 ? null : a / b);
  const busiestHours = hours.map(([negative, neutral, positive], hour) => ({ hour, total: negative! + neutral! + positive!, negative: negative!, neutral: neutral!, positive: positive! }));
  const peak = <T extends { total: number }>(xs: T[]) => (xs.reduce((a, b) => (b.total > a.total ? b : a), xs[0]!).total > 0 ? xs.reduce((a, b) => (b.total > a.total ? b : a), xs[0]!) : null);
  const weekdayList = WEEKDAYS.map((day) => ({ day, total: weekdays.get(day) ?? 0 }));
  const [negative, neutral, positive] = sentiment as [number, number, number];
  return {
    volume: { total, byPlatform: sortedCounts(platform), byCategory: sortedCounts(category), bySentiment: { negative, neutral, positive } },
    responseRate: { warranted, responded, rate: rate(responded, warranted) },
    firstResponse: { responded: frmN, medianMinutes: percentile(frm, frmN, 0.5), p90Minutes: percentile(frm, frmN, 0.9) },
    sla: { met, breached, pending, metRate: rate(met, met + breached) },
    sentimentRatio: { positive, negative, ratio: negative === 0 ? null : positive / negative },
    busiest: { hours: busiestHours, weekdays: weekdayList, peakHour: peak(busiestHours)?.hour ?? null, peakWeekday: peak(weekdayList)?.day ?? null },
    topClusters: [...clusters]
      .map(([clusterId, [cases, neg]]) => ({ clusterId, cases, negative: neg }))
      .sort((a, b) => b.cases - a.cases || a.clusterId.localeCompare(b.clusterId))
      .slice(0, o.topClusters ?? 5),
  };
}
