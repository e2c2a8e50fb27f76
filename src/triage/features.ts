/**
 * Turns a post into a sparse hashed feature vector shared by every learned model: word unigrams
 * (plus negated variants), bigrams, character 3–5-grams (catch "f*ck", "soooo", misspellings),
 * emoji, and a few dense lexicon counts. Training and run time call this same function, so a
 * change here requires retraining (`npx tsx scripts/triage/train.ts`).
 */
import { fnv1a } from './hash.js';
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

// One FNV-1a step (as in hash.ts fnv1a), left a signed int32, which V8 keeps as an integer rather than
// a double. Hashes here only feed further steps or `& MASK`, so the sign never shows.
const step = (h: number, code: number): number => Math.imul(h ^ code, 0x01000193);

/**
 * Where a word's unigram feature lands (a hashtag's bare word lands there too), and the feature it
 * fires inside a negation scope: training folds word-level lexicon priors into these weights.
 */
export const wordFeatureIndex = (word: string): number => fnv1a(word, NS_WORD) & MASK;
export const negatedFeatureIndex = (word: string): number => fnv1a(word, NS_NEG) & MASK;

// Which word lexicons hold each word: one look-up per word instead of one per lexicon.
const LEX_POSITIVE = 1;
const LEX_NEGATIVE = 2;
const LEX_PROFANITY = 4;
const LEX_COMPLAINT = 8;
const LEX_INTENSIFIER = 16;
const LEXICON = new Map<string, number>();
for (const [set, flag] of [[POSITIVE, LEX_POSITIVE], [NEGATIVE, LEX_NEGATIVE], [PROFANITY, LEX_PROFANITY], [COMPLAINT_CUES, LEX_COMPLAINT], [INTENSIFIERS, LEX_INTENSIFIER]] as const) {
  for (const w of set) LEXICON.set(w, (LEXICON.get(w) ?? 0) | flag);
}

