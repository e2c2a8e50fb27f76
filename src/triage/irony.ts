/**
 * Irony/sarcasm. The learned model (TweetEval irony) is weak on its own, so explicit markers
 * (#sarcasm, "yeah right", "/s") also count; used to avoid taking a joke at face value.
 */
import { binaryFromLogit, type TBinaryResult } from './binary.js';
import { scoreLinear } from './linear-model.js';
import type { TFeatures } from './features.js';
import { ironyModel } from './models.js';

/**
 * The model alone is right only two times in three at its balanced threshold; triage acts on it only
 * above this probability (about 0.84 precision), so a sincere "thanks!" is not taken as sarcasm.
 */
export const IRONY_ACT_THRESHOLD = 0.8;

export interface TIronyResult extends TBinaryResult {
  /** Confident enough to change what staff are told to do. */
  strong: boolean;
}

/** Irony probability and verdict. */
export const detectIrony = (f: TFeatures): TIronyResult => ironyFromLogit(scoreLinear(ironyModel, f)[0] ?? 0, f);

/** Same, from an already computed logit. */
export function ironyFromLogit(logit: number, f: TFeatures): TIronyResult {
  const r = binaryFromLogit(ironyModel, logit);
  if (f.stats.sarcasm) return { probability: Math.max(r.probability, 0.9), yes: true, strong: true };
  // Fields listed rather than spread: a spread copies by a slow generic path, once per mention.
  return { probability: r.probability, yes: r.yes, strong: r.probability >= IRONY_ACT_THRESHOLD };
}
