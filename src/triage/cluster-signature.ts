/**
 * Post signatures for near-duplicate detection: each text becomes a small sorted set of word and
 * word-pair hashes (bottom-k sketch) plus a 128-bit mask that rejects most non-matches before the
 * exact set comparison.
 */
import { FNV_OFFSET } from './hash.js';
import { normaliseText } from './normalise.js';
import { tokenise, type TToken } from './tokenise.js';
import type { TRecentMention } from './types.js';

/** Word-set overlap (Jaccard) at which two posts are "the same thing said again". */
export const SIMILARITY = 0.6;
export const SKETCH = 32;

export interface TSignature {
  /** Sorted ascending. A plain array: copying out a typed array this small costs an off-heap allocation per post. */
  hashes: readonly number[];
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
    // fnv1a(t.text) and, after the first word, fnv1a(t.text, prevHash), in one pass. Stepped as int32
    // (kept an integer by V8, unlike unsigned values above 2^31); the Uint32Array stores the same bits.
    const w = t.text;
    let h = FNV_OFFSET | 0;
    let hp = prevHash;
    for (let i = 0; i < w.length; i++) {
      const code = w.charCodeAt(i);
      h = Math.imul(h ^ code, 0x01000193);
      hp = Math.imul(hp ^ code, 0x01000193);
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
  const hashes: number[] = [];
  for (let i = 0; i < sorted.length && hashes.length < SKETCH; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) hashes.push(sorted[i]!);
  const n = hashes.length;
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

export interface TRecentMemo {
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

export function recentMemo(r: TRecentMention): TRecentMemo {
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


export function popcount(x: number): number {
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
