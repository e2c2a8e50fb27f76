import type { Application } from '@microsoft/teams-ai';
import { TurnContext } from 'botbuilder';
import { addNote } from '../../../cases/index.js';
import { parseChatCommand } from '../../views/chat-command.js';
import { loadQueue } from '../../views/queue-view.js';
import { dryRunRoute } from '../../views/route-view.js';
import { loadWhois } from '../../views/whois-view.js';
import { cardActivity, type TAdaptiveCard } from '../cards/adaptive-card.js';
import { helpCard, messageCard, queueCard, reportCard, routeCard, whoisCard } from '../cards/command-cards.js';
import type { TConversationRef } from '../bot-connector.js';
import { baseConversationId, saveInstallation } from '../installations.js';
import { userMessage, type TTeamsDeps } from '../teams-deps.js';
import { actorOf } from './handler-kit.js';

/** Teams delivers channel text as light HTML; commands read the plain words. */
export function plainText(text: string | undefined): string {
  return (text ?? '')
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
}

/**
 * `@Earshot stats|queue|whois|route|help`, in a channel (the answer goes in the thread) or a 1:1 chat. Words
 * addressed to Earshot in a case card's thread that are not a command are kept on the case as an internal
 * note; like all thread talk, they never reach the customer.
 */
export function registerCommands(app: Application, deps: TTeamsDeps): void {
  app.activity('message', async (context) => {
    const a = context.activity;
    // Channel messages keep the service URL fresh and teach Earshot channels it was not told about at install.
    if (a.conversation?.conversationType === 'channel') {
      await saveInstallation(deps.db, TurnContext.getConversationReference(a) as TConversationRef, undefined, deps.now()).catch((err: unknown) =>
        deps.log.warn('teams: could not refresh the installation', { error: String(err) }),
      );
    }
    const text = plainText(a.text);
    const parsed = parseChatCommand(text);
    const reply = (card: TAdaptiveCard, summary: string) => context.sendActivity(cardActivity(card, summary));
    if (!parsed.ok && (await noteInCardThread(context, deps, text))) return;
    if (!parsed.ok) return void (await reply(helpCard(parsed.problem), 'Earshot help'));
    try {
      switch (parsed.sub) {
        case 'help':
          return void (await reply(helpCard(), 'Earshot help'));
        case 'route':
          return void (await reply(routeCard(parsed.rest ? dryRunRoute(deps.triage, deps.orgChart, deps.now(), parsed.rest) : null), 'Dry-run triage'));
        case 'whois':
          return void (await reply(whoisCard(await loadWhois(deps.db, parsed.rest)), 'Who is this?'));
        case 'queue': {
          const q = await loadQueue(deps.db, deps.orgChart, actorOf(deps.orgChart, context), 'teams', deps.now());
          return void (await reply(queueCard(q), 'Your queue'));
        }
        case 'stats': {
          if (!deps.stats) return void (await reply(messageCard('Stats are not available in this build yet.', 'Warning'), 'Stats'));
          const report = await deps.stats(parsed.args, actorOf(deps.orgChart, context));
          return void (await reply(reportCard(report), report.title));
        }
      }
    } catch (err) {
      await reply(messageCard(userMessage(err, deps.log, { command: parsed.sub }), 'Attention'), 'Earshot could not answer');
    }
  });
}

async function noteInCardThread(context: TurnContext, deps: TTeamsDeps, text: string): Promise<boolean> {
  const a = context.activity;
  const root = /;messageid=(\d+)/.exec(a.conversation?.id ?? '')?.[1] ?? a.replyToId;
  if (!root || !text) return false;
  const card = await deps.db.chatMessage.findFirst({ where: { surface: 'teams', kind: 'card', channel: baseConversationId(a.conversation.id), messageId: root } });
  if (!card) return false;
  // A redelivered activity must not add the note twice: the activity id is its identity.
  const already = await deps.db.caseEvent.findFirst({ where: { caseId: card.caseId, action: 'note', payload: { contains: `"teamsActivityId":"${a.id}"` } } });
  if (already) return true;
  try {
    await addNote(deps, { caseId: card.caseId, actorId: actorOf(deps.orgChart, context), text, source: { teamsActivityId: a.id ?? '' } });
    await context.sendActivity(cardActivity(messageCard('📝 Kept on the case as an internal note; the customer does not see it.'), 'Note kept'));
  } catch (err) {
    await context.sendActivity(cardActivity(messageCard(userMessage(err, deps.log, { action: 'note' }), 'Attention'), 'Note not kept'));
  }
  return true;
}
