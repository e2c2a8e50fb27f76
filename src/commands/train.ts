/**
 * `earshot train --with-corrections`: folds the organisation's own triage corrections (the `triage_corrected` audit
 * events) into the second tier's heads with scripts/triage/retrain.ts — deterministic, and refused when the candidate
 * is worse on the dev data's held-out split or agrees less with staff's own corrections. The candidate is written to
 * an output directory of its own (default ./data/triage-model), never over the committed models.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadTriageCorrections } from '../cases/triage-corrections.js';
import type { TOrgChart } from '../config/org-chart-schema.js';
import { PACKAGE_ROOT } from '../store/paths.js';
import type { TDb } from '../store/client.js';
import { HEADS, type THeadsFile } from '../triage/tier2/index.js';

export const DEFAULT_TRAIN_OUT = 'data/triage-model';
/**
 * The committed models: a retrain never writes here (scripts/triage/train-heads.ts is how they change). Only compared
 * with, never read, so the image need not carry it.
 */
export const COMMITTED_MODEL_DIR = path.resolve(PACKAGE_ROOT, 'src', 'triage', 'model');
// Training is part of the repository, not the runtime build: it needs scripts/ and the dev data beside it.
const RETRAIN = new URL('../../scripts/triage/retrain.ts', import.meta.url);

/** What this command uses of scripts/triage/retrain.ts (typed here: the build's rootDir is src). */
interface TRetrainModule {
  retrainWithCorrections(current: THeadsFile, rows: readonly unknown[], opts: { orgChart?: TOrgChart; log?: (m: string) => void }): Promise<{
    candidate: THeadsFile;
    check: { accepted: boolean; before: Record<string, number>; after: Record<string, number>; worse: string[] };
    staff: { before: { n: number; agreement: number }; after: { n: number; agreement: number } };
    accepted: boolean;
  }>;
}

export interface TRunTrainOptions {
  db: TDb;
  orgChart: TOrgChart;
  /** Where the candidate and its report go (resolved against the working directory). */
  outDir: string;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Exit 0: accepted and written; 1: nothing to learn from, or refused (report written, heads not); 2: bad output dir. */
export async function runTrainCommand(o: TRunTrainOptions): Promise<number> {
  const outDir = path.resolve(o.outDir);
  if (path.relative(COMMITTED_MODEL_DIR, outDir) === '' || !path.relative(COMMITTED_MODEL_DIR, outDir).startsWith('..')) {
    o.err(`earshot: --out ${o.outDir} is the committed model directory; choose another (default ${DEFAULT_TRAIN_OUT})`);
    return 2;
  }
  const corrections = await loadTriageCorrections(o.db);
  if (corrections.length === 0) {
    o.err('earshot: no triage corrections recorded yet (staff make them with "Correct triage…" on a card); nothing to train on');
    return 1;
  }
  o.out(`${corrections.length} corrected case(s) found`);
  let retrain: TRetrainModule;
  try {
    retrain = (await import(RETRAIN.href)) as TRetrainModule;
  } catch (err) {
    o.err(`earshot: training runs from a clone of the repository with its dev data (npm run -s earshot -- train --with-corrections): ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  const r = await retrain.retrainWithCorrections(HEADS, corrections, { orgChart: o.orgChart, log: o.out });
  mkdirSync(outDir, { recursive: true });
  const report = { accepted: r.accepted, corrections: corrections.length, heldOut: { before: r.check.before, after: r.check.after, worse: r.check.worse }, staff: r.staff };
  writeFileSync(path.join(outDir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  o.out(JSON.stringify(report));
  if (!r.accepted) {
    o.err(`earshot: candidate refused (${r.check.worse.length ? `worse on held-out ${r.check.worse.join(', ')}` : 'agrees less with staff corrections'}); current heads kept, report in ${path.join(outDir, 'report.json')}`);
    return 1;
  }
  writeFileSync(path.join(outDir, 'heads.json'), JSON.stringify(r.candidate) + '\n');
  o.out(`wrote ${path.join(outDir, 'heads.json')}`);
  return 0;
}
