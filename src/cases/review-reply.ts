import type { Reply } from '../generated/prisma/client.js';
import { memberName } from '../config/org-chart-queries.js';
import { textLimitProblem } from '../connectors/text-limits.js';
import { AppError } from '../errors.js';
import type { TPlatform } from '../mention.js';
import { runCaseAction } from './case-action.js';
import type { TCaseDeps } from './case-deps.js';
import { enqueueSend } from './queue-reply.js';

export type TReviewVerdict =
  | { verdict: 'approve' }
  | { verdict: 'edit'; text: string }
  | { verdict: 'reject'; reason?: string };

export interface TReviewReplyOptions {
  replyId: string;
  actorId: string;
  review: TReviewVerdict;
}

/**
 * An approver's decision on a reply waiting for approval. Approve and edit send it (edit with the approver's
 * text); reject keeps the text on record and tells the author why. Two approvers racing: the first decision wins.
 */
export async function reviewReply(deps: TCaseDeps, opts: TReviewReplyOptions): Promise<Reply> {
  const reply = await deps.db.reply.findUnique({ where: { id: opts.replyId }, select: { caseId: true } });
  if (!reply) throw new AppError('NOT_FOUND', `Reply ${opts.replyId} does not exist.`);
  return runCaseAction(deps, { caseId: reply.caseId, actorId: opts.actorId, permission: 'review' }, async (ctx) => {
    const current = await ctx.tx.reply.findUniqueOrThrow({ where: { id: opts.replyId } });
    if (current.author === opts.actorId) throw new AppError('FORBIDDEN', 'A reply needs a second pair of eyes: someone else must review it.');
    if (current.status !== 'pending_approval') {
      throw new AppError('CONFLICT', `This reply was already ${current.status === 'rejected' ? 'rejected' : 'approved'}${current.approvedBy ? ` by ${memberName(deps.orgChart, current.approvedBy)}` : ''}.`, {
        status: current.status,
        reviewer: current.approvedBy,
        ...(current.approvedBy && { person: current.approvedBy }),
      });
    }
    const r = opts.review;
    let text = current.text;
    if (r.verdict === 'edit') {
      text = r.text.trim();
      if (!text) throw new AppError('VALIDATION', 'An edited reply cannot be empty.');
      const problem = textLimitProblem(ctx.case.platform as TPlatform, text);
      if (problem) throw new AppError('TEXT_TOO_LONG', problem);
    }
    const status = r.verdict === 'reject' ? 'rejected' : 'queued';
    const res = await ctx.tx.reply.updateMany({
      where: { id: current.id, status: 'pending_approval' },
      data: { status, text, approvedBy: opts.actorId, updatedAt: ctx.now, ...(r.verdict === 'reject' && { lastError: r.reason ?? null }) },
    });
    if (res.count !== 1) throw new AppError('CONFLICT', 'Another approver decided on this reply at the same moment.');
    if (status === 'queued') await enqueueSend(ctx, current.id);
    const action = r.verdict === 'approve' ? 'reply_approved' : r.verdict === 'edit' ? 'reply_edited_and_approved' : 'reply_rejected';
    const payload: Record<string, unknown> = { replyId: current.id, author: current.author };
    if (r.verdict === 'edit') Object.assign(payload, { before: current.text, after: text });
    if (r.verdict === 'reject') payload.reason = r.reason ?? null;
    return { event: { action, payload }, result: await ctx.tx.reply.findUniqueOrThrow({ where: { id: current.id } }) };
  });
}
