/**
 * k-fold cross-validation over the train+dev rows. Out-of-fold logits let hyper-parameters and
 * decision thresholds be chosen on every tuning row instead of the 10% dev split alone (TweetEval
 * sentiment has only ~200 dev rows: too few to set three class offsets). Test rows never enter.
 */
import { fnv1a } from '../../src/triage/hash.js';
import { logits, type TExample, type TTrained } from './learn.js';

export const FOLDS = 5;

/** Fold of a row, by a seeded hash of its id (independent of the train/dev/test split hash). */
export const foldOf = (externalId: string): number => fnv1a(`earshot-triage-cv:${externalId}`) % FOLDS;

/** Logits of each example from the model fitted without its fold. */
export function outOfFold(examples: readonly TExample[], folds: readonly number[], fit: (train: TExample[]) => TTrained): Float64Array[] {
  const out: Float64Array[] = new Array<Float64Array>(examples.length);
  for (let k = 0; k < FOLDS; k++) {
    const m = fit(examples.filter((_, i) => folds[i] !== k));
    examples.forEach((e, i) => {
      if (folds[i] === k) out[i] = logits(m, e);
    });
  }
  return out;
}
