/**
 * The second tier's learned heads: small linear models over the sentence encoder's 512-d vectors (trained by
 * scripts/triage/train-heads.ts), each averaged with the fast engine's model of the same task. The file
 * holds weights rounded to 1e-4, the ensemble weight and the decision offsets/threshold chosen by
 * cross-validation. Pure math; the encoder itself lives in ../encoder.
 */
import headsFile from '../model/heads.json' with { type: 'json' };
import type { TModelProbs, TThresholds } from '../reading.js';

export interface THeadSpec {
  classes: string[];
  /** One weight row per output (one output for binary heads). */
  w: number[][];
  b: number[];
  /** Share of the head in the ensemble; the fast model gets the rest. */
  weight: number;
  threshold?: number;
  offsets?: [number, number, number];
}

export interface THeadsFile {
  encoder: string;
  tasks: { sentiment: THeadSpec; complaint: THeadSpec; offensive: THeadSpec; irony: THeadSpec };
  meta?: Record<string, unknown>;
}

export const HEADS = headsFile as unknown as THeadsFile;

/** What the heads say about one text (before the ensemble with the fast models). */
export interface THeadScores {
  sentiment: { negative: number; neutral: number; positive: number };
  complaint: number;
  offensive: number;
  irony: number;
  /** Nearest-prototype heads (see prototypes.ts). */
  spam: number;
  category: Record<string, number>;
}

function logits(spec: THeadSpec, v: Float32Array): number[] {
  return spec.w.map((row, k) => {
    let z = spec.b[k] ?? 0;
    for (let i = 0; i < row.length; i++) z += row[i]! * v[i]!;
    return z;
  });
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** The four learned heads on one vector. */
export function scoreLearnedHeads(heads: THeadsFile, v: Float32Array): Pick<THeadScores, 'sentiment' | 'complaint' | 'offensive' | 'irony'> {
  const z = logits(heads.tasks.sentiment, v);
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return {
    sentiment: { negative: e[0]! / s, neutral: e[1]! / s, positive: e[2]! / s },
    complaint: sigmoid(logits(heads.tasks.complaint, v)[0]!),
    offensive: sigmoid(logits(heads.tasks.offensive, v)[0]!),
    irony: sigmoid(logits(heads.tasks.irony, v)[0]!),
  };
}

/** The ensemble: each head averaged with the fast model's probability, by the head's trained weight. */
export function ensemble(heads: THeadsFile, fast: TModelProbs, h: Pick<THeadScores, 'sentiment' | 'complaint' | 'offensive' | 'irony'>): TModelProbs {
  const mix = (a: number, b: number, w: number): number => w * b + (1 - w) * a;
  const ws = heads.tasks.sentiment.weight;
  return {
    sentiment: {
      negative: mix(fast.sentiment.negative, h.sentiment.negative, ws),
      neutral: mix(fast.sentiment.neutral, h.sentiment.neutral, ws),
      positive: mix(fast.sentiment.positive, h.sentiment.positive, ws),
    },
    complaint: mix(fast.complaint, h.complaint, heads.tasks.complaint.weight),
    offensive: mix(fast.offensive, h.offensive, heads.tasks.offensive.weight),
    irony: mix(fast.irony, h.irony, heads.tasks.irony.weight),
  };
}

/** Thresholds that go with the ensemble's probabilities. */
export function ensembleThresholds(heads: THeadsFile): TThresholds {
  return {
    complaint: heads.tasks.complaint.threshold ?? 0.5,
    offensive: heads.tasks.offensive.threshold ?? 0.5,
    irony: Math.max(0.7, heads.tasks.irony.threshold ?? 0.7),
    sentimentOffsets: heads.tasks.sentiment.offsets ?? [0, 0, 0],
  };
}
