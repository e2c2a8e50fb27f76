/**
 * Measures the shipped models on the held-out test split (never trained or tuned on) and writes
 * src/triage/model/EVAL.md.   npx tsx scripts/triage/eval.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { evaluateAll, type TTaskEval } from './evaluate.js';

const pct = (x: number): string => (x * 100).toFixed(1);

function table(results: TTaskEval[]): string {
  const lines = [
    '| task | held-out rows | accuracy | macro-F1 | macro-recall | target | per class (P/R/F1) |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const per = Object.entries(r.metrics.perClass)
      .map(([c, m]) => `${c}: ${pct(m.precision)}/${pct(m.recall)}/${pct(m.f1)} (n=${m.support})`)
      .join('; ');
    const target = r.target === undefined ? '–' : `${r.metric} ≥ ${pct(r.target)}${r.meets ? ' ✓' : ' ✗'}`;
    lines.push(`| ${r.name} | ${r.metrics.n} | ${pct(r.metrics.accuracy)} | ${pct(r.metrics.macroF1)} | ${pct(r.metrics.macroRecall)} | ${target} | ${per} |`);
  }
  return lines.join('\n');
}

const results = evaluateAll();
const md = `# Triage model evaluation

Held-out **test** split: rows whose seeded hash of externalId falls in the top 20% (see
\`scripts/triage/data.ts\`); never used for training, hyper-parameters or thresholds. Figures in %.
Regenerate with \`npx tsx scripts/triage/eval.ts\` after \`npx tsx scripts/triage/train.ts\`.

${table(results)}
`;
console.log(md);
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/triage/model/EVAL.md');
writeFileSync(out, md);
