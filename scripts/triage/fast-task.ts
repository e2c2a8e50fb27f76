/**
 * The fast models' training problem for one task, shared by train.ts (which searches the grid and writes the model)
 * and fast-oof.ts (which rebuilds a missing out-of-fold cache from the committed model's hyper-parameters): the same
 * rows, features, folds and fit, so both give the same logits.
 */
import { analyseText } from '../../src/triage/analyse.js';
import { FEATURE_DIM } from '../../src/triage/features.js';
import { foldOf } from './cv.js';
import { loadSemevalPool, loadTask, type TRow } from './data.js';
import { computeMetrics } from './metrics.js';
import { trainLinear, withProjections, type TExample, type THyper, type TTrained } from './learn.js';
import { vaderVectors } from './priors.js';
import { foldScaling, logCountRatios, scaleExample } from './nb-scale.js';
import type { TTaskSpec } from './tasks.js';

export type TLabelled = TRow & { gold: string };

function toExamples(rows: TLabelled[], spec: TTaskSpec): TExample[] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.gold, (counts.get(r.gold) ?? 0) + 1);
  // Balanced class weights: the targets are macro-averaged, so rare classes matter as much as common ones.
  const classWeight = (c: string): number => rows.length / (spec.classes.length * (counts.get(c) ?? 1));
  return rows.map((r) => {
    const f = analyseText(r.text).features;
    const y = spec.outputs === 1 ? (r.gold === 'true' ? 1 : 0) : spec.classes.indexOf(r.gold);
    return { idx: f.idx, val: f.val, y, weight: classWeight(r.gold) * (spec.sourceWeight?.[r.source] ?? 1) };
  });
}

/** Predicted class names given logits, threshold (binary) or offsets (softmax). */
export function predict(spec: TTaskSpec, z: Float64Array, threshold: number, offsets: number[]): string {
  if (spec.outputs === 1) return 1 / (1 + Math.exp(-z[0]!)) >= threshold ? 'true' : 'false';
  let best = 0;
  for (let k = 1; k < z.length; k++) if (z[k]! + offsets[k]! > z[best]! + offsets[best]!) best = k;
  return spec.classes[best]!;
}

export interface TCalibration { threshold: number; offsets: number[]; score: number }

/**
 * Threshold (binary) or class offsets (softmax) that maximise the task metric on out-of-fold logits,
 * measured on the rows of `spec.calibrateOn` if set (the benchmark the target is stated on).
 */
export function calibrate(spec: TTaskSpec, z: Float64Array[], rows: TLabelled[]): TCalibration {
  const keep = rows.map((r, i) => (!spec.calibrateOn || r.source === spec.calibrateOn ? i : -1)).filter((i) => i >= 0);
  const gold = keep.map((i) => rows[i]!.gold);
  const score = (threshold: number, offsets: number[]): number =>
    computeMetrics(gold, keep.map((i) => predict(spec, z[i]!, threshold, offsets)), spec.classes)[spec.metric];
  let best: TCalibration = { threshold: 0.5, offsets: [0, 0, 0], score: -1 };
  if (spec.outputs === 1) {
    for (let t = 30; t <= 70; t += 2) {
      const s = score(t / 100, []);
      if (s > best.score + 1e-9) best = { threshold: t / 100, offsets: [], score: s };
    }
  } else {
    for (let a = -15; a <= 15; a++) for (let b = -15; b <= 15; b++) {
      const offsets = [a / 10, 0, b / 10];
      const s = score(0.5, offsets);
      if (s > best.score + 1e-9) best = { threshold: 0.5, offsets, score: s };
    }
  }
  return best;
}

/** Rows (train + dev, plus the SemEval pool where the task uses it), their examples and folds, and the fit for a hyper-parameter set. */
export function prepareTask(spec: TTaskSpec) {
  // Train and dev together: cross-validation replaces the single dev split; test stays unseen.
  const rows = [...loadTask(spec.task).filter((r) => r.split !== 'test'), ...(spec.semevalPool ? loadSemevalPool() : [])];
  const vectors = spec.valencePrior ? vaderVectors() : [];
  const examples = toExamples(rows, spec).map((e) => withProjections(e, vectors));
  const folds = rows.map((r) => foldOf(r.externalId));
  const dim = FEATURE_DIM + vectors.length;
  // Ratios come from the rows being fitted only, so out-of-fold scores stay honest.
  const fit = (h: THyper) => (train: TExample[]): TTrained => {
    if (!spec.nbScaling) return trainLinear(train, spec.outputs, h, 7, dim);
    const r = logCountRatios(train, dim);
    return foldScaling(trainLinear(train.map((e) => scaleExample(e, r)), spec.outputs, h, 7, dim), r);
  };
  return { rows, vectors, examples, folds, fit };
}
