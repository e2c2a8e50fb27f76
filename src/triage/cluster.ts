/**
 * Near-duplicate clustering against the recent window: same outage wording, same link, copy-paste
 * campaigns. Each text becomes a small sorted set of word and word-pair hashes (bottom-k sketch);
 * a 128-bit mask rejects most non-matches before the exact set comparison.
 */
import type { TCategory } from '../config/org-chart-schema.js';
import { FNV_OFFSET, fnv1a, fnvStep, hashHex } from './hash.js';
import { normaliseText } from './normalise.js';
import { tokenise, type TToken } from './tokenise.js';
import type { TRecentMention } from './types.js';

/** Only mentions this recent count as the same wave. */
export const CLUSTER_WINDOW_MINUTES = 60;
/** Word-set overlap (Jaccard) at which two posts are "the same thing said again". */
export const SIMILARITY = 0.6;
/** Newest recent items examined; bounds cost when a caller passes a huge window. */
export const MAX_SCAN = 2000;
const SKETCH = 32;

export interface TSignature {
  hashes: Uint32Array;
  /** 128-bit presence mask of the sketch, as four 32-bit words. */
  m0: number;
  m1: number;
  m2: number;
  m3: number;
  /** Bits set in the two masks, precomputed for the pre-check. */
  bits: number;
  words: number;
  urls: readonly string[];
}

const URL_RE = /https?:\/\/\S+|www\.\S+/gi;
// Reused buffer for a post's word and word-pair hashes (grown as needed; signatures copy out).
let scratch = new Uint32Array(256);

/** Signature of a post from its tokens (handles, links and punctuation ignored: campaigns vary them). */
export function signatureOf(text: string, tokens: readonly TToken[]): TSignature {
  let all = scratch;
  let count = 0;
  let prevHash = 0;
  let words = 0;
  for (const t of tokens) {
    if (t.kind !== 'word' && t.kind !== 'hashtag' && t.kind !== 'num' && t.kind !== 'emoji') continue;
    words++;
    // fnv1a(t.text) and, after the first word, fnv1a(t.text, prevHash), in one pass.
    const w = t.text;
    let h = FNV_OFFSET;
    let hp = prevHash;
    for (let i = 0; i < w.length; i++) {
      const code = w.charCodeAt(i);
      h = fnvStep(h, code);
      hp = fnvStep(hp, code);
    }
    if (count + 2 > all.length) {
      const bigger = new Uint32Array(all.length * 2);
      bigger.set(all);
      scratch = all = bigger;
    }
    all[count++] = h;
    if (prevHash) all[count++] = hp;
    prevHash = h;
  }
  const sorted = all.subarray(0, count).sort();
  // Dedupe, keep the bottom SKETCH values.
  let n = 0;
  for (let i = 0; i < sorted.length && n < SKETCH; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i]!;
  const hashes = sorted.slice(0, n);
  // Int32 words keep the masks small integers in V8: bit operations on doubles are far slower.
  let m0 = 0;
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const h = hashes[i]!;
    const bit = 1 << (h & 31);
    switch ((h >>> 5) & 3) {
      case 0: m0 |= bit; break;
      case 1: m1 |= bit; break;
      case 2: m2 |= bit; break;
      default: m3 |= bit; break;
    }
  }
  const urls = text.includes('http') || text.includes('www.') ? (text.match(URL_RE) ?? []).filter((u) => u.length >= 12) : [];
  return { hashes, m0, m1, m2, m3, bits: popcount(m0) + popcount(m1) + popcount(m2) + popcount(m3), words, urls };
}

interface TRecentMemo {
  sig: TSignature;
  time: number;
}

// Memo keyed by the caller's own objects: a window is scanned for every mention, so each recent
// item is tokenised once, not once per scan. Output is unaffected, so triage stays pure.
const memo = new WeakMap<TRecentMention, TRecentMemo>();
// The last signature triage computed, by raw text: a session stores the mention it just triaged,
// so its signature is usually already known. A signature depends on the text alone.
let lastRaw: string | undefined;
let lastSig: TSignature | undefined;

/** Lets the next recent item with this exact text reuse `sig` (signatureOf of its normalised text). */
export function rememberSignature(raw: string, sig: TSignature): void {
  lastRaw = raw;
  lastSig = sig;
}

function recentMemo(r: TRecentMention): TRecentMemo {
  let m = memo.get(r);
  if (!m) {
    let sig: TSignature;
    if (lastSig && r.text === lastRaw) sig = lastSig;
    else {
      const text = normaliseText(r.text);
      sig = signatureOf(text, tokenise(text));
    }
    m = { sig, time: Date.parse(r.createdAt) };
    memo.set(r, m);
  }
  return m;
}

