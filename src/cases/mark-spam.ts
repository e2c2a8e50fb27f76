import { runCaseAction, updateCase, type TCase } from './case-action.js';
import type { TCaseDeps } from './case-deps.js';

export interface TMarkSpamOptions {
  caseId: string;
  actorId: string;
}

/** Staff overrule triage: the case is spam. Kept for the record (and for retraining), closed, never answered. */
export async function markSpam(deps: TCaseDeps, opts: TMarkSpamOptions): Promise<TCase> {
  return runCaseAction(deps, { caseId: opts.caseId, actorId: opts.actorId, permission: 'act' }, async (ctx) => {
    const updated = await updateCase(ctx, { status: 'ignored', category: 'spam', decision: 'ignore', slaDueAt: null, resolvedAt: ctx.now });
    return { event: { action: 'marked_spam', payload: { previousCategory: ctx.case.category } }, result: updated };
  });
}
