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

export function stemGate(stems: readonly string[]): TStemGate {
  const byPrefix = new Map<string, string[]>();
  const short = new Set<string>();
  for (const s of stems) {
    const stem = s.toLowerCase();
    if (stem.length < 3) short.add(stem);
    else byPrefix.set(stem.slice(0, 3), [...(byPrefix.get(stem.slice(0, 3)) ?? []), stem]);
  }
  return {
    test(tokens) {
      for (const t of tokens) {
        if (t.kind !== 'word' && t.kind !== 'hashtag') continue;
        const w = t.kind === 'hashtag' ? t.text.slice(1) : t.text;
        if (w.length < 3) {
          if (short.has(w)) return true;
          continue;
        }
        const list = byPrefix.get(w.slice(0, 3));
        if (list) for (const s of list) if (w.startsWith(s)) return true;
      }
      return false;
    },
  };
}
