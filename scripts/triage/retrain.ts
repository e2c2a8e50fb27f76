/**
 * Folding staff corrections into the heads, for `earshot train --with-corrections` (which only has to read
 * the corrections from the database and call this). Validates every row, trains a candidate on the dev
 * data plus the corrections, and checks it against the current heads on the held-out split: the caller
 * writes the candidate only when `check.accepted`.
 */
import { z } from 'zod';
import type { THeadsFile } from '../../src/triage/tier2/heads.js';
import { checkHeads, trainHeads, type TCorrectionRow, type THeadsCheck } from './heads-training.js';

export const ZCorrectionRow = z.object({
  id: z.string().min(1),
  text: z.string(),
  sentiment: z.enum(['negative', 'neutral', 'positive']).optional(),
  complaint: z.boolean().optional(),
  offensive: z.boolean().optional(),
});

export interface TRetrainResult {
  candidate: THeadsFile;
  check: THeadsCheck;
  /** Rows that carried no label the heads learn (category, decision, team corrections: measured, not trained). */
  unused: number;
}

export async function retrainWithCorrections(current: THeadsFile, rows: readonly unknown[], opts: { log?: (m: string) => void } = {}): Promise<TRetrainResult> {
  const parsed: TCorrectionRow[] = rows.map((r, i) => {
    const p = ZCorrectionRow.safeParse(r);
    if (!p.success) throw new Error(`correction ${i + 1}: ${p.error.issues.map((x) => `${x.path.join('.') || '(root)'}: ${x.message}`).join('; ')}`);
    return p.data as TCorrectionRow;
  });
  const usable = parsed.filter((r) => r.sentiment !== undefined || r.complaint !== undefined || r.offensive !== undefined);
  const candidate = await trainHeads(usable, opts.log);
  const check = await checkHeads(current, candidate);
  return { candidate, check, unused: parsed.length - usable.length };
}
