import type { types } from '@slack/bolt';
import { authorHistoryLine, compactNumber, decisionLabel, type TCaseView } from '../../views/case-view.js';
import { escapeAndTruncate, escapeMrkdwn, link, quote, slackDate, who } from '../mrkdwn.js';

export type TBlock = types.KnownBlock;

/** Block Kit's limits (REFERENCE.md), kept in one place so renderers and tests agree. */
export const LIMITS = { messageBlocks: 50, modalBlocks: 100, sectionText: 3000, actions: 25, modalTitle: 24, contextElements: 10, fallbackText: 3000 };

export const CASE_ACTIONS = {
  claim: 'case.claim',
  reply: 'case.reply',
  monitor: 'case.monitor',
  offline: 'case.offline',
  resolve: 'case.resolve',
  reopen: 'case.reopen',
  menu: 'case.menu',
} as const;

export const MENU_OPTIONS = { reassign: 'Reassign to team…', escalate: 'Escalate', spam: 'Mark spam', correct: 'Correct triage…', history: 'View history' } as const;
export type TMenuOption = keyof typeof MENU_OPTIONS;

const PRIORITY_ICON: Record<string, string> = { P1: ':red_circle:', P2: ':large_orange_circle:', P3: ':large_yellow_circle:', P4: ':white_circle:' };

/** The case card: everything needed to decide, without leaving Slack. Also the message's notification text. */
export function caseCard(v: TCaseView): { text: string; blocks: TBlock[] } {
  const id = (name: string) => `case:${v.id}:${name}`;
  const headline = [
    `${PRIORITY_ICON[v.priority] ?? ''} *${v.priority}*`,
    v.escalated ? ':rotating_light: *Escalated*' : null,
    `*${escapeMrkdwn(capitalise(v.category))}*`,
    escapeMrkdwn(v.platformName),
    v.post.url ? link(v.post.url, 'View post') : null,
    v.overdue ? ':alarm_clock: *Overdue*' : null,
  ].filter(Boolean);
  const a = v.author;
  const name = a.displayName ? `*${escapeAndTruncate(a.displayName, 80)}* ` : '';
  const handle = a.profileUrl ? link(a.profileUrl, `@${a.handle.replace(/^@/, '')}`) : escapeAndTruncate(`@${a.handle.replace(/^@/, '')}`, 80);
  const reach = [`${compactNumber(a.followers)} followers`, a.verified ? ':white_check_mark: verified' : null, a.tier ? `tier ${escapeMrkdwn(a.tier)}` : null].filter(Boolean);
  const sla = v.slaDueAt ? `Respond by ${slackDate(v.slaDueAt)}` : 'No response target';
  const incident = v.incidentSize ? ` · :busts_in_silhouette: Leads an incident of *${v.incidentSize}* similar mentions` : '';
  const reasons = v.reasons.map((r) => `• ${r}`).join('\n');
  const c = v.confidence;
  const sure = c.percent === null ? '' : ` · Confidence *${c.percent}%*${c.by ? ` (${escapeAndTruncate(c.by, 80)})` : ''}`;

  const blocks: TBlock[] = [
    // When triage is unsure, staff read that before anything else on the card.
    ...(v.confidence.unsure ? [{ type: 'section', block_id: id('unsure'), text: { type: 'mrkdwn', text: `:grey_question: *Unsure:* ${escapeAndTruncate(v.confidence.unsure, 500)}` } } satisfies TBlock] : []),
    { type: 'section', block_id: id('head'), text: { type: 'mrkdwn', text: headline.join(' · ') } },
    { type: 'section', block_id: id('author'), text: { type: 'mrkdwn', text: `${name}${handle} · ${reach.join(' · ')}\n_${escapeMrkdwn(authorHistoryLine(a))}_` } },
    { type: 'section', block_id: id('post'), text: { type: 'mrkdwn', text: quote(v.post.text || '(no text)', LIMITS.sectionText) } },
    {
      type: 'context',
      block_id: id('triage'),
      elements: [
        {
          type: 'mrkdwn',
          text: `Sentiment *${v.sentiment}* (${v.sentimentScore.toFixed(2)}) · Decision *${decisionLabel(v.decision)}* · Team *${escapeMrkdwn(v.team.name)}*${sure}${v.mentionCount > 1 ? ` · ${v.mentionCount} mentions in this conversation` : ''}`,
        },
      ],
    },
    { type: 'section', block_id: id('why'), text: { type: 'mrkdwn', text: escapeAndTruncate(`Why:\n${reasons || '• no reasons recorded'}`, LIMITS.sectionText) } },
    { type: 'context', block_id: id('sla'), elements: [{ type: 'mrkdwn', text: `:stopwatch: ${sla}${incident}` }] },
    { type: 'section', block_id: id('status'), text: { type: 'mrkdwn', text: statusLine(v) } },
    { type: 'actions', block_id: id('actions'), elements: actionElements(v) },
  ];
  const text = `${v.priority} ${v.category} on ${v.platformName} from @${a.handle}: ${v.post.text}`;
  return { text: escapeAndTruncate(text, LIMITS.fallbackText), blocks };
}

