/**
 * Trains the second tier's heads and writes src/triage/model/heads.json.
 *   npx tsx scripts/triage/train-heads.ts                          train from the dev data
 *   npx tsx scripts/triage/train-heads.ts offensive                that head only (the others kept from the file)
 *   npx tsx scripts/triage/train-heads.ts --corrections FILE.jsonl  also fold in staff corrections
 * With corrections the candidate replaces the current heads only if no task got worse on the held-out
 * split (exit 1 and the file untouched otherwise). Deterministic; vectors come from .cache/triage.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse } from 'yaml';
import { ZOrgChart } from '../../src/config/org-chart-schema.js';
import { HEADS } from '../../src/triage/tier2/heads.js';
import { retrainWithCorrections } from './retrain.js';
import { trainHeads, type TCorrectionRow } from './heads-training.js';
import type { TTask } from './data.js';
import { TASKS } from './tasks.js';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/triage/model/heads.json');
const at = process.argv.indexOf('--corrections');
const log = (m: string) => console.log(m);
if (at < 0) {
  const only = process.argv.slice(2).filter((a): a is TTask => TASKS.some((t) => t.task === a));
  const heads = await trainHeads({ log, ...(only.length && { keep: HEADS, tasks: only }) });
  writeFileSync(out, JSON.stringify(heads) + '\n');
  console.log(`wrote ${out}`);
} else {
  const file = process.argv[at + 1];
  if (!file) throw new Error('--corrections needs a JSON-lines file of { id, text, platform?, sentiment?, complaint?, offensive?, category?, decision?, team? }');
  const rows = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as TCorrectionRow);
  const orgChart = ZOrgChart.parse(parse(readFileSync(path.resolve(path.dirname(out), '../../../config/org-chart.example.yaml'), 'utf8')));
  const r = await retrainWithCorrections(HEADS, rows, { log, orgChart });
  console.log(JSON.stringify({ accepted: r.accepted, heldOut: { before: r.check.before, after: r.check.after, worse: r.check.worse }, staff: r.staff }));
  if (r.accepted) writeFileSync(out, JSON.stringify(r.candidate) + '\n');
  else process.exitCode = 1;
}
