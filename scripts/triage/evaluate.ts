/** Held-out evaluation of the shipped classifiers, shared by eval.ts and the quality-floor test. */
import { analyseText } from '../../src/triage/analyse.js';
import { detectComplaint } from '../../src/triage/complaint.js';
import { detectIrony } from '../../src/triage/irony.js';
import { detectOffensive } from '../../src/triage/offensive.js';
import { classifySentiment } from '../../src/triage/sentiment.js';
import { loadTask, type TTask } from './data.js';
import { computeMetrics, type TMetrics } from './metrics.js';
import { TASKS } from './tasks.js';

export interface TTaskEval {
  name: string;
  metric: 'macroRecall' | 'macroF1';
  target?: number;
  meets: boolean;
  metrics: TMetrics;
}

function predictor(task: TTask): (text: string) => string {
  switch (task) {
    case 'sentiment': return (t) => classifySentiment(analyseText(t).features).label;
    case 'complaint': return (t) => String(detectComplaint(analyseText(t).features).yes);
    case 'offensive': return (t) => String(detectOffensive(analyseText(t).features).yes);
    case 'irony': return (t) => String(detectIrony(analyseText(t).features).yes);
  }
}

/** Metrics on the test split for every task; sentiment also per source (TweetEval is the stated target). */
export function evaluateAll(): TTaskEval[] {
  const out: TTaskEval[] = [];
  for (const spec of TASKS) {
    const rows = loadTask(spec.task).filter((r) => r.split === 'test');
    const predict = predictor(spec.task);
    const pred = rows.map((r) => predict(r.text));
    const push = (name: string, keep: (source: string) => boolean, target?: number): void => {
      const idx = rows.map((r, i) => (keep(r.source) ? i : -1)).filter((i) => i >= 0);
      const metrics = computeMetrics(idx.map((i) => rows[i]!.gold), idx.map((i) => pred[i]!), spec.classes);
      out.push({ name, metric: spec.metric, target, meets: target === undefined || metrics[spec.metric] >= target, metrics });
    };
    if (spec.task === 'sentiment') {
      push('sentiment (TweetEval)', (s) => s === 'tweeteval-sentiment-val', spec.target);
      push('sentiment (SXSW brands)', (s) => s === 'sxsw-brand-sentiment');
      push('sentiment (Apple)', (s) => s === 'apple-sentiment');
      push('sentiment (brand customers: SXSW + Apple)', (s) => s === 'sxsw-brand-sentiment' || s === 'apple-sentiment');
      push('sentiment (all sources)', () => true, spec.target);
    } else push(spec.task, () => true, spec.target);
  }
  return out;
}
