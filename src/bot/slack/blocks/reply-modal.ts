import type { types } from '@slack/bolt';
import type { TOrgChart } from '../../../config/org-chart-schema.js';
import { measureText } from '../../../connectors/text-limits.js';
import { authorHistoryLine, type TCaseView } from '../../views/case-view.js';
import type { TDraftMemo } from '../../views/load-assist-view.js';
import type { TAssistView } from '../../views/reply-assist-view.js';
import { escapeMrkdwn, plain, quote } from '../mrkdwn.js';
import type { TBlock } from './case-card.js';
import { assistBlocks } from './reply-assist-blocks.js';

export const REPLY_VIEW = {
  callbackId: 'case.reply.submit',
  savedAction: 'reply.saved',
  /** The next-best saved replies, one click each. */
  pickAction: 'reply.saved.pick',
  aiAction: 'reply.ai',
  aiUseAction: 'reply.ai.use',
  textBlock: 'reply_text',
  textAction: 'reply.text',
  previewBlock: 'reply_preview',
} as const;

export interface TReplyModalInput {
  view: TCaseView;
  chart: TOrgChart;
  needsApproval: boolean;
  /** Text to start from: a filled saved reply, or what the person already typed. */
  text: string;
  /** What the approver sends back on Edit: same modal, different callback and label. */
  mode?: { kind: 'reply' } | { kind: 'edit'; replyId: string };
  /**
   * Slack keeps what someone typed across views.update while an input's block_id stays the same; choosing a
   * saved reply must replace the text, so it bumps the revision and with it the block_id.
   */
  revision?: number;
  /** Ranked saved replies and the AI draft's state; absent in the approver's Edit dialog. */
  assist?: TAssistView;
}

/** What the modal remembers between updates (Slack's private_metadata, ≤ 3,000 characters). */
export type TReplyModalMeta = {
  caseId: string;
  revision: number;
  replyId?: string;
  /** The saved reply the box was filled from (null: none, or overwritten by a draft). */
  saved?: string | null;
  /** The AI draft this dialog asked for, and how it is shown. */
  draft?: TDraftMemo;
};

/** The Reply dialog: the post, the author in brief, saved replies, the platform's limit and a live preview. */
export function replyModal(i: TReplyModalInput): types.ModalView {
  const v = i.view;
  const mode = i.mode ?? { kind: 'reply' };
  const limit = `${v.platformName} allows ${v.textLimit.max.toLocaleString('en')} ${v.textLimit.unit}`;
  const blocks: TBlock[] = [
    { type: 'context', elements: [{ type: 'mrkdwn', text: `Replying publicly on *${escapeMrkdwn(v.platformName)}* to *@${escapeMrkdwn(v.author.handle.replace(/^@/, ''))}* · ${escapeMrkdwn(authorHistoryLine(v.author))}` }] },
    { type: 'section', text: { type: 'mrkdwn', text: quote(v.post.text || '(no text)', 1500) } },
  ];
  if (i.assist && mode.kind === 'reply') blocks.push(...assistBlocks(i.assist));
  if (i.chart.savedReplies.length && mode.kind === 'reply') {
    blocks.push({
      type: 'input',
      block_id: 'reply_saved',
      optional: true,
      dispatch_action: true,
      label: { type: 'plain_text', text: 'Start from a saved reply' },
      element: {
        type: 'static_select',
        action_id: REPLY_VIEW.savedAction,
        placeholder: { type: 'plain_text', text: 'Choose…' },
        options: i.chart.savedReplies.slice(0, 100).map((r) => ({ text: { type: 'plain_text', text: plain(r.title, 75) }, value: r.id })),
      },
    });
  }
  blocks.push(
    {
      type: 'input',
      block_id: `${REPLY_VIEW.textBlock}:${i.revision ?? 0}`,
      dispatch_action: true,
      label: { type: 'plain_text', text: 'Reply' },
      hint: { type: 'plain_text', text: `${limit}. The reply is posted in-media, under the customer's post.` },
      element: {
        type: 'plain_text_input',
        action_id: REPLY_VIEW.textAction,
        multiline: true,
        // Slack's own cap on inputs is 3,000; the platform's limit is checked (and explained) on submit.
        max_length: 3000,
        ...(i.text && { initial_value: i.text.slice(0, 3000) }),
        dispatch_action_config: { trigger_actions_on: ['on_character_entered'] },
      },
    },
    previewBlock(i.text, v),
  );
  const submit = mode.kind === 'edit' ? 'Approve edited reply' : i.needsApproval ? 'Submit for approval' : 'Send reply';
  return {
    type: 'modal',
    callback_id: mode.kind === 'edit' ? 'reply.edit.submit' : REPLY_VIEW.callbackId,
    private_metadata: JSON.stringify({
      caseId: v.id,
      revision: i.revision ?? 0,
      ...(mode.kind === 'edit' && { replyId: mode.replyId }),
      ...(i.assist && { saved: i.assist.prefilled?.id ?? null }),
      ...(i.assist && 'draftId' in i.assist.ai && { draft: { id: i.assist.ai.draftId, shown: i.assist.ai.kind, ...(i.assist.ai.kind === 'flagged' && i.assist.ai.used && { used: true }) } }),
    } satisfies TReplyModalMeta),
    title: { type: 'plain_text', text: plain(mode.kind === 'edit' ? 'Edit reply' : `Reply on ${v.platformName}`, 24) },
    submit: { type: 'plain_text', text: plain(submit, 24) },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

/** Exactly what the customer will see, with a running count against the platform limit. */
export function previewBlock(text: string, v: Pick<TCaseView, 'textLimit'>): TBlock {
  const used = measureText(text.trim(), v.textLimit.unit as 'characters' | 'graphemes');
  const over = used > v.textLimit.max;
  const count = `${used.toLocaleString('en')} / ${v.textLimit.max.toLocaleString('en')} ${v.textLimit.unit}${over ? ` — *${(used - v.textLimit.max).toLocaleString('en')} too many*` : ''}`;
  const body = text.trim() ? quote(text.trim(), 2600) : '_Nothing typed yet._';
  return { type: 'section', block_id: REPLY_VIEW.previewBlock, text: { type: 'mrkdwn', text: `*Preview* · ${count}\n${body}` } };
}
