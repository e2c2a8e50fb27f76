/** Three-way sentiment from the learned model (TweetEval-style: negative / neutral / positive). */
import type { TSentiment } from '../config/org-chart-schema.js';
import type { TFeatures } from './features.js';
import { scoreLinear, softmax } from './linear-model.js';
import { sentimentModel } from './models.js';

export interface TSentimentResult {
  label: TSentiment;
  /** P(positive) − P(negative): −1 very negative … 1 very positive. */
  score: number;
  probabilities: Record<TSentiment, number>;
}

const LABELS: readonly TSentiment[] = ['negative', 'neutral', 'positive'];

/** Classifies sentiment; per-class offsets (tuned for macro-recall on dev) pick the label. */
export const classifySentiment = (f: TFeatures): TSentimentResult => sentimentFromLogits(scoreLinear(sentimentModel, f));

/** Same, from already computed logits (see models.ts scoreAll); does not modify them. */
export function sentimentFromLogits(logits: Float64Array): TSentimentResult {
  const z = new Float64Array(logits); // a typed-array copy; .from() takes the slow iterator path
  let best = 0;
  for (let k = 1; k < z.length; k++) {
    if ((z[k] ?? 0) + (sentimentModel.offsets[k] ?? 0) > (z[best] ?? 0) + (sentimentModel.offsets[best] ?? 0)) best = k;
  }
  const p = softmax(z);
  const probabilities = { negative: p[0] ?? 0, neutral: p[1] ?? 0, positive: p[2] ?? 0 };
  return { label: LABELS[best] ?? 'neutral', score: round3(probabilities.positive - probabilities.negative), probabilities };
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
