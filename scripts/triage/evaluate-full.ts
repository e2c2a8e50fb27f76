/** Held-out evaluation of the full path's classifiers (heads ensembled with the fast models), per task and source. */
import type { THeadsFile } from '../../src/triage/tier2/heads.js';
import { ensemble, ensembleThresholds, scoreLearnedHeads } from '../../src/triage/tier2/heads.js';
import { sentimentOf } from '../../src/triage/judge.js';
import { fastProbs, vectorsFor } from './heads-training.js';
import { loadTask } from './data.js';
import { computeMetrics } from './metrics.js';
import { TASKS } from './tasks.js';
import type { TTaskEval } from './evaluate.js';

const BRAND = new Set(['sxsw-brand-sentiment', 'apple-sentiment']);

export async function evaluateFull(heads: THeadsFile): Promise<TTaskEval[]> {
  const out: TTaskEval[] = [];
  const t = ensembleThresholds(heads);
  for (const spec of TASKS) {
    const rows = loadTask(spec.task).filter((r) => r.split === 'test');
    const vecs = await vectorsFor(rows.map((r) => r.text));
    const pred = rows.map((r, i) => {
      const f = fastProbs(spec.task, r.text);
      const h = scoreLearnedHeads(heads, vecs[i]!);
      if (spec.task === 'sentiment') {
        const p = ensemble(heads, { sentiment: { negative: f[0]!, neutral: f[1]!, positive: f[2]! }, complaint: 0, offensive: 0, irony: 0 }, h);
        return sentimentOf(p.sentiment, t.sentimentOffsets).label;
      }
      const p = ensemble(heads, { sentiment: { negative: 0, neutral: 1, positive: 0 }, complaint: f[0]!, offensive: f[0]!, irony: f[0]! }, h)[spec.task];
      return String(p >= (heads.tasks[spec.task].threshold ?? 0.5));
    });
    const push = (name: string, keep: (source: string) => boolean, target?: number, metric = spec.metric): void => {
      const idx = rows.map((r, i) => (keep(r.source) ? i : -1)).filter((i) => i >= 0);
      const metrics = computeMetrics(idx.map((i) => rows[i]!.gold), idx.map((i) => pred[i]!), spec.classes);
      out.push({ name, metric, target, meets: target === undefined || metrics[metric] >= target, metrics });
    };
    if (spec.task === 'sentiment') {
      push('sentiment (TweetEval)', (s) => s === 'tweeteval-sentiment-val', 0.67);
      push('sentiment (brand customers: SXSW + Apple)', (s) => BRAND.has(s), 0.7, 'macroF1');
      push('sentiment (all sources)', () => true);
    } else push(spec.task, () => true, spec.task === 'complaint' ? 0.85 : spec.task === 'offensive' ? 0.78 : undefined);
  }
  return out;
}
