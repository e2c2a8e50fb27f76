import { z } from 'zod';
import { findTeam } from '../config/org-chart-queries.js';
import { ZCategory, ZSentiment } from '../config/org-chart-schema.js';
import { AppError } from '../errors.js';
import { enqueue } from '../outbox/enqueue.js';
import { DECISIONS } from '../triage/types.js';
import { runCaseAction, updateCase, type TCase } from './case-action.js';
import type { TCaseDeps } from './case-deps.js';

/** What staff can say triage should have read: every field at once, as the dialog submits it. */
export const ZTriageCorrection = z.object({
  sentiment: ZSentiment,
  complaint: z.boolean(),
  category: ZCategory,
  decision: z.enum(DECISIONS),
  team: z.string().min(1),
});
export type TTriageCorrection = z.infer<typeof ZTriageCorrection>;

/** The audit action; stats (agreement) and `earshot train --with-corrections` read these events. */
export const TRIAGE_CORRECTED = 'triage_corrected';
export const CORRECTABLE = ['sentiment', 'complaint', 'category', 'decision', 'team'] as const;

export interface TCorrectTriageOptions {
  caseId: string;
  actorId: string;
  correction: TTriageCorrection;
}

/**
 * Records what triage should have said about a case, in the actor's name: the case shows the corrected fields, the
 * audit event keeps both readings (what was corrected, from what, by whom and when) for agreement figures and
 * retraining. A new team works as Reassign does: the owner is cleared and that team's channel gets the card. The case's
 * status is left alone — correcting the record is not an action on the customer (Mark spam, Monitor only are).
 * Allowed on closed cases too: a resolved case's triage can still have been wrong.
 */
export async function correctTriage(deps: TCaseDeps, opts: TCorrectTriageOptions): Promise<TCase> {
  const parsed = ZTriageCorrection.safeParse(opts.correction);
  if (!parsed.success) throw new AppError('VALIDATION', `Not a triage correction: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`);
  const want = parsed.data;
  return runCaseAction(deps, { caseId: opts.caseId, actorId: opts.actorId, permission: 'act', allowClosed: true }, async (ctx) => {
    if (!findTeam(deps.orgChart, want.team)) {
      throw new AppError('VALIDATION', `There is no team "${want.team}". Teams: ${deps.orgChart.teams.map((t) => t.id).join(', ')}.`);
    }
    const c = ctx.case;
    const changed = Object.fromEntries(CORRECTABLE.filter((f) => c[f] !== want[f]).map((f) => [f, { from: c[f], to: want[f] }]));
    if (Object.keys(changed).length === 0) throw new AppError('INVALID_STATE', 'That is what triage already says: nothing to correct.');
    const moved = want.team !== c.team;
    const updated = await updateCase(ctx, {
      sentiment: want.sentiment,
      complaint: want.complaint,
      category: want.category,
      decision: want.decision,
      team: want.team,
      ...(moved && { assignee: null, claimedAt: null, status: c.status === 'claimed' ? 'new' : c.status }),
    });
    if (moved) {
      await enqueue(
        ctx.tx,
        { kind: 'card.post', caseId: c.id, team: want.team },
        { destination: `team:${want.team}`, idempotencyKey: `card.post:${c.id}:${want.team}:v${updated.version}`, now: ctx.now },
      );
    }
    return { event: { action: TRIAGE_CORRECTED, payload: { changed, triage: Object.fromEntries(CORRECTABLE.map((f) => [f, c[f]])) } }, result: updated };
  });
}
