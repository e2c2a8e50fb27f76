/**
 * Out-of-fold logits of the fast models on their own training rows, written by train.ts next to the
 * embedding cache and read by the heads' training: the ensemble of head and fast model is tuned on
 * predictions neither model made for rows it was fitted on. Tied to the model file by a hash of its text.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '../../.cache/triage/fast-oof');
const modelDir = path.resolve(here, '../../src/triage/model');
const hashOf = (text: string): string => createHash('sha1').update(text).digest('hex');

export function writeOutOfFold(task: string, modelText: string, rows: [string, number[]][]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${task}.json`), JSON.stringify({ model: hashOf(modelText), logits: Object.fromEntries(rows) }));
}

/** externalId → logits, or an error telling how to make them when absent or stale. */
export function readOutOfFold(task: string): Map<string, number[]> {
  const file = path.join(dir, `${task}.json`);
  const model = readFileSync(path.join(modelDir, `${task}.json`), 'utf8');
  if (!existsSync(file)) throw new Error(`no out-of-fold logits for ${task}: run \`npx tsx scripts/triage/train.ts\` first`);
  const o = JSON.parse(readFileSync(file, 'utf8')) as { model: string; logits: Record<string, number[]> };
  if (o.model !== hashOf(model)) throw new Error(`out-of-fold logits for ${task} belong to another model file: run \`npx tsx scripts/triage/train.ts ${task}\``);
  return new Map(Object.entries(o.logits));
}
