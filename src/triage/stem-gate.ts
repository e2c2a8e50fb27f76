/**
 * A cheap "could any of these patterns match?" test over a post's word tokens: each stem is indexed by its
 * first three letters, so a post costs one map look-up per word instead of a regex pass over its text.
 * Used in front of pattern families that rarely match (risk, spam, claims, volume, verdicts), on the hot
 * path of triage.
 *
 * Every gate shares one index: the first test on a post's tokens scans them once and answers all gates at
 * once (a bit per gate), and the other gates read that answer. Five gates used to mean five scans of the
 * same tokens, each with its own look-up per word.
 */
import type { TToken } from './tokenise.js';

export interface TStemGate {
  /** Whether some word of the post starts with one of the stems (or equals a stem shorter than three letters). */
  test(tokens: readonly TToken[]): boolean;
}

/**
 * A bucket for the first three UTF-16 units of `w` from `at`: a small integer, so the table is a plain array
 * indexed by it (a Map keyed by a 48-bit number hashes a heap double per word). Different prefixes may share
 * a bucket; each entry's startsWith decides.
 */
const BUCKETS = 1 << 14;
const bucket3 = (w: string, at: number): number => (Math.imul(w.charCodeAt(at), 961) + Math.imul(w.charCodeAt(at + 1), 31) + w.charCodeAt(at + 2)) & (BUCKETS - 1);

interface TEntry {
  stem: string;
  bit: number;
}

// Shared by every gate: stems of three letters or more by their first three, shorter ones whole (bits ORed).
const byPrefix: (TEntry[] | undefined)[] = new Array<TEntry[] | undefined>(BUCKETS).fill(undefined);
const short = new Map<string, number>();
let gates = 0;
let allBits = 0;

// The last token array scanned and which gates it opened (triage runs every gate on one post before the next).
let lastTokens: readonly TToken[] | undefined;
let lastOpen = 0;

/** Bits of the gates that some word of `tokens` opens; stops early once every gate is open. */
function scan(tokens: readonly TToken[]): number {
  let open = 0;
  for (const t of tokens) {
    if (t.kind !== 'word' && t.kind !== 'hashtag') continue;
    const w = t.text;
    // A hashtag's text keeps its "#": look at the word after it.
    const at = t.kind === 'hashtag' ? 1 : 0;
    const len = w.length - at;
    if (len < 3) {
      if (len > 0) open |= short.get(at ? w.slice(1) : w) ?? 0;
    } else {
      const list = byPrefix[bucket3(w, at)];
      if (list) for (const e of list) if ((open & e.bit) === 0 && w.startsWith(e.stem, at)) open |= e.bit;
    }
    if (open === allBits) break;
  }
  return open;
}

export function stemGate(stems: readonly string[]): TStemGate {
  if (gates === 31) throw new Error('stemGate: at most 31 gates share the index');
  const bit = 1 << gates++;
  allBits |= bit;
  for (const s of stems) {
    const stem = s.toLowerCase();
    if (stem.length < 3) short.set(stem, (short.get(stem) ?? 0) | bit);
    else {
      const k = bucket3(stem, 0);
      const list = byPrefix[k];
      if (list) list.push({ stem, bit });
      else byPrefix[k] = [{ stem, bit }];
    }
  }
  // A gate made after a scan must not read that scan's answer.
  lastTokens = undefined;
  return {
    test(tokens) {
      if (tokens !== lastTokens) {
        lastOpen = scan(tokens);
        lastTokens = tokens;
      }
      return (lastOpen & bit) !== 0;
    },
  };
}
