import { AppError } from '../errors.js';
import { runCaseAction, updateCase, type TCase } from './case-action.js';
import { isClosed, type TCaseDeps } from './case-deps.js';

export interface TReopenCaseOptions {
  caseId: string;
  actorId: string;
  reason?: string;
}

/**
 * Brings a resolved, spam-marked or monitored case back to work. First-response time keeps its original value,
 * so reopening never inflates response statistics.
 */
export async function reopenCase(deps: TCaseDeps, opts: TReopenCaseOptions): Promise<TCase> {
  return runCaseAction(deps, { caseId: opts.caseId, actorId: opts.actorId, permission: 'act', allowClosed: true }, async (ctx) => {
    if (!isClosed(ctx.case.status) && ctx.case.status !== 'monitoring') {
      throw new AppError('INVALID_STATE', `This case is already open (${ctx.case.status}).`);
    }
    const updated = await updateCase(ctx, {
      status: ctx.case.assignee ? 'claimed' : 'new',
      resolvedAt: null,
      reopenCount: { increment: 1 },
    });
    return { event: { action: 'reopened', payload: { from: ctx.case.status, reason: opts.reason ?? null } }, result: updated };
  });
}
