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
import { FEATURE_BITS } from '../../src/triage/features.js';
import { FOLDS, outOfFold } from './cv.js';
import { SPLIT_SEED } from './data.js';
import { foldProjections, toModelFile, type THyper } from './learn.js';
import { writeOutOfFold } from './fast-oof.js';
import { calibrate, prepareTask, type TCalibration } from './fast-task.js';
import { TASKS, type TTaskSpec } from './tasks.js';

const modelDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/triage/model');

function trainTask(spec: TTaskSpec): void {
  const t0 = Date.now();
  const { rows, vectors, examples, folds, fit } = prepareTask(spec);
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
