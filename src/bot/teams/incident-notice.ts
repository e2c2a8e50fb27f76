import type { TOutboxMessage } from '../../outbox/outbox-kinds.js';
import { loadIncidentNotice } from '../views/incident-notice-view.js';
import { adaptiveCard, cardActivity, Mentions } from './cards/adaptive-card.js';
import { escapeCardMarkdown, textBlock } from './cards/card-text.js';
import type { TTeamsSurfaceDeps } from './teams-surface.js';

type TNotice = Extract<TOutboxMessage, { kind: 'incident.notice' }>;
type TRef = Parameters<TTeamsSurfaceDeps['connector']['reply']>[0];

/** Replies in each Teams incident card's thread, @-mentioning the person it is for. Same words as Slack's. */
export async function postIncidentNotice(deps: TTeamsSurfaceDeps & { refFor: (conversationId: string) => Promise<TRef> }, n: TNotice): Promise<{ posted: [] } | { skipped: string }> {
  const notice = await loadIncidentNotice(deps.db, deps.orgChart, n.eventId);
  if (!notice) return { skipped: `incident event ${n.eventId} has nothing to tell` };
  const cards = await deps.db.incidentCard.findMany({ where: { incidentId: n.incidentId, surface: 'teams' } });
  if (!cards.length) return { skipped: `incident ${n.incidentId} has no Teams card` };
  const mentions = new Mentions();
  const text = `⚠️ ${notice.person ? `${mentions.who(notice.person, escapeCardMarkdown)} ` : ''}${escapeCardMarkdown(notice.text)}`;
  const activity = cardActivity(adaptiveCard([textBlock(text)], { mentions: mentions.entities }), notice.text);
  for (const c of cards) await deps.connector.reply(await deps.refFor(c.channel), c.channel, c.messageId, activity);
  return { posted: [] };
}
