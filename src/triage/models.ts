/**
 * The learned models, loaded once at import from JSON (emitted by `tsc` into dist/ as JSON imports,
 * so nothing is read from disk at run time). Rebuild them with `npx tsx scripts/triage/train.ts`.
 */
import complaintFile from './model/complaint.json' with { type: 'json' };
import ironyFile from './model/irony.json' with { type: 'json' };
import offensiveFile from './model/offensive.json' with { type: 'json' };
import sentimentFile from './model/sentiment.json' with { type: 'json' };
import type { TFeatures } from './features.js';
import { loadLinearModel, type TLinearModel, type TLinearModelFile } from './linear-model.js';

export const sentimentModel = loadLinearModel(sentimentFile as TLinearModelFile);
export const complaintModel = loadLinearModel(complaintFile as TLinearModelFile);
export const offensiveModel = loadLinearModel(offensiveFile as TLinearModelFile);
export const ironyModel = loadLinearModel(ironyFile as TLinearModelFile);

const ALL: readonly TLinearModel[] = [sentimentModel, complaintModel, offensiveModel, ironyModel];
const WIDTH = ALL.reduce((n, m) => n + m.outputs, 0);
const MASK = Math.min(...ALL.map((m) => m.mask));
// scoreAll reads exactly six outputs; a retrained model of another shape must fail loudly at import.
if (WIDTH !== 6) throw new Error(`triage models have ${WIDTH} outputs in all; scoreAll expects 6 (3 sentiment + complaint + offensive + irony)`);

// All models' weights for one feature side by side: scoring every model then costs one memory
// fetch per feature instead of one per feature per model (the dominant cost at run time).
const combined = new Float32Array((MASK + 1) * WIDTH);
const combinedBias = new Float64Array(WIDTH);
{
  let at = 0;
  for (const m of ALL) {
    for (let i = 0; i <= MASK; i++) for (let k = 0; k < m.outputs; k++) combined[i * WIDTH + at + k] = m.weights[i * m.outputs + k] ?? 0;
    for (let k = 0; k < m.outputs; k++) combinedBias[at + k] = m.bias[k] ?? 0;
    at += m.outputs;
  }
}

export interface TAllLogits {
  sentiment: Float64Array;
  complaint: number;
  offensive: number;
  irony: number;
}

/**
 * Logits of every model in one pass over the features. The output layout (3 sentiment logits, then complaint,
 * offensive, irony) is fixed, so the sums live in locals rather than an array: this is the hot loop of triage.
 */
export function scoreAll(f: Pick<TFeatures, 'idx' | 'val'>): TAllLogits {
  let z0 = combinedBias[0]!;
  let z1 = combinedBias[1]!;
  let z2 = combinedBias[2]!;
  let z3 = combinedBias[3]!;
  let z4 = combinedBias[4]!;
  let z5 = combinedBias[5]!;
  const { idx, val } = f;
  const w = combined;
  for (let i = 0; i < idx.length; i++) {
    const base = ((idx[i] ?? 0) & MASK) * WIDTH;
    const v = val[i] ?? 0;
    z0 += w[base]! * v;
    z1 += w[base + 1]! * v;
    z2 += w[base + 2]! * v;
    z3 += w[base + 3]! * v;
    z4 += w[base + 4]! * v;
    z5 += w[base + 5]! * v;
  }
  const sentiment = new Float64Array(3);
  sentiment[0] = z0;
  sentiment[1] = z1;
  sentiment[2] = z2;
  return { sentiment, complaint: z3, offensive: z4, irony: z5 };
}
