import { randomUUID } from 'node:crypto';
import type { TTx } from '../store/client.js';
import { deliveryRank } from './delivery-rank.js';
import { pendingKeyOf } from './pending-key.js';
import type { TOutboxMessage } from './outbox-kinds.js';

export interface TEnqueueOptions {
  /** Rate-limit bucket: the channel, conversation or platform the call goes to. */
  destination: string;
  /** Same key, same item: enqueueing twice is a no-op, which is what makes producers retry-safe. */
  idempotencyKey: string;
  now: Date;
  maxAttempts?: number;
  /**
   * Items that show the same thing (an incident's card on one surface): while one waits, another is not added — the
   * waiting one renders the latest state when it goes. A new one waits until `minIntervalMs` after the last one left.
   */
  coalesce?: { key: string; minIntervalMs: number };
  /** Park it in its channel's backlog instead of queueing it: kept, but not sent until released (channel-backlog.ts). */
  status?: 'backlog';
}

/** Writes an outbox row inside the caller's transaction. */
export async function enqueue(tx: TTx, message: TOutboxMessage, opts: TEnqueueOptions): Promise<void> {
  const { kind, ...payload } = message;
  let nextAttemptAt = opts.now;
  if (opts.coalesce) {
    const key = opts.coalesce.key;
    if (await tx.outboxItem.findFirst({ where: { coalesceKey: key, status: 'pending' }, select: { id: true } })) return;
    const last = await tx.outboxItem.findFirst({ where: { coalesceKey: key, status: { in: ['in_flight', 'done'] } }, orderBy: { updatedAt: 'desc' }, select: { updatedAt: true } });
    if (last) nextAttemptAt = new Date(Math.max(opts.now.getTime(), last.updatedAt.getTime() + opts.coalesce.minIntervalMs));
  }
  const pendingKey = pendingKeyOf(message);
  if (pendingKey) {
    // Untargeted ON CONFLICT: a duplicate idempotency key or a refresh already waiting both leave the row out, without
    // the unique violation that would abort the caller's PostgreSQL transaction.
    // Tagged, not sqlOf: Prisma picks the placeholders, so a plain `$transaction` client works on PostgreSQL too.
    const caseId = 'caseId' in message ? message.caseId : null;
    await tx.$executeRaw`INSERT INTO "OutboxItem" ("id", "kind", "destination", "payload", "idempotencyKey", "caseId", "nextAttemptAt", "rank", "maxAttempts", "pendingKey", "createdAt", "updatedAt")
      VALUES (${randomUUID()}, ${kind}, ${opts.destination}, ${JSON.stringify(payload)}, ${opts.idempotencyKey}, ${caseId}, ${nextAttemptAt}, ${deliveryRank(message)}, ${opts.maxAttempts ?? 8}, ${pendingKey}, ${opts.now}, ${opts.now})
      ON CONFLICT DO NOTHING`;
    return;
  }
  await tx.outboxItem.upsert({
    where: { idempotencyKey: opts.idempotencyKey },
    update: {},
    create: {
      kind,
      destination: opts.destination,
      payload: JSON.stringify(payload),
      idempotencyKey: opts.idempotencyKey,
      caseId: 'caseId' in message ? message.caseId : null,
      nextAttemptAt,
      rank: deliveryRank(message),
      ...(opts.status && { status: opts.status }),
      ...(opts.coalesce && { coalesceKey: opts.coalesce.key }),
      createdAt: opts.now,
      updatedAt: opts.now,
      ...(opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {}),
    },
  });
}
