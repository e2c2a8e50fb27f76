import type { TOrgChart } from '../../config/org-chart-schema.js';
import { findTeam } from '../../config/org-chart-queries.js';
import type { TLogger } from '../../log.js';
import type { TChatNotice } from '../../outbox/outbox-kinds.js';
import { PermanentError } from '../../outbox/outbox-errors.js';
import type { TRate } from '../../outbox/rate-limiter.js';
import type { TDb, TTx } from '../../store/client.js';
import type { TChatSurface } from '../chat-surface.js';
import { loadCaseView, personRef, type TCaseView } from '../views/case-view.js';
import { alertPeople } from '../views/alert-people.js';
import { describeEvent } from '../views/event-line.js';
import type { TDigestSource } from '../views/report-view.js';
import { cardActivity } from './cards/adaptive-card.js';
import { digestActivity, TEAMS_DIGEST_CHART_SCALE } from './cards/digest-activity.js';
import { approvalCard, approvalSummary } from './cards/approval-card.js';
import { caseCard, caseSummary } from './cards/case-card.js';
import { reportCard } from './cards/command-cards.js';
import { eventCard, eventSummary } from './cards/event-card.js';
import { incidentCard, incidentSummary } from './cards/incident-card.js';
import { spikeActivity } from './cards/spike-card.js';
import { loadSpikeView } from '../views/spike-view.js';
import { renderSpikeChart } from '../../reports/spike-chart.js';
import { postIncidentNotice } from './incident-notice.js';
import { backlogCard, backlogSummary } from './cards/backlog-card.js';
import { loadBacklogView } from '../views/backlog-view.js';
import { recordBacklogCard } from '../backlog-card-record.js';
import { recordIncidentCard } from '../incident-card-record.js';
import { loadIncidentView } from '../views/incident-view.js';
import { noticeCard } from './cards/notice-card.js';
import type { TBotConnector, TConversationRef, TOutgoingActivity } from './bot-connector.js';
import { connectorStatus } from './connector-errors.js';
import { channelReference, personalReference } from './installations.js';
import { approvalState } from '../views/approval-view.js';

export interface TTeamsSurfaceDeps {
  db: TDb;
  orgChart: TOrgChart;
  connector: TBotConnector;
  log: TLogger;
  now: () => Date;
  /** Prefer installations in this tenant when a mapped channel has none of its own. */
  tenantId?: string;
  digest?: TDigestSource;
}

/** What a delivery posted: a case's message (card, notice, approval) or an incident's card. */
type TPosted =
  | { channel: string; id: string; kind: string; caseId: string; threadId?: string }
  | { channel: string; id: string; kind: 'incident'; incidentId: string }
  /** A channel's backlog card; `cleared` when it now says "all caught up", so the next backlog gets a fresh one. */
  | { channel: string; id: string; kind: 'backlog'; cleared: boolean };
type TResult = { posted: TPosted[] } | { skipped: string };

/**
 * Teams allows a bot 7 messages/1 s, 8/2 s, 60/30 s and 1,800/hour per thread. A bucket of 5 refilled at
 * 0.5/s stays inside all four (at most 5.5 in 1 s, 6 in 2 s, 20 in 30 s, ~1,800 in an hour); 429s still block.
 */
export const TEAMS_THREAD_RATE: TRate = { perSecond: 0.5, burst: 5 };

/** Where a thread reply lives: Teams addresses a channel thread as `<channel>;messageid=<root>`. */
const threadConversation = (channel: string, rootId: string | null) => (rootId ? `${channel};messageid=${rootId}` : channel);

/**
 * Teams as a chat surface: posts and updates case cards through the Bot Connector, logs every action in the
 * card's thread, asks approvers, raises SLA and escalation alerts, and sends digests to managers' 1:1 chats.
 * Mirrors the Slack surface notice for notice; both render the same views.
 */
