import type { TTx } from '../store/client.js';
import type { TOutboxMessage } from './outbox-kinds.js';

export interface TEnqueueOptions {
  /** Rate-limit bucket: the channel, conversation or platform the call goes to. */
  destination: string;
  /** Same key, same item: enqueueing twice is a no-op, which is what makes producers retry-safe. */
  idempotencyKey: string;
  now: Date;
  maxAttempts?: number;
}

/** Writes an outbox row inside the caller's transaction. */
export async function enqueue(tx: TTx, message: TOutboxMessage, opts: TEnqueueOptions): Promise<void> {
  const { kind, ...payload } = message;
  await tx.outboxItem.upsert({
    where: { idempotencyKey: opts.idempotencyKey },
    update: {},
    create: {
      kind,
      destination: opts.destination,
      payload: JSON.stringify(payload),
      idempotencyKey: opts.idempotencyKey,
      caseId: 'caseId' in message ? message.caseId : null,
      nextAttemptAt: opts.now,
      createdAt: opts.now,
      updatedAt: opts.now,
      ...(opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {}),
    },
  });
}
