/**
 * Near-duplicate clustering against the recent window: same outage wording, same link, copy-paste
 * campaigns. Signatures live in cluster-signature.ts, the window index in cluster-window.ts.
 */
import type { TCategory } from '../config/org-chart-schema.js';
import { hashHex } from './hash.js';
import { popcount, recentMemo, similarity, SIMILARITY, SKETCH, type TSignature } from './cluster-signature.js';
import { buildIndex, minShared, slotOf, uniqueUrls, urlKey, windowOf, type TWindowCache, type TWindowIndex } from './cluster-window.js';
import type { TRecentMention } from './types.js';

export { rememberSignature, signatureOf, similarity, SIMILARITY, type TSignature } from './cluster-signature.js';

/** Only mentions this recent count as the same wave. */
export const CLUSTER_WINDOW_MINUTES = 60;
/** Newest recent items examined; bounds cost when a caller passes a huge window. */
export const MAX_SCAN = 2000;

export interface TClusterResult {
  clusterId: string;
  /** Near-duplicates in the window (velocity of this exact story). */
  similar: number;
  /** Recent mentions of the same category in the window (velocity of the kind of problem). */
  sameCategory: number;
  /** The recent mention whose cluster this joined, if any. */
  joined?: string;
}

type TSelf = { platform: string; externalId: string; sig: TSignature; category: TCategory };

/** Finds this mention's cluster among `recent` within the window before `now`. */
export function clusterMention(self: TSelf, recent: readonly TRecentMention[] | undefined, now: Date): TClusterResult {
  const since = now.getTime() - CLUSTER_WINDOW_MINUTES * 60_000;
  const until = now.getTime() + 60_000; // clocks of platforms drift a little
  const acc: TAccumulator = { similar: 0, sameCategory: 0, best: undefined, bestScore: 0, bestTime: 0 };
  if (recent && recent.length > 0) {
    const w = windowOf(recent);
    // The index pays off only when a window is reused (sessions, callers that keep one array) and
    // sorted by time (the in-window items are then one run of positions); otherwise scan it all.
    if (w.descents === 0 && w.uses > 1 && !Number.isNaN(since)) clusterIndexed(self, recent, w, since, until, acc);
    else clusterScan(self, recent, w, since, until, acc);
  }
  return result(self, acc);
}

/**
 * The same answer as clusterMention, by comparing with every recent item and no window cache: the
 * reference the indexed path is tested against.
 */
export function clusterMentionBruteForce(self: TSelf, recent: readonly TRecentMention[] | undefined, now: Date): TClusterResult {
  const since = now.getTime() - CLUSTER_WINDOW_MINUTES * 60_000;
  const until = now.getTime() + 60_000;
  const acc: TAccumulator = { similar: 0, sameCategory: 0, best: undefined, bestScore: 0, bestTime: 0 };
  const items = recent ?? [];
  for (let i = items.length - 1; i >= Math.max(0, items.length - MAX_SCAN); i--) {
    const r = items[i]!;
    const m = recentMemo(r);
    if (!(m.time >= since && m.time <= until)) continue;
    if (r.category === self.category && r.externalId !== self.externalId) acc.sameCategory++;
    if (r.externalId === self.externalId && r.platform === self.platform) continue;
    offer(acc, r, m.time, similarity(self.sig, m.sig));
  }
  return result(self, acc);
}

interface TAccumulator {
  similar: number;
  sameCategory: number;
  best: TRecentMention | undefined;
  bestScore: number;
  bestTime: number;
}

/** Counts a compared item, visited newest first. */
function offer(acc: TAccumulator, r: TRecentMention, time: number, s: number): void {
  if (s < SIMILARITY) return;
  acc.similar++;
  // Prefer the closest text; on a tie the older one, which founded the cluster.
  if (s > acc.bestScore || (s === acc.bestScore && acc.best && time <= acc.bestTime)) {
    acc.best = r;
    acc.bestScore = s;
    acc.bestTime = time;
  }
}

function result(self: TSelf, acc: TAccumulator): TClusterResult {
  const { best, similar, sameCategory } = acc;
  if (!best) return { clusterId: clusterIdFor(self.platform, self.externalId), similar, sameCategory };
  return { clusterId: best.clusterId ?? clusterIdFor(best.platform, best.externalId), similar, sameCategory, joined: best.externalId };
}

/** Column `j` of the window against `self`, given it is in the time window (the scan's loop body). */
function compare(self: TSelf, w: TWindowCache, j: number, acc: TAccumulator): void {
  const a = self.sig;
  const m = w.memos[j]!;
  if (a.urls.length === 0 || m.sig.urls.length === 0) {
    // Same pre-check as similarity(), inlined over the columns: most pairs stop here.
    const q = j * 4;
    const masks = w.masks;
    const shared = popcount(a.m0 & masks[q]!) + popcount(a.m1 & masks[q + 1]!) + popcount(a.m2 & masks[q + 2]!) + popcount(a.m3 & masks[q + 3]!);
    if (shared < Math.min(a.bits, w.bits[j]!) * SIMILARITY) return;
  }
  const r = w.items[j]!;
  if (r.externalId === self.externalId && r.platform === self.platform) return;
  offer(acc, r, m.time, similarity(a, m.sig));
}

