import { BACKLOG_NEXT } from '../../../outbox/channel-backlog.js';
import { backlogBreakdown, waitedFor, type TBacklogView } from '../../views/backlog-view.js';
import { adaptiveCard, type TAdaptiveCard, type TElement } from './adaptive-card.js';
import { execute } from './case-card.js';
import { cardDate, escapeAndTruncate, escapeCardMarkdown, textBlock } from './card-text.js';

/** Verbs mirror Slack's action ids (src/bot/slack/blocks/backlog-card.ts). */
export const BACKLOG_VERBS = { next: 'backlog.next' } as const;

/** A channel's backlog card: the same content as Slack's, one activity per channel refreshed in place. */
export function backlogCard(v: TBacklogView, now: Date): TAdaptiveCard {
  if (v.total === 0) return adaptiveCard([textBlock(`✅ **All caught up** · Team **${escapeCardMarkdown(v.team.name)}** · every waiting case has its own card now`, { id: 'backlog-head' })]);
  const oldest = v.oldestAt ? ` · oldest ${waitedFor(v.oldestAt, now)} (since ${cardDate(v.oldestAt, 'time')})` : '';
  const body: TElement[] = [
    textBlock(`📥 **${v.total} more ${v.total === 1 ? 'case' : 'cases'} waiting** · Team **${escapeCardMarkdown(v.team.name)}**${oldest}`, { size: 'Medium', id: 'backlog-head' }),
    textBlock(backlogBreakdown(v, escapeCardMarkdown), { id: 'backlog-groups' }),
    textBlock(`**Next up**\n\n${v.next.map((c) => `- ${c.priority} ${escapeAndTruncate(c.category, 60)} · ${escapeAndTruncate(`@${c.handle.replace(/^@/, '')}`, 60)} on ${escapeCardMarkdown(c.platform)}`).join('\n')}`, { id: 'backlog-next' }),
    textBlock('More new cases arrived than Teams lets one channel post, so these wait here instead of as cards. They get their own cards as the channel catches up, most urgent first; P1/P2 and escalations always do at once. `queue` lists them.', { size: 'Small', isSubtle: true }),
  ];
  return adaptiveCard(body, { actions: [execute(`Show next ${Math.min(BACKLOG_NEXT, v.total)}`, BACKLOG_VERBS.next, { team: v.team.id }, 'positive')] });
}

/** What notifications and the chat list show (plain text). */
export const backlogSummary = (v: TBacklogView) => (v.total ? `${v.total} more cases waiting in ${v.team.name}` : `All caught up in ${v.team.name}`);
