import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { claimCase, markMonitorOnly, markSpam, reopenCase, resolveCase, reviewReply } from '../../../cases/index.js';
import { findTeam } from '../../../config/org-chart-queries.js';
import { AppError } from '../../../errors.js';
import { loadCaseView, personRef } from '../../views/case-view.js';
import type { TAdaptiveCard } from '../cards/adaptive-card.js';
import { approvalCard, APPROVAL_VERBS } from '../cards/approval-card.js';
import { CASE_VERBS, caseCard } from '../cards/case-card.js';
import { INCIDENT_VERBS, incidentCard } from '../cards/incident-card.js';
import { claimIncident, monitorIncident, reopenIncident, resolveIncident } from '../../../incidents/change-incident.js';
import { loadIncidentView } from '../../views/incident-view.js';
import { userMessage, type TTeamsDeps } from '../teams-deps.js';
import { actingOrThrow, actorOf, str, teamOf } from './handler-kit.js';
import { approvalState } from '../../views/approval-view.js';

type TRun = (a: { caseId: string; actorId: string; data: Record<string, unknown> }) => Promise<TAdaptiveCard>;

/**
 * The card's in-place actions (Action.Execute). The case service runs first; the answer is the refreshed card,
 * which Teams swaps in at once. Everyone else's copy refreshes through the outbox's card.update. A refusal
 * (conflict, not allowed) goes back as a message to the clicker only, and the card stays as it was.
 */
export function registerCardActions(app: Application, deps: TTeamsDeps): void {
  const on = (verb: string, fn: TRun) => {
    app.adaptiveCards.actionExecute<Record<string, unknown>>(verb, async (context: TurnContext, _state, data) => {
      const caseId = str(data, 'caseId');
      try {
        return await fn({ caseId, actorId: actorOf(deps.orgChart, context), data });
      } catch (err) {
        return userMessage(err, deps.log, { verb, caseId });
      }
    });
  };
  const refreshed = async (caseId: string) => caseCard(await loadCaseView(deps.db, deps.orgChart, caseId, deps.now()));

  on(CASE_VERBS.claim, async ({ caseId, actorId }) => (await claimCase(deps, { caseId, actorId }), refreshed(caseId)));
  on(CASE_VERBS.monitor, async ({ caseId, actorId }) => (await markMonitorOnly(deps, { caseId, actorId }), refreshed(caseId)));
  on(CASE_VERBS.resolve, async ({ caseId, actorId }) => (await resolveCase(deps, { caseId, actorId }), refreshed(caseId)));
  on(CASE_VERBS.reopen, async ({ caseId, actorId }) => (await reopenCase(deps, { caseId, actorId }), refreshed(caseId)));
  on(CASE_VERBS.spam, async ({ caseId, actorId }) => {
    actingOrThrow(deps.orgChart, actorId, caseId, await teamOf(deps.db, caseId));
    await markSpam(deps, { caseId, actorId });
    return refreshed(caseId);
  });

  // The incident card's actions: the same service as Slack's buttons; the answer is the refreshed incident card.
  const onIncident = (verb: string, fn: (o: { incidentId: string; actorId: string }) => Promise<unknown>) => {
    app.adaptiveCards.actionExecute<Record<string, unknown>>(verb, async (context: TurnContext, _state, data) => {
      const incidentId = str(data, 'incidentId');
      try {
        await fn({ incidentId, actorId: actorOf(deps.orgChart, context) });
        return incidentCard(await loadIncidentView(deps.db, deps.orgChart, incidentId));
      } catch (err) {
        return userMessage(err, deps.log, { verb, incidentId });
      }
    });
  };
  onIncident(INCIDENT_VERBS.claim, (o) => claimIncident(deps, o));
  onIncident(INCIDENT_VERBS.monitor, (o) => monitorIncident(deps, o));
  onIncident(INCIDENT_VERBS.resolve, (o) => resolveIncident(deps, o));
  onIncident(INCIDENT_VERBS.reopen, (o) => reopenIncident(deps, o));

  on(APPROVAL_VERBS.approve, async ({ actorId, data }) => {
    const replyId = str(data, 'replyId');
    await reviewReply(deps, { replyId, actorId, review: { verdict: 'approve' } });
    return approvalCardFor(deps, replyId);
  });
}

/** The approval request as it now stands (approved, sent back, or still pending). */
export async function approvalCardFor(deps: TTeamsDeps, replyId: string): Promise<TAdaptiveCard> {
  const reply = await deps.db.reply.findUnique({ where: { id: replyId } });
  if (!reply) throw new AppError('NOT_FOUND', 'This reply no longer exists.');
  const v = await loadCaseView(deps.db, deps.orgChart, reply.caseId, deps.now());
  const approvers = (findTeam(deps.orgChart, v.team.id)?.members ?? []).filter((m) => m.role === 'approver').map((m) => personRef(deps.orgChart, m.id));
  const state = approvalState(deps.orgChart, reply);
  return approvalCard(v, state, approvers);
}
