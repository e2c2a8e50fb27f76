import { randomUUID } from 'node:crypto';
import { authorise } from '../cases/authorise.js';
import type { TOrgChart } from '../config/org-chart-schema.js';
import { AppError } from '../errors.js';
import type { IncidentAck } from '../generated/prisma/client.js';
import { enqueue } from '../outbox/enqueue.js';
import { isUniqueViolation } from '../store/unique-violation.js';
import { personKey, type TAckAudience, type TAckMember } from './ack-audience.js';
import type { TAckKind } from './ack-members.js';
import type { TIncidentContext } from './incident-action.js';

export interface TAckWrite {
  kind: TAckKind;
  template: string;
  savedReplyId?: string;
  audience: TAckAudience;
  targets: TAckMember[];
  texts: string[];
  skipped: number;
}

/**
 * Stores an acknowledgement in the incident action's transaction, as a single-case reply is stored: each member gets
 * its own Reply (the filled text, durable before anything is sent) and a reply_queued / reply_submitted audit row in
 * the replier's name, and an unclaimed member is claimed by them. Without approval every reply goes to its platform's
 * outbox bucket (the connector's declared pace, shared across processes); with approval nothing is sent until one
 * approver approves the whole acknowledgement (review-ack.ts).
 */
export async function writeAck(ctx: TIncidentContext, chart: TOrgChart, w: TAckWrite): Promise<IncidentAck> {
  for (const team of new Set(w.targets.map((t) => t.team))) authorise(chart, ctx.actor.member.id, team, 'reply');
  const actorId = ctx.actor.member.id;
  const needsApproval = ctx.actor.member.needsApproval;
  const { tx, now } = ctx;
  const ack = await tx.incidentAck.create({
    data: { incidentId: ctx.incident.id, kind: w.kind, text: w.template, savedReplyId: w.savedReplyId ?? null, audience: JSON.stringify(w.audience), actor: actorId, status: needsApproval ? 'pending_approval' : 'approved', targets: w.targets.length, skipped: w.skipped, createdAt: now, updatedAt: now },
  });
  const replies = w.targets.map((t, i) => ({ id: randomUUID(), caseId: t.caseId, visibility: 'public', text: w.texts[i]!, author: actorId, status: needsApproval ? 'pending_approval' : 'queued', createdAt: now, updatedAt: now }));
  await tx.reply.createMany({ data: replies });
  try {
    await tx.incidentAckTarget.createMany({ data: w.targets.map((t, i) => ({ ackId: ack.id, incidentId: ctx.incident.id, kind: w.kind, personKey: personKey(t.author), caseId: t.caseId, replyId: replies[i]!.id, createdAt: now })) });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', 'Someone else acknowledged some of these authors at the same moment; open the composer again to see who is left.');
    throw err;
  }
  const origin = { incidentAckId: ack.id, ...(w.savedReplyId && { savedReplyId: w.savedReplyId }) };
  const action = needsApproval ? 'reply_submitted' : 'reply_queued';
  await tx.caseEvent.createMany({ data: replies.map((r) => ({ caseId: r.caseId, actor: actorId, action, at: now, payload: JSON.stringify({ replyId: r.id, text: r.text, origin }) })) });
  const ids = w.targets.map((t) => t.caseId);
  // Replying claims an unclaimed case for the replier, as it does one at a time.
  await tx.case.updateMany({ where: { id: { in: ids }, assignee: null, status: 'new' }, data: { assignee: actorId, claimedAt: now, status: 'claimed', updatedAt: now, version: { increment: 1 } } });
  await tx.case.updateMany({ where: { id: { in: ids }, assignee: null }, data: { assignee: actorId, claimedAt: now, updatedAt: now, version: { increment: 1 } } });
  if (!needsApproval) await sendReplies(ctx, replies.map((r, i) => ({ replyId: r.id, caseId: r.caseId, platform: w.targets[i]!.platform })));
  await refreshOwnCards(ctx, ids);
  return ack;
}

/** Queues each reply on its platform's bucket; `attempt` gives a retried reply a fresh outbox item. */
export async function sendReplies(ctx: Pick<TIncidentContext, 'tx' | 'now'>, rows: { replyId: string; caseId: string; platform: string }[], attempt = 0): Promise<void> {
  for (const r of rows) {
    const key = attempt ? `platform.reply:${r.replyId}:retry:${attempt}` : `platform.reply:${r.replyId}`;
    await enqueue(ctx.tx, { kind: 'platform.reply', caseId: r.caseId, replyId: r.replyId }, { destination: `platform:${r.platform}`, idempotencyKey: key, now: ctx.now });
  }
}

/** Members that still have a card of their own show the reply there; the rest are shown by the incident card. */
export async function refreshOwnCards(ctx: Pick<TIncidentContext, 'tx' | 'now'>, caseIds: string[]): Promise<void> {
  const carded = await ctx.tx.chatMessage.findMany({ where: { caseId: { in: caseIds }, kind: 'card' }, select: { caseId: true }, distinct: ['caseId'] });
  for (const { caseId } of carded) {
    const ev = await ctx.tx.caseEvent.findFirst({ where: { caseId }, orderBy: { at: 'desc' }, select: { id: true } });
    if (ev) await enqueue(ctx.tx, { kind: 'card.update', caseId, eventId: ev.id }, { destination: `case:${caseId}`, idempotencyKey: `card.update:${ev.id}`, now: ctx.now });
  }
}
