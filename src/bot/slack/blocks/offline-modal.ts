import type { types } from '@slack/bolt';
import { escapeMrkdwn, plain } from '../mrkdwn.js';
import type { TCaseView } from '../../views/case-view.js';
import { prefillLine, type TAssistView } from '../../views/reply-assist-view.js';
import type { TBlock } from './case-card.js';

export const OFFLINE_VIEW = { callbackId: 'case.offline.submit', pickAction: 'offline.saved.pick', ackBlock: 'offline_ack' } as const;

export interface TOfflineModalInput {
  view: TCaseView;
  /** Null when the platform can send a private message; else the sentence saying why it cannot. */
  privateUnsupported: string | null;
  acknowledgement: string;
  defaultDue: Date;
  /** Ranked saved replies for the acknowledgement: the one in the box and the next two. */
  assist?: TAssistView;
  /** Bumped when a saved reply replaces the acknowledgement (Slack keeps typed text while a block_id stays). */
  revision?: number;
}

/**
 * "Respond publicly, then take it offline": how to follow up, the public acknowledgement (sent in-media like
 * any reply) and when the follow-up is due. The DM option only appears where the platform has one.
 */
export function offlineModal(i: TOfflineModalInput): types.ModalView {
  const channels = [
    ...(i.privateUnsupported ? [] : [{ value: 'dm', label: `Private message on ${i.view.platformName}` }]),
    { value: 'email', label: 'Email' },
    { value: 'phone', label: 'Phone' },
  ];
  const option = (c: { value: string; label: string }) => ({ text: { type: 'plain_text' as const, text: plain(c.label, 75) }, value: c.value });
  const blocks: TBlock[] = [
    {
      type: 'input',
      block_id: 'offline_channel',
      label: { type: 'plain_text', text: 'Follow up by' },
      element: { type: 'radio_buttons', action_id: 'channel', options: channels.map(option), initial_option: option(channels[0]!) },
    },
  ];
  if (i.privateUnsupported) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `:information_source: ${escapeMrkdwn(i.privateUnsupported)}` }] });
  const line = i.assist && prefillLine(i.assist);
  if (line) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `:bookmark: ${escapeMrkdwn(line)}` }] });
  if (i.assist?.next.length) {
    blocks.push({
      type: 'actions',
      block_id: 'offline_assist',
      elements: i.assist.next.map((n, k) => ({ type: 'button' as const, action_id: `${OFFLINE_VIEW.pickAction}:${k}`, text: { type: 'plain_text' as const, text: plain(`Use “${n.title}”`, 75) }, value: n.id })),
    });
  }
  blocks.push({
    type: 'input',
    block_id: `${OFFLINE_VIEW.ackBlock}:${i.revision ?? 0}`,
    optional: true,
    label: { type: 'plain_text', text: 'Public acknowledgement' },
    hint: { type: 'plain_text', text: `Posted on ${i.view.platformName} under the customer's post, so onlookers see you answered. Leave empty to skip.` },
    element: { type: 'plain_text_input', action_id: 'text', multiline: true, max_length: 3000, ...(i.acknowledgement && { initial_value: i.acknowledgement.slice(0, 3000) }) },
  });
  if (!i.privateUnsupported) {
    blocks.push({
      type: 'input',
      block_id: 'offline_private',
      optional: true,
      label: { type: 'plain_text', text: 'Private message' },
      hint: { type: 'plain_text', text: 'Sent only if you follow up by private message.' },
      element: { type: 'plain_text_input', action_id: 'text', multiline: true, max_length: 3000 },
    });
  }
  blocks.push(
    {
      type: 'input',
      block_id: 'offline_due',
      label: { type: 'plain_text', text: 'Follow-up due' },
      element: { type: 'datetimepicker', action_id: 'due', initial_date_time: Math.floor(i.defaultDue.getTime() / 1000) },
    },
    {
      type: 'input',
      block_id: 'offline_note',
      optional: true,
      label: { type: 'plain_text', text: 'Internal note' },
      element: { type: 'plain_text_input', action_id: 'text', multiline: true, max_length: 3000 },
    },
  );
  return {
    type: 'modal',
    callback_id: OFFLINE_VIEW.callbackId,
    private_metadata: JSON.stringify({ caseId: i.view.id, revision: i.revision ?? 0, saved: i.assist?.prefilled?.id ?? null }),
    title: { type: 'plain_text', text: 'Move offline' },
    submit: { type: 'plain_text', text: 'Move offline' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}
