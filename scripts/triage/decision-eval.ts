/**
 * Decision quality on the decision set: each split run through its own triage session in time order (so
 * waves cluster as they would live), scored against the gold decision, category and team; calibration of
 * the confidence as expected calibration error (ECE, 10 equal-width bins) and a reliability table.
 */
import type { TOrgChart } from '../../src/config/org-chart-schema.js';
import { CATEGORIES } from '../../src/config/org-chart-schema.js';
import { createTriageSession } from '../../src/triage/index.js';
import { loadEncoder } from '../../src/triage/encoder/index.js';
import { createHeadScorer, createRefiner, type THeadScorer } from '../../src/triage/tier2/index.js';
import { DECISIONS, type TTriageDecision } from '../../src/triage/types.js';
import { loadDecisionSet, type TDecisionRow, type TDecisionSplit } from './decision-set.js';
import { computeMetrics, type TMetrics } from './metrics.js';

export interface TDecisionEval {
  split: TDecisionSplit;
  n: number;
  decision: TMetrics;
  category: TMetrics;
  team: TMetrics;
  /** confusion[gold][predicted] */
  confusion: Record<string, Record<string, number>>;
  ece: number;
  reliability: { bin: string; n: number; meanConfidence: number; accuracy: number }[];
  byPattern: Record<string, { n: number; right: number }>;
  rows: { row: TDecisionRow; out: TTriageDecision }[];
}

export type TDecider = (rows: readonly TDecisionRow[]) => Promise<TTriageDecision[]> | TTriageDecision[];

/** The fast engine through a session, as `earshot triage --fast` runs it. */
export const fastDecider = (orgChart: TOrgChart): TDecider => (rows) => {
  const session = createTriageSession(orgChart);
  return rows.map((r) => session.triage(r.mention));
};

/**
 * The full path: the fast engine through a session, then the second tier on every mention (in this thread,
 * the same scorer the workers run), as `earshot triage` does.
 */
export const fullDecider = (orgChart: TOrgChart, scorer: Promise<THeadScorer>): TDecider => async (rows) => {
  const fast = fastDecider(orgChart)(rows) as TTriageDecision[];
  const refiner = createRefiner({ orgChart, scorer: await scorer });
  const out = await refiner.refine(rows.map((r, i) => ({ mention: r.mention, fast: fast[i]! })));
  await refiner.close();
  return out;
};

/** One in-process scorer for several evaluations (loading the encoder costs a second or two). */
export const inProcessScorer = async (): Promise<THeadScorer> => createHeadScorer(await loadEncoder());

export async function evaluateDecisions(orgChart: TOrgChart, split: TDecisionSplit, decider: TDecider = fastDecider(orgChart)): Promise<TDecisionEval> {
  const rows = loadDecisionSet(orgChart).filter((r) => r.split === split);
  const outs = await decider(rows);
  const teams = orgChart.teams.map((t) => t.id);
  const gold = (k: 'decision' | 'category' | 'team') => rows.map((r) => r.gold[k]);
  const pred = (k: 'decision' | 'category' | 'team') => outs.map((o) => o[k]);
  const confusion: TDecisionEval['confusion'] = {};
  for (const g of DECISIONS) confusion[g] = Object.fromEntries(DECISIONS.map((p) => [p, 0]));
  rows.forEach((r, i) => confusion[r.gold.decision]![outs[i]!.decision]!++);
  const byPattern: TDecisionEval['byPattern'] = {};
  rows.forEach((r, i) => {
    const b = (byPattern[r.pattern] ??= { n: 0, right: 0 });
    b.n++;
    if (outs[i]!.decision === r.gold.decision) b.right++;
  });
  const { ece, reliability } = calibration(outs.map((o) => o.confidence), rows.map((r, i) => outs[i]!.decision === r.gold.decision));
  return {
    split, n: rows.length,
    decision: computeMetrics(gold('decision'), pred('decision'), DECISIONS),
    category: computeMetrics(gold('category'), pred('category'), CATEGORIES.filter((c) => rows.some((r) => r.gold.category === c))),
    team: computeMetrics(gold('team'), pred('team'), teams),
    confusion, ece, reliability, byPattern,
    rows: rows.map((row, i) => ({ row, out: outs[i]! })),
  };
}

/** Expected calibration error over 10 equal-width confidence bins, and the bins themselves. */
export function calibration(conf: readonly number[], right: readonly boolean[]): { ece: number; reliability: TDecisionEval['reliability'] } {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, c: 0, r: 0 }));
  conf.forEach((c, i) => {
    const b = bins[Math.min(9, Math.floor(c * 10))]!;
    b.n++;
    b.c += c;
    if (right[i]) b.r++;
  });
  let ece = 0;
  const reliability: TDecisionEval['reliability'] = [];
  bins.forEach((b, k) => {
    if (b.n === 0) return;
    ece += (b.n / conf.length) * Math.abs(b.c / b.n - b.r / b.n);
    reliability.push({ bin: `${k / 10}-${(k + 1) / 10}`, n: b.n, meanConfidence: b.c / b.n, accuracy: b.r / b.n });
  });
  return { ece, reliability };
}
