import type { App, ViewOutput } from '@slack/bolt';
import { correctTriage, escalateCase, moveOffline, reassignCase, replyToCase, reviewReply, ZOfflineChannel } from '../../../cases/index.js';
import { AppError, toAppError } from '../../../errors.js';
import { OFFLINE_VIEW } from '../blocks/offline-modal.js';
import { REPLY_VIEW, type TReplyModalMeta } from '../blocks/reply-modal.js';
import { replyOrigin } from '../../views/reply-assist-view.js';
import { correctionOf } from '../../views/correction-view.js';
import { memberIdForSlackUser, userMessage, type TSlackDeps } from '../slack-deps.js';
import { blockIdOf, inputValue, metadata, textOf } from '../view-state.js';

type TSubmit = (a: { view: ViewOutput; actorId: string }) => Promise<void>;

/**
 * Dialog submissions. The case service runs before the ack, so a refusal (too long, already claimed, not
 * allowed) is shown under the field with the dialog still open and the typed text intact.
 */
export function registerModalSubmissions(app: App, deps: TSlackDeps): void {
  const on = (callbackId: string, errorBlock: string, fn: TSubmit) => {
    app.view(callbackId, async ({ ack, body, view }) => {
      try {
        await fn({ view, actorId: memberIdForSlackUser(deps.orgChart, body.user.id) });
        await ack();
      } catch (err) {
        const message = userMessage(err, deps.log, { callbackId }).replace(/^:\w+: /, '');
        const block = blockFor(toAppError(err).details) ?? errorBlock;
        await ack({ response_action: 'errors', errors: { [blockIdOf(view, block)]: message.slice(0, 2000) } });
      }
    });
  };

  on(REPLY_VIEW.callbackId, REPLY_VIEW.textBlock, async ({ view, actorId }) => {
    const meta = metadata<TReplyModalMeta>(view);
    await replyToCase(deps, { caseId: meta.caseId ?? '', actorId, text: textOf(view, REPLY_VIEW.textBlock, REPLY_VIEW.textAction), ...originOf(meta) });
  });

  on('reply.edit.submit', REPLY_VIEW.textBlock, async ({ view, actorId }) => {
    const { replyId } = metadata<{ replyId: string }>(view);
    await reviewReply(deps, { replyId: replyId ?? '', actorId, review: { verdict: 'edit', text: textOf(view, REPLY_VIEW.textBlock, REPLY_VIEW.textAction) } });
  });

  on('reply.reject.submit', 'reason', async ({ view, actorId }) => {
    const { replyId } = metadata<{ replyId: string }>(view);
    const reason = textOf(view, 'reason').trim();
    await reviewReply(deps, { replyId: replyId ?? '', actorId, review: { verdict: 'reject', ...(reason && { reason }) } });
  });

  on('case.reassign.submit', 'team', async ({ view, actorId }) => {
    const { caseId } = metadata<{ caseId: string }>(view);
    const team = inputValue(view, 'team', 'team')?.selected_option?.value ?? '';
    const reason = textOf(view, 'reason').trim();
    await reassignCase(deps, { caseId: caseId ?? '', actorId, team, ...(reason && { reason }) });
  });

  on('case.correct.submit', 'correct_team', async ({ view, actorId }) => {
    const { caseId } = metadata<{ caseId: string }>(view);
    const pick = (f: string) => inputValue(view, `correct_${f}`, f)?.selected_option?.value;
    const correction = correctionOf({ sentiment: pick('sentiment'), complaint: pick('complaint'), category: pick('category'), decision: pick('decision'), team: pick('team') });
    await correctTriage(deps, { caseId: caseId ?? '', actorId, correction });
  });

  on('case.escalate.submit', 'reason', async ({ view, actorId }) => {
    const { caseId } = metadata<{ caseId: string }>(view);
    await escalateCase(deps, { caseId: caseId ?? '', actorId, reason: textOf(view, 'reason') });
  });

  on(OFFLINE_VIEW.callbackId, 'offline_due', async ({ view, actorId }) => {
    const { caseId } = metadata<{ caseId: string }>(view);
    const channel = ZOfflineChannel.safeParse(inputValue(view, 'offline_channel', 'channel')?.selected_option?.value);
    if (!channel.success) throw new AppError('VALIDATION', 'Choose how to follow up.');
    const dueSecs = inputValue(view, 'offline_due', 'due')?.selected_date_time;
    if (!dueSecs) throw new AppError('VALIDATION', 'Choose when the follow-up is due.');
    const privateText = textOf(view, 'offline_private').trim();
    const note = textOf(view, 'offline_note').trim();
    await moveOffline(deps, {
      caseId: caseId ?? '',
      actorId,
      channel: channel.data,
      acknowledgement: textOf(view, 'offline_ack'),
      followUpDueAt: new Date(dueSecs * 1000),
      ...(note && { note }),
      ...(privateText && { privateMessage: privateText }),
    });
  });
}

const originOf = (m: Partial<TReplyModalMeta>) => {
  const origin = replyOrigin(m.saved ?? null, m.draft);
  return origin ? { origin } : {};
};

/** Service errors that name a field (details.field) are shown under that field's input. */
const FIELD_BLOCKS: Record<string, string> = { acknowledgement: 'offline_ack', privateMessage: 'offline_private', followUpDueAt: 'offline_due' };
function blockFor(details: Record<string, unknown>): string | undefined {
  if (typeof details.block === 'string') return details.block;
  return typeof details.field === 'string' ? FIELD_BLOCKS[details.field] : undefined;
}

