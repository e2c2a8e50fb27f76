import type { types } from '@slack/bolt';
import { progressLine } from '../../views/incident-ack-view.js';
import type { TIncidentView } from '../../views/incident-view.js';
import { who } from '../mrkdwn.js';
import type { TBlock } from './case-card.js';

export const ACK_ACTIONS = {
  open: 'incident.ack.open',
  openNew: 'incident.ack.open_new',
  closing: 'incident.ack.closing',
  retry: 'incident.ack.retry',
  approve: 'incident.ack.approve',
  reject: 'incident.ack.reject',
} as const;

/**
 * The incident card's public-reply part (Acknowledge publicly, progress, approval, retry, new members, closing reply),
 * its own blocks so the card's other actions stay apart. Every string here is ours or a person reference.
 */
export function ackBlocks(v: TIncidentView): TBlock[] {
  const a = v.ack;
  const id = (name: string) => `incident:${v.id}:${name}`;
  const lines: string[] = [];
  if (a.acknowledge.total) lines.push(`:mega: *Acknowledged publicly*${a.startedBy ? ` by ${who(a.startedBy)}` : ''}: ${progressLine(a.acknowledge)}`);
  if (a.acknowledge.failed && !a.acknowledge.queued) lines.push(`:warning: ${a.acknowledge.failed} ${a.acknowledge.failed === 1 ? 'reply' : 'replies'} could not be posted${a.startedBy ? ` — ${who(a.startedBy)}` : ''}; the texts are kept. Retry from here.`);
  if (a.closing.total) lines.push(`:white_check_mark: *Closing reply*: ${progressLine(a.closing)}`);
  for (const p of a.pending) lines.push(`:hourglass: ${p.kind === 'closing' ? 'Closing reply' : 'Acknowledgement'} to ${p.targets} ${p.targets === 1 ? 'author' : 'authors'} by ${who(p.by)} waits for an approver.`);
  if (a.newSince && !v.closed) lines.push(`:new: ${a.newSince} new since acknowledgement.`);
  const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger'): types.Button => ({ type: 'button', text: { type: 'plain_text', text, emoji: true }, action_id: actionId, value, ...(style && { style }) });
  const buttons: types.Button[] = [];
  if (!v.closed) buttons.push(button('Acknowledge publicly', ACK_ACTIONS.open, v.id, a.acknowledged ? undefined : 'primary'));
  if (!v.closed && a.newSince) buttons.push(button(`Acknowledge ${a.newSince} new`, ACK_ACTIONS.openNew, v.id));
  const failed = a.acknowledge.failed + a.closing.failed;
  if (failed) buttons.push(button(`Retry ${failed} failed`, ACK_ACTIONS.retry, v.id, 'danger'));
  if (!v.closed && a.acknowledged) buttons.push(button('Resolve with closing reply', ACK_ACTIONS.closing, v.id));
  for (const p of a.pending.slice(0, 2)) buttons.push(button('Approve and send', ACK_ACTIONS.approve, p.ackId, 'primary'), button('Reject', ACK_ACTIONS.reject, p.ackId));
  const out: TBlock[] = [];
  if (lines.length) out.push({ type: 'section', block_id: id('ack'), text: { type: 'mrkdwn', text: lines.join('\n') } });
  if (buttons.length) out.push({ type: 'actions', block_id: id('ack_actions'), elements: buttons });
  return out;
}