/**
 * Column-wise copy of the window, so the scan is a tight loop over plain number arrays. Item `i` of
 * the window is at column `off + i` (dropped items stay at the front until compacted), and at
 * absolute position `colBase + off + i`, which never changes while the item stays.
 */
interface TWindowCache {
  items: TRecentMention[];
  memos: TRecentMemo[];
  times: number[];
  bits: number[];
  /** Four mask words per item. */
  masks: number[];
  /** Categories as they were when each item entered the cache. */
  cats: (TCategory | undefined)[];
  off: number;
  colBase: number;
  /** Adjacent pairs out of time order plus unreadable times; 0 means `times` is sorted numbers. */
  descents: number;
  /** Queries answered from this cache; the index is only built once a window is reused. */
  uses: number;
  /** Inverted index over the window, or undefined until built (see buildIndex). */
  index: TWindowIndex | undefined;
}

/**
 * Inverted index over the window: each item has an entry per hash of its sketch and per URL, chained
 * by bucket (hash modulo the table size) newest first, so a chain is read until it leaves the time
 * window. Entries live in a ring sized above the live ones; items that leave the window only
 * decrement their buckets' counts, and their entries are overwritten later (each slot records its
 * entry id, so a chain never follows an overwritten link). Buckets shared by several hashes only
 * add candidates. A query reads only some chains (see clusterIndexed); the exact checks then run on
 * the items found there.
 */
interface TWindowIndex {
  /** Buckets - 1 (a power of two less one). */
  bmask: number;
  /** Newest entry id per bucket, or -1. */
  head: Float64Array;
  /** Entries of items in the window, per bucket (only chooses which chains to read). */
  count: Int32Array;
  /** Ring of entries, slot = id % capacity. */
  capacity: number;
  entId: Float64Array;
  entPos: Float64Array;
  entNext: Float64Array;
  nextId: number;
  live: number;
  /** Items per category in the window, and per externalId. */
  catCount: Map<TCategory | undefined, number>;
  idCount: Map<string, number>;
}

// A caller that keeps one window array and appends/drops at its ends (the session does) gets its
// memos kept in step here, so a scan costs no per-item look-ups. Any other change is detected
// (first/last identity and length) and the cache is rebuilt, so results never depend on it.
const windows = new WeakMap<readonly TRecentMention[], TWindowCache>();

/**
 * Hashes a sketch of `n` shares with any sketch it is SIMILARITY-similar to, at least: the overlap
 * is >= SIMILARITY × the union >= SIMILARITY × n, less one as a margin for rounding.
 */
function minShared(n: number): number {
  return Math.max(1, Math.ceil(SIMILARITY * n) - 1);
}

const isDescent = (prev: number, next: number): boolean => !(prev <= next);

/** URLs are chained under their own hash (always read in full, so a shared bucket is harmless). */
const urlKey = (u: string): number => fnv1a(u, 0x2545f491);
const uniqueUrls = (urls: readonly string[]): readonly string[] => (urls.length < 2 ? urls : [...new Set(urls)]);

function entriesOf(m: TRecentMemo): number {
  return m.sig.hashes.length + uniqueUrls(m.sig.urls).length;
}

function indexEntry(ix: TWindowIndex, key: number, pos: number): void {
  const b = key & ix.bmask;
  const id = ix.nextId++;
  const s = id % ix.capacity;
  ix.entId[s] = id;
  ix.entPos[s] = pos;
  ix.entNext[s] = ix.head[b]!;
  ix.head[b] = id;
  ix.count[b]!++;
}

function bump<K>(map: Map<K, number>, key: K, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}

function indexAdd(ix: TWindowIndex, pos: number, m: TRecentMemo, cat: TCategory | undefined, id: string): void {
  const h = m.sig.hashes;
  for (let k = 0; k < h.length; k++) indexEntry(ix, h[k]!, pos);
  for (const u of uniqueUrls(m.sig.urls)) indexEntry(ix, urlKey(u), pos);
  ix.live += entriesOf(m);
  bump(ix.catCount, cat, 1);
  bump(ix.idCount, id, 1);
}

function indexDrop(ix: TWindowIndex, m: TRecentMemo, cat: TCategory | undefined, id: string): void {
  const h = m.sig.hashes;
  for (let k = 0; k < h.length; k++) ix.count[h[k]! & ix.bmask]!--;
  for (const u of uniqueUrls(m.sig.urls)) ix.count[urlKey(u) & ix.bmask]!--;
  ix.live -= entriesOf(m);
  bump(ix.catCount, cat, -1);
  bump(ix.idCount, id, -1);
}

