/**
 * A small, deterministic trainer for the linear models: logistic (one output) or softmax
 * (several) regression with AdaGrad, L2 and per-example weights. No randomness except a seeded
 * shuffle, so a rerun reproduces the committed model files exactly.
 */
import { FEATURE_DIM } from '../../src/triage/features.js';
import type { TLinearModelFile } from '../../src/triage/linear-model.js';
import { mulberry32 } from '../mulberry32.js';

export interface TExample {
  idx: number[];
  val: number[];
  /** Class index (0/1 for a binary model). */
  y: number;
  weight: number;
}

export interface THyper {
  epochs: number;
  lr: number;
  l2: number;
}

export interface TTrained {
  outputs: number;
  bias: Float64Array;
  /** Interleaved: weight of feature i for output k at i * outputs + k. */
  w: Float64Array;
}

/**
 * Trains a model; `outputs` is 1 for binary (sigmoid) or the class count (softmax). `dim` may exceed
 * the hashed feature space when training adds features of its own (e.g. per-source copies).
 */
export function trainLinear(examples: readonly TExample[], outputs: number, h: THyper, seed = 7, dim = FEATURE_DIM): TTrained {
  const K = outputs;
  const w = new Float64Array(dim * K);
  const g2 = new Float64Array(dim * K);
  const bias = new Float64Array(K);
  const bg2 = new Float64Array(K);
  const order = examples.map((_, i) => i);
  const rand = mulberry32(seed);
  const z = new Float64Array(K);
  const grad = new Float64Array(K);
  for (let epoch = 0; epoch < h.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    for (const oi of order) {
      const ex = examples[oi]!;
      for (let k = 0; k < K; k++) z[k] = bias[k]!;
      for (let f = 0; f < ex.idx.length; f++) {
        const base = ex.idx[f]! * K;
        const v = ex.val[f]!;
        for (let k = 0; k < K; k++) z[k]! += w[base + k]! * v;
      }
      if (K === 1) {
        grad[0] = (1 / (1 + Math.exp(-z[0]!)) - ex.y) * ex.weight;
      } else {
        let max = -Infinity;
        for (let k = 0; k < K; k++) max = Math.max(max, z[k]!);
        let sum = 0;
        for (let k = 0; k < K; k++) sum += z[k] = Math.exp(z[k]! - max);
        for (let k = 0; k < K; k++) grad[k] = (z[k]! / sum - (ex.y === k ? 1 : 0)) * ex.weight;
      }
      for (let k = 0; k < K; k++) {
        const g = grad[k]!;
        bg2[k]! += g * g;
        bias[k]! -= (h.lr * g) / Math.sqrt(bg2[k]! + 1e-8);
      }
      for (let f = 0; f < ex.idx.length; f++) {
        const base = ex.idx[f]! * K;
        const v = ex.val[f]!;
        for (let k = 0; k < K; k++) {
          const p = base + k;
          const g = grad[k]! * v + h.l2 * w[p]!;
          if (g === 0) continue;
          g2[p]! += g * g;
          w[p]! -= (h.lr * g) / Math.sqrt(g2[p]! + 1e-8);
        }
      }
    }
  }
  return { outputs: K, bias, w };
}

/** Logits of one example under a trained (unquantised) model. */
export function logits(m: TTrained, ex: Pick<TExample, 'idx' | 'val'>): Float64Array {
  const K = m.outputs;
  const z = Float64Array.from(m.bias);
  for (let f = 0; f < ex.idx.length; f++) {
    const base = ex.idx[f]! * K;
    for (let k = 0; k < K; k++) z[k]! += m.w[base + k]! * ex.val[f]!;
  }
  return z;
}

/**
 * Quantises and prunes a model into its compact file form: per output only the `keep` largest
 * weights survive (the long tail of tiny hashed weights costs megabytes and buys nothing).
 */
export function toModelFile(m: TTrained, name: string, classes: string[], bits: number, keep: number, scale = 1e-3): TLinearModelFile {
  const K = m.outputs;
  const dim = 1 << bits;
  const weights: TLinearModelFile['weights'] = [];
  for (let k = 0; k < K; k++) {
    const mags: number[] = [];
    for (let i = 0; i < dim; i++) mags.push(Math.abs(m.w[i * K + k]!));
    mags.sort((a, b) => b - a);
    const minAbs = Math.max(scale / 2, mags[Math.min(keep, mags.length) - 1] ?? 0);
    const idx: number[] = [];
    const w: number[] = [];
    let last = 0;
    for (let i = 0; i < dim; i++) {
      const v = m.w[i * K + k]!;
      const q = Math.round(v / scale);
      if (Math.abs(v) < minAbs || q === 0) continue;
      idx.push(i - last);
      w.push(q);
      last = i;
    }
    weights.push({ idx, w });
  }
  return { name, classes, bits, scale, bias: Array.from(m.bias, (b) => Math.round(b * 1e4) / 1e4), weights };
}

/**
 * Training-only dense features that are linear in the hashed features (x·v for a fixed vector v over
 * the hashed space: a lexicon spread over word indices, another model's weights). Each gets one learned
 * weight per output, and after training folds exactly into the hashed weights (w += a·v), so the shipped
 * model and its run-time cost are unchanged.
 */
export function withProjections(ex: TExample, vectors: readonly Float64Array[]): TExample {
  if (vectors.length === 0) return ex;
  const idx = [...ex.idx];
  const val = [...ex.val];
  vectors.forEach((v, j) => {
    let s = 0;
    for (let f = 0; f < ex.idx.length; f++) s += v[ex.idx[f]!]! * ex.val[f]!;
    idx.push(FEATURE_DIM + j);
    val.push(s);
  });
  return { ...ex, idx, val };
}

/** Folds the projection features' learned weights into the hashed weights (see withProjections). */
export function foldProjections(m: TTrained, vectors: readonly Float64Array[]): TTrained {
  const K = m.outputs;
  const w = m.w.slice(0, FEATURE_DIM * K);
  vectors.forEach((v, j) => {
    for (let k = 0; k < K; k++) {
      const a = m.w[(FEATURE_DIM + j) * K + k]!;
      if (a === 0) continue;
      for (let i = 0; i < FEATURE_DIM; i++) if (v[i] !== 0) w[i * K + k]! += a * v[i]!;
    }
  });
  return { outputs: K, bias: m.bias, w };
}
