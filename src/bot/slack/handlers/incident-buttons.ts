import type { App, BlockAction, BlockElementAction, ButtonAction } from '@slack/bolt';
import { claimIncident, monitorIncident, reopenIncident, resolveIncident } from '../../../incidents/change-incident.js';
import { INCIDENT_ACTIONS } from '../blocks/incident-card.js';
import { memberIdForSlackUser, userMessage, type TSlackDeps } from '../slack-deps.js';
import { tellClicker } from './case-buttons.js';

type TClick = BlockAction<BlockElementAction>;

/** The incident card's buttons: one transaction each; the card changes through the outbox (incident.update). */
export function registerIncidentButtons(app: App, deps: TSlackDeps): void {
  const run = (actionId: string, fn: (o: { incidentId: string; actorId: string }) => Promise<unknown>) => {
    app.action<TClick>(actionId, async ({ ack, body, client, action }) => {
      await ack();
      const incidentId = (action as ButtonAction).value ?? '';
      try {
        await fn({ incidentId, actorId: memberIdForSlackUser(deps.orgChart, body.user.id) });
      } catch (err) {
        await tellClicker(client, body, userMessage(err, deps.log, { actionId, incidentId }));
      }
    });
  };
  run(INCIDENT_ACTIONS.claim, (o) => claimIncident(deps, o));
  run(INCIDENT_ACTIONS.monitor, (o) => monitorIncident(deps, o));
  run(INCIDENT_ACTIONS.resolve, (o) => resolveIncident(deps, o));
  run(INCIDENT_ACTIONS.reopen, (o) => reopenIncident(deps, o));
}
