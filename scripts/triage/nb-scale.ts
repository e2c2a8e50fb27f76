/**
 * NB-SVM-style feature scaling (Wang & Manning, "Baselines and Bigrams", ACL 2012) for binary tasks:
 * each hashed feature is scaled by |log-count ratio| of its presence in positive vs negative rows,
 * so the learner starts from Naive Bayes' view of which n-grams matter. The scaling folds into the
 * weights after training (w_i·r_i), so the shipped model reads the usual features.
 */
import { FEATURE_DIM } from '../../src/triage/features.js';
import type { TExample, TTrained } from './learn.js';

/** |log((p_i/|p|) / (q_i/|q|))| with add-one smoothing; features past the hashed space keep scale 1. */
export function logCountRatios(examples: readonly TExample[], dim: number): Float64Array {
  const p = new Float64Array(FEATURE_DIM).fill(1);
  const q = new Float64Array(FEATURE_DIM).fill(1);
  for (const e of examples) {
    const counts = e.y === 1 ? p : q;
    for (const i of new Set(e.idx)) if (i < FEATURE_DIM) counts[i]! += 1;
  }
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < FEATURE_DIM; i++) {
    sp += p[i]!;
    sq += q[i]!;
  }
  const r = new Float64Array(dim).fill(1);
  for (let i = 0; i < FEATURE_DIM; i++) r[i] = Math.abs(Math.log(p[i]! / sp / (q[i]! / sq)));
  return r;
}

export const scaleExample = (e: TExample, r: Float64Array): TExample => ({ ...e, val: e.val.map((v, f) => v * r[e.idx[f]!]!) });

/** The model on unscaled features: w_i · r_i (binary models only). */
export function foldScaling(m: TTrained, r: Float64Array): TTrained {
  return { outputs: m.outputs, bias: m.bias, w: m.w.map((w, i) => w * r[i]!) };
}
