/**
 * Where a post says it happens: a postcode district ("LS6", "BS5", "G41") or a capitalised place after
 * "in / across / around / near" ("in Leeds", "across Glasgow"). Clustering uses it so one city's outage
 * does not absorb another city's complaint. Lower-cased; undefined when the post names no place.
 */

// Outward codes of UK postcodes: one or two letters, a digit, an optional digit or letter.
const POSTCODE = /\b([A-Z]{1,2}\d{1,2}[A-Z]?)(?:\s?\d[A-Z]{2})?\b/;
const AFTER_PREPOSITION = /\b(?:in|across|around|near|at|from|of|en|à|a|in der|em|na|no|w|bei)\s+((?:\p{Lu}[\p{Ll}'’-]+)(?:\s+\p{Lu}[\p{Ll}'’-]+){0,2})/u;
// Capitalised words after "in" that are not places.
const NOT_PLACES = new Set(['the', 'my', 'i', 'acme', 'june', 'july', 'march', 'april', 'may', 'january', 'february', 'august', 'september', 'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'english', 'spanish', 'march', 'store', 'the app', 'wifi', 'hd', 'tv', 'uk']);

// "Leeds is down", "Glasgow still down", "Leeds internet down again": a capitalised word opening the report.
const LEADING = /^(?:@\S+\s+)*(\p{Lu}\p{Ll}+)(?:'s)?\s+(?:is|are|internet|broadband|wi-?fi|still|outage|has|network|down)\b/u;

export function placeOf(text: string): string | undefined {
  const lead = LEADING.exec(text);
  if (lead && !NOT_PLACES.has(lead[1]!.toLowerCase()) && !COMMON_OPENERS.has(lead[1]!.toLowerCase())) return lead[1]!.toLowerCase();
  const m = AFTER_PREPOSITION.exec(text);
  if (m) {
    const words = m[1]!.split(/\s+/);
    // "Didsbury" or "Chapel Allerton Leeds": the last capitalised word is usually the town.
    const last = words[words.length - 1]!.toLowerCase();
    if (!NOT_PLACES.has(last) && !NOT_PLACES.has(words[0]!.toLowerCase())) return last;
  }
  const pc = POSTCODE.exec(text);
  // Postcode letters name the area (LS = Leeds, BS = Bristol): the area, not the district, is the place.
  if (pc && /\d/.test(pc[1]!) && pc[1]!.length <= 4) return `postcode:${pc[1]!.replace(/\d.*$/, '')}`;
  return undefined;
}

// Sentence openers that are not places ("My internet is down", "Internet down in …").
const COMMON_OPENERS = new Set(['my', 'our', 'the', 'internet', 'broadband', 'wifi', 'this', 'it', 'everything', 'nothing', 'service', 'network', 'tv', 'phone', 'still', 'and', 'why', 'what', 'who', 'where', 'anyone', 'someone', 'everyone', 'there', 'hub', 'router', 'app', 'website', 'signal', 'line', 'mobile', 'email', 'ok', 'so', 'now', 'today', 'again', 'yes', 'no']);

/** Two posts are about different places only when both name one and the names differ. */
export function differentPlaces(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a !== b && !(a.startsWith('postcode:') !== b.startsWith('postcode:'));
}
