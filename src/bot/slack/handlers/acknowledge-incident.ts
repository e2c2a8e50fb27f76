import type { App, BlockAction, BlockElementAction, ButtonAction, ViewOutput } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { ZAckAudience } from '../../../incidents/ack-audience.js';
import { authorise } from '../../../cases/authorise.js';
import { AppError } from '../../../errors.js';
import { retryFailedAcks } from '../../../incidents/retry-ack.js';
import { reviewAcknowledgement } from '../../../incidents/review-ack.js';
import { loadIncidentView } from '../../views/incident-view.js';
import { loadAckPreview, NO_PREVIEW, sendAck } from '../../views/ack-preview-view.js';
import { ackComposeModal, ackConfirmModal, ACK_VIEW, type TAckModalMeta } from '../blocks/ack-modal.js';
import { ACK_ACTIONS } from '../blocks/incident-ack-blocks.js';
import { memberIdForSlackUser, userMessage, type TSlackDeps } from '../slack-deps.js';
import { inputValue, metadata, textOf } from '../view-state.js';
import { tellClicker } from './case-buttons.js';

type TClick = BlockAction<BlockElementAction>;
type TClickArgs = { value: string; actorId: string; body: TClick; client: WebClient };

/**
 * Acknowledge publicly and Resolve with closing reply on the incident card: a two-step modal (compose, then a preview
 * that names the count and shows a filled example, then send), plus Retry failed and the one approval.
 */
export function registerAcknowledgeIncident(app: App, deps: TSlackDeps): void {
  const click = (actionId: string, fn: (a: TClickArgs) => Promise<void>) => {
    app.action<TClick>(actionId, async ({ ack, body, client, action }) => {
      await ack();
      const value = (action as ButtonAction).value ?? '';
      try {
        await fn({ value, actorId: memberIdForSlackUser(deps.orgChart, body.user.id), body, client });
      } catch (err) {
        await tellClicker(client, body, userMessage(err, deps.log, { actionId, value }));
      }
    });
  };
  const open = (kind: TAckModalMeta['kind'], onlyNew: boolean) => async ({ value, actorId, body, client }: TClickArgs) => {
    const v = await loadIncidentView(deps.db, deps.orgChart, value);
    // A viewer is told before typing anything.
    authorise(deps.orgChart, actorId, v.team.id, 'reply');
    if (v.closed) throw new AppError('CASE_CLOSED', `This incident is ${v.status}; reopen it first.`);
    await client.views.open({ trigger_id: body.trigger_id, view: ackComposeModal(v, deps.orgChart, { incidentId: v.id, kind, audience: ZAckAudience.parse({ onlyNew }) }) });
  };
  click(ACK_ACTIONS.open, open('acknowledge', false));
  click(ACK_ACTIONS.openNew, open('acknowledge', true));
  click(ACK_ACTIONS.closing, open('closing', false));
  click(ACK_ACTIONS.retry, async ({ value, actorId }) => void (await retryFailedAcks(deps, { incidentId: value, actorId })));
  click(ACK_ACTIONS.approve, async ({ value, actorId }) => void (await reviewAcknowledgement(deps, { ackId: value, actorId, verdict: 'approve' })));
  click(ACK_ACTIONS.reject, async ({ value, actorId }) => void (await reviewAcknowledgement(deps, { ackId: value, actorId, verdict: 'reject' })));

  // Compose → preview: refusals (empty text, unknown placeholder, too long, nobody left) show under the text.
  app.view(ACK_VIEW.compose, async ({ ack, body, view }) => {
    const meta = composed(view);
    try {
      const actorId = memberIdForSlackUser(deps.orgChart, body.user.id);
      // The confirm step carries the text in private_metadata, which Slack caps at 3,000 characters.
      if (JSON.stringify(meta).length > 3000) throw new AppError('VALIDATION', 'This reply is too long to preview here; shorten it.');
      await ack({ response_action: 'update', view: ackConfirmModal(meta, await loadAckPreview(deps, meta, actorId)) });
    } catch (err) {
      await ack({ response_action: 'errors', errors: { ack_text: userMessage(err, deps.log, { callbackId: ACK_VIEW.compose }).replace(/^:\w+: /, '').slice(0, 2000) } });
    }
  });

  // Confirm → send. A refusal now (someone else acknowledged the same authors meanwhile) shows on the preview. Storing
  // hundreds of replies can outlast Slack's 3-second ack: past ACK_WAIT_MS the modal closes and the send goes on (it is
  // one transaction: all of it is stored or none), and a refusal then reaches the person as a direct message.
  app.view(ACK_VIEW.confirm, async ({ ack, body, view, client }) => {
    const meta = metadata<TAckModalMeta>(view) as TAckModalMeta;
    let actorId = '';
    const work = (async () => {
      actorId = memberIdForSlackUser(deps.orgChart, body.user.id);
      await sendAck(deps, { ...meta, text: meta.text ?? '', audience: ZAckAudience.parse(meta.audience ?? {}) }, actorId);
    })();
    const refusal = (err: unknown) => userMessage(err, deps.log, { callbackId: ACK_VIEW.confirm }).replace(/^:\w+: /, '');
    const first = await Promise.race([work.then(() => 'done' as const, (err: unknown) => ({ err })), new Promise<'slow'>((r) => setTimeout(() => r('slow'), ACK_WAIT_MS))]);
    if (first === 'done') return ack();
    if (first === 'slow') {
      await ack();
      await work.catch((err: unknown) => client.chat.postMessage({ channel: body.user.id, text: `:warning: Acknowledge publicly did not go through, nothing was sent: ${refusal(err)}` }));
      return;
    }
    const p = actorId ? await loadAckPreview(deps, meta, actorId).catch(() => NO_PREVIEW) : NO_PREVIEW;
    await ack({ response_action: 'update', view: ackConfirmModal(meta, p, refusal(first.err)) });
  });
}

/** How long the confirm waits for the send before closing the modal (Slack allows 3 s for the ack). */
const ACK_WAIT_MS = 2000;

/** The composer's answers as the service takes them. */
function composed(view: ViewOutput): TAckModalMeta {
  const meta = metadata<TAckModalMeta>(view);
  const who = new Set((inputValue(view, 'ack_who', 'who') as { selected_options?: { value: string }[] } | undefined)?.selected_options?.map((o) => o.value) ?? []);
  const followers = Number(inputValue(view, 'ack_followers', 'followers')?.value ?? 0);
  const platforms = ((inputValue(view, 'ack_platforms', 'platforms') as { selected_options?: { value: string }[] } | undefined)?.selected_options ?? []).map((o) => o.value);
  const saved = inputValue(view, 'ack_saved', 'saved')?.selected_option?.value;
  return {
    incidentId: meta.incidentId ?? '',
    kind: meta.kind === 'closing' ? 'closing' : 'acknowledge',
    text: textOf(view, 'ack_text'),
    ...(saved && { savedReplyId: saved }),
    audience: ZAckAudience.parse({ complaintsOnly: who.has('complaintsOnly'), onlyNew: who.has('onlyNew'), minFollowers: Number.isFinite(followers) && followers > 0 ? Math.floor(followers) : 0, platforms }),
  };
}
