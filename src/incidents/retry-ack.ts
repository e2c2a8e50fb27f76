import type { TCaseDeps } from '../cases/case-deps.js';
import { AppError } from '../errors.js';
import { runIncidentAction } from './incident-action.js';
import { sendReplies } from './write-ack.js';

/**
 * "Retry N failed" on the incident card: every acknowledgement reply of the incident that finally failed goes back to
 * its platform's queue with the same text (a reply the platform did take is never sent again: platform-reply.ts).
 */
export function retryFailedAcks(deps: TCaseDeps, o: { incidentId: string; actorId: string }): Promise<{ retried: number }> {
  return runIncidentAction(deps, { ...o, permission: 'reply', allowClosed: true }, async (ctx) => {
    const targets = await ctx.tx.incidentAckTarget.findMany({ where: { incidentId: ctx.incident.id }, select: { replyId: true, caseId: true } });
    const failed = await ctx.tx.reply.findMany({ where: { id: { in: targets.map((t) => t.replyId) }, status: 'failed' }, select: { id: true, caseId: true, attempts: true, case: { select: { platform: true } } } });
    if (!failed.length) throw new AppError('CONFLICT', 'No acknowledgement replies have failed; nothing to retry.');
    await ctx.tx.reply.updateMany({ where: { id: { in: failed.map((r) => r.id) }, status: 'failed' }, data: { status: 'queued', updatedAt: ctx.now } });
    await ctx.tx.caseEvent.createMany({ data: failed.map((r) => ({ caseId: r.caseId, actor: ctx.actor.member.id, action: 'reply_retried', at: ctx.now, payload: JSON.stringify({ replyId: r.id }) })) });
    // A fresh outbox item per retry: the failed one is settled and keeps its history.
    for (const r of failed) await sendReplies(ctx, [{ replyId: r.id, caseId: r.caseId, platform: r.case.platform }], r.attempts + 1);
    return { event: { action: 'acknowledgement_retried', payload: { replies: failed.length } }, result: { retried: failed.length } };
  });
}
