/**
 * Case-insensitive Unicode regexes (flags "iu") run several times slower in V8 than plain "i" ones.
 * For a pattern of ASCII words, \b, \w and literal emoji, the two agree on every text without U+017F
 * (ſ) or U+212A (K), the only characters whose simple case folding is an ASCII letter: under "iu" they
 * match "s" and "k" and count as \w. So the "i" twin answers, unless one of those two is present.
 */

const FOLDS_TO_ASCII = /[\u017f\u212a]/;

// Constructs whose meaning differs between "i" and "iu" beyond case folding (property and negated
// classes, "." and \W-like escapes work per code point under "u"; non-ASCII inside a class or before
// a quantifier would be split into surrogates without it). Patterns using them are refused.
const UNSAFE = /\\[pPWSDBu]|\[\^|(?<!\\)\.|\[[^\]]*[^\x00-\x7f]|[\ud800-\udfff][*+?{]/;

export interface TFastRegex {
  exec(text: string): RegExpExecArray | null;
  test(text: string): boolean;
}

/** `re` (flags exactly "iu") with the same answers, faster on nearly every text. */
export function fastIgnoreCase(re: RegExp): TFastRegex {
  if (re.flags !== 'iu' || UNSAFE.test(re.source)) throw new Error(`fastIgnoreCase: /${re.source}/${re.flags} is not a pattern it can speed up`);
  const ascii = new RegExp(re.source, 'i');
  const pick = (text: string): RegExp => (FOLDS_TO_ASCII.test(text) ? re : ascii);
  return { exec: (text) => pick(text).exec(text), test: (text) => pick(text).test(text) };
}
