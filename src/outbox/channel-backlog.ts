import { randomUUID } from 'node:crypto';
import type { TTx } from '../store/client.js';
import { num, sqlOf } from '../intake/sql.js';
import { CARD_POST_RANKS, STAFF_LANE } from './delivery-rank.js';
import { enqueue } from './enqueue.js';
import type { TChatSurfaceId } from './outbox-kinds.js';
import type { TRate } from './rate-limiter.js';

/**
 * The per-channel backlog rule. Slack posts about one message a second per channel; a surge of distinct mentions
 * brings far more new cases than that, and queueing a card for each only grows a queue nobody can read in time. So
 * when a channel has more card posts waiting than it can post in `seconds` (three minutes by default), new cases that
 * may wait are not queued as cards: their card post is parked (`status = 'backlog'`, still in the database, each case
 * in `/social queue`), and one backlog card per channel says how many wait, by priority and category, and since when.
 * As the channel drains, parked cards are released into the queue again, most urgent first, then oldest. P2 cases are
 * parked only when the channel's waiting P1/P2 cards alone fill the limit (without that, a surge of P2s grows the queue
 * without bound just as P3s did). P1, escalations (which is where triage puts risk) and incident members picked for a
 * card of their own are never parked: each is someone a person must see now.
 */
export const BACKLOG_STATUS = 'backlog';
export const DEFAULT_BACKLOG_SECONDS = 180;
/** The backlog card is refreshed in place at most this often, whatever the churn beneath it (as incident cards). */
export const BACKLOG_CARD_INTERVAL_MS = 15_000;
/** How many a "Show next" click releases, and how many the backlog card previews. */
export const BACKLOG_NEXT = 5;

/** How many card posts a destination may have waiting before parking starts; none for a destination without a pace. */
export function backlogLimit(rate: TRate | undefined, seconds: number): number | undefined {
  return rate ? Math.max(rate.burst, Math.ceil(rate.perSecond * seconds)) : undefined;
}

/** How long a case's card may be held in a busy channel: `never`, only when P1/P2 alone fill the channel, or whenever it is full. */
export type THold = 'never' | 'when-urgent-full' | 'when-full';

export function holdOf(c: { priority: string; escalated: boolean }, notice: { incidentId?: string }): THold {
  if (c.priority === 'P1' || c.escalated || notice.incidentId !== undefined) return 'never';
  return c.priority === 'P2' ? 'when-urgent-full' : 'when-full';
}

/** The ranks of P1/P2 card posts (delivery-rank.ts: 10 + priority). */
const URGENT_MAX_RANK = CARD_POST_RANKS.min + 1;

/** A channel's parked card posts, its new-case card posts waiting to go (any priority) and the P1/P2 among them, in one read. */
async function countsAt(tx: TTx, destination: string): Promise<{ parked: number; waiting: number; urgent: number }> {
  const waitingPost = `"status" <> ? AND "kind" = 'chat.deliver' AND "rank" BETWEEN ? AND ?`;
  const [row] = await sqlOf(tx).query<{ parked: unknown; waiting: unknown; urgent: unknown }>(
    `SELECT SUM(CASE WHEN "status" = ? THEN 1 ELSE 0 END) AS "parked", SUM(CASE WHEN ${waitingPost} THEN 1 ELSE 0 END) AS "waiting", SUM(CASE WHEN ${waitingPost} THEN 1 ELSE 0 END) AS "urgent"
     FROM "OutboxItem" WHERE "destination" = ? AND "status" IN (?, 'pending', 'in_flight')`,
    [BACKLOG_STATUS, BACKLOG_STATUS, CARD_POST_RANKS.min, CARD_POST_RANKS.max, BACKLOG_STATUS, CARD_POST_RANKS.min, URGENT_MAX_RANK, destination, BACKLOG_STATUS],
  );
  return { parked: num(row?.parked), waiting: num(row?.waiting), urgent: num(row?.urgent) };
}

/**
 * Which of a destination's new card posts (in order) are parked: those that may wait, once the channel is full or has a
 * backlog already (a new P4 does not jump ahead of P3s parked before it: the release decides who goes, most urgent
 * first). Counts are read once and kept current as the batch is decided, so a surge's fan-out costs one read per
 * channel, not per card.
 */
export async function planParking(tx: TTx, o: { destination: string; limit: number | undefined; posts: readonly { caseId: string; incidentId?: string | undefined }[] }): Promise<boolean[]> {
  if (o.limit === undefined || o.posts.length === 0) return o.posts.map(() => false);
  const n = await countsAt(tx, o.destination);
  const ids = o.posts.filter((p) => p.incidentId === undefined).map((p) => p.caseId);
  const cases = new Map((await tx.case.findMany({ where: { id: { in: ids } }, select: { id: true, priority: true, escalated: true } })).map((c) => [c.id, c]));
  return o.posts.map((p) => {
    const c = cases.get(p.caseId);
    const hold = c ? holdOf(c, p) : 'never';
    const park = hold === 'when-full' ? n.parked > 0 || n.waiting >= o.limit! : hold === 'when-urgent-full' && n.urgent >= o.limit!;
    if (park) n.parked++;
    else {
      n.waiting++;
      if (c && (c.priority === 'P1' || c.priority === 'P2')) n.urgent++;
    }
    return park;
  });
}

/** Moves up to `n` parked card posts back into the queue, most urgent first, then oldest; returns how many. */
export async function releaseParked(tx: TTx, o: { destination: string; n: number; now: Date; staffLane?: boolean }): Promise<number> {
  if (o.n <= 0) return 0;
  const next = await tx.outboxItem.findMany({ where: { destination: o.destination, status: BACKLOG_STATUS }, orderBy: [{ rank: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }], take: o.n, select: { id: true } });
  if (next.length === 0) return 0;
  const res = await tx.outboxItem.updateMany({
    where: { id: { in: next.map((r) => r.id) }, status: BACKLOG_STATUS },
    // Asked for by a person ("Show next 5"): the staff lane, ahead of the channel's other waiting cards.
    data: { status: 'pending', nextAttemptAt: o.now, updatedAt: o.now, ...(o.staffLane && { rank: STAFF_LANE }) },
  });
  return res.count;
}

/**
 * After a card post was parked or delivered: refill the channel's queue from its backlog up to the limit, and refresh
 * its backlog card (coalesced) while there is a backlog.
 */
export async function settleBacklog(tx: TTx, o: { destination: string; limit: number | undefined; surface: TChatSurfaceId; team: string; now: Date }): Promise<void> {
  if (o.limit === undefined) return;
  const n = await countsAt(tx, o.destination);
  if (n.parked === 0) return;
  await releaseParked(tx, { destination: o.destination, n: o.limit - n.waiting, now: o.now });
  // Also when that emptied it: the card then says the channel caught up.
  await refreshBacklogCard(tx, o);
}

/** Queues the channel's backlog card to be posted or refreshed with the latest counts (one waits at a time). */
export function refreshBacklogCard(tx: TTx, o: { destination: string; surface: TChatSurfaceId; team: string; now: Date }): Promise<void> {
  return enqueue(
    tx,
    { kind: 'chat.deliver', surface: o.surface, caseId: null, message: { kind: 'backlog.update', team: o.team } },
    { destination: o.destination, idempotencyKey: `backlog.update:${o.destination}:${randomUUID()}`, now: o.now, coalesce: { key: `backlog:${o.destination}`, minIntervalMs: BACKLOG_CARD_INTERVAL_MS } },
  );
}
