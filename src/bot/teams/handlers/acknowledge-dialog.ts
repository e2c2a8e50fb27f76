import type { Application } from '@microsoft/teams-ai';
import type { TaskModuleTaskInfo, TurnContext } from 'botbuilder';
import { authorise } from '../../../cases/authorise.js';
import { AppError } from '../../../errors.js';
import { ZAckAudience } from '../../../incidents/ack-audience.js';
import { retryFailedAcks } from '../../../incidents/retry-ack.js';
import { reviewAcknowledgement } from '../../../incidents/review-ack.js';
import { loadAckPreview, NO_PREVIEW, sendAck, type TAckRequest } from '../../views/ack-preview-view.js';
import { loadIncidentView } from '../../views/incident-view.js';
import { ackComposeDialog, ackConfirmDialog, type TAckDialogValues } from '../cards/ack-dialog.js';
import type { TDialog } from '../cards/dialog.js';
import { ACK_VERBS } from '../cards/incident-ack-card.js';
import { incidentCard } from '../cards/incident-card.js';
import { userMessage, type TTeamsDeps } from '../teams-deps.js';
import { actorOf, str } from './handler-kit.js';

type TData = Record<string, unknown>;
const asTask = (d: TDialog) => d as unknown as TaskModuleTaskInfo;

/** The dialog's data as strings, whatever Teams sent (toggles and numbers arrive as strings or values). */
function valuesOf(data: TData): TAckDialogValues {
  const s = (k: string) => (data[k] === undefined || data[k] === null ? '' : String(data[k]));
  return { incidentId: s('incidentId'), kind: s('kind') === 'closing' ? 'closing' : 'acknowledge', text: s('text'), saved: s('saved'), complaintsOnly: s('complaintsOnly'), onlyNew: s('onlyNew'), minFollowers: s('minFollowers'), platforms: s('platforms') };
}

function requestOf(d: TAckDialogValues): TAckRequest {
  const followers = Number(d.minFollowers);
  return {
    incidentId: d.incidentId,
    kind: d.kind,
    text: d.text,
    ...(d.saved && { savedReplyId: d.saved }),
    audience: ZAckAudience.parse({ complaintsOnly: d.complaintsOnly === 'true', onlyNew: d.onlyNew === 'true', minFollowers: Number.isFinite(followers) && followers > 0 ? Math.floor(followers) : 0, platforms: d.platforms ? d.platforms.split(',').filter(Boolean) : [] }),
  };
}

/**
 * Acknowledge publicly and Resolve with closing reply in Teams: a dialog (compose → preview naming the count with a
 * filled example → send), plus Retry failed and the one approval as in-place card actions. Same services as Slack's.
 */
export function registerAcknowledgeDialog(app: Application, deps: TTeamsDeps): void {
  const compose = async (d: TAckDialogValues, actorId: string, error?: string) => {
    const v = await loadIncidentView(deps.db, deps.orgChart, d.incidentId);
    authorise(deps.orgChart, actorId, v.team.id, 'reply');
    if (v.closed) throw new AppError('CASE_CLOSED', `This incident is ${v.status}; reopen it first.`);
    return ackComposeDialog(v, deps.orgChart, d, error);
  };
  const open = (kind: TAckDialogValues['kind']) =>
    app.taskModules.fetch<TData>(kind === 'closing' ? ACK_VERBS.closing : ACK_VERBS.open, async (context: TurnContext, _s, data) => {
      try {
        return asTask(await compose({ ...valuesOf(data), kind }, actorOf(deps.orgChart, context)));
      } catch (err) {
        return userMessage(err, deps.log, { verb: ACK_VERBS.open, incidentId: data.incidentId });
      }
    });
  open('acknowledge');
  open('closing');

  app.taskModules.submit<TData>(ACK_VERBS.submit, async (context: TurnContext, _s, data) => {
    const d = valuesOf(data);
    const intent = str(data, 'intent');
    let actorId = '';
    try {
      actorId = actorOf(deps.orgChart, context);
      if (intent === 'edit') return asTask(await compose(d, actorId));
      if (intent === 'send') {
        await sendAck(deps, requestOf(d), actorId);
        return null;
      }
      return asTask(ackConfirmDialog(d, await loadAckPreview(deps, requestOf(d), actorId)));
    } catch (err) {
      const message = userMessage(err, deps.log, { verb: ACK_VERBS.submit, intent }).replace(/^\S+ /, '');
      if (!actorId || (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN'))) return message;
      // A refusal on send (someone else answered some authors meanwhile) shows on the preview; before it, on the text.
      if (intent === 'send') return asTask(ackConfirmDialog(d, await loadAckPreview(deps, requestOf(d), actorId).catch(() => NO_PREVIEW), message));
      return compose(d, actorId, message).then(asTask, () => message);
    }
  });

  const execute = (verb: string, fn: (o: { incidentId: string; ackId: string; actorId: string }) => Promise<unknown>) =>
    app.adaptiveCards.actionExecute<TData>(verb, async (context: TurnContext, _state, data) => {
      const incidentId = str(data, 'incidentId');
      try {
        await fn({ incidentId, ackId: str(data, 'ackId'), actorId: actorOf(deps.orgChart, context) });
        return incidentCard(await loadIncidentView(deps.db, deps.orgChart, incidentId));
      } catch (err) {
        return userMessage(err, deps.log, { verb, incidentId });
      }
    });
  execute(ACK_VERBS.retry, (o) => retryFailedAcks(deps, o));
  execute(ACK_VERBS.approve, (o) => reviewAcknowledgement(deps, { ackId: o.ackId, actorId: o.actorId, verdict: 'approve' }));
  execute(ACK_VERBS.reject, (o) => reviewAcknowledgement(deps, { ackId: o.ackId, actorId: o.actorId, verdict: 'reject' }));
}
