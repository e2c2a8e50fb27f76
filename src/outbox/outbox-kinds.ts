/**
 * What the outbox can carry. Producers write these in the same transaction as the state change;
 * handlers for each kind are registered by the edge that can deliver it (Slack, Teams, connectors).
 */
export type TOutboxMessage =
  /** Post a new case card into a team's channel. */
  | { kind: 'card.post'; caseId: string; team: string; priority?: string; incidentId?: string }
  /** Refresh every chat message that shows the case, and log the action in the card's thread. */
  | { kind: 'card.update'; caseId: string; eventId?: string; /** A person's action caused it: the staff lane (delivery-rank.ts). */ staff?: boolean; /** A follow-up mention joined the case: one such refresh waits per case (pending-key.ts). */ followUp?: boolean }
  /** Post an incident's card into a team's channel (one per channel, standing for all its members). */
  | { kind: 'incident.post'; incidentId: string; team: string }
  /** Refresh every chat message that shows the incident (coalesced: the latest state wins). */
  | { kind: 'incident.update'; incidentId: string }
  /** Tell someone in the incident card's thread (an acknowledgement whose replies finally failed names who started it). */
  | { kind: 'incident.notice'; incidentId: string; team: string; eventId: string }
  /** Send a staff reply to the social platform (public or private). */
  | { kind: 'platform.reply'; caseId: string; replyId: string }
  /** Ask approvers to approve / edit / reject a reply. */
  | { kind: 'approval.request'; caseId: string; replyId: string; team: string }
  /** Tell a team's managers a case was escalated. */
  | { kind: 'escalation.notify'; caseId: string; team: string; reason: string }
  /** SLA sweep: warn the team channel before a breach, at the breach, then escalate to the manager. */
  | { kind: 'sla.alert'; caseId: string; team: string; stage: 'warning' | 'breached' | 'escalated' }
  /** An offline follow-up is due: remind its owner in the card's thread. */
  | { kind: 'followup.remind'; caseId: string; assignee: string; dueAt: string }
  /** A spike in volume or negativity: one alert to the team's channel, naming its managers (src/incidents/spike-*.ts). */
  | { kind: 'spike.alert'; alertIds: string[]; team: string }
  /** Post or refresh a channel's backlog card: the cases waiting there for a card of their own (channel-backlog.ts). */
  | { kind: 'backlog.update'; team: string }
  /** A manager's daily digest for one local date (YYYY-MM-DD in the manager's time zone). */
  | { kind: 'digest.send'; memberId: string; date: string }
  /** One chat notice delivered on one surface; the fan-out writes one per enabled surface. */
  | { kind: 'chat.deliver'; surface: TChatSurfaceId; caseId: string | null; message: TChatNotice };

export type TOutboxKind = TOutboxMessage['kind'];

export type TChatSurfaceId = 'slack' | 'teams';

/** Notices meant for people in chat; each is fanned out to every enabled surface (Slack, Teams). */
export const CHAT_NOTICE_KINDS = ['card.post', 'card.update', 'incident.post', 'incident.update', 'incident.notice', 'approval.request', 'escalation.notify', 'sla.alert', 'followup.remind', 'digest.send', 'spike.alert', 'backlog.update'] as const;
export type TChatNotice = Extract<TOutboxMessage, { kind: (typeof CHAT_NOTICE_KINDS)[number] }>;
