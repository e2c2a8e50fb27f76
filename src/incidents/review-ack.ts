import type { TCaseDeps } from '../cases/case-deps.js';
import { memberName } from '../config/org-chart-queries.js';
import { AppError } from '../errors.js';
import type { IncidentAck } from '../generated/prisma/client.js';
import { runIncidentAction } from './incident-action.js';
import { refreshOwnCards, sendReplies } from './write-ack.js';

export interface TReviewAckOptions {
  ackId: string;
  actorId: string;
  verdict: 'approve' | 'reject';
  reason?: string;
}

/**
 * One approver's decision on a whole acknowledgement: approve sends every reply it holds, reject keeps them on record
 * as rejected and frees its authors for another acknowledgement. Someone else than its author must decide; of two
 * approvers racing, the first decision wins.
 */
export async function reviewAcknowledgement(deps: TCaseDeps, o: TReviewAckOptions): Promise<IncidentAck> {
  const found = await deps.db.incidentAck.findUnique({ where: { id: o.ackId } });
  if (!found) throw new AppError('NOT_FOUND', 'This acknowledgement no longer exists.');
  return runIncidentAction(deps, { incidentId: found.incidentId, actorId: o.actorId, permission: 'review', allowClosed: true }, async (ctx) => {
    if (found.actor === o.actorId) throw new AppError('FORBIDDEN', 'An acknowledgement needs a second pair of eyes: someone else must approve it.');
    const status = o.verdict === 'approve' ? 'approved' : 'rejected';
    const res = await ctx.tx.incidentAck.updateMany({ where: { id: found.id, status: 'pending_approval' }, data: { status, approvedBy: o.actorId, updatedAt: ctx.now } });
    if (res.count !== 1) {
      const now = await ctx.tx.incidentAck.findUniqueOrThrow({ where: { id: found.id } });
      throw new AppError('CONFLICT', `This acknowledgement was already ${now.status}${now.approvedBy ? ` by ${memberName(deps.orgChart, now.approvedBy)}` : ''}.`);
    }
    const targets = await ctx.tx.incidentAckTarget.findMany({ where: { ackId: found.id }, select: { replyId: true, caseId: true } });
    const replyIds = targets.map((t) => t.replyId);
    await ctx.tx.reply.updateMany({ where: { id: { in: replyIds }, status: 'pending_approval' }, data: { status: o.verdict === 'approve' ? 'queued' : 'rejected', approvedBy: o.actorId, updatedAt: ctx.now, ...(o.reason && { lastError: o.reason }) } });
    const action = o.verdict === 'approve' ? 'reply_approved' : 'reply_rejected';
    await ctx.tx.caseEvent.createMany({ data: targets.map((t) => ({ caseId: t.caseId, actor: o.actorId, action, at: ctx.now, payload: JSON.stringify({ replyId: t.replyId, author: found.actor, incidentAckId: found.id, ...(o.reason && { reason: o.reason }) }) })) });
    if (o.verdict === 'approve') {
      const cases = await ctx.tx.case.findMany({ where: { id: { in: targets.map((t) => t.caseId) } }, select: { id: true, platform: true } });
      const platformOf = new Map(cases.map((c) => [c.id, c.platform]));
      await sendReplies(ctx, targets.map((t) => ({ ...t, platform: platformOf.get(t.caseId)! })));
    } else {
      // Rejected replies were never sent: their authors may be acknowledged again.
      await ctx.tx.incidentAckTarget.deleteMany({ where: { ackId: found.id } });
    }
    await refreshOwnCards(ctx, targets.map((t) => t.caseId));
    return { event: { action: o.verdict === 'approve' ? 'acknowledgement_approved' : 'acknowledgement_rejected', payload: { ackId: found.id, author: found.actor, ...(o.reason && { reason: o.reason }) } }, result: await ctx.tx.incidentAck.findUniqueOrThrow({ where: { id: found.id } }) };
  });
}
