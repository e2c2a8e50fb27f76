/**
 * The recent window as the clustering scan reads it: a column-wise copy kept per caller array and an
 * index of sketch buckets and URLs, so each mention compares against candidates, not the whole window.
 */
import type { TCategory } from '../config/org-chart-schema.js';
import { fnv1a } from './hash.js';
import { recentMemo, SIMILARITY, type TRecentMemo } from './cluster-signature.js';
import type { TRecentMention } from './types.js';

/**
 * Column-wise copy of the window, so the scan is a tight loop over plain number arrays. Item `i` of
 * the window is at column `off + i` (dropped items stay at the front until compacted), and at
 * absolute position `colBase + off + i`, which never changes while the item stays.
 */
export interface TWindowCache {
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
export interface TWindowIndex {
  /** Buckets - 1 (a power of two less one). */
  bmask: number;
  /** Newest entry id per bucket, or -1. */
  head: Float64Array;
  /** Entries of items in the window, per bucket (only chooses which chains to read). */
  count: Int32Array;
  /** Ring of entries, slot = id % capacity (see slotOf). A power of two. */
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
export function minShared(n: number): number {
  return Math.max(1, Math.ceil(SIMILARITY * n) - 1);
}

export const isDescent = (prev: number, next: number): boolean => !(prev <= next);

/** URLs are chained under their own hash (always read in full, so a shared bucket is harmless). */
export const urlKey = (u: string): number => fnv1a(u, 0x2545f491);
export const uniqueUrls = (urls: readonly string[]): readonly string[] => (urls.length < 2 ? urls : [...new Set(urls)]);

export function entriesOf(m: TRecentMemo): number {
  return m.sig.hashes.length + uniqueUrls(m.sig.urls).length;
}

/**
 * id % capacity for a power-of-two capacity, by masking: ids are doubles, and % on doubles is a slow
 * library call. Exact for any integer id below 2^53, since `&` keeps its low 32 bits and capacity divides 2^32.
 */
export const slotOf = (id: number, capacity: number): number => id & (capacity - 1);

function indexEntry(ix: TWindowIndex, key: number, pos: number): void {
  const b = key & ix.bmask;
  const id = ix.nextId++;
  const s = slotOf(id, ix.capacity);
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

export function buildIndex(c: TWindowCache): TWindowIndex {
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

export function windowOf(recent: readonly TRecentMention[]): TWindowCache {
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
