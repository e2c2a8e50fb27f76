/**
 * Word-level prior knowledge as vectors over the hashed feature space, for learn.ts withProjections:
 * a post's projection onto them is its (length-normalised) lexicon score, learned as one feature and
 * folded into the word weights after training.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { FEATURE_DIM, negatedFeatureIndex, wordFeatureIndex } from '../../src/triage/features.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** VADER scales a negated word's valence by this (Hutto & Gilbert 2014). */
const NEGATION_SCALAR = -0.74;

/**
 * Length normalisation leaves a post's summed valence around 0.1; AdaGrad moves each weight by
 * about the same step whatever its feature's scale, so the sum is scaled up to order 1 to let its
 * weight grow within a few epochs (x5 measured better than x1 in cross-validation).
 */
const VALENCE_SCALE = 5;

/** token → valence from a `token<TAB>valence` file; `#` lines are comments. */
function readValences(file: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of readFileSync(path.join(here, file), 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [token, v] = line.split('\t');
    if (token && v !== undefined) out.set(token, Number(v));
  }
  return out;
}

/**
 * Positive and negative VADER valence as two vectors: a word adds its valence on its unigram index,
 * and inside a negation scope the negated-word feature turns that into the flipped, damped valence.
 */
export function vaderVectors(): Float64Array[] {
  const pos = new Float64Array(FEATURE_DIM);
  const neg = new Float64Array(FEATURE_DIM);
  for (const [token, v] of readValences('lexicons/vader.tsv')) {
    const w = wordFeatureIndex(token);
    const plain = v * VALENCE_SCALE;
    pos[w]! += Math.max(plain, 0);
    neg[w]! += Math.max(-plain, 0);
    const n = negatedFeatureIndex(token);
    const flipped = plain * NEGATION_SCALAR;
    pos[n]! += Math.max(flipped, 0) - Math.max(plain, 0);
    neg[n]! += Math.max(-flipped, 0) - Math.max(-plain, 0);
  }
  return [pos, neg];
}
