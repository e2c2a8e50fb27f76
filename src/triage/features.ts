/**
 * Turns a post into a sparse hashed feature vector shared by every learned model: word unigrams
 * (plus negated variants), bigrams, character 3–5-grams (catch "f*ck", "soooo", misspellings),
 * emoji, and a few dense lexicon counts. Training and run time call this same function, so a
 * change here requires retraining (`npx tsx scripts/triage/train.ts`).
 */
import { fnv1a, fnvStep } from './hash.js';
import {
  COMPLAINT_CUES,
  EMOTICON_POLARITY,
  INTENSIFIERS,
  NEGATIVE,
  NEGATIVE_EMOJI,
  POSITIVE,
  POSITIVE_EMOJI,
  PROFANITY,
  SARCASM_MARKERS,
} from './lexicon.js';
import type { TToken } from './tokenise.js';

export const FEATURE_BITS = 18;
export const FEATURE_DIM = 1 << FEATURE_BITS;
const MASK = FEATURE_DIM - 1;

// Distinct seeds keep namespaces apart in the one hashed space.
const NS_WORD = fnv1a('w:');
const NS_NEG = fnv1a('n:');
const NS_BIGRAM = fnv1a('b:');
const NS_CHAR = fnv1a('c:');
const NS_DENSE = fnv1a('d:');
const BIGRAM_START = fnv1a('<s>', NS_BIGRAM);

/**
 * Where a word's unigram feature lands (a hashtag's bare word lands there too), and the feature it
 * fires inside a negation scope: training folds word-level lexicon priors into these weights.
 */
export const wordFeatureIndex = (word: string): number => fnv1a(word, NS_WORD) & MASK;
export const negatedFeatureIndex = (word: string): number => fnv1a(word, NS_NEG) & MASK;

/** Lexicon counts a post exhibits; also used directly by reasons and rules. */
export interface TLexiconStats {
  positive: number;
  negative: number;
  profanity: number;
  complaintCues: number;
  intensifiers: number;
  elongated: number;
  caps: number;
  exclaims: number;
  questions: number;
  urls: number;
  users: number;
  hashtags: number;
  sarcasm: boolean;
  secondPerson: number;
  words: number;
}

export interface TFeatures {
  idx: number[];
  val: number[];
  stats: TLexiconStats;
}

