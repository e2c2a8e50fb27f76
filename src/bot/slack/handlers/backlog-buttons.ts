import type { App, BlockAction, BlockElementAction, ButtonAction } from '@slack/bolt';
import { findTeam } from '../../../config/org-chart-queries.js';
import { showBacklogNext } from '../../../cases/show-backlog-next.js';
import { BACKLOG_ACTIONS } from '../blocks/backlog-card.js';
import { memberIdForSlackUser, userMessage, type TSlackDeps } from '../slack-deps.js';
import { tellClicker } from './case-buttons.js';

type TClick = BlockAction<BlockElementAction>;

/** The backlog card's "Show next 5": releases the next cases of the channel into cards and tells the clicker. */
export function registerBacklogButtons(app: App, deps: TSlackDeps): void {
  app.action<TClick>(BACKLOG_ACTIONS.next, async ({ ack, body, client, action }) => {
    await ack();
    const team = (action as ButtonAction).value ?? '';
    const channel = findTeam(deps.orgChart, team)?.slack?.channel ?? body.channel?.id ?? '';
    try {
      const n = await showBacklogNext(deps, { team, surface: 'slack', destination: `slack:${channel}`, actorId: memberIdForSlackUser(deps.orgChart, body.user.id) });
      await tellClicker(client, body, n ? `Posting the next ${n} waiting ${n === 1 ? 'case' : 'cases'} as cards now, most urgent first.` : 'Nothing is waiting any more: every case has its own card.');
    } catch (err) {
      await tellClicker(client, body, userMessage(err, deps.log, { actionId: BACKLOG_ACTIONS.next, team }));
    }
  });
}
