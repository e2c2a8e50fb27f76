/**
 * A cheap "could any of these patterns match?" test over a post's word tokens: each stem is indexed by its
 * first three letters, so a post costs one map look-up per word instead of a regex pass over its text.
 * Used in front of pattern families that rarely match (risk), on the hot path of triage.
 */
import type { TToken } from './tokenise.js';

export interface TStemGate {
  /** Whether some word of the post starts with one of the stems (or equals a stem shorter than three letters). */
  test(tokens: readonly TToken[]): boolean;
}

/** The first three UTF-16 units of `w` from `at` as one number: a map key that allocates no string. */
const key3 = (w: string, at: number): number => w.charCodeAt(at) * 4294967296 + w.charCodeAt(at + 1) * 65536 + w.charCodeAt(at + 2);

export function stemGate(stems: readonly string[]): TStemGate {
  const byPrefix = new Map<number, string[]>();
  const short = new Set<string>();
  for (const s of stems) {
    const stem = s.toLowerCase();
    if (stem.length < 3) short.add(stem);
    else byPrefix.set(key3(stem, 0), [...(byPrefix.get(key3(stem, 0)) ?? []), stem]);
  }
  return {
    test(tokens) {
      for (const t of tokens) {
        if (t.kind !== 'word' && t.kind !== 'hashtag') continue;
        const w = t.text;
        // A hashtag's text keeps its "#": look at the word after it.
        const at = t.kind === 'hashtag' ? 1 : 0;
        const len = w.length - at;
        if (len < 3) {
          if (len > 0 && short.has(at ? w.slice(1) : w)) return true;
          continue;
        }
        const list = byPrefix.get(key3(w, at));
        if (list) for (const s of list) if (w.startsWith(s, at)) return true;
      }
      return false;
    },
  };
}
