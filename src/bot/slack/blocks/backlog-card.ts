import type { types } from '@slack/bolt';
import { BACKLOG_NEXT } from '../../../outbox/channel-backlog.js';
import { backlogBreakdown, waitedFor, type TBacklogView } from '../../views/backlog-view.js';
import { escapeAndTruncate, escapeMrkdwn, slackDate } from '../mrkdwn.js';
import { LIMITS, type TBlock } from './case-card.js';

export const BACKLOG_ACTIONS = { next: 'backlog.next' } as const;

/**
 * A channel's backlog card: one message standing for every case that waits for a card of its own while the channel
 * is at Slack's pace, updated in place. Block ids carry the channel so an interrupted post can be found again.
 */
export function backlogCard(v: TBacklogView, channel: string, now: Date): { text: string; blocks: TBlock[] } {
  const id = (name: string) => `backlog:${channel}:${name}`;
  if (v.total === 0) {
    const text = `All caught up: every waiting case in ${v.team.name} has its own card now.`;
    return { text: escapeAndTruncate(text, LIMITS.fallbackText), blocks: [{ type: 'section', block_id: id('head'), text: { type: 'mrkdwn', text: `:white_check_mark: *All caught up* · Team *${escapeMrkdwn(v.team.name)}* · every waiting case has its own card now` } }] };
  }
  const oldest = v.oldestAt ? ` · oldest ${waitedFor(v.oldestAt, now)} (since ${slackDate(v.oldestAt, '{time}')})` : '';
  const next = v.next.map((c) => `• ${c.priority} ${escapeAndTruncate(c.category, 60)} · ${escapeAndTruncate(`@${c.handle.replace(/^@/, '')}`, 60)} on ${escapeMrkdwn(c.platform)}`).join('\n');
  const blocks: TBlock[] = [
    { type: 'section', block_id: id('head'), text: { type: 'mrkdwn', text: `:inbox_tray: *${v.total} more ${v.total === 1 ? 'case' : 'cases'} waiting* · Team *${escapeMrkdwn(v.team.name)}*${oldest}` } },
    { type: 'section', block_id: id('groups'), text: { type: 'mrkdwn', text: backlogBreakdown(v, escapeMrkdwn).slice(0, LIMITS.sectionText) } },
    { type: 'section', block_id: id('next'), text: { type: 'mrkdwn', text: `*Next up*\n${next}`.slice(0, LIMITS.sectionText) } },
    {
      type: 'context',
      block_id: id('why'),
      elements: [{ type: 'mrkdwn', text: 'More new cases arrived than Slack lets one channel post, so these wait here instead of as cards. They get their own cards as the channel catches up, most urgent first; P1/P2 and escalations always do at once. `/social queue` lists them.' }],
    },
    { type: 'actions', block_id: id('actions'), elements: [button(`Show next ${Math.min(BACKLOG_NEXT, v.total)}`, v.team.id)] },
  ];
  return { text: escapeAndTruncate(`${v.total} more cases waiting in ${v.team.name}`, LIMITS.fallbackText), blocks };
}

const button = (text: string, team: string): types.Button => ({ type: 'button', text: { type: 'plain_text', text, emoji: true }, action_id: BACKLOG_ACTIONS.next, value: team, style: 'primary' });