/** Who holds the case and what happened last, in one line that changes as the card is updated in place. */
export function statusLine(v: TCaseView): string {
  const parts: string[] = [];
  if (v.status === 'resolved' && v.resolved) parts.push(`:white_check_mark: Resolved by ${who(v.resolved.by)} ${slackDate(v.resolved.at)}`);
  else if (v.status === 'ignored') parts.push(':no_entry_sign: Marked as spam: no response');
  else if (v.status === 'monitoring') parts.push(':eyes: Monitoring only: no response planned');
  else if (v.offline) {
    const due = v.offline.followUpDueAt ? `, follow-up due ${slackDate(v.offline.followUpDueAt)}` : '';
    parts.push(`:telephone_receiver: Taken offline by ${v.offline.channel}${due}`);
  }
  if (v.assignee && v.status !== 'resolved') parts.push(`:raising_hand: Claimed by ${who(v.assignee)}${v.claimedAt ? ` ${slackDate(v.claimedAt)}` : ''}`);
  const r = v.lastReply;
  if (r) {
    const label = r.visibility === 'private' ? 'private message' : 'reply';
    if (r.status === 'sent') parts.push(`:speech_balloon: ${who(r.author)} sent a ${label}${r.url ? ` (${link(r.url, 'view it live')})` : ''}`);
    else if (r.status === 'failed') parts.push(`:warning: ${who(r.author)}'s ${label} could not be posted: ${escapeAndTruncate(r.error ?? 'unknown error', 300)}`);
    else if (r.status === 'pending_approval') parts.push(`:hourglass_flowing_sand: ${who(r.author)}'s ${label} is waiting for approval`);
    else if (r.status === 'queued') parts.push(`:outbox_tray: ${who(r.author)}'s ${label} is being posted`);
    else if (r.status === 'rejected') parts.push(`:leftwards_arrow_with_hook: ${who(r.author)}'s ${label} was sent back by the approver`);
  }
  if (!parts.length) parts.push(':new: Unclaimed');
  return parts.join('\n');
}

function actionElements(v: TCaseView): types.ActionsBlockElement[] {
  const button = (text: string, actionId: string, style?: 'primary' | 'danger'): types.Button => ({
    type: 'button',
    text: { type: 'plain_text', text, emoji: true },
    action_id: actionId,
    value: v.id,
    ...(style && { style }),
  });
  const menu = (options: TMenuOption[]): types.Overflow => ({
    type: 'overflow',
    action_id: CASE_ACTIONS.menu,
    options: options.map((o) => ({ text: { type: 'plain_text', text: MENU_OPTIONS[o] }, value: `${o}:${v.id}` })),
  });
  if (v.closed) return [button('Reopen', CASE_ACTIONS.reopen), menu(['correct', 'history'])];
  const out: types.ActionsBlockElement[] = [];
  if (!v.assignee) out.push(button('Claim', CASE_ACTIONS.claim, 'primary'));
  out.push(button('Reply', CASE_ACTIONS.reply, v.assignee ? 'primary' : undefined));
  if (v.status !== 'monitoring') out.push(button('Monitor only', CASE_ACTIONS.monitor));
  if (v.status !== 'offline') out.push(button('Move offline', CASE_ACTIONS.offline));
  out.push(button('Resolve', CASE_ACTIONS.resolve));
  out.push(menu(['reassign', 'escalate', 'spam', 'correct', 'history']));
  return out;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
