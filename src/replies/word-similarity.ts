/**
 * Similarity by shared words: the fallback when the sentence encoder is off or cannot load. Cosine over word
 * counts after dropping placeholders, links, handles and stop words, with a crude suffix strip so "dropping" meets
 * "drops". Pure; ~µs per pair.
 */
const STOP = new Set(
  'a an and are as at be been but by can could did do does for from had has have hi hello hey how i if in into is it its just me my no not of on or our please so that the their them then there these they this to too us was we were what when where which who why will with would you your yours im ive dont cant thanks'.split(' '),
);

export function words(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const cleaned = text
    .toLowerCase()
    .replace(/\{\w+\}/g, ' ')
    .replace(/(?:https?:\/\/|www\.)\S+/g, ' ')
    .replace(/@[\p{L}\p{N}_.]+/gu, ' ')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
  for (const raw of cleaned.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (raw.length < 2 || STOP.has(raw)) continue;
    const w = stem(raw);
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return counts;
}

function stem(w: string): string {
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (w.length > suffix.length + 3 && w.endsWith(suffix)) return w.slice(0, -suffix.length);
  }
  return w;
}

/** Cosine of the two texts' word counts, 0..1. */
export function wordSimilarity(a: string, b: string): number {
  return cosine(words(a), words(b));
}

export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  for (const [w, n] of a) dot += n * (b.get(w) ?? 0);
  if (!dot) return 0;
  const norm = (m: Map<string, number>) => Math.sqrt([...m.values()].reduce((s, n) => s + n * n, 0));
  return dot / (norm(a) * norm(b));
}
