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
  /** Sent privately (DM) when the channel is "dm" and the platform has private messages. */
  privateMessage?: string;
}

/**
 * "Respond publicly, then take it offline": an optional public acknowledgement (a normal reply, approval rules
 * included), the private channel chosen, and a follow-up due date that reminders and digests track.
 */
export async function moveOffline(deps: TCaseDeps, opts: TMoveOfflineOptions): Promise<TCase> {
  return runCaseAction(deps, { caseId: opts.caseId, actorId: opts.actorId, permission: 'reply' }, async (ctx) => {
    assertNotHeldByOther(ctx);
    if (opts.followUpDueAt <= ctx.now) throw new AppError('VALIDATION', 'The follow-up due time must be in the future.', { field: 'followUpDueAt' });
    if (opts.privateMessage?.trim() && opts.channel !== 'dm') {
      throw new AppError('VALIDATION', 'A private message is only sent when the follow-up is by private message.', { field: 'privateMessage' });
    }
    const ack = opts.acknowledgement?.trim() ? await withField('acknowledgement', () => queueReply(ctx, opts.acknowledgement!, 'public')) : null;
    const dm = opts.privateMessage?.trim() ? await withField('privateMessage', () => queueReply(ctx, opts.privateMessage!, 'private')) : null;
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
        payload: { channel: opts.channel, followUpDueAt: opts.followUpDueAt.toISOString(), acknowledgementReplyId: ack?.id ?? null, privateReplyId: dm?.id ?? null, note: opts.note ?? null },
      },
      result: updated,
    };
  });
}

/** Tags a refusal with the field it concerns, so a dialog can show it under the right input. */
async function withField<T>(field: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError) throw new AppError(err.code, err.message, { ...err.details, field });
    throw err;
  }
}
