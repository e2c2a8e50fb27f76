import { findTeam } from '../config/org-chart-queries.js';
import { AppError } from '../errors.js';
import { enqueue } from '../outbox/enqueue.js';
import { runCaseAction, updateCase, type TCase } from './case-action.js';
import type { TCaseDeps } from './case-deps.js';

export interface TReassignCaseOptions {
  caseId: string;
  actorId: string;
  team: string;
  reason?: string;
}

/**
 * Moves a case to another team: the owner is cleared and the new team gets a card of its own. The SLA due time
 * stays: the customer's wait does not restart because we moved the case internally.
 */
export async function reassignCase(deps: TCaseDeps, opts: TReassignCaseOptions): Promise<TCase> {
  return runCaseAction(deps, { caseId: opts.caseId, actorId: opts.actorId, permission: 'act' }, async (ctx) => {
    if (!findTeam(deps.orgChart, opts.team)) {
      throw new AppError('VALIDATION', `There is no team "${opts.team}". Teams: ${deps.orgChart.teams.map((t) => t.id).join(', ')}.`);
    }
    if (opts.team === ctx.case.team) throw new AppError('INVALID_STATE', `The case already belongs to ${opts.team}.`);
    const updated = await updateCase(ctx, {
      team: opts.team,
      assignee: null,
      claimedAt: null,
      status: ctx.case.status === 'claimed' ? 'new' : ctx.case.status,
    });
    await enqueue(
      ctx.tx,
      { kind: 'card.post', caseId: ctx.case.id, team: opts.team },
      { destination: `team:${opts.team}`, idempotencyKey: `card.post:${ctx.case.id}:${opts.team}:v${updated.version}`, now: ctx.now },
    );
    return { event: { action: 'reassigned', payload: { from: ctx.case.team, to: opts.team, reason: opts.reason ?? null } }, result: updated };
  });
}
