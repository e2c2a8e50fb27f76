import { progressLine } from '../../views/incident-ack-view.js';
import type { TIncidentView } from '../../views/incident-view.js';
import type { Mentions, TAction, TElement } from './adaptive-card.js';
import { execute, openDialog } from './case-card.js';
import { escapeCardMarkdown, textBlock } from './card-text.js';

/** Verbs mirror Slack's action ids (src/bot/slack/blocks/incident-ack-blocks.ts). */
export const ACK_VERBS = {
  open: 'incident.ack.open',
  closing: 'incident.ack.closing',
  submit: 'incident.ack.submit',
  retry: 'incident.ack.retry',
  approve: 'incident.ack.approve',
  reject: 'incident.ack.reject',
} as const;

/**
 * The incident card's public-reply part, as Slack shows it: progress, failures naming who started the
 * acknowledgement, approvals waiting, members new since, and their actions in an ActionSet of their own.
 */
export function ackElements(v: TIncidentView, mentions: Mentions): TElement[] {
  const a = v.ack;
  const who = (p: Parameters<Mentions['who']>[0]) => mentions.who(p, escapeCardMarkdown);
  const lines: string[] = [];
  if (a.acknowledge.total) lines.push(`📣 **Acknowledged publicly**${a.startedBy ? ` by ${who(a.startedBy)}` : ''}: ${progressLine(a.acknowledge)}`);
  if (a.acknowledge.failed && !a.acknowledge.queued) lines.push(`⚠️ ${a.acknowledge.failed} ${a.acknowledge.failed === 1 ? 'reply' : 'replies'} could not be posted${a.startedBy ? ` — ${who(a.startedBy)}` : ''}; the texts are kept. Retry from here.`);
  if (a.closing.total) lines.push(`✅ **Closing reply**: ${progressLine(a.closing)}`);
  for (const p of a.pending) lines.push(`⏳ ${p.kind === 'closing' ? 'Closing reply' : 'Acknowledgement'} to ${p.targets} ${p.targets === 1 ? 'author' : 'authors'} by ${who(p.by)} waits for an approver.`);
  if (a.newSince && !v.closed) lines.push(`🆕 ${a.newSince} new since acknowledgement.`);
  const data = { incidentId: v.id };
  const actions: TAction[] = [];
  if (!v.closed) actions.push(openDialog('Acknowledge publicly', ACK_VERBS.open, data));
  if (!v.closed && a.newSince) actions.push(openDialog(`Acknowledge ${a.newSince} new`, ACK_VERBS.open, { ...data, onlyNew: 'true' }));
  const failed = a.acknowledge.failed + a.closing.failed;
  if (failed) actions.push(execute(`Retry ${failed} failed`, ACK_VERBS.retry, data, 'destructive'));
  if (!v.closed && a.acknowledged) actions.push(openDialog('Resolve with closing reply', ACK_VERBS.closing, data));
  for (const p of a.pending.slice(0, 2)) actions.push(execute('Approve and send', ACK_VERBS.approve, { ...data, ackId: p.ackId }, 'positive'), execute('Reject', ACK_VERBS.reject, { ...data, ackId: p.ackId }));
  const out: TElement[] = [];
  if (lines.length) out.push(textBlock(lines.join('\n\n'), { id: `incident-${v.id}-ack`, separator: true }));
  if (actions.length) out.push({ type: 'ActionSet', id: `incident-${v.id}-ack-actions`, actions });
  return out;
}
