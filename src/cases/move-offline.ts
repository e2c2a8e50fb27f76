import { z } from 'zod';
import { AppError } from '../errors.js';
import { assertNotHeldByOther, runCaseAction, updateCase, type TCase } from './case-action.js';
import type { TCaseDeps } from './case-deps.js';
import { queueReply } from './queue-reply.js';

export const ZOfflineChannel = z.enum(['dm', 'email', 'phone']);
export type TOfflineChannel = z.infer<typeof ZOfflineChannel>;

export interface TMoveOfflineOptions {
  caseId: string;
  actorId: string;
  channel: TOfflineChannel;
  /** Posted publicly in the same medium, so onlookers see the brand answered. */
  acknowledgement?: string;
  followUpDueAt: Date;
  note?: string;
}

/**
 * "Respond publicly, then take it offline": an optional public acknowledgement (a normal reply, approval rules
 * included), the private channel chosen, and a follow-up due date that reminders and digests track.
 */
export async function moveOffline(deps: TCaseDeps, opts: TMoveOfflineOptions): Promise<TCase> {
  return runCaseAction(deps, { caseId: opts.caseId, actorId: opts.actorId, permission: 'reply' }, async (ctx) => {
    assertNotHeldByOther(ctx);
    if (opts.followUpDueAt <= ctx.now) throw new AppError('VALIDATION', 'The follow-up due time must be in the future.');
    const ack = opts.acknowledgement?.trim() ? await queueReply(ctx, opts.acknowledgement, 'public') : null;
    const updated = await updateCase(ctx, {
      status: 'offline',
      offlineChannel: opts.channel,
      followUpDueAt: opts.followUpDueAt,
      assignee: ctx.case.assignee ?? opts.actorId,
      claimedAt: ctx.case.claimedAt ?? ctx.now,
    });
    return {
      event: {
        action: 'moved_offline',
        payload: { channel: opts.channel, followUpDueAt: opts.followUpDueAt.toISOString(), acknowledgementReplyId: ack?.id ?? null, note: opts.note ?? null },
      },
      result: updated,
    };
  });
}
