import { randomUUID } from 'node:crypto';
import { insertRows, sqlOf } from '../intake/sql.js';
import { BACKLOG_STATUS, backlogLimit, DEFAULT_BACKLOG_SECONDS, planParking, settleBacklog } from '../outbox/channel-backlog.js';
import { deliveryRank } from '../outbox/delivery-rank.js';
import { enqueue } from '../outbox/enqueue.js';
import { pendingKeyOf } from '../outbox/pending-key.js';
import type { TOutboxHandler } from '../outbox/outbox-handler.js';
import { CHAT_NOTICE_KINDS, type TChatNotice, type TOutboxMessage } from '../outbox/outbox-kinds.js';
import { PermanentError } from '../outbox/outbox-errors.js';
import type { TChatSurface } from './chat-surface.js';

/**
 * Turns each chat notice into one `chat.deliver` item per enabled surface, in the same transaction. Separate
 * items mean a Teams outage retries only Teams, and a card already posted to Slack is never posted twice. A claim's
 * fan-out steps are settled together (one insert for their deliveries), so a surge's fan-out keeps up with the intake.
 */
export function chatFanoutHandlers(surfaces: readonly TChatSurface[], opts: { incidentUpdateMs?: number; backlogSeconds?: number } = {}): TOutboxHandler[] {
  const bySurface = new Map(surfaces.map((s) => [s.id, s]));
  const limitOf = (surface: TChatSurface['id'], destination: string) => backlogLimit(bySurface.get(surface)?.rateLimit(destination), opts.backlogSeconds ?? DEFAULT_BACKLOG_SECONDS);
  const minIntervalMs = (n: TChatNotice) => (n.kind === 'incident.update' || n.kind === 'incident.post' ? (opts.incidentUpdateMs ?? 15_000) : 0);
  return CHAT_NOTICE_KINDS.map((kind) => ({
    kind,
    // Deciding where a notice goes calls no one: a claim's fan-out steps settle in one transaction.
    local: true,
    async send(item) {
      const notice = { kind, ...item.payload } as TChatNotice;
      return Promise.all(surfaces.map(async (s) => ({ surface: s.id, destination: await s.destination(notice) })));
    },
    async onSuccessBatch(tx, done, now) {
      const rows: unknown[][] = [];
      const posts = new Map<string, { surface: TChatSurface['id']; team: string; limit: number | undefined; list: { row: unknown[]; caseId: string; incidentId?: string }[] }>();
      for (const { item, result } of done) {
        const notice = { kind, ...item.payload } as TChatNotice;
        for (const r of result as TFanned[]) {
          const message = { kind: 'chat.deliver', surface: r.surface, caseId: item.caseId, message: notice } as const;
          const key = coalesceKeyOf(notice);
          if (key) {
            // An incident card refreshes a few times a minute at most, however fast its members arrive.
            await enqueue(tx, message, { destination: r.destination, idempotencyKey: `${item.idempotencyKey}:${r.surface}`, now, maxAttempts: item.maxAttempts, coalesce: { key: `${key}:${r.surface}`, minIntervalMs: minIntervalMs(notice) } });
            continue;
          }
          const row = outboxRow(message, r.destination, `${item.idempotencyKey}:${r.surface}`, item.caseId, item.maxAttempts, now);
          if (notice.kind !== 'card.post') {
            rows.push(row);
            continue;
          }
          const at = `${r.surface} ${r.destination}`;
          const group = posts.get(at) ?? { surface: r.surface, team: notice.team, limit: limitOf(r.surface, r.destination), list: [] };
          group.list.push({ row, caseId: notice.caseId, ...(notice.incidentId && { incidentId: notice.incidentId }) });
          posts.set(at, group);
        }
      }
      // A channel past its backlog limit gets no card for a case that may wait: it is counted on the backlog card.
      const settle: { destination: string; surface: TChatSurface['id']; team: string; limit: number | undefined }[] = [];
      for (const g of posts.values()) {
        const destination = String(g.list[0]!.row[2]);
        const parked = await planParking(tx, { destination, limit: g.limit, posts: g.list });
        g.list.forEach((p, i) => rows.push(parked[i] ? [...p.row.slice(0, -1), BACKLOG_STATUS] : p.row));
        if (parked.some(Boolean)) settle.push({ destination, surface: g.surface, team: g.team, limit: g.limit });
      }
      // Untargeted: a card refresh already waiting for the case on that surface absorbs this one (pending-key.ts).
      await insertRows(sqlOf(tx), 'OutboxItem', OUTBOX_COLUMNS, rows, 'ON CONFLICT DO NOTHING');
      for (const x of settle) await settleBacklog(tx, { ...x, now });
    },
  }));
}

type TFanned = { surface: TChatSurface['id']; destination: string };

const OUTBOX_COLUMNS = ['id', 'kind', 'destination', 'payload', 'idempotencyKey', 'caseId', 'rank', 'maxAttempts', 'nextAttemptAt', 'createdAt', 'updatedAt', 'pendingKey', 'status'] as const;

/** One `chat.deliver` row as enqueue writes it, for a batch insert (status last, so parking can replace it). */
function outboxRow(message: Extract<TOutboxMessage, { kind: 'chat.deliver' }>, destination: string, idempotencyKey: string, caseId: string | null, maxAttempts: number, now: Date): unknown[] {
  const { kind, ...payload } = message;
  return [randomUUID(), kind, destination, JSON.stringify(payload), idempotencyKey, caseId, deliveryRank(message), maxAttempts, now, now, now, pendingKeyOf(message), 'pending'];
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
