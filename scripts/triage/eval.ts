/**
 * Measures triage on data it was never tuned on and writes src/triage/model/EVAL.md:
 *   - the classifiers on the dev data's held-out test split, fast engine alone and full path (heads + fast);
 *   - decisions on the decision set, both splits (tune: rules, offsets and calibration were set on it;
 *     holdout: never read while tuning), with the holdout confusion matrix and calibration.
 *   npx tsx scripts/triage/eval.ts   (npm run eval:triage)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse } from 'yaml';
import { ZOrgChart } from '../../src/config/org-chart-schema.js';
import { HEADS } from '../../src/triage/tier2/heads.js';
import { DECISIONS } from '../../src/triage/types.js';
import { evaluateDecisions, fastDecider, fullDecider, inProcessScorer, type TDecisionEval } from './decision-eval.js';
import { evaluateAll, type TTaskEval } from './evaluate.js';
import { evaluateFull } from './evaluate-full.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const orgChart = ZOrgChart.parse(parse(readFileSync(path.join(root, 'config/org-chart.example.yaml'), 'utf8')));
const pct = (x: number): string => (x * 100).toFixed(1);

function table(results: TTaskEval[]): string {
  const lines = ['| task | held-out rows | accuracy | macro-F1 | macro-recall | target | per class (P/R/F1) |', '|---|---|---|---|---|---|---|'];
  for (const r of results) {
    const per = Object.entries(r.metrics.perClass).map(([c, m]) => `${c}: ${pct(m.precision)}/${pct(m.recall)}/${pct(m.f1)} (n=${m.support})`).join('; ');
    const target = r.target === undefined ? '–' : `${r.metric} ≥ ${pct(r.target)}${r.meets ? ' ✓' : ' ✗'}`;
    lines.push(`| ${r.name} | ${r.metrics.n} | ${pct(r.metrics.accuracy)} | ${pct(r.metrics.macroF1)} | ${pct(r.metrics.macroRecall)} | ${target} | ${per} |`);
  }
  return lines.join('\n');
}

function decisionRow(name: string, e: TDecisionEval): string {
  return `| ${name} | ${e.split} | ${e.n} | ${pct(e.decision.accuracy)} | ${pct(e.decision.macroF1)} | ${pct(e.category.accuracy)} | ${pct(e.team.accuracy)} | ${e.ece.toFixed(3)} |`;
}

function confusion(e: TDecisionEval): string {
  const short = (d: string) => d.replace('respond_then_offline', 'resp+offline');
  return [`| gold \\ predicted | ${DECISIONS.map(short).join(' | ')} |`, `|---|${DECISIONS.map(() => '---').join('|')}|`,
    ...DECISIONS.map((g) => `| ${short(g)} | ${DECISIONS.map((p) => e.confusion[g]![p]).join(' | ')} |`)].join('\n');
}

const reliability = (e: TDecisionEval): string => e.reliability.map((b) => `${b.bin}: n=${b.n}, conf ${pct(b.meanConfidence)}%, right ${pct(b.accuracy)}%`).join('; ');
const perPattern = (e: TDecisionEval): string => Object.entries(e.byPattern).sort().map(([k, v]) => `${k} ${v.right}/${v.n}`).join(', ');

const fastCls = evaluateAll();
const fullCls = await evaluateFull(HEADS);
const scorer = inProcessScorer();
const evals: [string, TDecisionEval][] = [];
for (const split of ['tune', 'holdout'] as const) {
  evals.push(['fast engine', await evaluateDecisions(orgChart, split, fastDecider(orgChart))]);
  evals.push(['full path', await evaluateDecisions(orgChart, split, fullDecider(orgChart, scorer))]);
}
const holdFast = evals.find(([n, e]) => n === 'fast engine' && e.split === 'holdout')![1];
const holdFull = evals.find(([n, e]) => n === 'full path' && e.split === 'holdout')![1];

const md = `# Triage evaluation

Regenerate with \`npm run eval:triage\` (after \`npx tsx scripts/triage/train.ts\`, \`train-heads.ts\`, \`calibrate.ts\`). Figures in %.

## Decisions (scripts/triage/decision-set, ${evals[0]![1].n + evals[2]![1].n} mentions; labels and split in its README)

Rules, cue lists, ensemble hints and the confidence calibration were developed on **tune**; **holdout** was never
read while tuning. Targets (holdout): decision accuracy ≥ 80, macro-F1 ≥ 75, team ≥ 90.

| path | split | rows | decision accuracy | decision macro-F1 | category accuracy | team accuracy | calibration (ECE) |
|---|---|---|---|---|---|---|---|
${evals.map(([n, e]) => decisionRow(n, e)).join('\n')}

Holdout confusion matrix, fast engine:

${confusion(holdFast)}

Holdout confusion matrix, full path:

${confusion(holdFull)}

Holdout reliability (full path): ${reliability(holdFull)}.

Holdout per pattern (full path): ${perPattern(holdFull)}.

## Classifiers (dev data's held-out **test** split: a seeded 20% of each source, 40% of TweetEval sentiment; never trained or tuned on)

Full path: sentence-encoder heads averaged with the fast models (weights, thresholds and offsets from
cross-validation on train+dev, sentiment offsets on TweetEval rows only, never on the SemEval pool).

${table(fullCls)}

Fast engine alone:

${table(fastCls)}
`;
console.log(md);
writeFileSync(path.resolve(root, 'src/triage/model/EVAL.md'), md);