/** Feature vector for already-tokenised text. `text` is the normalised text, for phrase markers. */
export function extractFeatures(tokens: readonly TToken[], text: string): TFeatures {
  const idx: number[] = [];
  const val: number[] = [];
  const stats: TLexiconStats = {
    positive: 0, negative: 0, profanity: 0, complaintCues: 0, intensifiers: 0, elongated: 0, caps: 0,
    exclaims: 0, questions: 0, urls: 0, users: 0, hashtags: 0, sarcasm: false, secondPerson: 0, words: 0,
  };
  // fnv1a(prev, NS_BIGRAM) of the previous kept token, carried over instead of re-hashed.
  let prevBigram = BIGRAM_START;
  let emojiPolarity = 0;
  for (const t of tokens) {
    const w = t.text;
    switch (t.kind) {
      case 'url': stats.urls++; break;
      case 'user': stats.users++; break;
      case 'hashtag': stats.hashtags++; break;
      case 'punct': if (w.includes('!')) stats.exclaims++; if (w.includes('?')) stats.questions++; break;
      case 'emoji': if (POSITIVE_EMOJI.has(w)) emojiPolarity++; else if (NEGATIVE_EMOJI.has(w)) emojiPolarity--; break;
      case 'emoticon': emojiPolarity += EMOTICON_POLARITY.get(w) ?? 0; break;
      default: break;
    }
    if (t.kind === 'punct' && (w === '.' || w === ',')) continue;
    // One pass over w for its word hash, the bigram "prev w" (without building the string) and
    // fnv1a(w, NS_BIGRAM), which the next bigram starts from.
    let hw = NS_WORD;
    let hb = fnvStep(prevBigram, 32);
    let hn = NS_BIGRAM;
    for (let i = 0; i < w.length; i++) {
      const code = w.charCodeAt(i);
      hw = fnvStep(hw, code);
      hb = fnvStep(hb, code);
      hn = fnvStep(hn, code);
    }
    idx.push(hw & MASK);
    val.push(1);
    idx.push(hb & MASK);
    val.push(1);
    prevBigram = hn;
    if (t.kind !== 'word' && t.kind !== 'hashtag') continue;

    const bare = t.kind === 'hashtag' ? w.slice(1) : w;
    stats.words++;
    if (t.negated) {
      idx.push(fnv1a(bare, NS_NEG) & MASK);
      val.push(1);
    }
    if (t.caps) stats.caps++;
    if (t.elongated) stats.elongated++;
    const pos = POSITIVE.has(bare);
    const neg = NEGATIVE.has(bare);
    // Negation flips polarity: "not good" counts as negative, "not bad" as mildly positive.
    if (pos) t.negated ? stats.negative++ : stats.positive++;
    if (neg) t.negated ? (stats.positive += 0.5) : stats.negative++;
    if (PROFANITY.has(bare)) stats.profanity++;
    if (COMPLAINT_CUES.has(bare)) stats.complaintCues++;
    if (INTENSIFIERS.has(bare)) stats.intensifiers++;
    if (bare === 'you' || bare === 'your' || bare === "you're" || bare === 'u' || bare === 'ur') stats.secondPerson++;
    if (t.kind === 'hashtag') {
      idx.push(fnv1a(bare, NS_WORD) & MASK);
      val.push(1);
    }
    addCharGrams(bare, idx, val);
  }
  stats.sarcasm = SARCASM_MARKERS.some((re) => re.test(text));

  // Sparse part is L2-normalised so long and short posts weigh alike; dense lexicon features follow.
  const norm = idx.length > 0 ? 1 / Math.sqrt(idx.length) : 1;
  for (let i = 0; i < val.length; i++) val[i] = norm;

  addDense(idx, val, 'pos', Math.sqrt(stats.positive));
  addDense(idx, val, 'neg', Math.sqrt(stats.negative));
  addDense(idx, val, 'net', Math.tanh((stats.positive - stats.negative) / 2));
  addDense(idx, val, 'emo', Math.tanh(emojiPolarity));
  addDense(idx, val, 'prof', Math.sqrt(stats.profanity));
  addDense(idx, val, 'cue', Math.sqrt(stats.complaintCues));
  addDense(idx, val, 'int', stats.intensifiers > 0 ? 1 : 0);
  addDense(idx, val, 'elong', stats.elongated > 0 ? 1 : 0);
  addDense(idx, val, 'caps', Math.min(stats.caps, 3) / 3);
  addDense(idx, val, 'excl', Math.min(stats.exclaims, 3) / 3);
  addDense(idx, val, 'ques', stats.questions > 0 ? 1 : 0);
  addDense(idx, val, 'url', stats.urls > 0 ? 1 : 0);
  addDense(idx, val, 'user', Math.min(stats.users, 3) / 3);
  addDense(idx, val, 'tag', Math.min(stats.hashtags, 4) / 4);
  addDense(idx, val, 'sarc', stats.sarcasm ? 1 : 0);
  addDense(idx, val, 'you', stats.secondPerson > 0 ? 1 : 0);
  addDense(idx, val, 'first-user', tokens[0]?.kind === 'user' ? 1 : 0);
  addDense(idx, val, 'short', stats.words < 5 ? 1 : 0);
  addDense(idx, val, 'bias', 1);
  return { idx, val, stats };
}

const DENSE_INDEX = new Map<string, number>();
function addDense(idx: number[], val: number[], name: string, v: number): void {
  if (v === 0) return;
  let i = DENSE_INDEX.get(name);
  if (i === undefined) DENSE_INDEX.set(name, (i = fnv1a(name, NS_DENSE) & MASK));
  idx.push(i);
  val.push(v);
}

const CHAR_CODES = new Uint16Array(24);

/** Character 3..5-grams of " word ", hashed incrementally (no substring allocation). */
function addCharGrams(word: string, idx: number[], val: number[]): void {
  const n = word.length + 2;
  if (n > 24) return; // very long "words" are URLs-ish noise
  // Code units of " word " (a plain loop: no closure to allocate per word).
  const at = CHAR_CODES;
  at[0] = 32;
  for (let i = 1; i < n - 1; i++) at[i] = word.charCodeAt(i - 1);
  at[n - 1] = 32;
  for (let i = 0; i + 3 <= n; i++) {
    let h = fnvStep(fnvStep(fnvStep(NS_CHAR, at[i]!), at[i + 1]!), at[i + 2]!);
    idx.push(h & MASK);
    val.push(1);
    for (let k = 3; k < 5 && i + k < n; k++) {
      h = fnvStep(h, at[i + k]!);
      idx.push(h & MASK);
      val.push(1);
    }
  }
}

