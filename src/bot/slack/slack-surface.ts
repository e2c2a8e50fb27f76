import type { WebClient } from '@slack/web-api';
import type { TOrgChart } from '../../config/org-chart-schema.js';
import { findTeam } from '../../config/org-chart-queries.js';
import type { TLogger } from '../../log.js';
import type { TChatNotice } from '../../outbox/outbox-kinds.js';
import { PermanentError } from '../../outbox/outbox-errors.js';
import type { TDb, TTx } from '../../store/client.js';
import type { TChatSurface, TDeliveryContext } from '../chat-surface.js';
import { loadCaseView, personRef, type TCaseView } from '../views/case-view.js';
import { alertPeople } from '../views/alert-people.js';
import { describeEvent } from '../views/event-line.js';
import { approvalMessage } from './blocks/approval-message.js';
import { caseCard, type TBlock } from './blocks/case-card.js';
import { eventMessage } from './blocks/event-message.js';
import { incidentCard } from './blocks/incident-card.js';
import { postSpikeAlert } from './spike-sender.js';
import { backlogCard } from './blocks/backlog-card.js';
import { loadBacklogView } from '../views/backlog-view.js';
import { loadIncidentView } from '../views/incident-view.js';
import { noticeMessage } from './blocks/notice-message.js';
import { postIncidentNotice } from './incident-notice.js';
import { slackErrorCode, toOutboxError } from './slack-errors.js';
import type { TDigestSender } from './digest-sender.js';
import { approvalState } from '../views/approval-view.js';
import { recordBacklogCard } from '../backlog-card-record.js';
import { recordIncidentCard } from '../incident-card-record.js';

export interface TSlackSurfaceDeps {
  db: TDb;
  orgChart: TOrgChart;
  client: WebClient;
  log: TLogger;
  now: () => Date;
  digest?: TDigestSender;
}

/** What a delivery posted: a case's message (card, notice, approval) or an incident's card. */
type TPosted =
  | { channel: string; ts: string; kind: string; caseId: string; threadTs?: string }
  | { channel: string; ts: string; kind: 'incident'; incidentId: string }
  /** A channel's backlog card; `cleared` when it now says "all caught up", so the next backlog gets a fresh one. */
  | { channel: string; ts: string; kind: 'backlog'; cleared: boolean };
type TResult = { posted: TPosted[] } | { skipped: string };

/** How far back (pages of 200 messages) a retried card post looks for the card an interrupted attempt posted. */
const HISTORY_PAGES = 3;
/** chat.postMessage allows about one message a second per channel, with short bursts. */
const CHANNEL_RATE = { perSecond: 1, burst: 3 };

/**
 * Slack as a chat surface: posts and updates case cards, logs every action in the card's thread, asks approvers,
 * and raises SLA and escalation alerts. Every Slack call goes through the outbox, so a failure is retried and,
 * if it never succeeds, stays visible in /metrics as a dead letter.
 */
