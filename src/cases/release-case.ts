import { AppError } from '../errors.js';
import { runCaseAction, updateCase, type TCase } from './case-action.js';
import type { TCaseDeps } from './case-deps.js';

export interface TReleaseCaseOptions {
  caseId: string;
  actorId: string;
}

/** Hands a claimed case back to the team queue. Only its owner or an approver may do so. */
export async function releaseCase(deps: TCaseDeps, opts: TReleaseCaseOptions): Promise<TCase> {
  return runCaseAction(deps, { caseId: opts.caseId, actorId: opts.actorId, permission: 'act' }, async (ctx) => {
    const owner = ctx.case.assignee;
    if (!owner) throw new AppError('INVALID_STATE', 'Nobody has claimed this case.');
    if (owner !== opts.actorId && ctx.actor.role !== 'approver') {
      throw new AppError('FORBIDDEN', `Only ${owner} or an approver can release this case.`, { owner });
    }
    const updated = await updateCase(ctx, { assignee: null, claimedAt: null, status: ctx.case.status === 'claimed' ? 'new' : ctx.case.status });
    return { event: { action: 'released', payload: { previousOwner: owner } }, result: updated };
  });
}
