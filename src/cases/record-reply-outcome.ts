import { noteAckReplyOutcome } from '../incidents/ack-progress.js';
import { enqueue } from '../outbox/enqueue.js';
import type { TTx } from '../store/client.js';

export type TReplyOutcome =
  | { ok: true; platformReplyId: string; url?: string | null }
  | { ok: false; error: string; final: boolean };

/**
 * What the platform said about a reply, written back to the Reply, the case and the audit trail; runs in the
 * dispatcher's transaction. A final failure keeps the text and tells the staff member in the card's thread.
 */
export async function recordReplyOutcome(tx: TTx, replyId: string, outcome: TReplyOutcome, now: Date): Promise<void> {
  const reply = await tx.reply.findUniqueOrThrow({ where: { id: replyId } });
  if (outcome.ok) {
    await tx.reply.update({
      where: { id: replyId },
      data: { status: 'sent', platformReplyId: outcome.platformReplyId, url: outcome.url ?? null, sentAt: now, updatedAt: now, attempts: { increment: 1 }, lastError: null },
    });
    // First response = the first public answer the customer could see, not an internal note or a DM.
    if (reply.visibility === 'public') {
      await tx.case.updateMany({ where: { id: reply.caseId, firstResponseAt: null }, data: { firstResponseAt: now } });
    }
  } else {
    await tx.reply.update({
      where: { id: replyId },
      data: { attempts: { increment: 1 }, lastError: outcome.error, updatedAt: now, ...(outcome.final && { status: 'failed' }) },
    });
    if (!outcome.final) return;
  }
  await noteAckReplyOutcome(tx, replyId, now);
  await tx.case.update({ where: { id: reply.caseId }, data: { updatedAt: now, version: { increment: 1 } } });
  const ev = await tx.caseEvent.create({
    data: {
      caseId: reply.caseId,
      actor: 'earshot',
      action: outcome.ok ? 'reply_sent' : 'reply_failed',
      at: now,
      payload: JSON.stringify(
        outcome.ok
          ? { replyId, author: reply.author, platformReplyId: outcome.platformReplyId, url: outcome.url ?? null }
          : { replyId, author: reply.author, error: outcome.error, text: reply.text },
      ),
    },
  });
  // An incident member without a card of its own has nothing to refresh (its incident card shows the outcome): a bulk
  // acknowledgement would otherwise queue three no-op deliveries per reply ahead of the next reply.
  const shown = await tx.case.findUniqueOrThrow({ where: { id: reply.caseId }, select: { incidentId: true, _count: { select: { chatMessages: { where: { kind: 'card' } } } } } });
  if (!shown.incidentId || shown._count.chatMessages > 0) {
    await enqueue(tx, { kind: 'card.update', caseId: reply.caseId, eventId: ev.id, staff: true }, { destination: `case:${reply.caseId}`, idempotencyKey: `card.update:${ev.id}`, now });
  }
}
