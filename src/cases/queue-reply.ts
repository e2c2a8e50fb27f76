import type { Reply } from '../generated/prisma/client.js';
import { textLimitProblem } from '../connectors/text-limits.js';
import { AppError } from '../errors.js';
import type { TPlatform } from '../mention.js';
import { enqueue } from '../outbox/enqueue.js';
import type { TActionContext } from './case-action.js';

export type TReplyVisibility = 'public' | 'private';

/**
 * Creates a Reply and decides its path: members flagged `needsApproval` wait for an approver; everyone else's
 * reply goes straight to the outbox. Shared by Reply and Move offline (whose public acknowledgement is a reply).
 */
export async function queueReply(ctx: TActionContext, text: string, visibility: TReplyVisibility): Promise<Reply> {
  const body = text.trim();
  if (!body) throw new AppError('VALIDATION', 'A reply cannot be empty.');
  const problem = textLimitProblem(ctx.case.platform as TPlatform, body);
  if (problem) throw new AppError('TEXT_TOO_LONG', problem);
  const needsApproval = ctx.actor.member.needsApproval;
  const reply = await ctx.tx.reply.create({
    data: {
      caseId: ctx.case.id,
      visibility,
      text: body,
      author: ctx.actor.member.id,
      status: needsApproval ? 'pending_approval' : 'queued',
      createdAt: ctx.now,
      updatedAt: ctx.now,
    },
  });
  if (needsApproval) {
    await enqueue(
      ctx.tx,
      { kind: 'approval.request', caseId: ctx.case.id, replyId: reply.id, team: ctx.case.team },
      { destination: `team:${ctx.case.team}`, idempotencyKey: `approval.request:${reply.id}`, now: ctx.now },
    );
  } else {
    await enqueueSend(ctx, reply.id);
  }
  return reply;
}

export async function enqueueSend(ctx: Pick<TActionContext, 'tx' | 'case' | 'now'>, replyId: string): Promise<void> {
  await enqueue(
    ctx.tx,
    { kind: 'platform.reply', caseId: ctx.case.id, replyId },
    // One bucket per platform: the platforms rate-limit per account, not per conversation.
    { destination: `platform:${ctx.case.platform}`, idempotencyKey: `platform.reply:${replyId}`, now: ctx.now },
  );
}
