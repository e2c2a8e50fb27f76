/**
 * Fits the confidence calibration (Platt scaling: p = σ(a·logit(raw) + b)) for each tier on the decision
 * set's **tune** split, and writes src/triage/model/confidence.json. The holdout split is never read here;
 * eval.ts reports calibration (ECE) on it.   npx tsx scripts/triage/calibrate.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ZOrgChart } from '../../src/config/org-chart-schema.js';
import { uncalibrated, type TTier } from '../../src/triage/confidence.js';
import { evaluateDecisions, fastDecider, fullDecider, inProcessScorer } from './decision-eval.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const orgChart = ZOrgChart.parse(parse(readFileSync(path.join(root, 'config/org-chart.example.yaml'), 'utf8')));
const logit = (x: number): number => Math.log(x / (1 - x));

/** Logistic regression of correctness on logit(raw), by Newton's method (two parameters, converges in a few steps). */
export function fitPlatt(raw: readonly number[], right: readonly boolean[]): { a: number; b: number } {
  // Platt's smoothed targets keep a perfectly separated set from pushing the slope to infinity.
  const pos = right.filter(Boolean).length;
  const neg = right.length - pos;
  const t = right.map((r) => (r ? (pos + 1) / (pos + 2) : 1 / (neg + 2)));
  const x = raw.map((r) => logit(Math.min(0.995, Math.max(0.005, r))));
  let a = 1;
  let b = 0;
  for (let it = 0; it < 50; it++) {
    let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    x.forEach((xi, i) => {
      const p = 1 / (1 + Math.exp(-(a * xi + b)));
      const d = p - t[i]!;
      const w = p * (1 - p);
      ga += d * xi; gb += d; haa += w * xi * xi; hab += w * xi; hbb += w;
    });
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a: Math.round(a * 1e4) / 1e4, b: Math.round(b * 1e4) / 1e4 };
}

const out: Record<string, unknown> = {};
const scorer = inProcessScorer();
for (const [tier, decider] of [['fast', fastDecider(orgChart)], ['full', fullDecider(orgChart, scorer)]] as const) {
  const e = await evaluateDecisions(orgChart, 'tune', decider);
  const raw = e.rows.map((r) => uncalibrated(r.out.confidence, tier as TTier));
  const right = e.rows.map((r) => r.out.decision === r.row.gold.decision);
  out[tier] = fitPlatt(raw, right);
  console.log(tier, out[tier], `tune accuracy ${e.decision.accuracy.toFixed(3)}, ECE before ${e.ece.toFixed(3)}`);
}
out['meta'] = { fittedOn: 'decision set, tune split', method: 'Platt scaling on logit(raw strength)' };
writeFileSync(path.join(root, 'src/triage/model/confidence.json'), JSON.stringify(out) + '\n');
