import type { Application } from '@microsoft/teams-ai';
import type { TaskModuleTaskInfo, TurnContext } from 'botbuilder';
import { authorise } from '../../../cases/authorise.js';
import { mergeCandidates, mergeIncidents } from '../../../incidents/merge-incidents.js';
import { renameIncident } from '../../../incidents/rename-incident.js';
import { splitFromIncident } from '../../../incidents/split-incident.js';
import { findIncidentMember, loadIncidentMembers } from '../../views/incident-members.js';
import { loadIncidentView, type TIncidentView } from '../../views/incident-view.js';
import type { TDialog } from '../cards/dialog.js';
import { INCIDENT_MANAGE_VERBS } from '../cards/incident-manage-actions.js';
import { mergeDialog, renameDialog, splitDialog } from '../cards/incident-manage-dialogs.js';
import { userMessage, type TTeamsDeps } from '../teams-deps.js';
import { actorOf, str } from './handler-kit.js';

type TData = Record<string, unknown>;
type TValues = Record<string, string>;
const asTask = (d: TDialog) => d as unknown as TaskModuleTaskInfo;
const stringValues = (data: TData): TValues => Object.fromEntries(Object.entries(data).filter((e): e is [string, string] => typeof e[1] === 'string'));

/**
 * Rename / Split / Merge dialogs on the Teams incident card, mirroring Slack's modals (src/bot/slack/handlers/
 * incident-manage.ts). Opening one checks the clicker may act in the incident's team; a refused submit shows the
 * dialog again with the sentence on top and what was typed kept. The cards refresh through the outbox.
 */
export function registerIncidentManage(app: Application, deps: TTeamsDeps): void {
  const opened = async (context: TurnContext, data: TData) => {
    const v = await loadIncidentView(deps.db, deps.orgChart, str(data, 'incidentId'));
    const actorId = actorOf(deps.orgChart, context);
    authorise(deps.orgChart, actorId, v.team.id, 'act');
    return { v, actorId };
  };
  const flow = (verb: string, render: (v: TIncidentView, values?: TValues, error?: string) => Promise<TDialog>, run: (o: { incidentId: string; actorId: string; data: TData }) => Promise<unknown>) => {
    app.taskModules.fetch<TData>(verb, async (context: TurnContext, _s, data) => {
      try {
        return asTask(await render((await opened(context, data)).v));
      } catch (err) {
        return userMessage(err, deps.log, { verb, incidentId: data.incidentId });
      }
    });
    app.taskModules.submit<TData>(verb, async (context: TurnContext, _s, data) => {
      let o: Awaited<ReturnType<typeof opened>>;
      try {
        o = await opened(context, data);
      } catch (err) {
        return userMessage(err, deps.log, { verb, incidentId: data.incidentId });
      }
      try {
        await run({ incidentId: o.v.id, actorId: o.actorId, data });
        return null;
      } catch (err) {
        const message = userMessage(err, deps.log, { verb, incidentId: o.v.id }).replace(/^\S+ /, '');
        // The dialog again, as it now stands (the incident may have changed), with the refusal on top.
        return asTask(await render(await loadIncidentView(deps.db, deps.orgChart, o.v.id), stringValues(data), message));
      }
    });
  };

  flow(INCIDENT_MANAGE_VERBS.rename, async (v, values, error) => renameDialog(v, values, error), ({ incidentId, actorId, data }) => renameIncident(deps, { incidentId, actorId, title: str(data, 'title') }));
  flow(
    INCIDENT_MANAGE_VERBS.split,
    async (v, values, error) => splitDialog(v, await loadIncidentMembers(deps.db, v.id), values, error),
    async ({ incidentId, actorId, data }) => splitFromIncident(deps, { incidentId, actorId, caseId: str(data, 'member') || (await findIncidentMember(deps.db, incidentId, str(data, 'ref'))) }),
  );
  flow(
    INCIDENT_MANAGE_VERBS.merge,
    async (v, values, error) => mergeDialog(v, await mergeCandidates(deps, v.id), values, error),
    ({ incidentId, actorId, data }) => mergeIncidents(deps, { incidentId, actorId, targetId: str(data, 'target') }),
  );
}
