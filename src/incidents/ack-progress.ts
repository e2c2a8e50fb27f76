import { enqueue } from '../outbox/enqueue.js';
import type { TTx } from '../store/client.js';

/**
 * A reply of an acknowledgement settled (sent, or finally failed): the incident card's sent / queued / failed counts
 * change, so it is refreshed — coalesced, so 600 outcomes make a few updates, not 600. When the last reply of an
 * acknowledgement settles with failures, the incident's history says so and the person who started it is told in the
 * incident card's thread (incident.notice), beside the card's "Retry N failed". Cheap when nothing failed: the
 * acknowledgement's other replies are only counted once one of them has failed.
 */
export async function noteAckReplyOutcome(tx: TTx, replyId: string, now: Date): Promise<void> {
  const target = await tx.incidentAckTarget.findFirst({ where: { replyId }, select: { ackId: true, incidentId: true, ack: { select: { actor: true } } } });
  if (!target) return;
  const anyFailed = await tx.incidentAckTarget.findFirst({ where: { ackId: target.ackId, reply: { status: 'failed' } }, select: { id: true } });
  if (anyFailed && (await tx.incidentAckTarget.count({ where: { ackId: target.ackId, reply: { status: { in: ['queued', 'pending_approval'] } } } })) === 0) {
    const failed = await tx.incidentAckTarget.count({ where: { ackId: target.ackId, reply: { status: 'failed' } } });
    const ev = await tx.incidentEvent.create({ data: { incidentId: target.incidentId, actor: 'earshot', action: 'acknowledgement_failed', at: now, payload: JSON.stringify({ ackId: target.ackId, failed, startedBy: target.ack.actor }) } });
    const { team } = await tx.incident.findUniqueOrThrow({ where: { id: target.incidentId }, select: { team: true } });
    await enqueue(tx, { kind: 'incident.notice', incidentId: target.incidentId, team, eventId: ev.id }, { destination: `team:${team}`, idempotencyKey: `incident.notice:${ev.id}`, now });
  }
  // One refresh waits at a time: it renders the latest counts when it goes.
  await enqueue(tx, { kind: 'incident.update', incidentId: target.incidentId }, { destination: `incident:${target.incidentId}`, idempotencyKey: `incident.update:reply:${replyId}:${now.getTime()}`, now, coalesce: { key: `ack-progress:${target.incidentId}`, minIntervalMs: 0 } });
}
