/**
 * Near-duplicate clustering against the recent window: same outage wording, same link, copy-paste
 * campaigns. Each text becomes a small sorted set of word and word-pair hashes (bottom-k sketch);
 * a 128-bit mask rejects most non-matches before the exact set comparison.
 */
import type { TCategory } from '../config/org-chart-schema.js';
import { fnv1a, hashHex } from './hash.js';
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

/** Signature of a post from its tokens (handles, links and punctuation ignored: campaigns vary them). */
export function signatureOf(text: string, tokens: readonly TToken[]): TSignature {
  const all: number[] = [];
  let prevHash = 0;
  let words = 0;
  for (const t of tokens) {
    if (t.kind !== 'word' && t.kind !== 'hashtag' && t.kind !== 'num' && t.kind !== 'emoji') continue;
    words++;
    const h = fnv1a(t.text);
    all.push(h);
    if (prevHash) all.push(fnv1a(t.text, prevHash));
    prevHash = h;
  }
  const sorted = Uint32Array.from(all).sort();
  // Dedupe in place, keep the bottom SKETCH values.
  let n = 0;
  for (let i = 0; i < sorted.length && n < SKETCH; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i] ?? 0;
  const hashes = sorted.subarray(0, n);
  const mask = new Uint32Array(4);
  for (const h of hashes) mask[(h >>> 5) & 3]! |= 1 << (h & 31);
  const urls = text.includes('http') || text.includes('www.') ? (text.match(URL_RE) ?? []).filter((u) => u.length >= 12) : [];
  // Int32 (| 0) keeps the words small integers in V8: bit operations on doubles are far slower.
  const [m0, m1, m2, m3] = [mask[0]! | 0, mask[1]! | 0, mask[2]! | 0, mask[3]! | 0];
  return { hashes, m0, m1, m2, m3, bits: popcount(m0) + popcount(m1) + popcount(m2) + popcount(m3), words, urls };
}

interface TRecentMemo {
  sig: TSignature;
  time: number;
}

// Memo keyed by the caller's own objects: a window is scanned for every mention, so each recent
// item is tokenised once, not once per scan. Output is unaffected, so triage stays pure.
const memo = new WeakMap<TRecentMention, TRecentMemo>();

function recentMemo(r: TRecentMention): TRecentMemo {
  let m = memo.get(r);
  if (!m) {
    const text = normaliseText(r.text);
    m = { sig: signatureOf(text, tokenise(text)), time: Date.parse(r.createdAt) };
    memo.set(r, m);
  }
  return m;
}

/** Column-wise copy of the window, so the scan is a tight loop over plain number arrays. */
interface TWindowCache {
  items: TRecentMention[];
  memos: TRecentMemo[];
  times: number[];
  bits: number[];
  /** Four mask words per item. */
  masks: number[];
}
// A caller that keeps one window array and appends/drops at its ends (the session does) gets its
// memos kept in step here, so a scan costs no per-item look-ups. Any other change is detected
// (first/last identity and length) and the cache is rebuilt, so results never depend on it.
const windows = new WeakMap<readonly TRecentMention[], TWindowCache>();

function windowOf(recent: readonly TRecentMention[]): TWindowCache {
  let c = windows.get(recent);
  if (!c) windows.set(recent, (c = { items: [], memos: [], times: [], bits: [], masks: [] }));
  if (c.items.length > 0) {
    const first = recent[0];
    let drop = 0;
    while (drop < c.items.length && c.items[drop] !== first) drop++;
    if (drop > 0) {
      c.items.splice(0, drop);
      c.memos.splice(0, drop);
      c.times.splice(0, drop);
      c.bits.splice(0, drop);
      c.masks.splice(0, drop * 4);
    }
    const k = c.items.length;
    if (k > recent.length || (k > 0 && c.items[k - 1] !== recent[k - 1])) {
      c.items.length = c.memos.length = c.times.length = c.bits.length = c.masks.length = 0;
    }
  }
  for (let i = c.items.length; i < recent.length; i++) {
    const r = recent[i]!;
    const m = recentMemo(r);
    c.items.push(r);
    c.memos.push(m);
    c.times.push(m.time);
    c.bits.push(m.sig.bits);
    c.masks.push(m.sig.m0, m.sig.m1, m.sig.m2, m.sig.m3);
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

/** Finds this mention's cluster among `recent` within the window before `now`. */
export function clusterMention(
  self: { platform: string; externalId: string; sig: TSignature; category: TCategory },
  recent: readonly TRecentMention[] | undefined,
  now: Date,
): TClusterResult {
  const since = now.getTime() - CLUSTER_WINDOW_MINUTES * 60_000;
  const until = now.getTime() + 60_000; // clocks of platforms drift a little
  let similar = 0;
  let sameCategory = 0;
  let best: TRecentMention | undefined;
  let bestScore = 0;
  if (recent && recent.length > 0) {
    const w = windowOf(recent);
    const { times, bits, masks } = w;
    const a = self.sig;
    const need = SIMILARITY;
    const hasUrls = a.urls.length > 0;
    const stop = Math.max(0, recent.length - MAX_SCAN);
    for (let i = recent.length - 1; i >= stop; i--) {
      const t = times[i]!;
      if (!(t >= since && t <= until)) continue;
      const r = recent[i]!;
      if (r.category === self.category && r.externalId !== self.externalId) sameCategory++;
      if (!hasUrls || w.memos[i]!.sig.urls.length === 0) {
        // Same pre-check as similarity(), inlined over the columns: most pairs stop here.
        const q = i * 4;
        const shared = popcount(a.m0 & masks[q]!) + popcount(a.m1 & masks[q + 1]!) + popcount(a.m2 & masks[q + 2]!) + popcount(a.m3 & masks[q + 3]!);
        if (shared < Math.min(a.bits, bits[i]!) * need) continue;
      }
      if (r.externalId === self.externalId && r.platform === self.platform) continue;
      const m = w.memos[i]!;
      const s = similarity(a, m.sig);
      if (s < SIMILARITY) continue;
      similar++;
      // Prefer the closest text; on a tie the older one, which founded the cluster.
      if (s > bestScore || (s === bestScore && best && m.time <= recentMemo(best).time)) [best, bestScore] = [r, s];
    }
  }
  if (!best) return { clusterId: clusterIdFor(self.platform, self.externalId), similar, sameCategory };
  return { clusterId: best.clusterId ?? clusterIdFor(best.platform, best.externalId), similar, sameCategory, joined: best.externalId };
}

/** Deterministic id derived from the mention that founds a cluster. */
export const clusterIdFor = (platform: string, externalId: string): string => `c_${hashHex(`${platform}:${externalId}`)}`;
