import { AppError } from '../errors.js';
import { enqueue } from '../outbox/enqueue.js';
import { runCaseAction, updateCase, type TCase } from './case-action.js';
import type { TCaseDeps } from './case-deps.js';
import { raisePriority } from './priority-order.js';

export interface TEscalateCaseOptions {
  caseId: string;
  actorId: string;
  reason: string;
}

/** Flags the case for the team's managers and raises its priority one step (P1 stays P1). */
export async function escalateCase(deps: TCaseDeps, opts: TEscalateCaseOptions): Promise<TCase> {
  return runCaseAction(deps, { caseId: opts.caseId, actorId: opts.actorId, permission: 'act' }, async (ctx) => {
    const reason = opts.reason.trim();
    if (!reason) throw new AppError('VALIDATION', 'Say why the case needs escalating; managers see the reason.');
    const priority = raisePriority(ctx.case.priority);
    const updated = await updateCase(ctx, { escalated: true, priority });
    await enqueue(
      ctx.tx,
      { kind: 'escalation.notify', caseId: ctx.case.id, team: ctx.case.team, reason },
      { destination: `team:${ctx.case.team}`, idempotencyKey: `escalation.notify:${ctx.case.id}:v${updated.version}`, now: ctx.now },
    );
    return { event: { action: 'escalated', payload: { reason, priorityFrom: ctx.case.priority, priorityTo: priority } }, result: updated };
  });
}