export function createTeamsSurface(deps: TTeamsSurfaceDeps): TChatSurface {
  const teamConversation = (team: string) => findTeam(deps.orgChart, team)?.teams?.conversationId;
  const cardsOf = (caseId: string) => deps.db.chatMessage.findMany({ where: { caseId, surface: 'teams', kind: 'card' }, orderBy: { createdAt: 'asc' } });
  const homeCard = async (caseId: string, team: string) => {
    const cards = await cardsOf(caseId);
    return cards.find((c) => c.channel === teamConversation(team)) ?? cards.at(-1);
  };
  const view = (caseId: string) => loadCaseView(deps.db, deps.orgChart, caseId, deps.now());
  const refFor = async (conversationId: string): Promise<TConversationRef> => {
    const ref = await channelReference(deps.db, conversationId, deps.tenantId);
    if (!ref) throw new PermanentError(`Earshot has not been added to any team in Teams, so it cannot post to ${conversationId}; add the app to the team that owns this channel.`);
    return ref;
  };

  async function postInThread(caseId: string, team: string, activity: TOutgoingActivity, kind = 'notice'): Promise<TResult> {
    const card = await homeCard(caseId, team);
    const channel = card?.channel ?? teamConversation(team);
    // An incident member without a card of its own: its alerts would land loose in the channel, once per member.
    if (!card && (await deps.db.case.findUnique({ where: { id: caseId }, select: { incidentId: true } }))?.incidentId) return { skipped: `case ${caseId} is shown by its incident's card` };
    if (!channel) return { skipped: `team ${team} has no Teams channel` };
    const ref = await refFor(channel);
    // A member card in an incident's thread shares that thread (Teams and Slack threads are one level deep).
    const root = card ? (card.threadId ?? card.messageId) : undefined;
    const res = root ? await deps.connector.reply(ref, channel, root, activity) : await deps.connector.send(ref, channel, activity);
    return { posted: [{ channel, id: res.id, kind, caseId, ...(root && { threadId: root }) }] };
  }

  async function postCard(caseId: string, team: string, incidentId?: string): Promise<TResult> {
    const channel = teamConversation(team);
    if (!channel) return { skipped: `team ${team} has no Teams channel` };
    const v = await view(caseId);
    const activity = cardActivity(caseCard(v), caseSummary(v));
    const ref = await refFor(channel);
    const existing = (await cardsOf(caseId)).find((c) => c.channel === channel);
    if (existing) {
      // A retried or repeated post must not duplicate the card: refresh the one already there.
      await deps.connector.update(ref, threadConversation(channel, existing.threadId), existing.messageId, activity);
      return { posted: [] };
    }
    // An incident member that still earns a card goes into the incident card's thread (README: Incidents).
    const parent = incidentId ? await deps.db.incidentCard.findFirst({ where: { incidentId, surface: 'teams', channel } }) : null;
    if (parent) {
      const res = await deps.connector.reply(ref, channel, parent.messageId, activity);
      return { posted: [{ channel, id: res.id, kind: 'card', caseId, threadId: parent.messageId }] };
    }
    const res = await deps.connector.send(ref, channel, activity);
    return { posted: [{ channel, id: res.id, kind: 'card', caseId }] };
  }

  async function postIncident(incidentId: string, team: string): Promise<TResult> {
    const channel = teamConversation(team);
    if (!channel) return { skipped: `team ${team} has no Teams channel` };
    const v = await loadIncidentView(deps.db, deps.orgChart, incidentId);
    const activity = cardActivity(incidentCard(v), incidentSummary(v));
    const ref = await refFor(channel);
    const existing = await deps.db.incidentCard.findFirst({ where: { incidentId, surface: 'teams', channel } });
    if (existing) {
      await deps.connector.update(ref, channel, existing.messageId, activity);
      return { posted: [] };
    }
    const res = await deps.connector.send(ref, channel, activity);
    return { posted: [{ channel, id: res.id, kind: 'incident', incidentId }] };
  }

  /** Posts the channel's backlog card or refreshes it in place (as Slack's: src/bot/slack/slack-surface.ts). */
  async function showBacklog(team: string): Promise<TResult> {
    const channel = teamConversation(team);
    if (!channel) return { skipped: `team ${team} has no Teams channel` };
    const v = await loadBacklogView(deps.db, deps.orgChart, `teams:${channel}`, team);
    const activity = cardActivity(backlogCard(v, deps.now()), backlogSummary(v));
    const ref = await refFor(channel);
    const existing = await deps.db.backlogCard.findUnique({ where: { surface_channel: { surface: 'teams', channel } } });
    if (existing) {
      try {
        await deps.connector.update(ref, channel, existing.messageId, activity);
        return { posted: [{ channel, id: existing.messageId, kind: 'backlog', cleared: v.total === 0 }] };
      } catch (err) {
        if (connectorStatus(err) !== 404) throw err;
      }
    }
    if (v.total === 0) return { posted: existing ? [{ channel, id: existing.messageId, kind: 'backlog', cleared: true }] : [] };
    const res = await deps.connector.send(ref, channel, activity);
    return { posted: [{ channel, id: res.id, kind: 'backlog', cleared: false }] };
  }

  /** Refreshes every Teams card showing the incident with its latest state (stale refreshes never reach here). */
  async function updateIncident(incidentId: string): Promise<TResult> {
    const v = await loadIncidentView(deps.db, deps.orgChart, incidentId);
    const activity = cardActivity(incidentCard(v), incidentSummary(v));
    for (const m of await deps.db.incidentCard.findMany({ where: { incidentId, surface: 'teams' } })) {
      try {
        await deps.connector.update(await refFor(m.channel), m.channel, m.messageId, activity);
      } catch (err) {
        if (connectorStatus(err) === 404) continue;
        throw err;
      }
    }
    return { posted: [] };
  }

  async function updateCard(caseId: string, eventId: string | undefined): Promise<TResult> {
    const v = await view(caseId);
    const activity = cardActivity(caseCard(v), caseSummary(v));
    const cards = await cardsOf(caseId);
    for (const m of cards) {
      try {
        // A member card in an incident's thread lives in that thread's conversation.
        await deps.connector.update(await refFor(m.channel), threadConversation(m.channel, m.threadId), m.messageId, activity);
      } catch (err) {
        // A card someone deleted stays deleted; the others still update.
        if (connectorStatus(err) === 404) continue;
        throw err;
      }
    }
    await refreshApprovals(v);
    // An incident member without a card of its own has no thread for the event; the incident card stands for it.
    if (!eventId || (cards.length === 0 && v.incidentId)) return { posted: [] };
    const ev = await deps.db.caseEvent.findUnique({ where: { id: eventId } });
    // A note typed in this card's Teams thread is already there; one from Slack is news here.
    if (!ev || JSON.parse(ev.payload).source?.teamsActivityId) return { posted: [] };
    const line = describeEvent(deps.orgChart, ev);
    const replyAuthor = ev.action === 'reply_failed' ? personRef(deps.orgChart, String(JSON.parse(ev.payload).author ?? '')) : line.actor;
    return postInThread(caseId, v.team.id, cardActivity(eventCard(line, replyAuthor), eventSummary(line)));
  }

  const approversOf = (team: string) => (findTeam(deps.orgChart, team)?.members ?? []).filter((m) => m.role === 'approver').map((m) => personRef(deps.orgChart, m.id));

  async function refreshApprovals(v: TCaseView): Promise<void> {
    const msgs = await deps.db.chatMessage.findMany({ where: { caseId: v.id, surface: 'teams', kind: { startsWith: 'approval:' } } });
    for (const m of msgs) {
      const reply = await deps.db.reply.findUnique({ where: { id: m.kind.slice('approval:'.length) } });
      if (!reply) continue;
      const state = approvalState(deps.orgChart, reply);
      await deps.connector.update(await refFor(m.channel), threadConversation(m.channel, m.threadId), m.messageId, cardActivity(approvalCard(v, state, approversOf(v.team.id)), approvalSummary(v, state)));
    }
  }

  async function requestApproval(caseId: string, replyId: string): Promise<TResult> {
    const v = await view(caseId);
    const reply = await deps.db.reply.findUniqueOrThrow({ where: { id: replyId } });
    const state = approvalState(deps.orgChart, reply);
    return postInThread(caseId, v.team.id, cardActivity(approvalCard(v, state, approversOf(v.team.id)), approvalSummary(v, state)), `approval:${replyId}`);
  }

  async function sendDigest(memberId: string, date: string): Promise<TResult> {
    const member = personRef(deps.orgChart, memberId);
    const ref = member.teamsUserId ? await personalReference(deps.db, member.teamsUserId) : null;
    // Managers who work in Slack, or have not opened Earshot's personal app, get their digest elsewhere.
    if (!ref) return { skipped: `${memberId} has no 1:1 chat with Earshot in Teams` };
    if (!deps.digest) throw new PermanentError('Digests are not available on this Earshot build.');
    const digest = await deps.digest.compose(memberId, date);
    if (!digest) return { skipped: `nothing to report to ${memberId} for ${date}` };
    const activity = digestActivity(reportCard(digest.view), digest.view.title, await digest.picture(TEAMS_DIGEST_CHART_SCALE), date);
    if (!activity.attachments.some((a) => a.contentType === 'image/png')) deps.log.warn('teams digest sent without its chart: the picture would pass the message size limit', { memberId, date });
    await deps.connector.send(ref, ref.conversation.id, activity);
    return { posted: [] };
  }

  /** A spike alert to the team's channel, its managers mentioned, with the chart inline (src/incidents/raise-spikes.ts). */
  async function postSpike(alertIds: string[], team: string): Promise<TResult> {
    const channel = teamConversation(team);
    if (!channel) return { skipped: `team ${team} has no Teams channel` };
    const v = await loadSpikeView(deps.db, deps.orgChart, alertIds);
    const { png } = await renderSpikeChart(v, findTeam(deps.orgChart, team)?.timezone ?? deps.orgChart.timezone, TEAMS_DIGEST_CHART_SCALE);
    await deps.connector.send(await refFor(channel), channel, spikeActivity(v, png));
    return { posted: [] };
  }

  async function deliver(notice: TChatNotice): Promise<TResult> {
    switch (notice.kind) {
      case 'card.post':
        return postCard(notice.caseId, notice.team, notice.incidentId);
      case 'incident.post':
        return postIncident(notice.incidentId, notice.team);
      case 'incident.update':
        return updateIncident(notice.incidentId);
      case 'incident.notice':
        return postIncidentNotice({ ...deps, refFor }, notice);
      case 'card.update':
        return updateCard(notice.caseId, notice.eventId);
      case 'approval.request':
        return requestApproval(notice.caseId, notice.replyId);
      case 'escalation.notify':
      case 'sla.alert':
      case 'followup.remind': {
        const v = await view(notice.caseId);
        const { managers, owner } = alertPeople(deps.orgChart, notice, v);
        const { card, summary } = noticeCard(notice, v, managers, owner, deps.now());
        return postInThread(notice.caseId, v.team.id, cardActivity(card, summary));
      }
      case 'digest.send':
        return sendDigest(notice.memberId, notice.date);
      case 'spike.alert':
        return postSpike(notice.alertIds, notice.team);
      case 'backlog.update':
        return showBacklog(notice.team);
    }
  }

  return {
    id: 'teams',
    async destination(notice) {
      if (notice.kind === 'digest.send') return `teams:dm:${notice.memberId}`;
      if (notice.kind === 'incident.update' || notice.kind === 'incident.post') {
        const i = await deps.db.incident.findUnique({ where: { id: notice.incidentId }, select: { team: true } });
        return `teams:${(i && teamConversation(i.team)) ?? i?.team ?? 'unknown'}`;
      }
      const team = 'team' in notice ? notice.team : (await deps.db.case.findUnique({ where: { id: notice.caseId }, select: { team: true } }))?.team;
      return `teams:${(team && teamConversation(team)) ?? team ?? 'unknown'}`;
    },
    rateLimit: (destination) => (destination.startsWith('teams:') ? TEAMS_THREAD_RATE : undefined),
    deliver,
    async onDelivered(tx: TTx, _notice, result, now) {
      const r = result as TResult;
      if (!('posted' in r)) {
        deps.log.info('teams notice skipped', { reason: r.skipped });
        return;
      }
      for (const p of r.posted) {
        if ('cleared' in p) {
          await recordBacklogCard(tx, { surface: 'teams', channel: p.channel, messageId: p.id, cleared: p.cleared, now });
          continue;
        }
        if ('incidentId' in p) {
          await recordIncidentCard(tx, { surface: 'teams', channel: p.channel, messageId: p.id, incidentId: p.incidentId, now });
          continue;
        }
        await tx.chatMessage.upsert({
          where: { surface_channel_messageId: { surface: 'teams', channel: p.channel, messageId: p.id } },
          update: {},
          create: { caseId: p.caseId, surface: 'teams', kind: p.kind, channel: p.channel, messageId: p.id, threadId: p.threadId ?? null, createdAt: now },
        });
      }
    },
  };
}
