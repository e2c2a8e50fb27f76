import type { TBusinessHours } from '../config/org-chart-schema.js';
import { WARRANTED_DECISIONS } from './warranted.js';
import { workingMinutesBetween } from './working-minutes.js';

export const HOUR = 3_600_000;
const QUARTER = 900_000;
export const SENTIMENT_INDEX = { negative: 0, neutral: 1, positive: 2 } as const;

/**
 * Everything stats need about the cases one team created in (part of) one UTC hour, in a form that adds up:
 * counts, a histogram of first-response minutes (so medians over any set of hours stay exact), and the due times of
 * SLA cases still unanswered (whether those are breached depends on `now`, which a stored row cannot know).
 * Quarter-hour counts let any time zone, even UTC+5:30 or +5:45, place each case in its local hour.
 */
export interface TSlotAgg {
  v: 1;
  n: number;
  platform: Record<string, number>;
  category: Record<string, number>;
  /** [negative, neutral, positive] per quarter hour: q[quarter][sentimentIndex]. */
  q: number[][];
  warranted: number;
  responded: number;
  /** Whole first-response working minutes → number of cases (every case that got a first response). */
  frm: Record<string, number>;
  slaMet: number;
  slaLate: number;
  /** Due instants (ms) of warranted SLA cases with no first response yet. */
  slaOpenDue: number[];
  /** clusterId → [cases, negative cases] */
  clusters: Record<string, [number, number]>;
}

/** The columns of a Case that stats read. */
export interface TCaseStatsRow {
  team: string;
  createdAt: Date;
  platform: string;
  category: string;
  sentiment: string;
  decision: string;
  firstResponseAt: Date | null;
  slaDueAt: Date | null;
  clusterId: string | null;
}

/** The rules first-response minutes are measured by for one team. */
export interface TTeamBasis {
  timeZone: string;
  hours: TBusinessHours;
  /** Fingerprint stored with rollup rows: rows computed under other rules are recomputed. */
  key: string;
}

export function emptySlot(): TSlotAgg {
  return { v: 1, n: 0, platform: {}, category: {}, q: [[0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]], warranted: 0, responded: 0, frm: {}, slaMet: 0, slaLate: 0, slaOpenDue: [], clusters: {} };
}

const bump = (r: Record<string, number>, k: string, by = 1) => {
  r[k] = (r[k] ?? 0) + by;
};

/** Adds one case to the aggregate of its hour. */
export function addCase(agg: TSlotAgg, c: TCaseStatsRow, slotStart: number, basis: TTeamBasis): void {
  agg.n += 1;
  bump(agg.platform, c.platform);
  bump(agg.category, c.category);
  const s = SENTIMENT_INDEX[c.sentiment as keyof typeof SENTIMENT_INDEX] ?? 1;
  const quarter = Math.min(3, Math.max(0, Math.floor((c.createdAt.getTime() - slotStart) / QUARTER)));
  agg.q[quarter]![s]! += 1;
  if (c.firstResponseAt) bump(agg.frm, String(workingMinutesBetween(c.createdAt, c.firstResponseAt, basis.hours, basis.timeZone)));
  if (c.clusterId) {
    const cl = (agg.clusters[c.clusterId] ??= [0, 0]);
    cl[0] += 1;
    if (s === 0) cl[1] += 1;
  }
  if (!WARRANTED_DECISIONS.includes(c.decision)) return;
  agg.warranted += 1;
  if (c.firstResponseAt) agg.responded += 1;
  if (!c.slaDueAt) return;
  if (!c.firstResponseAt) agg.slaOpenDue.push(c.slaDueAt.getTime());
  else if (c.firstResponseAt <= c.slaDueAt) agg.slaMet += 1;
  else agg.slaLate += 1;
}

/**
 * Groups case rows into per-(team, UTC hour) aggregates.
 * @returns map keyed `${team}\u0000${slotStartMs}`
 */
export function aggregateRows(rows: Iterable<TCaseStatsRow>, basisOf: (team: string) => TTeamBasis): Map<string, { team: string; slotStart: number; agg: TSlotAgg }> {
  const out = new Map<string, { team: string; slotStart: number; agg: TSlotAgg }>();
  for (const r of rows) {
    const slotStart = Math.floor(r.createdAt.getTime() / HOUR) * HOUR;
    const key = `${r.team}\u0000${slotStart}`;
    let e = out.get(key);
    if (!e) out.set(key, (e = { team: r.team, slotStart, agg: emptySlot() }));
    addCase(e.agg, r, slotStart, basisOf(r.team));
  }
  return out;
}