// The markers joined into one alternation per flag set: "does any match" in one or two regex passes
// instead of ten. Sound because no marker uses a backreference or a named group.
const SARCASM_ANY: readonly RegExp[] = [...new Set(SARCASM_MARKERS.map((re) => re.flags))].map((flags) => {
  const sources = SARCASM_MARKERS.filter((re) => re.flags === flags).map((re) => `(?:${re.source})`);
  return new RegExp(sources.join('|'), flags);
});

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
    let hb = step(prevBigram, 32);
    let hn = NS_BIGRAM;
    for (let i = 0; i < w.length; i++) {
      const code = w.charCodeAt(i);
      hw = step(hw, code);
      hb = step(hb, code);
      hn = step(hn, code);
    }
    idx.push(hw & MASK, hb & MASK);
    prevBigram = hn;
    if (t.kind !== 'word' && t.kind !== 'hashtag') continue;

    const bare = t.kind === 'hashtag' ? w.slice(1) : w;
    stats.words++;
    if (t.negated) idx.push(fnv1a(bare, NS_NEG) & MASK);
    if (t.caps) stats.caps++;
    if (t.elongated) stats.elongated++;
    const lex = LEXICON.get(bare) ?? 0;
    // Negation flips polarity: "not good" counts as negative, "not bad" as mildly positive.
    if (lex & LEX_POSITIVE) t.negated ? stats.negative++ : stats.positive++;
    if (lex & LEX_NEGATIVE) t.negated ? (stats.positive += 0.5) : stats.negative++;
    if (lex & LEX_PROFANITY) stats.profanity++;
    if (lex & LEX_COMPLAINT) stats.complaintCues++;
    if (lex & LEX_INTENSIFIER) stats.intensifiers++;
    if (bare === 'you' || bare === 'your' || bare === "you're" || bare === 'u' || bare === 'ur') stats.secondPerson++;
    if (t.kind === 'hashtag') idx.push(fnv1a(bare, NS_WORD) & MASK);
    addCharGrams(bare, idx);
  }
  stats.sarcasm = SARCASM_ANY.some((re) => re.test(text));

  // Sparse part is L2-normalised so long and short posts weigh alike; dense lexicon features follow.
  const norm = idx.length > 0 ? 1 / Math.sqrt(idx.length) : 1;
  // Filled only now, sized up front: pushing 1s and overwriting them would convert the array from
  // small integers to doubles, and growing by push reallocates it several times.
  const val = new Array<number>(idx.length);
  for (let i = 0; i < idx.length; i++) val[i] = norm;

  addDense(idx, val, DENSE['pos'], Math.sqrt(stats.positive));
  addDense(idx, val, DENSE['neg'], Math.sqrt(stats.negative));
  addDense(idx, val, DENSE['net'], Math.tanh((stats.positive - stats.negative) / 2));
  addDense(idx, val, DENSE['emo'], Math.tanh(emojiPolarity));
  addDense(idx, val, DENSE['prof'], Math.sqrt(stats.profanity));
  addDense(idx, val, DENSE['cue'], Math.sqrt(stats.complaintCues));
  addDense(idx, val, DENSE['int'], stats.intensifiers > 0 ? 1 : 0);
  addDense(idx, val, DENSE['elong'], stats.elongated > 0 ? 1 : 0);
  addDense(idx, val, DENSE['caps'], Math.min(stats.caps, 3) / 3);
  addDense(idx, val, DENSE['excl'], Math.min(stats.exclaims, 3) / 3);
  addDense(idx, val, DENSE['ques'], stats.questions > 0 ? 1 : 0);
  addDense(idx, val, DENSE['url'], stats.urls > 0 ? 1 : 0);
  addDense(idx, val, DENSE['user'], Math.min(stats.users, 3) / 3);
  addDense(idx, val, DENSE['tag'], Math.min(stats.hashtags, 4) / 4);
  addDense(idx, val, DENSE['sarc'], stats.sarcasm ? 1 : 0);
  addDense(idx, val, DENSE['you'], stats.secondPerson > 0 ? 1 : 0);
  addDense(idx, val, DENSE['first-user'], tokens[0]?.kind === 'user' ? 1 : 0);
  addDense(idx, val, DENSE['short'], stats.words < 5 ? 1 : 0);
  addDense(idx, val, DENSE['bias'], 1);
  return { idx, val, stats };
}

const denseIndex = (name: string): number => fnv1a(name, NS_DENSE) & MASK;
// Hashed once at load rather than looked up by name for every post.
const DENSE_NAMES = ['pos', 'neg', 'net', 'emo', 'prof', 'cue', 'int', 'elong', 'caps', 'excl', 'ques', 'url', 'user', 'tag', 'sarc', 'you', 'first-user', 'short', 'bias'] as const;
const DENSE = Object.fromEntries(DENSE_NAMES.map((name) => [name, denseIndex(name)])) as Readonly<Record<(typeof DENSE_NAMES)[number], number>>;

function addDense(idx: number[], val: number[], i: number, v: number): void {
  if (v === 0) return;
  idx.push(i);
  val.push(v);
}

const CHAR_CODES = new Uint16Array(24);

/** Character 3..5-grams of " word ", hashed incrementally (no substring allocation). */
function addCharGrams(word: string, idx: number[]): void {
  const n = word.length + 2;
  if (n > 24) return; // very long "words" are URLs-ish noise
  // Code units of " word " (a plain loop: no closure to allocate per word).
  const at = CHAR_CODES;
  at[0] = 32;
  for (let i = 1; i < n - 1; i++) at[i] = word.charCodeAt(i - 1);
  at[n - 1] = 32;
  for (let i = 0; i + 3 <= n; i++) {
    let h = step(step(step(NS_CHAR, at[i]!), at[i + 1]!), at[i + 2]!);
    idx.push(h & MASK);
    for (let k = 3; k < 5 && i + k < n; k++) {
      h = step(h, at[i + k]!);
      idx.push(h & MASK);
    }
  }
}