function buildIndex(c: TWindowCache): TWindowIndex {
  let total = 0;
  for (let j = c.off; j < c.items.length; j++) total += entriesOf(c.memos[j]!);
  let size = 1 << 12;
  while (size < 2 * total) size *= 2;
  const ix: TWindowIndex = {
    bmask: size - 1, head: new Float64Array(size).fill(-1), count: new Int32Array(size),
    capacity: size, entId: new Float64Array(size).fill(-1), entPos: new Float64Array(size), entNext: new Float64Array(size),
    nextId: 0, live: 0, catCount: new Map(), idCount: new Map(),
  };
  for (let j = c.off; j < c.items.length; j++) indexAdd(ix, c.colBase + j, c.memos[j]!, c.cats[j], c.items[j]!.externalId);
  return ix;
}

function windowOf(recent: readonly TRecentMention[]): TWindowCache {
  let c = windows.get(recent);
  if (!c) windows.set(recent, (c = { items: [], memos: [], times: [], bits: [], masks: [], cats: [], off: 0, colBase: 0, descents: 0, uses: 0, index: undefined }));
  c.uses++;
  const { items, times } = c;
  if (items.length > c.off) {
    const first = recent[0];
    let j = c.off;
    while (j < items.length && items[j] !== first) {
      if (c.index) indexDrop(c.index, c.memos[j]!, c.cats[j], items[j]!.externalId);
      if (j + 1 < items.length && isDescent(times[j]!, times[j + 1]!)) c.descents--;
      if (Number.isNaN(times[j])) c.descents--;
      j++;
    }
    c.off = j;
    const k = items.length - c.off;
    if (k > recent.length || (k > 0 && items[items.length - 1] !== recent[k - 1])) {
      c.colBase += items.length;
      items.length = c.memos.length = times.length = c.bits.length = c.masks.length = c.cats.length = 0;
      c.off = 0;
      c.descents = 0;
      c.index = undefined;
    }
  }
  if (c.off >= 256 && c.off * 2 >= items.length) {
    const d = c.off;
    items.splice(0, d);
    c.memos.splice(0, d);
    times.splice(0, d);
    c.bits.splice(0, d);
    c.cats.splice(0, d);
    c.masks.splice(0, d * 4);
    c.off = 0;
    c.colBase += d;
  }
  for (let i = items.length - c.off; i < recent.length; i++) {
    const r = recent[i]!;
    const m = recentMemo(r);
    if (items.length > c.off && isDescent(times[times.length - 1]!, m.time)) c.descents++;
    if (Number.isNaN(m.time)) c.descents++;
    const ix = c.index;
    if (ix) {
      // The ring must hold every live entry; when it would not, rebuild larger on the next query.
      if (ix.live + entriesOf(m) > ix.capacity) c.index = undefined;
      else indexAdd(ix, c.colBase + items.length, m, r.category, r.externalId);
    }
    items.push(r);
    c.memos.push(m);
    times.push(m.time);
    c.bits.push(m.sig.bits);
    c.masks.push(m.sig.m0, m.sig.m1, m.sig.m2, m.sig.m3);
    c.cats.push(r.category);
  }
  return c;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Jaccard overlap of two sketches, with a cheap mask pre-check. */
export function similarity(a: TSignature, b: TSignature): number {
  if (a.urls.length > 0 && b.urls.length > 0) for (const u of a.urls) if (b.urls.includes(u)) return 1;
  if (a.words < 3 || b.words < 3) {
    // Short posts only match when identical ("wifi down" ×50 is a wave; "hi" is not a campaign).
    if (a.words < 2 || a.hashes.length !== b.hashes.length) return 0;
  }
  const shared = popcount(a.m0 & b.m0) + popcount(a.m1 & b.m1) + popcount(a.m2 & b.m2) + popcount(a.m3 & b.m3);
  if (shared < Math.min(a.bits, b.bits) * SIMILARITY) return 0;
  let i = 0;
  let j = 0;
  let inter = 0;
  const x = a.hashes;
  const y = b.hashes;
  while (i < x.length && j < y.length) {
    const p = x[i] ?? 0;
    const q = y[j] ?? 0;
    if (p === q) {
      inter++;
      i++;
      j++;
    } else if (p < q) i++;
    else j++;
  }
  const union = x.length + y.length - inter;
  return union === 0 ? 0 : inter / union;
}

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
    const order = Float64Array.from(cand).sort();
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
    const slot = cur % capacity;
    if (entId[slot] !== cur) break;
    const pos = entPos[slot]!;
    if (pos < loAbs) break;
    if (pos <= hiAbs) out.push(pos);
    cur = entNext[slot]!;
  }
}

/** Deterministic id derived from the mention that founds a cluster. */
export const clusterIdFor = (platform: string, externalId: string): string => `c_${hashHex(`${platform}:${externalId}`)}`;
