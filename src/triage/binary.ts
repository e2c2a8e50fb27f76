/** Shared shape of the yes/no classifiers (complaint, offensive, irony). */
import type { TFeatures } from './features.js';
import { scoreLinear, sigmoid, type TLinearModel } from './linear-model.js';

export interface TBinaryResult {
  /** Probability-like score in 0..1. */
  probability: number;
  /** probability ≥ the threshold chosen on the dev split. */
  yes: boolean;
}

/** Verdict from an already computed logit (see models.ts scoreAll). */
export function binaryFromLogit(model: TLinearModel, logit: number): TBinaryResult {
  const probability = sigmoid(logit);
  return { probability, yes: probability >= model.threshold };
}

/** Applies a binary linear model with its calibrated threshold. */
export const classifyBinary = (model: TLinearModel, f: TFeatures): TBinaryResult =>
  binaryFromLogit(model, scoreLinear(model, f)[0] ?? 0);
