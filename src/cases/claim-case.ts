import { memberName } from '../config/org-chart-queries.js';
import { AppError } from '../errors.js';
import { runCaseAction, type TCase } from './case-action.js';
import type { TCaseDeps } from './case-deps.js';

export interface TClaimCaseOptions {
  caseId: string;
  actorId: string;
}

/**
 * Takes ownership of an unclaimed case. Of two simultaneous claims exactly one wins; the other gets
 * CONFLICT with `details.owner` naming the winner. Claiming a case you already hold is a no-op success.
 */
export async function claimCase(deps: TCaseDeps, opts: TClaimCaseOptions): Promise<TCase> {
  return runCaseAction(deps, { caseId: opts.caseId, actorId: opts.actorId, permission: 'act' }, async (ctx) => {
    if (ctx.case.assignee === opts.actorId) return { event: { action: 'claim_repeated' }, result: ctx.case };
    // The condition on `assignee: null` is the lock: the database lets only one writer flip it.
    const res = await ctx.tx.case.updateMany({
      where: { id: ctx.case.id, assignee: null },
      data: {
        assignee: opts.actorId,
        claimedAt: ctx.now,
        status: ctx.case.status === 'new' ? 'claimed' : ctx.case.status,
        updatedAt: ctx.now,
        version: { increment: 1 },
      },
    });
    if (res.count !== 1) {
      const now = await ctx.tx.case.findUnique({ where: { id: ctx.case.id }, select: { assignee: true, claimedAt: true } });
      const owner = now?.assignee ?? ctx.case.assignee;
      // Staff read a colleague's name; `person` lets a surface turn it into a mention.
      throw new AppError('CONFLICT', `Already claimed by ${owner ? memberName(deps.orgChart, owner) : 'someone else'}.`, {
        owner,
        claimedAt: now?.claimedAt?.toISOString(),
        ...(owner && { person: owner }),
      });
    }
    const updated = await ctx.tx.case.findUniqueOrThrow({ where: { id: ctx.case.id } });
    return { event: { action: 'claimed' }, result: updated };
  });
}
