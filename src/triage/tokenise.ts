/**
 * Tweet-aware tokeniser: keeps the things that carry meaning in social posts (handles, hashtags,
 * links, emoji, emoticons, "!!!", ALL CAPS, "sooo") as first-class tokens instead of noise.
 */
import { NEGATORS } from './lexicon.js';

export type TTokenKind = 'word' | 'user' | 'url' | 'hashtag' | 'num' | 'emoji' | 'emoticon' | 'punct';

export interface TToken {
  kind: TTokenKind;
  /** Lower-cased, elongations squashed to two letters ("sooooo" → "soo"); hashtags keep their "#". */
  text: string;
  /** The word as written, ALL CAPS noticed. */
  caps: boolean;
  /** Letters repeated three or more times ("sooo", "nooo"). */
  elongated: boolean;
  /** Inside the scope of a negation ("not [good at all]"). */
  negated: boolean;
}

// Order matters: links and emoticons before words so "http" or ":D" are not split up.
const TOKEN_RE =
  /(https?:\/\/\S+|www\.[^\s]+)|(@[\p{L}\p{N}_]+)|(#[\p{L}\p{N}_]+)|((?:[>]?[:;=][-o^']?[)(\]\[dDpP/\\|oO3@sS])|<\/?3)|([\p{L}\p{M}][\p{L}\p{M}\p{N}'_*-]*)|(\p{N}+(?:[.,:/]\p{N}+)*%?)|(\p{Extended_Pictographic})|([!?.,;:]+)/gu;

const ELONGATION = /(\p{L})\1{2,}/gu;

/** Upper bound on tokens looked at; past this only cost grows, not accuracy. */
const MAX_TOKENS = 600;

/** Splits normalised text into tokens with negation scope marked. */
export function tokenise(text: string): TToken[] {
  const out: TToken[] = [];
  let negate = false;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null && out.length < MAX_TOKENS; m = TOKEN_RE.exec(text)) {
    const raw = m[0];
    let kind: TTokenKind;
    if (m[1] !== undefined) kind = 'url';
    else if (m[2] !== undefined) kind = 'user';
    else if (m[3] !== undefined) kind = 'hashtag';
    else if (m[4] !== undefined) kind = 'emoticon';
    else if (m[5] !== undefined) kind = 'word';
    else if (m[6] !== undefined) kind = 'num';
    else if (m[7] !== undefined) kind = 'emoji';
    else kind = 'punct';

    let lower: string;
    let elongated = false;
    let caps = false;
    if (kind === 'url') lower = 'URL';
    else if (kind === 'user') lower = 'USER';
    else if (kind === 'num') lower = 'NUM';
    else if (kind === 'punct') lower = raw.includes('?') ? (raw.includes('!') ? '?!' : '?') : raw.includes('!') ? (raw.length > 1 ? '!!' : '!') : raw[0] ?? '.';
    else {
      lower = raw.toLowerCase();
      if (kind === 'word' || kind === 'hashtag') {
        caps = raw.length >= 3 && raw !== lower && raw === raw.toUpperCase();
        if (mayBeElongated(lower) && ELONGATION.test(lower)) {
          elongated = true;
          lower = lower.replace(ELONGATION, '$1$1');
        }
        ELONGATION.lastIndex = 0;
      }
    }

    // Punctuation tokens consist of clause-breaking marks only ([!?.,;:]+), so each one ends the scope.
    if (kind === 'punct' || kind === 'emoticon' || kind === 'emoji') negate = false;
    out.push({ kind, text: lower, caps, elongated, negated: negate && kind === 'word' });
    if (kind === 'word' && isNegator(lower)) negate = true;
  }
  return out;
}

function isNegator(w: string): boolean {
  if (w.endsWith("n't")) return true;
  // Most words have no apostrophe: skip building a copy without them.
  return NEGATORS.has(w.includes("'") ? w.replace(/'/g, '') : w);
}

/**
 * Cheap necessary condition for ELONGATION, which costs a regex run per word: a letter thrice in a
 * row is three equal code units, unless it lies outside the BMP (surrogates: let the regex decide).
 */
function mayBeElongated(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
    if (i >= 2 && c === w.charCodeAt(i - 1) && c === w.charCodeAt(i - 2)) return true;
  }
  return false;
}
