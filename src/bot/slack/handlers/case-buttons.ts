import type { App, BlockAction, BlockElementAction, ButtonAction, OverflowAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { claimCase, markMonitorOnly, markSpam, reopenCase, resolveCase } from '../../../cases/index.js';
import { AppError } from '../../../errors.js';
import { loadCaseView } from '../../views/case-view.js';
import { describeEvent } from '../../views/event-line.js';
import { loadAssistView } from '../../views/load-assist-view.js';
import { roleFor } from '../../../config/org-chart-queries.js';
import { CASE_ACTIONS, type TMenuOption } from '../blocks/case-card.js';
import { offlineModal } from '../blocks/offline-modal.js';
import { replyModal } from '../blocks/reply-modal.js';
import { correctTriageModal, escalateModal, historyModal, reassignModal } from '../blocks/small-modals.js';
import { loadCorrectionFields } from '../../views/correction-view.js';
import { memberIdForSlackUser, userMessage, type TSlackDeps } from '../slack-deps.js';

type TClick = BlockAction<BlockElementAction>;

/** Tells only the person who clicked; the card itself changes through the outbox once the case does. */
export async function tellClicker(client: WebClient, body: TClick, text: string): Promise<void> {
  const channel = body.channel?.id;
  if (!channel) return;
  const threadTs = body.message?.thread_ts as string | undefined;
  await client.chat.postEphemeral({ channel, user: body.user.id, text, ...(threadTs && { thread_ts: threadTs }) });
}

/**
 * The card's buttons. Quick state changes run before the ack returns (they are one transaction); dialogs are
 * opened with the click's trigger_id, which Slack honours for 3 seconds only.
 */
export function registerCaseButtons(app: App, deps: TSlackDeps): void {
  const run = (actionId: string, fn: (a: { caseId: string; actorId: string; body: TClick; client: WebClient }) => Promise<void>) => {
    app.action<TClick>(actionId, async ({ ack, body, client, action }) => {
      await ack();
      const caseId = valueOf(action).split(':').pop() ?? '';
      try {
        const actorId = memberIdForSlackUser(deps.orgChart, body.user.id);
        await fn({ caseId, actorId, body, client });
      } catch (err) {
        await tellClicker(client, body, userMessage(err, deps.log, { actionId, caseId }, deps.orgChart));
      }
    });
  };

  run(CASE_ACTIONS.claim, ({ caseId, actorId }) => claimCase(deps, { caseId, actorId }).then(() => undefined));
  run(CASE_ACTIONS.monitor, ({ caseId, actorId }) => markMonitorOnly(deps, { caseId, actorId }).then(() => undefined));
  run(CASE_ACTIONS.resolve, ({ caseId, actorId }) => resolveCase(deps, { caseId, actorId }).then(() => undefined));
  run(CASE_ACTIONS.reopen, ({ caseId, actorId }) => reopenCase(deps, { caseId, actorId }).then(() => undefined));

  run(CASE_ACTIONS.reply, async ({ caseId, actorId, body, client }) => {
    const acting = actingOrThrow(deps, actorId, caseId, await teamOf(deps, caseId));
    const view = await loadCaseView(deps.db, deps.orgChart, caseId, deps.now());
    if (view.closed) throw new AppError('CASE_CLOSED', `This case is ${view.status}; reopen it first.`);
    // The best saved reply is in the box and the next two a click away; nothing is sent until the person presses Send.
    const { assist, suggestions } = await loadAssistView(deps.assist, view, { agentName: acting.member.name });
    await client.views.open({ trigger_id: body.trigger_id, view: replyModal({ view, chart: deps.orgChart, needsApproval: acting.member.needsApproval, text: suggestions.best?.text ?? '', assist }) });
  });

  run(CASE_ACTIONS.offline, async ({ caseId, actorId, body, client }) => {
    const acting = actingOrThrow(deps, actorId, caseId, await teamOf(deps, caseId));
    const view = await loadCaseView(deps.db, deps.orgChart, caseId, deps.now());
    if (view.closed) throw new AppError('CASE_CLOSED', `This case is ${view.status}; reopen it first.`);
    const { assist, suggestions } = await loadAssistView(deps.assist, view, { agentName: acting.member.name, purpose: 'offline' });
    const modal = offlineModal({ view, privateUnsupported: deps.privateUnsupported(view.platform), acknowledgement: suggestions.best?.text ?? '', defaultDue: new Date(deps.now().getTime() + 24 * 3600_000), assist });
    await client.views.open({ trigger_id: body.trigger_id, view: modal });
  });

  run(CASE_ACTIONS.menu, async ({ caseId, actorId, body, client, }) => {
    const choice = (valueOf(body.actions[0]!).split(':')[0] ?? '') as TMenuOption;
    if (choice === 'history') {
      const events = await deps.db.caseEvent.findMany({ where: { caseId }, orderBy: { at: 'asc' } });
      await client.views.open({ trigger_id: body.trigger_id, view: historyModal(caseId, events.map((e) => describeEvent(deps.orgChart, e))) });
      return;
    }
    const team = await teamOf(deps, caseId);
    actingOrThrow(deps, actorId, caseId, team);
    if (choice === 'spam') await markSpam(deps, { caseId, actorId });
    else if (choice === 'reassign') await client.views.open({ trigger_id: body.trigger_id, view: reassignModal(deps.orgChart, caseId, team) });
    else if (choice === 'escalate') await client.views.open({ trigger_id: body.trigger_id, view: escalateModal(caseId) });
    else if (choice === 'correct') await client.views.open({ trigger_id: body.trigger_id, view: correctTriageModal(caseId, await loadCorrectionFields(deps.db, deps.orgChart, caseId)) });
  });
}

function valueOf(action: BlockElementAction): string {
  if ((action as OverflowAction).selected_option) return (action as OverflowAction).selected_option.value;
  return (action as ButtonAction).value ?? '';
}

async function teamOf(deps: TSlackDeps, caseId: string): Promise<string> {
  const c = await deps.db.case.findUnique({ where: { id: caseId }, select: { team: true } });
  if (!c) throw new AppError('NOT_FOUND', 'This case no longer exists.');
  return c.team;
}

/** Checked before a dialog opens, so a viewer is told at once rather than after typing a reply. */
function actingOrThrow(deps: TSlackDeps, actorId: string, caseId: string, team: string) {
  const acting = roleFor(deps.orgChart, actorId, team);
  if (!acting || acting.role === 'viewer') throw new AppError('FORBIDDEN', `You have view-only access to ${team} cases.`, { caseId });
  return acting;
}
