/** The learned classifiers: which data, which classes, which metric the targets are stated in. */
import type { TTask } from './data.js';
import type { THyper } from './learn.js';

export interface TTaskSpec {
  task: TTask;
  classes: string[];
  /** Which output classes the model file has: softmax over all, or one logit for "true". */
  outputs: number;
  metric: 'macroRecall' | 'macroF1';
  /** Minimum held-out target from issue 3 (irony has none: it is only a sarcasm signal). */
  target?: number;
  /** Extra weight on rows from these sources (the benchmark the target is stated on). */
  sourceWeight?: Record<string, number>;
  /** Decision offsets/threshold maximise the cross-validated metric on this source's rows only. */
  calibrateOn?: string;
  /** Hyper-parameters compared by cross-validation; a short list that wider CV grids narrowed down. */
  grid: THyper[];
  /** Learn a weight for the post's VADER valence, folded into the word weights (see priors.ts). */
  valencePrior?: boolean;
  /** Scale features by Naive Bayes log-count ratios before fitting (binary tasks; see nb-scale.ts). */
  nbScaling?: boolean;
  /** Also train on the SemEval-2013–2016 pool (sentiment); offsets are still calibrated on `calibrateOn` only. */
  semevalPool?: boolean;
  /** Largest weights kept per output in the model file (size budget). */
  keepWeights: number;
}

const TWEETEVAL_SENTIMENT = 'tweeteval-sentiment-val';

export const TASKS: TTaskSpec[] = [
  {
    task: 'sentiment', classes: ['negative', 'neutral', 'positive'], outputs: 3, metric: 'macroRecall', target: 0.7,
    sourceWeight: { [TWEETEVAL_SENTIMENT]: 2 }, calibrateOn: TWEETEVAL_SENTIMENT, keepWeights: 40_000,
    grid: [{ epochs: 4, lr: 0.05, l2: 1e-3 }],
    valencePrior: true,
    semevalPool: true,
  },
  {
    task: 'complaint', classes: ['false', 'true'], outputs: 1, metric: 'macroF1', target: 0.85, keepWeights: 40_000,
    grid: [{ epochs: 4, lr: 0.05, l2: 0 }, { epochs: 8, lr: 0.05, l2: 0 }, { epochs: 2, lr: 0.15, l2: 0 }],
  },
  {
    task: 'offensive', classes: ['false', 'true'], outputs: 1, metric: 'macroF1', target: 0.78, keepWeights: 50_000,
    grid: [{ epochs: 4, lr: 0.15, l2: 1e-3 }, { epochs: 8, lr: 0.05, l2: 1e-3 }],
    nbScaling: true,
  },
  {
    task: 'irony', classes: ['false', 'true'], outputs: 1, metric: 'macroF1', keepWeights: 30_000,
    grid: [{ epochs: 8, lr: 0.15, l2: 1e-3 }],
    nbScaling: true,
  },
];
