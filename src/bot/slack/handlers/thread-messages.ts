import type { App } from '@slack/bolt';
import { addNote } from '../../../cases/index.js';
import { memberIdForSlackUser, type TSlackDeps } from '../slack-deps.js';

/**
 * Messages typed in a card's thread are internal discussion: they are kept on the case as notes (so the audit
 * trail has them) and never sent to the customer — only the Reply dialog posts publicly.
 */
export function registerThreadMessages(app: App, deps: TSlackDeps): void {
  app.event('message', async ({ event }) => {
    const m = event as { subtype?: string; bot_id?: string; thread_ts?: string; ts: string; channel: string; user?: string; text?: string };
    if (m.subtype || m.bot_id || !m.thread_ts || m.thread_ts === m.ts || !m.user || !m.text?.trim()) return;
    const card = await deps.db.chatMessage.findFirst({ where: { surface: 'slack', kind: 'card', channel: m.channel, messageId: m.thread_ts } });
    if (!card) return;
    let actorId: string;
    try {
      actorId = memberIdForSlackUser(deps.orgChart, m.user);
    } catch {
      // Someone outside the org chart chatting in the thread: their words stay in Slack only.
      return;
    }
    // A redelivered event must not add the note twice: the message ts is its identity.
    const already = await deps.db.caseEvent.findFirst({ where: { caseId: card.caseId, action: 'note', payload: { contains: `"slackTs":"${m.ts}"` } } });
    if (already) return;
    await addNote(deps, { caseId: card.caseId, actorId, text: m.text, source: { slackTs: m.ts } }).catch((err: unknown) => {
      // Viewers may discuss a case without their words becoming part of its record.
      deps.log.info('thread message not recorded as a note', { caseId: card.caseId, reason: (err as Error).message });
    });
  });
}
