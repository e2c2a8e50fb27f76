import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { findTeam } from '../../../config/org-chart-queries.js';
import { showBacklogNext } from '../../../cases/show-backlog-next.js';
import { loadBacklogView } from '../../views/backlog-view.js';
import { BACKLOG_VERBS, backlogCard } from '../cards/backlog-card.js';
import { userMessage, type TTeamsDeps } from '../teams-deps.js';
import { actorOf, str } from './handler-kit.js';

/** The backlog card's "Show next 5" (Action.Execute): releases the channel's next cases; the answer is the refreshed card. */
export function registerBacklogActions(app: Application, deps: TTeamsDeps): void {
  app.adaptiveCards.actionExecute<Record<string, unknown>>(BACKLOG_VERBS.next, async (context: TurnContext, _state, data) => {
    const team = str(data, 'team');
    const destination = `teams:${findTeam(deps.orgChart, team)?.teams?.conversationId ?? context.activity.conversation?.id ?? ''}`;
    try {
      await showBacklogNext(deps, { team, surface: 'teams', destination, actorId: actorOf(deps.orgChart, context) });
      return backlogCard(await loadBacklogView(deps.db, deps.orgChart, destination, team), deps.now());
    } catch (err) {
      return userMessage(err, deps.log, { verb: BACKLOG_VERBS.next, team });
    }
  });
}
