import type { TOrgChart } from '../config/org-chart-schema.js';
import type { TDb } from '../store/client.js';
import { caseRowsBetween } from './case-rows.js';
import { aggregateRows, HOUR, type TSlotAgg } from './slot-aggregate.js';
import { basisLookup } from './team-basis.js';

const STATE_ID = 'cases';
const DAY = 24 * HOUR;
/**
 * Cases written by a transaction that started before the last refresh but committed after it carry an `updatedAt`
 * slightly older than the refresh; re-reading a margin catches them (at the cost of recomputing a few recent hours).
 */
const COMMIT_MARGIN_MS = 2 * 60_000;

/**
 * Recomputes the rollup rows of the given UTC hours (all teams) from the Case table, replacing what was there.
 * Rows are written per day-sized batch in one transaction each, so readers never see half an hour.
 */
export async function recomputeSlots(db: TDb, slotStarts: Iterable<number>, o: { orgChart: TOrgChart; now: Date }): Promise<number> {
  const hours = [...new Set(slotStarts)].sort((a, b) => a - b);
  const basisOf = basisLookup(o.orgChart);
  let done = 0;
  for (let i = 0; i < hours.length; ) {
    // A batch covers consecutive hours within one day: one range query instead of one per hour.
    const first = hours[i]!;
    const batch: number[] = [];
    while (i < hours.length && hours[i]! < first + DAY) batch.push(hours[i++]!);
    const last = batch[batch.length - 1]! + HOUR;
    const wanted = new Set(batch);
    const rows = (await caseRowsBetween(db, new Date(first), new Date(last))).filter((r) => wanted.has(Math.floor(r.createdAt.getTime() / HOUR) * HOUR));
    const aggs = aggregateRows(rows, basisOf);
    await db.$transaction([
      db.statsSlot.deleteMany({ where: { slotStart: { in: batch.map((h) => new Date(h)) } } }),
      db.statsSlot.createMany({
        data: [...aggs.values()].map((e) => ({ team: e.team, slotStart: new Date(e.slotStart), basis: basisOf(e.team).key, data: JSON.stringify(e.agg), computedAt: o.now })),
      }),
    ]);
    // Same-process readers must not trust a cached parse whose computedAt happens to equal the new one.
    const cache = parsedSlots.get(db);
    if (cache) for (const k of [...cache.keys()]) if (wanted.has(Number(k.split('\u0000')[1]))) cache.delete(k);
    done += batch.length;
  }
  return done;
}

/**
 * Brings the stats rollup up to date with the Case table: the first call builds it for all history; later calls
 * recompute only the hours holding cases changed since the last refresh (found through Case(updatedAt)).
 * Cheap when nothing changed; the scheduler may call it every minute so that `/social stats` never pays for a backlog.
 * Assumes cases are never deleted (retention drops raw payloads only); delete StatsSlot rows to force a rebuild.
 * @returns how many UTC hours were recomputed
 */
export async function refreshStatsRollup(db: TDb, o: { orgChart: TOrgChart; now: Date }): Promise<number> {
  const state = await db.statsRollupState.findUnique({ where: { id: STATE_ID } });
  let hours: number[] = [];
  let seen: string[] = [];
  if (!state) {
    const span = await db.case.aggregate({ _min: { createdAt: true }, _max: { createdAt: true } });
    const lo = span._min.createdAt?.getTime();
    const hi = span._max.createdAt?.getTime();
    if (lo !== undefined && hi !== undefined) for (let h = Math.floor(lo / HOUR) * HOUR; h <= hi; h += HOUR) hours.push(h);
  } else {
    const since = state.refreshedAt.getTime() - COMMIT_MARGIN_MS;
    const changed = await db.case.findMany({ where: { updatedAt: { gte: new Date(since) } }, select: { id: true, createdAt: true, updatedAt: true } });
    const before = new Set(JSON.parse(state.seen) as string[]);
    const fresh = changed.filter((c) => !before.has(`${c.id}@${c.updatedAt.getTime()}`));
    hours = fresh.map((c) => Math.floor(c.createdAt.getTime() / HOUR) * HOUR);
    // Nothing new and a recent mark: leave the state row alone, so a quiet refresh is two reads and no write.
    if (fresh.length === 0 && o.now.getTime() - state.refreshedAt.getTime() < COMMIT_MARGIN_MS / 4) return 0;
    seen = changed.filter((c) => c.updatedAt.getTime() >= o.now.getTime() - COMMIT_MARGIN_MS).map((c) => `${c.id}@${c.updatedAt.getTime()}`);
  }
  const done = hours.length ? await recomputeSlots(db, hours, o) : 0;
  const data = { refreshedAt: o.now, seen: JSON.stringify(seen) };
  await db.statsRollupState.upsert({ where: { id: STATE_ID }, create: { id: STATE_ID, ...data }, update: data });
  return done;
}

/** One stored hour of one team. */
export interface TStoredSlot {
  team: string;
  slotStart: number;
  agg: TSlotAgg;
}

/**
 * Rollup rows of whole UTC hours in [fromHour, toHour). Rows computed under a team's former time zone or business
 * hours are recomputed first, so the answer always follows the current org chart.
 */
export async function readSlots(
  db: TDb,
  o: { fromHour: number; toHour: number; teams?: readonly string[]; orgChart: TOrgChart; now: Date },
): Promise<TStoredSlot[]> {
  if (o.toHour <= o.fromHour) return [];
  const where = { slotStart: { gte: new Date(o.fromHour), lt: new Date(o.toHour) }, ...(o.teams && { team: { in: [...o.teams] } }) };
  const list = () => db.statsSlot.findMany({ where, select: { team: true, slotStart: true, basis: true, computedAt: true } });
  let rows = await list();
  const basisOf = basisLookup(o.orgChart);
  const stale = rows.filter((r) => r.basis !== basisOf(r.team).key);
  if (stale.length) {
    await recomputeSlots(db, stale.map((r) => r.slotStart.getTime()), o);
    rows = await list();
  }
  // Old hours never change, so their parsed aggregates are kept per database handle and only new or recomputed rows
  // (a different computedAt) are fetched and parsed again.
  let cache = parsedSlots.get(db);
  if (!cache) parsedSlots.set(db, (cache = new Map()));
  const key = (team: string, slotStart: Date) => `${team}\u0000${slotStart.getTime()}`;
  const missing = rows.filter((r) => cache.get(key(r.team, r.slotStart))?.computedAt !== r.computedAt.getTime());
  if (missing.length) {
    const hours = [...new Set(missing.map((r) => r.slotStart.getTime()))].map((h) => new Date(h));
    for (let i = 0; i < hours.length; i += 500) {
      const fetched = await db.statsSlot.findMany({
        where: { slotStart: { in: hours.slice(i, i + 500) }, ...(o.teams && { team: { in: [...o.teams] } }) },
        select: { team: true, slotStart: true, data: true, computedAt: true },
      });
      for (const f of fetched) cache.set(key(f.team, f.slotStart), { computedAt: f.computedAt.getTime(), agg: JSON.parse(f.data) as TSlotAgg });
    }
    if (cache.size > 200_000) cache.clear();
  }
  return rows.flatMap((r) => {
    const hit = cache.get(key(r.team, r.slotStart));
    return hit ? [{ team: r.team, slotStart: r.slotStart.getTime(), agg: hit.agg }] : [];
  });
}

const parsedSlots = new WeakMap<TDb, Map<string, { computedAt: number; agg: TSlotAgg }>>();
