/**
 * Trains the triage models from shared/data/triage-dev and writes src/triage/model/*.json.
 *   npx tsx scripts/triage/train.ts [task...]
 * Deterministic: same data, same code → byte-identical model files. Hyper-parameters and
 * thresholds are chosen by 5-fold cross-validation over the train and dev splits; the test split is
 * never read here (see eval.ts).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { analyseText } from '../../src/triage/analyse.js';
import { FEATURE_BITS, FEATURE_DIM } from '../../src/triage/features.js';
import { FOLDS, foldOf, outOfFold } from './cv.js';
import { loadSemevalPool, loadTask, SPLIT_SEED, type TRow } from './data.js';
import { computeMetrics } from './metrics.js';
import { foldProjections, toModelFile, trainLinear, withProjections, type TExample, type THyper, type TTrained } from './learn.js';
import { vaderVectors } from './priors.js';
import { writeOutOfFold } from './fast-oof.js';
import { foldScaling, logCountRatios, scaleExample } from './nb-scale.js';
import { TASKS, type TTaskSpec } from './tasks.js';

const modelDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/triage/model');

type TLabelled = TRow & { gold: string };

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
function predict(spec: TTaskSpec, z: Float64Array, threshold: number, offsets: number[]): string {
  if (spec.outputs === 1) return 1 / (1 + Math.exp(-z[0]!)) >= threshold ? 'true' : 'false';
  let best = 0;
  for (let k = 1; k < z.length; k++) if (z[k]! + offsets[k]! > z[best]! + offsets[best]!) best = k;
  return spec.classes[best]!;
}

interface TCalibration { threshold: number; offsets: number[]; score: number }

/**
 * Threshold (binary) or class offsets (softmax) that maximise the task metric on out-of-fold logits,
 * measured on the rows of `spec.calibrateOn` if set (the benchmark the target is stated on).
 */
function calibrate(spec: TTaskSpec, z: Float64Array[], rows: TLabelled[]): TCalibration {
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

function trainTask(spec: TTaskSpec): void {
  const t0 = Date.now();
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
  let best: { h: THyper; cal: TCalibration; oof: Float64Array[] } | undefined;
  for (const h of spec.grid) {
    const oof = outOfFold(examples, folds, fit(h));
    const cal = calibrate(spec, oof, rows);
    console.log(`  ${spec.task} ${JSON.stringify(h)} cv ${spec.metric}=${cal.score.toFixed(4)}`);
    if (!best || cal.score > best.cal.score + 1e-9) best = { h, cal, oof };
  }
  const { h, cal, oof } = best!;
  const final = foldProjections(fit(h)(examples), vectors);
  const file = toModelFile(final, spec.task, spec.outputs === 1 ? ['true'] : spec.classes, FEATURE_BITS, spec.keepWeights);
  if (spec.outputs === 1) file.threshold = cal.threshold;
  else file.offsets = cal.offsets;
  file.meta = {
    splitSeed: SPLIT_SEED,
    trainedOn: spec.semevalPool ? 'train+dev splits + SemEval-2013–2016 pool (TweetEval copies dropped)' : 'train+dev splits',
    rows: rows.length,
    hyper: h,
    ...(spec.nbScaling ? { nbScaling: true } : {}),
    ...(spec.valencePrior ? { valencePrior: 'VADER (scripts/triage/lexicons/vader.tsv)' } : {}),
    cvScore: Math.round(cal.score * 1e4) / 1e4,
    cvFolds: FOLDS,
    metric: spec.metric,
    ...(spec.calibrateOn ? { calibratedOn: spec.calibrateOn } : {}),
  };
  const out = path.join(modelDir, `${spec.task}.json`);
  const text = JSON.stringify(file) + '\n';
  writeFileSync(out, text);
  // The second tier's ensemble is tuned on these out-of-fold logits (in-sample ones would flatter the fast model).
  writeOutOfFold(spec.task, text, rows.map((r, i) => [r.externalId, Array.from(oof[i]!, (x) => Math.round(x * 1e4) / 1e4)]));
  const nz = file.weights.reduce((s, w) => s + w.idx.length, 0);
  console.log(`${spec.task}: ${JSON.stringify(h)} cv ${spec.metric}=${cal.score.toFixed(4)} threshold=${file.threshold ?? ''} offsets=${file.offsets ?? ''} nonzero=${nz} ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

const only = process.argv.slice(2);
for (const spec of TASKS) if (only.length === 0 || only.includes(spec.task)) trainTask(spec);
