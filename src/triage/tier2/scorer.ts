/**
 * The second tier's scoring step, where the CPU goes: embed a batch of texts and apply every head. Runs in a
 * worker thread (worker.ts) in production, or in-process for the benchmark and offline evaluation.
 */
import type { TCategory } from '../../config/org-chart-schema.js';
import { similarity, type TEncoder } from '../encoder/index.js';
import { HEADS, scoreLearnedHeads, type THeadScores, type THeadsFile } from './heads.js';
import { CATEGORY_PROTOTYPES, NOT_SPAM_PROTOTYPES, SPAM_PROTOTYPES } from './prototypes.js';

/** Softmax temperature over cosine similarities: USE similarities differ by ~0.1 between kinds. */
const TEMPERATURE = 0.05;

export interface THeadScorer {
  score(texts: readonly string[]): Promise<THeadScores[]>;
}

/** Embeds the prototypes once, then scores batches. Throws if the heads were trained for another encoder. */
export async function createHeadScorer(encoder: TEncoder, heads: THeadsFile = HEADS): Promise<THeadScorer> {
  if (heads.encoder !== encoder.version) throw new Error(`heads were trained for encoder "${heads.encoder}", not "${encoder.version}": retrain them (scripts/triage/train-heads.ts)`);
  const cats = Object.keys(CATEGORY_PROTOTYPES) as Exclude<TCategory, 'spam' | 'abuse'>[];
  const catVecs = await Promise.all(cats.map((c) => encoder.embed(CATEGORY_PROTOTYPES[c])));
  const spamVecs = await encoder.embed(SPAM_PROTOTYPES);
  const hamVecs = await encoder.embed(NOT_SPAM_PROTOTYPES);
  const best = (v: Float32Array, set: readonly Float32Array[]): number => set.reduce((m, p) => Math.max(m, similarity(v, p)), -1);
  return {
    async score(texts) {
      const vecs = await encoder.embed(texts);
      return vecs.map((v) => {
        const sims = cats.map((c, k) => best(v, catVecs[k]!) / TEMPERATURE);
        const m = Math.max(...sims);
        const e = sims.map((s) => Math.exp(s - m));
        const total = e.reduce((a, b) => a + b, 0);
        const category: Record<string, number> = {};
        cats.forEach((c, k) => (category[c] = e[k]! / total));
        const s = best(v, spamVecs) / TEMPERATURE;
        const h = best(v, hamVecs) / TEMPERATURE;
        const spam = 1 / (1 + Math.exp(h - s));
        return { ...scoreLearnedHeads(heads, v), spam, category };
      });
    },
  };
}