export function createSlackSurface(deps: TSlackSurfaceDeps): TChatSurface {
  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw toOutboxError(err, what);
    }
  };
  const teamChannel = (team: string) => findTeam(deps.orgChart, team)?.slack?.channel;
  const cardsOf = (caseId: string) =>
    deps.db.chatMessage.findMany({ where: { caseId, surface: 'slack', kind: 'card' }, orderBy: { createdAt: 'asc' } });
  /** The card in the case's current team channel, else the latest one: where thread notices go. */
  const homeCard = async (caseId: string, team: string) => {
    const cards = await cardsOf(caseId);
    return cards.find((c) => c.channel === teamChannel(team)) ?? cards.at(-1);
  };
  const view = (caseId: string) => loadCaseView(deps.db, deps.orgChart, caseId, deps.now());

  async function postInThread(caseId: string, team: string, msg: { text: string; blocks: TBlock[] }, broadcast = false): Promise<TResult> {
    const card = await homeCard(caseId, team);
    const channel = card?.channel ?? teamChannel(team);
    // An incident member without a card of its own: its alerts would land loose in the channel, once per member.
    if (!card && (await deps.db.case.findUnique({ where: { id: caseId }, select: { incidentId: true } }))?.incidentId) return { skipped: `case ${caseId} is shown by its incident's card` };
    if (!channel) return { skipped: `team ${team} has no Slack channel` };
    const res = await call('post in the case thread', () =>
      deps.client.chat.postMessage(
        card
          ? { channel, ...msg, unfurl_links: false, unfurl_media: false, thread_ts: card.threadId ?? card.messageId, reply_broadcast: broadcast }
          : { channel, ...msg, unfurl_links: false, unfurl_media: false },
      ),
    );
    return { posted: [{ channel, ts: String(res.ts), kind: 'notice', caseId, ...(card && { threadTs: card.threadId ?? card.messageId }) }] };
  }

  async function postCard(caseId: string, team: string, mayHaveHappened: boolean, incidentId?: string): Promise<TResult> {
    const channel = teamChannel(team);
    if (!channel) return { skipped: `team ${team} has no Slack channel` };
    const card = caseCard(await view(caseId));
    const existing = (await cardsOf(caseId)).find((c) => c.channel === channel);
    // An incident member that still earns a card goes into the incident card's thread (README: Incidents).
    const parent = incidentId && !existing ? await deps.db.incidentCard.findFirst({ where: { incidentId, surface: 'slack', channel } }) : null;
    if (parent) {
      const res = await call('post the case card in the incident thread', () =>
        deps.client.chat.postMessage({ channel, ...card, thread_ts: parent.messageId, unfurl_links: false, unfurl_media: false }),
      );
      return { posted: [{ channel, ts: String(res.ts), kind: 'card', caseId, threadTs: parent.messageId }] };
    }
    if (existing) {
      // A retried or repeated post must not duplicate the card: refresh the one already there.
      await call('update the case card', () => deps.client.chat.update({ channel, ts: existing.messageId, ...card }));
      return { posted: [] };
    }
    // chat.postMessage has no idempotency key: when an earlier attempt may have landed (its answer timed out, or its
    // process died before recording it), find that card in the channel instead of posting a second one.
    const landed = mayHaveHappened ? await findPostedCard(channel, `case:${caseId}:`) : undefined;
    if (landed) {
      await call('update the case card', () => deps.client.chat.update({ channel, ts: landed, ...card }));
      return { posted: [{ channel, ts: landed, kind: 'card', caseId }] };
    }
    const res = await call('post the case card', () => deps.client.chat.postMessage({ channel, ...card, unfurl_links: false, unfurl_media: false }));
    return { posted: [{ channel, ts: String(res.ts), kind: 'card', caseId }] };
  }

  /**
   * The ts of this case's card among the channel's recent top-level messages, recognised by its block ids (which
   * carry the case id). A retry comes minutes after the lost attempt and cards go out at about one a second per
   * channel, so a few pages reach far enough back.
   */
  async function findPostedCard(channel: string, prefix: string): Promise<string | undefined> {
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const res = await call('look for a card posted by an interrupted attempt', () =>
        deps.client.conversations.history({ channel, limit: 200, ...(cursor && { cursor }) }),
      );
      const hit = res.messages?.find((m) => m.blocks?.some((b) => String(b.block_id ?? '').startsWith(prefix)));
      if (hit?.ts) return hit.ts;
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!res.has_more || !cursor) return undefined;
    }
    return undefined;
  }

  async function postIncident(incidentId: string, team: string, mayHaveHappened: boolean): Promise<TResult> {
    const channel = teamChannel(team);
    if (!channel) return { skipped: `team ${team} has no Slack channel` };
    const card = incidentCard(await loadIncidentView(deps.db, deps.orgChart, incidentId));
    const existing = await deps.db.incidentCard.findFirst({ where: { incidentId, surface: 'slack', channel } });
    const landed = existing?.messageId ?? (mayHaveHappened ? await findPostedCard(channel, `incident:${incidentId}:`) : undefined);
    if (landed) {
      await call('update the incident card', () => deps.client.chat.update({ channel, ts: landed, ...card }));
      return { posted: existing ? [] : [{ channel, ts: landed, kind: 'incident', incidentId }] };
    }
    const res = await call('post the incident card', () => deps.client.chat.postMessage({ channel, ...card, unfurl_links: false, unfurl_media: false }));
    return { posted: [{ channel, ts: String(res.ts), kind: 'incident', incidentId }] };
  }

  /** Refreshes every Slack message showing the incident with its latest state (stale refreshes never reach here). */
  async function updateIncident(incidentId: string): Promise<TResult> {
    const card = incidentCard(await loadIncidentView(deps.db, deps.orgChart, incidentId));
    for (const m of await deps.db.incidentCard.findMany({ where: { incidentId, surface: 'slack' } })) {
      try {
        await deps.client.chat.update({ channel: m.channel, ts: m.messageId, ...card });
      } catch (err) {
        if (slackErrorCode(err) === 'message_not_found') continue;
        throw toOutboxError(err, 'update the incident card');
      }
    }
    return { posted: [] };
  }

  async function updateCard(caseId: string, eventId: string | undefined): Promise<TResult> {
    const v = await view(caseId);
    const card = caseCard(v);
    const cards = await cardsOf(caseId);
    for (const m of cards) {
      try {
        await deps.client.chat.update({ channel: m.channel, ts: m.messageId, ...card });
      } catch (err) {
        // A card someone deleted stays deleted; the others still update.
        if (slackErrorCode(err) === 'message_not_found') continue;
        throw toOutboxError(err, 'update the case card');
      }
    }
    await refreshApprovals(v);
    // An incident member without a card of its own has no thread for the event; the incident card stands for it.
    if (!eventId || (cards.length === 0 && v.incidentId)) return { posted: [] };
    const ev = await deps.db.caseEvent.findUnique({ where: { id: eventId } });
    if (!ev || JSON.parse(ev.payload).source?.slackTs) return { posted: [] };
    const line = describeEvent(deps.orgChart, ev);
    const replyAuthor = ev.action === 'reply_failed' ? personRef(deps.orgChart, String(JSON.parse(ev.payload).author ?? '')) : line.actor;
    return postInThread(caseId, v.team.id, eventMessage(line, replyAuthor));
  }

  async function refreshApprovals(v: TCaseView): Promise<void> {
    const msgs = await deps.db.chatMessage.findMany({ where: { caseId: v.id, surface: 'slack', kind: { startsWith: 'approval:' } } });
    for (const m of msgs) {
      const reply = await deps.db.reply.findUnique({ where: { id: m.kind.slice('approval:'.length) } });
      if (!reply) continue;
      const state = approvalState(deps.orgChart, reply);
      await call('update the approval request', () => deps.client.chat.update({ channel: m.channel, ts: m.messageId, ...approvalMessage(v, state, approversOf(v.team.id)) }));
    }
  }

  const approversOf = (team: string) => (findTeam(deps.orgChart, team)?.members ?? []).filter((m) => m.role === 'approver').map((m) => personRef(deps.orgChart, m.id));

  async function requestApproval(caseId: string, replyId: string): Promise<TResult> {
    const v = await view(caseId);
    const reply = await deps.db.reply.findUniqueOrThrow({ where: { id: replyId } });
    const state = approvalState(deps.orgChart, reply);
    const result = await postInThread(caseId, v.team.id, approvalMessage(v, state, approversOf(v.team.id)), true);
    if ('posted' in result) for (const p of result.posted) p.kind = `approval:${replyId}`;
    return result;
  }

  /**
   * Posts the channel's backlog card, or refreshes the one there. Once it says "all caught up" it is left as it is,
   * and the next backlog posts a new card at the bottom of the channel, where people will see it.
   */
  async function showBacklog(team: string, mayHaveHappened: boolean): Promise<TResult> {
    const channel = teamChannel(team);
    if (!channel) return { skipped: `team ${team} has no Slack channel` };
    const v = await loadBacklogView(deps.db, deps.orgChart, `slack:${channel}`, team);
    const card = backlogCard(v, channel, deps.now());
    const existing = await deps.db.backlogCard.findUnique({ where: { surface_channel: { surface: 'slack', channel } } });
    if (existing) {
      try {
        await deps.client.chat.update({ channel, ts: existing.messageId, ...card });
        return { posted: [{ channel, ts: existing.messageId, kind: 'backlog', cleared: v.total === 0 }] };
      } catch (err) {
        // Someone deleted it: the backlog still needs a card.
        if (slackErrorCode(err) !== 'message_not_found') throw toOutboxError(err, 'update the backlog card');
      }
    }
    if (v.total === 0) return { posted: existing ? [{ channel, ts: existing.messageId, kind: 'backlog', cleared: true }] : [] };
    const landed = mayHaveHappened ? await findPostedCard(channel, `backlog:${channel}:`) : undefined;
    if (landed) {
      await call('update the backlog card', () => deps.client.chat.update({ channel, ts: landed, ...card }));
      return { posted: [{ channel, ts: landed, kind: 'backlog', cleared: false }] };
    }
    const res = await call('post the backlog card', () => deps.client.chat.postMessage({ channel, ...card, unfurl_links: false, unfurl_media: false }));
    return { posted: [{ channel, ts: String(res.ts), kind: 'backlog', cleared: false }] };
  }

  async function deliver(notice: TChatNotice, ctx: TDeliveryContext): Promise<TResult> {
    switch (notice.kind) {
      case 'card.post':
        return postCard(notice.caseId, notice.team, ctx.mayHaveHappened, notice.incidentId);
      case 'incident.post':
        return postIncident(notice.incidentId, notice.team, ctx.mayHaveHappened);
      case 'incident.update':
        return updateIncident(notice.incidentId);
      case 'incident.notice':
        return postIncidentNotice(deps, notice);
      case 'card.update':
        return updateCard(notice.caseId, notice.eventId);
      case 'approval.request':
        return requestApproval(notice.caseId, notice.replyId);
      case 'escalation.notify':
      case 'sla.alert':
      case 'followup.remind': {
        const v = await view(notice.caseId);
        const { managers, owner } = alertPeople(deps.orgChart, notice, v);
        const msg = noticeMessage(notice, v, managers, owner);
        return postInThread(notice.caseId, v.team.id, msg, notice.kind !== 'followup.remind');
      }
      case 'backlog.update':
        return showBacklog(notice.team, ctx.mayHaveHappened);
      case 'digest.send': {
        if (!deps.digest) throw new PermanentError('Digests are not available on this Earshot build.');
        const outcome = await deps.digest.send(notice.memberId, notice.date);
        return outcome === 'sent' ? { posted: [] } : { skipped: `${notice.memberId} has no slackUserId; the digest goes to Teams if configured there` };
      }
      case 'spike.alert':
        return postSpikeAlert(deps, notice.alertIds, notice.team, ctx.mayHaveHappened ? findPostedCard : undefined);
    }
  }

  return {
    id: 'slack',
    async destination(notice) {
      const team = 'team' in notice ? notice.team : undefined;
      if (notice.kind === 'digest.send') return `slack:dm:${notice.memberId}`;
      if (notice.kind === 'spike.alert') return `slack:${teamChannel(notice.team) ?? notice.team}`;
      if (notice.kind === 'backlog.update') return `slack:${teamChannel(notice.team) ?? notice.team}`;
      if (team) return `slack:${teamChannel(team) ?? team}`;
      if (notice.kind === 'incident.update' || notice.kind === 'incident.post' || notice.kind === 'incident.notice') {
        const i = await deps.db.incident.findUnique({ where: { id: notice.incidentId }, select: { team: true } });
        return `slack:${(i && teamChannel(i.team)) ?? 'unknown'}`;
      }
      const c = await deps.db.case.findUnique({ where: { id: notice.caseId }, select: { team: true } });
      return `slack:${(c && teamChannel(c.team)) ?? 'unknown'}`;
    },
    rateLimit: (destination) => (destination.startsWith('slack:') ? CHANNEL_RATE : undefined),
    deliver,
    async onDelivered(tx: TTx, _notice, result, now) {
      const r = result as TResult;
      if (!('posted' in r)) {
        deps.log.warn('slack notice skipped', { reason: r.skipped });
        return;
      }
      for (const p of r.posted) {
        if ('cleared' in p) {
          await recordBacklogCard(tx, { surface: 'slack', channel: p.channel, messageId: p.ts, cleared: p.cleared, now });
          continue;
        }
        if ('incidentId' in p) {
          await recordIncidentCard(tx, { surface: 'slack', channel: p.channel, messageId: p.ts, incidentId: p.incidentId, now });
          continue;
        }
        await tx.chatMessage.upsert({
          where: { surface_channel_messageId: { surface: 'slack', channel: p.channel, messageId: p.ts } },
          update: {},
          create: { caseId: p.caseId, surface: 'slack', kind: p.kind, channel: p.channel, messageId: p.ts, threadId: p.threadTs ?? null, createdAt: now },
        });
      }
    },
  };
}
