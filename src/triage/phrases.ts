/** Case-insensitive whole-word/phrase matching for configured keyword lists (routing, risk). */

const cache = new Map<string, RegExp>();

/** A regex matching `phrase` as whole words, any case, flexible whitespace ("sue you" ≠ "issue you"). */
export function phraseRegex(phrase: string): RegExp {
  let re = cache.get(phrase);
  if (!re) {
    re = wholeWords(phraseBody(phrase));
    // Keyword lists come from one org chart; the memo stays small and spares recompiling per mention.
    if (cache.size < 10_000) cache.set(phrase, re);
  }
  return re;
}

function phraseBody(phrase: string): string {
  return phrase
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
}

// Lookarounds instead of \b so it works for non-ASCII letters and for phrases ending in symbols.
const wholeWords = (body: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, 'iu');

// Per keyword list: the org chart's arrays, parsed once and reused (not edited) for every mention.
const anyCache = new WeakMap<readonly string[], RegExp>();

/**
 * Whether any phrase of `list` occurs: one regex pass instead of one per phrase. The alternation sits
 * between the same lookarounds, so it matches exactly where some phraseRegex would.
 */
export function matchesAnyPhrase(text: string, list: readonly string[]): boolean {
  if (list.length === 0) return false; // an empty alternation would match anywhere
  let re = anyCache.get(list);
  if (!re) anyCache.set(list, (re = wholeWords(`(?:${list.map(phraseBody).join('|')})`)));
  return re.test(text);
}

/** The phrases from `list` that occur in `text`. */
export function findPhrases(text: string, list: readonly string[]): string[] {
  // Usually none does: rule that out in one pass before testing them one by one.
  if (!matchesAnyPhrase(text, list)) return [];
  return list.filter((p) => phraseRegex(p).test(text));
}
