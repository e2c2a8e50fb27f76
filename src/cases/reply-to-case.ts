import type { Reply } from '../generated/prisma/client.js';
import { assertNotHeldByOther, runCaseAction, updateCase } from './case-action.js';
import type { TCaseDeps } from './case-deps.js';
import { queueReply } from './queue-reply.js';

export interface TReplyToCaseOptions {
  caseId: string;
  actorId: string;
  text: string;
  /** Where the text started from, for the audit trail: a saved reply, or an AI draft (and whether it was flagged). */
  origin?: { savedReplyId?: string; aiDraftId?: string; aiFlagged?: boolean };
}

/**
 * Answers the mention in-media. The reply is stored first and sent by the outbox, so a failed platform call
 * never loses the text. Replying to an unclaimed case claims it for the replier.
 */
export async function replyToCase(deps: TCaseDeps, opts: TReplyToCaseOptions): Promise<Reply> {
  return runCaseAction(deps, { caseId: opts.caseId, actorId: opts.actorId, permission: 'reply' }, async (ctx) => {
    assertNotHeldByOther(ctx);
    const reply = await queueReply(ctx, opts.text, 'public');
    if (!ctx.case.assignee) {
      await updateCase(ctx, { assignee: opts.actorId, claimedAt: ctx.now, status: ctx.case.status === 'new' ? 'claimed' : ctx.case.status });
    }
    const action = reply.status === 'pending_approval' ? 'reply_submitted' : 'reply_queued';
    return { event: { action, payload: { replyId: reply.id, text: reply.text, ...(opts.origin && { origin: opts.origin }) } }, result: reply };
  });
}
