/**
 * Reports of the same kind of problem in the last hour, counted with a sense of place: a report that names
 * a place counts only reports from that place (or that name none), so a Leeds outage wave does not make a
 * Bristol complaint look like "9 similar outage reports". Only run when the cheaper window counts say it
 * could matter (an outage or defect at or above the volume threshold).
 */
import type { TCategory } from '../config/org-chart-schema.js';
import { recentMemo } from './cluster-signature.js';
import { differentPlaces, placeOf } from './place.js';
import type { TRecentMention } from './types.js';

const FAMILY: ReadonlySet<TCategory> = new Set(['outage', 'defect']);

const placeMemo = new WeakMap<TRecentMention, string | null>();

/** The place a recent mention names (memoised per window item: windows are reused across calls). */
export function recentPlace(r: TRecentMention): string | undefined {
  let p = placeMemo.get(r);
  if (p === undefined) placeMemo.set(r, (p = r.place ?? placeOf(r.text) ?? null));
  return p ?? undefined;
}

export interface TPlaceVolume {
  /** Same-category reports in the window that could be the same incident as this one. */
  count: number;
  /** Of those, how many name this post's place. */
  samePlace: number;
}

/** Counts same-category reports within `windowMs` before `now` (+1 minute of clock drift) compatible with `place`. */
export function placeVolume(category: TCategory, place: string | undefined, selfId: string, recent: readonly TRecentMention[], now: number, windowMs: number): TPlaceVolume {
  let count = 0;
  let samePlace = 0;
  const since = now - windowMs;
  for (let i = recent.length - 1; i >= 0; i--) {
    const r = recent[i]!;
    // An outage and a fault are one family: a bad firmware update shows up as both "bricked" and "no internet".
    if (!(r.category === category || (FAMILY.has(category) && FAMILY.has(r.category as TCategory))) || r.externalId === selfId) continue;
    const t = recentMemo(r).time;
    if (!(t >= since && t <= now + 60_000)) continue;
    const theirs = recentPlace(r);
    if (differentPlaces(place, theirs)) continue;
    // A post naming a place is not counted with posts that name none, and vice versa: we cannot tell they match.
    if ((place === undefined) !== (theirs === undefined)) continue;
    count++;
    if (place !== undefined && theirs === place) samePlace++;
  }
  return { count, samePlace };
}
