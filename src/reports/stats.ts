import type { TOrgChart } from '../config/org-chart-schema.js';
import type { TDb } from '../store/client.js';
import { backlogNow, followUpsDue } from './backlog.js';
import { caseRowsBetween } from './case-rows.js';
import { mergeSlots } from './merge-slots.js';
import { topTaggedAuthors } from './people.js';
import { readSlots, refreshStatsRollup, type TStoredSlot } from './rollup.js';
import { aggregateRows, HOUR } from './slot-aggregate.js';
import type { TStats } from './stats-types.js';
import { basisLookup } from './team-basis.js';

export interface TComputeStatsOptions {
  /** Team ids, or 'all' for every case whatever its team. */
  teams: readonly string[] | 'all';
  /** Period start (inclusive) and end (exclusive); see parsePeriod for named periods. */
  from: Date;
  to: Date;
  now: Date;
  orgChart: TOrgChart;
}

/**
 * Earshot's numbers for some teams over a period — the one definition behind `/social stats`, digests and `/metrics`
 * (field meanings in ZStats). Whole UTC hours come from the rollup (refreshed first, so the answer is current), any
 * partial hour at either end straight from the Case table; current-state figures (backlog, follow-ups) from indexed
 * counts. A million cases answer in well under a second once the rollup exists.
 * @example const s = await computeStats(db, { teams: ['social-care'], ...parsePeriod('7d', { now, timeZone }), now, orgChart });
 */
export async function computeStats(db: TDb, o: TComputeStatsOptions): Promise<TStats> {
  const teams = o.teams === 'all' ? undefined : [...new Set(o.teams)];
  const basisOf = basisLookup(o.orgChart);
  await refreshStatsRollup(db, { orgChart: o.orgChart, now: o.now });

  const from = o.from.getTime();
  const to = Math.max(from, o.to.getTime());
  const firstWhole = Math.ceil(from / HOUR) * HOUR;
  const lastWhole = Math.max(firstWhole, Math.floor(to / HOUR) * HOUR);
  const edges = async (a: number, b: number): Promise<TStoredSlot[]> =>
    b > a ? [...aggregateRows(await caseRowsBetween(db, new Date(a), new Date(b), teams), basisOf).values()] : [];

  const [whole, head, tail, backlog, followUps, topAdvocates, frequentEngagers] = await Promise.all([
    readSlots(db, { fromHour: firstWhole, toHour: lastWhole, teams, orgChart: o.orgChart, now: o.now }),
    edges(from, Math.min(firstWhole, to)),
    // lastWhole ≥ firstWhole, so when the period sits inside one hour the head covers it and the tail is empty.
    edges(lastWhole, to),
    backlogNow(db, { now: o.now, teams }),
    followUpsDue(db, { to: new Date(to), now: o.now, teams }),
    topTaggedAuthors(db, { tag: 'advocate', from: o.from, to: new Date(to), teams }),
    topTaggedAuthors(db, { tag: 'frequent', from: o.from, to: new Date(to), teams }),
  ]);
  const period = mergeSlots([...whole, ...head, ...tail], { now: o.now, basisOf });
  return {
    scope: { teams: teams ?? 'all', from: o.from.toISOString(), to: new Date(to).toISOString(), generatedAt: o.now.toISOString() },
    ...period,
    backlog,
    topAdvocates,
    frequentEngagers,
    followUpsDue: followUps,
  };
}
