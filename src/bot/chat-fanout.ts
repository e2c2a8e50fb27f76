import { backlogLimit, DEFAULT_BACKLOG_SECONDS, settleBacklog, shouldPark } from '../outbox/channel-backlog.js';
import { enqueue } from '../outbox/enqueue.js';
import type { TOutboxHandler } from '../outbox/outbox-handler.js';
import { CHAT_NOTICE_KINDS, type TChatNotice } from '../outbox/outbox-kinds.js';
import { PermanentError } from '../outbox/outbox-errors.js';
import type { TChatSurface } from './chat-surface.js';

/**
 * Turns each chat notice into one `chat.deliver` item per enabled surface, in the same transaction. Separate
 * items mean a Teams outage retries only Teams, and a card already posted to Slack is never posted twice.
 */
export function chatFanoutHandlers(surfaces: readonly TChatSurface[], opts: { incidentUpdateMs?: number; backlogSeconds?: number } = {}): TOutboxHandler[] {
  const bySurface = new Map(surfaces.map((s) => [s.id, s]));
  const limitOf = (surface: TChatSurface['id'], destination: string) => backlogLimit(bySurface.get(surface)?.rateLimit(destination), opts.backlogSeconds ?? DEFAULT_BACKLOG_SECONDS);
  const minIntervalMs = (n: TChatNotice) => (n.kind === 'incident.update' || n.kind === 'incident.post' ? (opts.incidentUpdateMs ?? 15_000) : 0);
  return CHAT_NOTICE_KINDS.map((kind) => ({
    kind,
    async send(item) {
      const notice = { kind, ...item.payload } as TChatNotice;
      return Promise.all(surfaces.map(async (s) => ({ surface: s.id, destination: await s.destination(notice) })));
    },
    async onSuccess(tx, item, result, now) {
      const notice = { kind, ...item.payload } as TChatNotice;
      for (const r of result as { surface: TChatSurface['id']; destination: string }[]) {
        // A channel past its backlog limit gets no card for a case that may wait: it is counted on the backlog card.
        const limit = notice.kind === 'card.post' ? limitOf(r.surface, r.destination) : undefined;
        const park = notice.kind === 'card.post' && (await shouldPark(tx, { destination: r.destination, limit, caseId: notice.caseId, ...(notice.incidentId && { incidentId: notice.incidentId }) }));
        await enqueue(
          tx,
          { kind: 'chat.deliver', surface: r.surface, caseId: item.caseId, message: notice },
          {
            destination: r.destination,
            idempotencyKey: `${item.idempotencyKey}:${r.surface}`,
            now,
            maxAttempts: item.maxAttempts,
            // An incident card refreshes a few times a minute at most, however fast its members arrive.
            ...(coalesceKeyOf(notice) && { coalesce: { key: `${coalesceKeyOf(notice)}:${r.surface}`, minIntervalMs: minIntervalMs(notice) } }),
            ...(park && { status: 'backlog' as const }),
          },
        );
        if (park && notice.kind === 'card.post') await settleBacklog(tx, { destination: r.destination, limit, surface: r.surface, team: notice.team, now });
      }
    },
  }));
}

/** Notices that show one incident's card share a key: a waiting refresh (or the post itself) absorbs later ones. */
const coalesceKeyOf = (n: TChatNotice): string | undefined => (n.kind === 'incident.update' || n.kind === 'incident.post' ? `incident:${n.incidentId}` : undefined);

/** Delivers `chat.deliver` items through the surface they name; each delivered card post lets the channel's backlog drain. */
export function chatDeliverHandler(surfaces: readonly TChatSurface[], opts: { backlogSeconds?: number } = {}): TOutboxHandler {
  const byId = new Map(surfaces.map((s) => [s.id, s]));
  const surfaceOf = (payload: Record<string, unknown>) => {
    const s = byId.get(payload.surface as TChatSurface['id']);
    if (!s) throw new PermanentError(`Chat surface "${String(payload.surface)}" is no longer configured.`);
    return s;
  };
  return {
    kind: 'chat.deliver',
    rateLimit: (destination) => {
      for (const s of surfaces) {
        const r = s.rateLimit(destination);
        if (r) return r;
      }
      return undefined;
    },
    send: (item) => surfaceOf(item.payload).deliver(item.payload.message as TChatNotice, { mayHaveHappened: item.mayHaveLanded || item.resumed }),
    async onSuccess(tx, item, result, now) {
      const surface = surfaceOf(item.payload);
      const notice = item.payload.message as TChatNotice;
      await surface.onDelivered?.(tx, notice, result, now);
      if (notice.kind === 'card.post') {
        const limit = backlogLimit(surface.rateLimit(item.destination), opts.backlogSeconds ?? DEFAULT_BACKLOG_SECONDS);
        await settleBacklog(tx, { destination: item.destination, limit, surface: surface.id, team: notice.team, now });
      }
    },
  };
}
