import type { OutboxItem, Prisma } from '../generated/prisma/client.js';
import { providerOf, type TDb, type TTx } from '../store/client.js';
import { transact } from '../store/transaction-retry.js';
import { sqlOf } from '../intake/sql.js';

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
  /** Paced destinations that cannot take a call now (their rate spent, or a 429's Retry-After): their items wait. */
  busy?: readonly string[];
  /** Paced destinations that can: each offers at most `capOf(destination)` candidates (its burst). */
  ready?: readonly string[];
  capOf?(destination: string): number | undefined;
  /**
   * Whether a destination is paced (has a rate to admit against). Items for unpaced ones (the fan-out's `team:…`
   * and `case:…` steps) are claimed together in one statement: one write instead of one per item, which is what
   * lets the fan-out keep up with a surge on SQLite's single writer.
   */
  paced?(destination: string): boolean;
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
      : await take(db, await dueCandidates(db, opts), opts);
  opts.onClaimed?.(mine.map((i) => i.id));
  return mine;
}

/**
 * Due items in delivery order (src/outbox/delivery-rank.ts: the staff lane, then new-case cards by priority, then
 * refreshes), then by due time. Read per paced destination: one that cannot take a call now (`busy`: its rate spent,
 * or a 429's Retry-After) offers nothing, one that can (`ready`) offers no more than its burst, and everything else
 * (unpaced steps such as the fan-out) is read apart. So a channel with thousands of cards waiting never fills the batch
 * with items that would only be handed back, and the fan-out, other channels and the staff lane keep moving. Model-API
 * reads on both databases (a raw windowed query, contended by a second process's claims on one SQLite file, stalled
 * both for the busy timeout: test/outbox/shared-pace.test.ts).
 */
async function dueCandidates(db: TDb | TTx, opts: TClaimOptions): Promise<OutboxItem[]> {
  const kinds = { kind: { in: [...opts.kinds] } };
  const known = [...(opts.busy ?? []), ...(opts.ready ?? [])];
  const reads = await Promise.all([
    due(db, { ...kinds, ...(known.length ? { destination: { notIn: known } } : {}) }, opts.limit, opts.now),
    ...(opts.ready ?? []).map((destination) => due(db, { ...kinds, destination }, Math.min(opts.limit, opts.capOf?.(destination) ?? opts.limit), opts.now)),
  ]);
  return reads.flat().sort(byDeliveryOrder).slice(0, opts.limit);
}

/** Up to `take` due items matching `where`, in delivery order: two reads, each walking an index in that order. */
async function due(db: TDb | TTx, where: Prisma.OutboxItemWhereInput, take: number, now: Date): Promise<OutboxItem[]> {
  const order = [{ rank: 'asc' as const }, { nextAttemptAt: 'asc' as const }, { id: 'asc' as const }];
  const [pending, lapsed] = await Promise.all([
    db.outboxItem.findMany({ where: { ...where, status: 'pending', nextAttemptAt: { lte: now } }, orderBy: order, take }),
    db.outboxItem.findMany({ where: { ...where, status: 'in_flight', lockedUntil: { lt: now } }, orderBy: order, take }),
  ]);
  return [...pending, ...lapsed].sort(byDeliveryOrder).slice(0, take);
}

const byDeliveryOrder = (a: OutboxItem, b: OutboxItem) => a.rank - b.rank || a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The rows of `ids`, in that order. */
async function dueItems(db: TTx, ids: readonly string[]): Promise<OutboxItem[]> {
  if (ids.length === 0) return [];
  const rows = await db.outboxItem.findMany({ where: { id: { in: [...ids] } } });
  const at = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => at.get(a.id)! - at.get(b.id)!);
}

/** Claims `items` (no admission needed) in one conditional UPDATE; returns the ones this owner won, in order. */
async function takeAll(db: TTx, items: readonly OutboxItem[], opts: TClaimOptions): Promise<OutboxItem[]> {
  if (items.length === 0) return [];
  const t = opts.now;
  const sql = sqlOf(db, providerOf(db as TDb));
  const won = await sql.query<{ id: string }>(
    `UPDATE "OutboxItem" SET "status" = 'in_flight', "lockedBy" = ?, "lockedUntil" = ?, "updatedAt" = ?, "pendingKey" = NULL
     WHERE "id" IN (${items.map(() => '?').join(', ')}) AND ("status" = 'pending' OR ("status" = 'in_flight' AND "lockedUntil" < ?)) RETURNING "id"`,
    [opts.owner, new Date(t.getTime() + opts.leaseMs), t, ...items.map((i) => i.id), t],
  );
  const ids = new Set(won.map((r) => r.id));
  return items.filter((i) => ids.has(i.id));
}

/** PostgreSQL only: the due rows in delivery order that no other transaction holds, locked until this claim commits. */
async function lockDueIds(tx: TTx, opts: TClaimOptions): Promise<OutboxItem[]> {
  const ids = (await dueCandidates(tx, opts)).map((r) => r.id);
  if (ids.length === 0) return [];
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "OutboxItem" WHERE "id" = ANY(${ids}) FOR UPDATE SKIP LOCKED`;
  const mine = new Set(locked.map((r) => r.id));
  return dueItems(tx, ids.filter((id) => mine.has(id)));
}

async function take(db: TTx, due: OutboxItem[], opts: TClaimOptions): Promise<OutboxItem[]> {
  const t = opts.now;
  const free = opts.paced ? due.filter((i) => !opts.paced!(i.destination)) : [];
  const mine: OutboxItem[] = await takeAll(db, free, opts);
  const freeIds = new Set(free.map((i) => i.id));
  due = due.filter((i) => !freeIds.has(i.id));
  // A destination that refused once in this claim refuses its later candidates too: leave them untouched.
  const refused = new Set<string>();
  for (const item of due) {
    if (refused.has(item.destination)) continue;
    // Win the row first, then spend the destination's slot: a slot spent on a row another process won would be lost.
    const res = await db.outboxItem.updateMany({
      where: { id: item.id, OR: [{ status: 'pending' }, { status: 'in_flight', lockedUntil: { lt: t } }] },
      // Claimed, it may read the case before a later change: a refresh asked for now must queue (pending-key.ts).
      data: { status: 'in_flight', lockedBy: opts.owner, lockedUntil: new Date(t.getTime() + opts.leaseMs), updatedAt: t, pendingKey: null },
    });
    if (res.count !== 1) continue;
    const wait = await opts.admit(item);
    if (wait === 0) {
      mine.push(item);
      continue;
    }
    refused.add(item.destination);
    // Not yet: back to pending, due when its destination is, attempts unspent. A dead owner's item keeps that mark.
    await db.outboxItem.updateMany({
      where: { id: item.id, lockedBy: opts.owner },
      data: { status: 'pending', lockedBy: null, lockedUntil: null, nextAttemptAt: new Date(t.getTime() + wait), mayHaveLanded: item.mayHaveLanded || item.status === 'in_flight' },
    });
  }
  return mine;
}
