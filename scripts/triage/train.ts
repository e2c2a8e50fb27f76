/**
 * Trains the triage models from shared/data/triage-dev and writes src/triage/model/*.json.
 *   npx tsx scripts/triage/train.ts [task...]
 * Deterministic: same data, same code → byte-identical model files. Hyper-parameters and
 * thresholds are chosen on the dev split; the test split is never read here (see eval.ts).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { analyseText } from '../../src/triage/analyse.js';
import { FEATURE_BITS } from '../../src/triage/features.js';
import { loadTask, SPLIT_SEED, type TRow } from './data.js';
import { computeMetrics } from './metrics.js';
import { logits, toModelFile, trainLinear, type TExample, type THyper, type TTrained } from './learn.js';
import { TASKS, type TTaskSpec } from './tasks.js';

const modelDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/triage/model');

const GRID: THyper[] = [];
for (const epochs of [2, 4, 8]) for (const lr of [0.02, 0.05, 0.15]) for (const l2 of [0, 1e-5, 1e-4, 1e-3]) GRID.push({ epochs, lr, l2 });

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

function score(spec: TTaskSpec, m: TTrained, ex: TExample[], rows: TLabelled[], threshold = 0.5, offsets = [0, 0, 0]): number {
  const pred = ex.map((e) => predict(spec, logits(m, e), threshold, offsets));
  const gold = rows.map((r) => r.gold);
  const all = computeMetrics(gold, pred, spec.classes)[spec.metric];
  if (!spec.sourceWeight) return all;
  // Weighted sources are the benchmark: count them as much as the pooled figure.
  const keep = rows.map((r, i) => (spec.sourceWeight?.[r.source] ? i : -1)).filter((i) => i >= 0);
  const sub = computeMetrics(keep.map((i) => gold[i]!), keep.map((i) => pred[i]!), spec.classes)[spec.metric];
  return (all + sub) / 2;
}

function calibrate(spec: TTaskSpec, m: TTrained, ex: TExample[], rows: TLabelled[]): { threshold: number; offsets: number[]; dev: number } {
  let best = { threshold: 0.5, offsets: [0, 0, 0], dev: -1 };
  if (spec.outputs === 1) {
    for (let t = 0.2; t <= 0.8001; t += 0.02) {
      const s = score(spec, m, ex, rows, t);
      if (s > best.dev + 1e-9) best = { threshold: Math.round(t * 100) / 100, offsets: [0, 0, 0], dev: s };
    }
  } else {
    for (let a = -1; a <= 1.0001; a += 0.1) for (let b = -1; b <= 1.0001; b += 0.1) {
      const offsets = [Math.round(a * 10) / 10, 0, Math.round(b * 10) / 10];
      const s = score(spec, m, ex, rows, 0.5, offsets);
      if (s > best.dev + 1e-9) best = { threshold: 0.5, offsets, dev: s };
    }
  }
  return best;
}

function trainTask(spec: TTaskSpec): void {
  const t0 = Date.now();
  const rows = loadTask(spec.task);
  const train = rows.filter((r) => r.split === 'train');
  const dev = rows.filter((r) => r.split === 'dev');
  const trainEx = toExamples(train, spec);
  const devEx = toExamples(dev, spec);
  let best: { h: THyper; dev: number } | undefined;
  for (const h of GRID) {
    const m = trainLinear(trainEx, spec.outputs, h);
    const s = score(spec, m, devEx, dev);
    if (!best || s > best.dev + 1e-9) best = { h, dev: s };
  }
  const h = best!.h;
  const cal = calibrate(spec, trainLinear(trainEx, spec.outputs, h), devEx, dev);
  // Final model: train + dev with the chosen settings; test stays unseen.
  const finalRows = [...train, ...dev];
  const final = trainLinear(toExamples(finalRows, spec), spec.outputs, h);
  const file = toModelFile(final, spec.task, spec.outputs === 1 ? ['true'] : spec.classes, FEATURE_BITS, spec.keepWeights);
  if (spec.outputs === 1) file.threshold = cal.threshold;
  else file.offsets = cal.offsets;
  file.meta = {
    splitSeed: SPLIT_SEED,
    trainedOn: 'train+dev splits',
    rows: finalRows.length,
    hyper: h,
    devScore: Math.round(cal.dev * 1e4) / 1e4,
    metric: spec.metric,
  };
  const out = path.join(modelDir, `${spec.task}.json`);
  writeFileSync(out, JSON.stringify(file) + '\n');
  const nz = file.weights.reduce((s, w) => s + w.idx.length, 0);
  console.log(`${spec.task}: ${JSON.stringify(h)} dev ${spec.metric}=${cal.dev.toFixed(4)} (untuned ${best!.dev.toFixed(4)}) threshold=${file.threshold ?? ''} offsets=${file.offsets ?? ''} nonzero=${nz} ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

const only = process.argv.slice(2);
for (const spec of TASKS) if (only.length === 0 || only.includes(spec.task)) trainTask(spec);
