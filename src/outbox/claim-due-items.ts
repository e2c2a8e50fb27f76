import type { OutboxItem } from '../generated/prisma/client.js';
import { providerOf, type TDb, type TTx } from '../store/client.js';
import { transact } from '../store/transaction-retry.js';

export interface TClaimOptions {
  kinds: readonly string[];
  now: Date;
  owner: string;
  leaseMs: number;
  limit: number;
  /**
   * Asked once per candidate this process won, in due order: 0 keeps it claimed (its rate-limit slot spent); otherwise
   * the milliseconds its destination must wait, and the item goes back to pending, due that much later.
   */
  admit(item: OutboxItem): Promise<number>;
  /** Told the ids as soon as they are ours, so the caller's lease heartbeat covers them. */
  onClaimed?(ids: readonly string[]): void;
}

/**
 * Leases up to `limit` due items to `owner`: pending ones whose time has come, and in-flight ones whose lease lapsed
 * (their process died mid-call; retrying is safe because of the idempotency key). The one place where the outbox
 * takes a provider-specific path: on PostgreSQL, candidates are locked with `FOR UPDATE SKIP LOCKED`, so concurrent
 * dispatchers split the queue instead of queueing behind each other's row locks. Elsewhere each candidate is taken by
 * a conditional update that only one process can win — correct everywhere, merely more contended.
 */
export async function claimDueItems(db: TDb, opts: TClaimOptions): Promise<OutboxItem[]> {
  if (opts.kinds.length === 0) return [];
  const mine =
    providerOf(db) === 'postgresql'
      ? await transact(db, async (tx) => take(tx, await lockDueIds(tx, opts), opts))
      : await take(db, await db.outboxItem.findMany({ where: dueWhere(opts), orderBy: { nextAttemptAt: 'asc' }, take: opts.limit }), opts);
  opts.onClaimed?.(mine.map((i) => i.id));
  return mine;
}

function dueWhere(opts: TClaimOptions) {
  return {
    kind: { in: [...opts.kinds] },
    OR: [{ status: 'pending', nextAttemptAt: { lte: opts.now } }, { status: 'in_flight', lockedUntil: { lt: opts.now } }],
  };
}

/** PostgreSQL only: the due rows no other transaction holds, locked until this claim commits. */
async function lockDueIds(tx: TTx, opts: TClaimOptions): Promise<OutboxItem[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "OutboxItem"
    WHERE "kind" = ANY(${[...opts.kinds]})
      AND (("status" = 'pending' AND "nextAttemptAt" <= ${opts.now}) OR ("status" = 'in_flight' AND "lockedUntil" < ${opts.now}))
    ORDER BY "nextAttemptAt" ASC
    LIMIT ${opts.limit}
    FOR UPDATE SKIP LOCKED`;
  if (rows.length === 0) return [];
  const items = await tx.outboxItem.findMany({ where: { id: { in: rows.map((r) => r.id) } }, orderBy: { nextAttemptAt: 'asc' } });
  return items;
}

async function take(db: TTx, due: OutboxItem[], opts: TClaimOptions): Promise<OutboxItem[]> {
  const t = opts.now;
  const mine: OutboxItem[] = [];
  for (const item of due) {
    // Win the row first, then spend the destination's slot: a slot spent on a row another process won would be lost.
    const res = await db.outboxItem.updateMany({
      where: { id: item.id, OR: [{ status: 'pending' }, { status: 'in_flight', lockedUntil: { lt: t } }] },
      data: { status: 'in_flight', lockedBy: opts.owner, lockedUntil: new Date(t.getTime() + opts.leaseMs), updatedAt: t },
    });
    if (res.count !== 1) continue;
    const wait = await opts.admit(item);
    if (wait === 0) {
      mine.push(item);
      continue;
    }
    // Not yet: back to pending, due when its destination is, attempts unspent. A dead owner's item keeps that mark.
    await db.outboxItem.updateMany({
      where: { id: item.id, lockedBy: opts.owner },
      data: { status: 'pending', lockedBy: null, lockedUntil: null, nextAttemptAt: new Date(t.getTime() + wait), mayHaveLanded: item.mayHaveLanded || item.status === 'in_flight' },
    });
  }
  return mine;
}