/** Every item of the window, newest first. */
function clusterScan(self: TSelf, recent: readonly TRecentMention[], w: TWindowCache, since: number, until: number, acc: TAccumulator): void {
  const { times, off } = w;
  const stop = Math.max(0, recent.length - MAX_SCAN);
  for (let i = recent.length - 1; i >= stop; i--) {
    const t = times[off + i]!;
    if (!(t >= since && t <= until)) continue;
    const r = recent[i]!;
    if (r.category === self.category && r.externalId !== self.externalId) acc.sameCategory++;
    compare(self, w, off + i, acc);
  }
}

/** First index in sorted `xs` from `from` whose value is >= x (strict: > x). */
function bound(xs: readonly number[], x: number, strict: boolean, from = 0): number {
  let lo = from;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? xs[mid]! <= x : xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Window sorted by time: the items in the time window are one run of columns; look only at candidates. */
function clusterIndexed(self: TSelf, recent: readonly TRecentMention[], w: TWindowCache, since: number, until: number, acc: TAccumulator): void {
  const n = recent.length;
  const { times, off } = w;
  const lo = Math.max(bound(times, since, false, off), off + n - MAX_SCAN);
  const hi = bound(times, until, true, off) - 1;
  if (lo > hi) return;
  const ix = (w.index ??= buildIndex(w));
  const loAbs = w.colBase + lo;
  const hiAbs = w.colBase + hi;
  const cat = self.category;

  // Velocity of the category: count inside, or the total less what lies outside, whichever is shorter.
  const cats = w.cats;
  let same = 0;
  if (hi - lo + 1 <= n - (hi - lo + 1)) {
    for (let j = lo; j <= hi; j++) if (cats[j] === cat) same++;
  } else {
    same = ix.catCount.get(cat) ?? 0;
    for (let j = off; j < lo; j++) if (cats[j] === cat) same--;
    for (let j = hi + 1; j < off + n; j++) if (cats[j] === cat) same--;
  }
  if (ix.idCount.has(self.externalId)) {
    for (let j = lo; j <= hi; j++) if (cats[j] === cat && w.items[j]!.externalId === self.externalId) same--;
  }
  acc.sameCategory = same;

  // Candidates: items sharing a URL, or one of the sketch's hashes bar its (minShared - 1) most
  // common ones: an item similar enough shares minShared hashes, so at least one of those read.
  // Every other item scores below SIMILARITY and would not count.
  const cand = candBuf;
  cand.length = 0;
  const a = self.sig;
  for (const u of uniqueUrls(a.urls)) probe(ix, urlKey(u) & ix.bmask, loAbs, hiAbs, cand);
  // Buckets of the sketch's hashes with live entries, fewest first (insertion sort: at most 32).
  const bk = bucketBuf;
  const cn = countBuf;
  let nb = 0;
  for (let k = 0; k < a.hashes.length; k++) {
    const b = a.hashes[k]! & ix.bmask;
    const c = ix.count[b]!;
    if (c <= 0) continue;
    let at = nb++;
    while (at > 0 && cn[at - 1]! > c) {
      bk[at] = bk[at - 1]!;
      cn[at] = cn[at - 1]!;
      at--;
    }
    bk[at] = b;
    cn[at] = c;
  }
  const read = nb - (minShared(a.hashes.length) - 1);
  for (let k = 0; k < read; k++) probe(ix, bk[k]!, loAbs, hiAbs, cand);
  const nc = cand.length;
  if (nc === 0) return;
  if (nc <= 32) {
    // Newest first, duplicates adjacent.
    for (let k = 1; k < nc; k++) {
      const v = cand[k]!;
      let at = k;
      while (at > 0 && cand[at - 1]! < v) {
        cand[at] = cand[at - 1]!;
        at--;
      }
      cand[at] = v;
    }
  } else {
    const order = new Float64Array(cand).sort();
    for (let k = 0; k < nc; k++) cand[k] = order[nc - 1 - k]!;
  }
  for (let k = 0; k < nc; k++) {
    const pos = cand[k]!;
    if (k > 0 && pos === cand[k - 1]) continue;
    compare(self, w, pos - w.colBase, acc);
  }
}

// Scratch for clusterIndexed (it does not re-enter): candidates, and buckets with their counts.
const candBuf: number[] = [];
const bucketBuf = new Int32Array(SKETCH);
const countBuf = new Int32Array(SKETCH);

/** Adds the positions in [loAbs, hiAbs] chained under bucket `b` (newest first) to `out`. */
function probe(ix: TWindowIndex, b: number, loAbs: number, hiAbs: number, out: number[]): void {
  const { entId, entPos, entNext, capacity } = ix;
  let cur = ix.head[b]!;
  while (cur >= 0) {
    const slot = slotOf(cur, capacity);
    if (entId[slot] !== cur) break;
    const pos = entPos[slot]!;
    if (pos < loAbs) break;
    if (pos <= hiAbs) out.push(pos);
    cur = entNext[slot]!;
  }
}

/** Deterministic id derived from the mention that founds a cluster. */
export const clusterIdFor = (platform: string, externalId: string): string => `c_${hashHex(`${platform}:${externalId}`)}`;
