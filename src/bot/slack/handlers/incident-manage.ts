import type { App, BlockAction, BlockElementAction, ButtonAction, ViewOutput } from '@slack/bolt';
import { authorise } from '../../../cases/authorise.js';
import { toAppError } from '../../../errors.js';
import { mergeCandidates, mergeIncidents } from '../../../incidents/merge-incidents.js';
import { renameIncident } from '../../../incidents/rename-incident.js';
import { splitFromIncident } from '../../../incidents/split-incident.js';
import { findIncidentMember, loadIncidentMembers } from '../../views/incident-members.js';
import { loadIncidentView, type TIncidentView } from '../../views/incident-view.js';
import { INCIDENT_MANAGE_ACTIONS } from '../blocks/incident-manage-buttons.js';
import { INCIDENT_MANAGE_VIEWS, mergeModal, renameModal, splitModal } from '../blocks/incident-manage-modals.js';
import { memberIdForSlackUser, userMessage, type TSlackDeps } from '../slack-deps.js';
import { blockIdOf, inputValue, metadata, textOf } from '../view-state.js';
import { tellClicker } from './case-buttons.js';

type TClick = BlockAction<BlockElementAction>;

/** Where a service refusal naming a field (details.field) is shown in these modals. */
const FIELD_BLOCK: Record<string, string> = { title: 'title', case: 'member', target: 'target' };

/**
 * Rename / Split / Merge from the incident card. A click checks the clicker may act in the incident's team, then
 * opens the modal with the click's trigger_id; the submission runs the incident service before the ack, so a
 * refusal shows under its field with the modal still open. The cards change through the outbox (incident.update).
 */
export function registerIncidentManage(app: App, deps: TSlackDeps): void {
  const open = (actionId: string, build: (v: TIncidentView) => Promise<ReturnType<typeof renameModal>>) => {
    app.action<TClick>(actionId, async ({ ack, body, client, action }) => {
      await ack();
      const incidentId = (action as ButtonAction).value ?? '';
      try {
        const v = await loadIncidentView(deps.db, deps.orgChart, incidentId);
        authorise(deps.orgChart, memberIdForSlackUser(deps.orgChart, body.user.id), v.team.id, 'act');
        await client.views.open({ trigger_id: body.trigger_id, view: await build(v) });
      } catch (err) {
        await tellClicker(client, body, userMessage(err, deps.log, { actionId, incidentId }));
      }
    });
  };
  open(INCIDENT_MANAGE_ACTIONS.rename, async (v) => renameModal(v));
  open(INCIDENT_MANAGE_ACTIONS.split, async (v) => splitModal(v, await loadIncidentMembers(deps.db, v.id)));
  open(INCIDENT_MANAGE_ACTIONS.merge, async (v) => mergeModal(v, await mergeCandidates(deps, v.id)));

  const submit = (callbackId: string, fallbackBlock: string, fn: (a: { view: ViewOutput; incidentId: string; actorId: string }) => Promise<unknown>) => {
    app.view(callbackId, async ({ ack, body, view }) => {
      const incidentId = metadata<{ incidentId: string }>(view).incidentId ?? '';
      try {
        await fn({ view, incidentId, actorId: memberIdForSlackUser(deps.orgChart, body.user.id) });
        await ack();
      } catch (err) {
        const field = toAppError(err).details.field;
        const block = (typeof field === 'string' && FIELD_BLOCK[field]) || fallbackBlock;
        const message = userMessage(err, deps.log, { callbackId, incidentId }).replace(/^:\w+: /, '');
        await ack({ response_action: 'errors', errors: { [blockIdOf(view, block)]: message.slice(0, 2000) } });
      }
    });
  };
  submit(INCIDENT_MANAGE_VIEWS.rename, 'title', ({ view, incidentId, actorId }) => renameIncident(deps, { incidentId, actorId, title: textOf(view, 'title') }));
  submit(INCIDENT_MANAGE_VIEWS.split, 'member', async ({ view, incidentId, actorId }) => {
    const picked = inputValue(view, 'member', 'member')?.selected_option?.value;
    const caseId = picked ?? (await findIncidentMember(deps.db, incidentId, textOf(view, 'ref')));
    return splitFromIncident(deps, { incidentId, caseId, actorId });
  });
  submit(INCIDENT_MANAGE_VIEWS.merge, 'target', ({ view, incidentId, actorId }) =>
    mergeIncidents(deps, { incidentId, targetId: inputValue(view, 'target', 'target')?.selected_option?.value ?? '', actorId }),
  );
}
