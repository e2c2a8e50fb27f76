import type { types } from '@slack/bolt';
import { compactNumber } from '../../views/case-view.js';
import { sentimentLine, type TIncidentView } from '../../views/incident-view.js';
import { escapeAndTruncate, escapeMrkdwn, link, quote, slackDate, who } from '../mrkdwn.js';
import { LIMITS, type TBlock } from './case-card.js';
import { manageButtons, mergedLine } from './incident-manage-buttons.js';
import { ackBlocks } from './incident-ack-blocks.js';

export const INCIDENT_ACTIONS = {
  claim: 'incident.claim',
  monitor: 'incident.monitor',
  resolve: 'incident.resolve',
  reopen: 'incident.reopen',
} as const;

const STATUS: Record<string, string> = { open: ':rotating_light: *Open*', monitoring: ':eyes: *Monitoring*', resolved: ':white_check_mark: *Resolved*', merged: ':twisted_rightwards_arrows: *Merged*' };

/** The incident card: one message per channel standing for every member, refreshed in place as it grows. */
export function incidentCard(v: TIncidentView): { text: string; blocks: TBlock[] } {
  const id = (name: string) => `incident:${v.id}:${name}`;
  const platforms = v.platforms.map((p) => `${escapeMrkdwn(p.name)} ${p.count}`).join(' · ') || '—';
  const authors = v.topAuthors
    .map((a) => `${a.displayName ? `${escapeAndTruncate(a.displayName, 60)} ` : ''}${escapeAndTruncate(`@${a.handle.replace(/^@/, '')}`, 60)} (${compactNumber(a.followers)}${a.verified ? ' :white_check_mark:' : ''}${a.tier ? `, ${escapeAndTruncate(a.tier, 30)}` : ''})`)
    .join(' · ');
  const samples = v.samples.map((s) => `${quote(s.text || '(no text)', 600)}\n— ${escapeAndTruncate(`@${s.handle.replace(/^@/, '')}`, 60)}${s.url ? ` · ${link(s.url, 'view post')}` : ''}`).join('\n');
  const blocks: TBlock[] = [
    { type: 'section', block_id: id('head'), text: { type: 'mrkdwn', text: `${STATUS[v.status] ?? escapeMrkdwn(v.status)} · *Incident:* ${escapeAndTruncate(v.title, 200)} · Team *${escapeMrkdwn(v.team.name)}*` } },
    {
      type: 'section',
      block_id: id('numbers'),
      fields: [
        { type: 'mrkdwn', text: `*Mentions*\n${v.count} (${v.ratePerMinute}/min)` },
        { type: 'mrkdwn', text: `*Seen*\n${slackDate(v.firstSeenAt, '{time}')} – ${slackDate(v.lastSeenAt, '{time}')}` },
        { type: 'mrkdwn', text: `*Platforms*\n${platforms}` },
        { type: 'mrkdwn', text: `*Reach*\n${compactNumber(v.reach)} followers` },
        { type: 'mrkdwn', text: `*Sentiment*\n${sentimentLine(v.sentiment)}` },
      ],
    },
    { type: 'section', block_id: id('samples'), text: { type: 'mrkdwn', text: escapeAndTruncateDone(samples || '_no posts yet_') } },
  ];
  if (authors) blocks.push({ type: 'context', block_id: id('authors'), elements: [{ type: 'mrkdwn', text: `Most-followed authors: ${authors}`.slice(0, LIMITS.sectionText) }] });
  blocks.push({ type: 'section', block_id: id('status'), text: { type: 'mrkdwn', text: statusLine(v) } });
  const elements = actions(v);
  if (elements.length) blocks.push({ type: 'actions', block_id: id('actions'), elements });
  blocks.push(...ackBlocks(v));
  const text = `Incident: ${v.title} — ${v.count} mentions (${v.team.name})`;
  return { text: escapeAndTruncate(text, LIMITS.fallbackText), blocks };
}

/** Already escaped: only fit it into a section. */
const escapeAndTruncateDone = (text: string) => (text.length <= LIMITS.sectionText ? text : `${text.slice(0, LIMITS.sectionText - 1)}…`);

function statusLine(v: TIncidentView): string {
  const parts: string[] = [];
  if (v.status === 'merged') return mergedLine(v);
  if (v.status === 'resolved' && v.resolvedAt) parts.push(`:white_check_mark: Resolved ${slackDate(v.resolvedAt)}`);
  if (v.assignee && !v.closed) parts.push(`:raising_hand: Claimed by ${who(v.assignee)}`);
  if (!parts.length) parts.push(v.status === 'monitoring' ? ':eyes: Being monitored; members get no cards of their own' : ':new: Unclaimed — members get no cards of their own unless they need one');
  return parts.join('\n');
}

function actions(v: TIncidentView): types.ActionsBlockElement[] {
  const button = (text: string, actionId: string, style?: 'primary' | 'danger'): types.Button => ({ type: 'button', text: { type: 'plain_text', text, emoji: true }, action_id: actionId, value: v.id, ...(style && { style }) });
  // A merged incident lives on in its target: its cards only point there.
  if (v.status === 'merged') return [];
  if (v.closed) return [button('Reopen incident', INCIDENT_ACTIONS.reopen)];
  const out: types.ActionsBlockElement[] = [];
  if (!v.assignee) out.push(button('Claim incident', INCIDENT_ACTIONS.claim, 'primary'));
  if (v.status !== 'monitoring') out.push(button('Monitor', INCIDENT_ACTIONS.monitor));
  out.push(button('Resolve incident', INCIDENT_ACTIONS.resolve));
  out.push(...manageButtons(v));
  return out;
}
