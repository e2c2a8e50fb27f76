/** Case-insensitive whole-word/phrase matching for configured keyword lists (routing, risk). */

const cache = new Map<string, RegExp>();

/** A regex matching `phrase` as whole words, any case, flexible whitespace ("sue you" ≠ "issue you"). */
export function phraseRegex(phrase: string): RegExp {
  let re = cache.get(phrase);
  if (!re) {
    const body = phrase
      .trim()
      .split(/\s+/)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s+');
    // Lookarounds instead of \b so it works for non-ASCII letters and for phrases ending in symbols.
    re = new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, 'iu');
    // Keyword lists come from one org chart; the memo stays small and spares recompiling per mention.
    if (cache.size < 10_000) cache.set(phrase, re);
  }
  return re;
}

/** The phrases from `list` that occur in `text`. */
export function findPhrases(text: string, list: readonly string[]): string[] {
  return list.filter((p) => phraseRegex(p).test(text));
}
