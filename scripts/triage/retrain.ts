/**
 * Folding staff corrections into the heads, for `earshot train --with-corrections` (which only has to read
 * the corrections from the database and call this). Validates every row, trains a candidate on the dev
 * data plus the corrections' sentiment / complaint / offensive labels, and checks it against the current
 * heads twice: on the dev data's held-out split (no task may get worse) and on the organisation's own
 * corrected decisions, categories and teams (agreement with staff may not drop). The caller writes the
 * candidate only when `accepted`.
 */
import { z } from 'zod';
import { CATEGORIES, type TOrgChart } from '../../src/config/org-chart-schema.js';
import { PLATFORMS } from '../../src/mention.js';
import { loadEncoder } from '../../src/triage/encoder/index.js';
import { triage } from '../../src/triage/index.js';
import { combine, createHeadScorer, type THeadsFile } from '../../src/triage/tier2/index.js';
import { needsSecondTier } from '../../src/triage/tier2/combine.js';
import { DECISIONS } from '../../src/triage/types.js';
import { checkHeads, trainHeads, type TCorrectionRow, type THeadsCheck } from './heads-training.js';

export const ZCorrectionRow = z.object({
  id: z.string().min(1),
  text: z.string(),
  platform: z.enum(PLATFORMS).optional(),
  sentiment: z.enum(['negative', 'neutral', 'positive']).optional(),
  complaint: z.boolean().optional(),
  offensive: z.boolean().optional(),
  category: z.enum(CATEGORIES).optional(),
  decision: z.enum(DECISIONS).optional(),
  team: z.string().min(1).optional(),
});
export type TCorrection = z.infer<typeof ZCorrectionRow>;

export interface TAgreement {
  /** Corrections that name a decision, category or team. */
  n: number;
  /** Share of those labels the full path now gives as staff did. */
  agreement: number;
}

export interface TRetrainResult {
  candidate: THeadsFile;
  check: THeadsCheck;
  /** Agreement with staff on their corrected decisions/categories/teams, current heads vs candidate. */
  staff: { before: TAgreement; after: TAgreement };
  accepted: boolean;
}

export async function retrainWithCorrections(current: THeadsFile, rows: readonly unknown[], opts: { orgChart?: TOrgChart; log?: (m: string) => void } = {}): Promise<TRetrainResult> {
  const parsed: TCorrection[] = rows.map((r, i) => {
    const p = ZCorrectionRow.safeParse(r);
    if (!p.success) throw new Error(`correction ${i + 1}: ${p.error.issues.map((x) => `${x.path.join('.') || '(root)'}: ${x.message}`).join('; ')}`);
    return p.data;
  });
  const learnable: TCorrectionRow[] = parsed.filter((r) => r.sentiment !== undefined || r.complaint !== undefined || r.offensive !== undefined);
  const candidate = await trainHeads({ corrections: learnable, keep: current, ...(opts.log && { log: opts.log }) });
  const check = await checkHeads(current, candidate);
  const staff = opts.orgChart
    ? { before: await agreement(current, parsed, opts.orgChart), after: await agreement(candidate, parsed, opts.orgChart) }
    : { before: { n: 0, agreement: 1 }, after: { n: 0, agreement: 1 } };
  return { candidate, check, staff, accepted: check.accepted && staff.after.agreement >= staff.before.agreement };
}

/** How often the full path with `heads` gives the decision, category and team staff set (each label counts once). */
export async function agreement(heads: THeadsFile, corrections: readonly TCorrection[], orgChart: TOrgChart): Promise<TAgreement> {
  const judged = corrections.filter((c) => c.decision !== undefined || c.category !== undefined || c.team !== undefined);
  if (judged.length === 0) return { n: 0, agreement: 1 };
  const scorer = await createHeadScorer(await loadEncoder(), heads);
  const now = new Date(0);
  let labels = 0;
  let agreed = 0;
  for (const c of judged) {
    const mention = { platform: c.platform ?? 'generic', externalId: c.id, text: c.text, createdAt: now.toISOString(), author: { handle: 'correction' } } as const;
    const fast = triage(mention, { orgChart, now });
    const d = needsSecondTier(fast) ? combine(mention, fast, (await scorer.score([c.text]))[0]!, { orgChart }, heads) : fast;
    for (const [want, got] of [[c.decision, d.decision], [c.category, d.category], [c.team, d.team]] as const) {
      if (want === undefined) continue;
      labels++;
      if (want === got) agreed++;
    }
  }
  return { n: judged.length, agreement: agreed / labels };
}
