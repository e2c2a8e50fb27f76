import type { Application } from '@microsoft/teams-ai';
import { TurnContext } from 'botbuilder';
import { adaptiveCard, cardActivity } from '../cards/adaptive-card.js';
import { escapeCardMarkdown, textBlock } from '../cards/card-text.js';
import type { TConversationRef } from '../bot-connector.js';
import { removeInstallation, saveInstallation, type TInstallation } from '../installations.js';
import type { TTeamsDeps } from '../teams-deps.js';

/**
 * Installation: when Earshot is added to a team, channel, group chat or a person's 1:1 chat, the conversation
 * reference is stored for proactive posts; when it is removed, the reference goes. The welcome message tells
 * the admin the conversation id to map in the org chart (`teams.conversationId`).
 */
export function registerInstallation(app: Application, deps: TTeamsDeps): void {
  const save = (context: TurnContext) =>
    saveInstallation(deps.db, TurnContext.getConversationReference(context.activity) as TConversationRef, context.activity.from?.aadObjectId, deps.now());

  app.activity('installationUpdate', async (context) => {
    const action = String(context.activity.action ?? '');
    if (action.startsWith('remove')) {
      await removeInstallation(deps.db, context.activity.conversation.id);
      deps.log.info('teams: Earshot removed', { conversation: context.activity.conversation.id });
      return;
    }
    const inst = await save(context);
    deps.log.info('teams: Earshot installed', { conversation: inst.conversation, scope: inst.scope });
    if (action === 'add') await context.sendActivity(welcome(deps, inst));
  });

  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    if (context.activity.membersAdded?.some((m) => m.id === botId)) await save(context);
  });

  app.conversationUpdate('membersRemoved', async (context) => {
    const botId = context.activity.recipient?.id;
    if (context.activity.membersRemoved?.some((m) => m.id === botId)) await removeInstallation(deps.db, context.activity.conversation.id);
  });
}

function welcome(deps: TTeamsDeps, inst: TInstallation) {
  if (inst.scope === 'personal') {
    return cardActivity(
      adaptiveCard([
        textBlock('👋 **Earshot** is set up in your personal chat.'),
        textBlock('Managers get their daily digest here. Ask me anything with **help**, **queue**, **whois** or **route**.'),
      ]),
      'Earshot is set up',
    );
  }
  const mapped = deps.orgChart.teams.find((t) => t.teams?.conversationId === inst.conversation);
  const lines = mapped
    ? [`This channel receives **${escapeCardMarkdown(mapped.name)}** cases.`]
    : [
        'To send a team’s cases here, add this to that team in the org chart and restart Earshot:',
        `teams: { conversationId: "${escapeCardMarkdown(inst.conversation)}" }`,
      ];
  return cardActivity(adaptiveCard([textBlock('👋 **Earshot** was added here.'), ...lines.map((l) => textBlock(l))]), 'Earshot was added');
}
