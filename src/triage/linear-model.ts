/**
 * Compact linear models over the shared hashed feature space. Files hold only the non-zero weights
 * (delta-coded indices, integer weights × scale) so several models fit in a few hundred KB each.
 */
import type { TFeatures } from './features.js';

/** On-disk shape written by scripts/triage/train.ts. */
export interface TLinearModelFile {
  name: string;
  /** One weight vector per class; a binary model has one vector for the positive class. */
  classes: string[];
  bits: number;
  /** Integer weights are multiplied by this to get real weights. */
  scale: number;
  bias: number[];
  /** Per output: indices as deltas from the previous index, and integer weights. */
  weights: { idx: number[]; w: number[] }[];
  /** Decision threshold on the positive-class probability (binary) or per-class logit offsets (multi-class). */
  threshold?: number;
  offsets?: number[];
  /** Free-form provenance: data, split, hyper-parameters, held-out metrics. */
  meta?: Record<string, unknown>;
}

/** A model ready to score: weights interleaved by feature so one lookup touches one cache line. */
export interface TLinearModel {
  name: string;
  classes: readonly string[];
  outputs: number;
  mask: number;
  bias: Float64Array;
  weights: Float32Array;
  threshold: number;
  offsets: Float64Array;
}

/** Expands a model file into dense typed arrays (done once, at import). */
export function loadLinearModel(file: TLinearModelFile): TLinearModel {
  const outputs = file.weights.length;
  const dim = 1 << file.bits;
  const weights = new Float32Array(dim * outputs);
  file.weights.forEach((vec, k) => {
    let at = 0;
    for (let i = 0; i < vec.idx.length; i++) {
      at += vec.idx[i] ?? 0;
      weights[at * outputs + k] = (vec.w[i] ?? 0) * file.scale;
    }
  });
  return {
    name: file.name,
    classes: file.classes,
    outputs,
    mask: dim - 1,
    bias: Float64Array.from(file.bias),
    weights,
    threshold: file.threshold ?? 0.5,
    offsets: Float64Array.from(file.offsets ?? new Array<number>(outputs).fill(0)),
  };
}

/** Raw scores (logits), one per output. */
export function scoreLinear(model: TLinearModel, f: Pick<TFeatures, 'idx' | 'val'>): Float64Array {
  const k = model.outputs;
  const out = Float64Array.from(model.bias);
  const { weights, mask } = model;
  for (let i = 0; i < f.idx.length; i++) {
    const base = ((f.idx[i] ?? 0) & mask) * k;
    const v = f.val[i] ?? 0;
    for (let c = 0; c < k; c++) out[c] = (out[c] ?? 0) + (weights[base + c] ?? 0) * v;
  }
  return out;
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Softmax in place, numerically stable. */
export function softmax(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    const e = Math.exp((z[i] ?? 0) - max);
    z[i] = e;
    sum += e;
  }
  for (let i = 0; i < z.length; i++) z[i] = (z[i] ?? 0) / sum;
  return z;
}
