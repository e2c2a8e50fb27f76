/**
 * Out-of-fold logits of the fast models on their own training rows, written by train.ts next to the
 * embedding cache and read by the heads' training: the ensemble of head and fast model is tuned on
 * predictions neither model made for rows it was fitted on. Tied to the model file by a hash of its text. A fresh
 * clone has no cache: it is rebuilt from the committed model's own hyper-parameters (one cross-validation, the same
 * logits train.ts writes), so `earshot train` works without running train.ts first.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { outOfFold } from './cv.js';
import { prepareTask } from './fast-task.js';
import type { THyper } from './learn.js';
import { TASKS } from './tasks.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '../../.cache/triage/fast-oof');
const modelDir = path.resolve(here, '../../src/triage/model');
const hashOf = (text: string): string => createHash('sha1').update(text).digest('hex');

export function writeOutOfFold(task: string, modelText: string, rows: [string, number[]][]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${task}.json`), JSON.stringify({ model: hashOf(modelText), logits: Object.fromEntries(rows) }));
}

/** externalId → logits; rebuilt (and cached) when absent or made for another model file. */
export function readOutOfFold(task: string): Map<string, number[]> {
  const file = path.join(dir, `${task}.json`);
  const model = readFileSync(path.join(modelDir, `${task}.json`), 'utf8');
  if (existsSync(file)) {
    const o = JSON.parse(readFileSync(file, 'utf8')) as { model: string; logits: Record<string, number[]> };
    if (o.model === hashOf(model)) return new Map(Object.entries(o.logits));
  }
  return rebuildOutOfFold(task, model);
}

function rebuildOutOfFold(task: string, modelText: string): Map<string, number[]> {
  const spec = TASKS.find((t) => t.task === task);
  const hyper = (JSON.parse(modelText) as { meta?: { hyper?: THyper } }).meta?.hyper;
  if (!spec || !hyper) throw new Error(`no out-of-fold logits for ${task} and no hyper-parameters in its model file: run \`npx tsx scripts/triage/train.ts ${task}\``);
  const { rows, examples, folds, fit } = prepareTask(spec);
  const oof = outOfFold(examples, folds, fit(hyper));
  const pairs = rows.map((r, i): [string, number[]] => [r.externalId, Array.from(oof[i]!, (x) => Math.round(x * 1e4) / 1e4)]);
  writeOutOfFold(task, modelText, pairs);
  return new Map(pairs);
}
