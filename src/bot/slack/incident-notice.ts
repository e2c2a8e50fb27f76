import type { TOutboxMessage } from '../../outbox/outbox-kinds.js';
import { loadIncidentNotice } from '../views/incident-notice-view.js';
import { escapeMrkdwn, who } from './mrkdwn.js';
import type { TSlackSurfaceDeps } from './slack-surface.js';
import { toOutboxError } from './slack-errors.js';

type TNotice = Extract<TOutboxMessage, { kind: 'incident.notice' }>;

/** Posts the notice in each Slack incident card's thread, naming the person it is for (a mention notifies them). */
export async function postIncidentNotice(deps: TSlackSurfaceDeps, n: TNotice): Promise<{ posted: [] } | { skipped: string }> {
  const notice = await loadIncidentNotice(deps.db, deps.orgChart, n.eventId);
  if (!notice) return { skipped: `incident event ${n.eventId} has nothing to tell` };
  const cards = await deps.db.incidentCard.findMany({ where: { incidentId: n.incidentId, surface: 'slack' } });
  if (!cards.length) return { skipped: `incident ${n.incidentId} has no Slack card` };
  const text = `:warning: ${notice.person ? `${who(notice.person)} ` : ''}${escapeMrkdwn(notice.text)}`;
  for (const c of cards) {
    try {
      await deps.client.chat.postMessage({ channel: c.channel, thread_ts: c.messageId, text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }], unfurl_links: false, unfurl_media: false });
    } catch (err) {
      throw toOutboxError(err, 'post in the incident thread');
    }
  }
  // Thread notices are not cards: nothing to remember about them.
  return { posted: [] };
}
