import { randomUUID } from 'node:crypto';
import type { OutboxItem } from '../generated/prisma/client.js';
import type { TLogger } from '../log.js';
import type { TDeliveryOutcome, TOutboxMetrics } from '../metrics/outbox-metrics.js';
import { providerOf, type TDb, type TTx } from '../store/client.js';
import { sqlOf } from '../intake/sql.js';
import { transact } from '../store/transaction-retry.js';
import { nextDelayMs } from './backoff.js';
import { claimDueItems } from './claim-due-items.js';
import { PermanentError, RetryableError } from './outbox-errors.js';
import type { TOutboxHandler, TOutboxItem } from './outbox-handler.js';
import type { TOutboxKind } from './outbox-kinds.js';
import { createSharedPace } from './shared-pace.js';

export interface TDispatcherOptions {
  db: TDb;
  handlers: readonly TOutboxHandler[];
  log: TLogger;
  now?: () => Date;
  random?: () => number;
  /**
   * How long a claimed item stays ours without renewal. A heartbeat renews the items in flight every third of it, so a
   * slow call keeps its lease while a killed process's items are taken over within about this long.
   */
  leaseMs?: number;
  batchSize?: number;
  pollMs?: number;
  owner?: string;
  /** Times each attempt and each delivery by destination kind (src/metrics/outbox-metrics.ts). */
  metrics?: TOutboxMetrics;
}

export interface TDispatcher {
  /** Claims and delivers one batch of due items; returns how many were attempted. */
  runOnce(): Promise<number>;
  start(): void;
  /** Stops polling and waits for the batch in flight. */
  stop(): Promise<void>;
}

const MAX_ERROR = 2000;
/** Short, because the heartbeat renews it: after a `kill -9`, another process (or the restarted one) resumes within ~6 s. */
export const DEFAULT_LEASE_MS = 6_000;

/** The durable outbound queue's worker: retries with backoff and jitter, honours Retry-After and rate limits. */
export function createDispatcher(opts: TDispatcherOptions): TDispatcher {
  const now = opts.now ?? (() => new Date());
  const random = opts.random ?? Math.random;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  // Large enough that a surge's fan-out steps (settled together, one transaction a claim) keep up with the intake.
  const batchSize = opts.batchSize ?? 100;
  const owner = opts.owner ?? `earshot-${process.pid}-${randomUUID().slice(0, 8)}`;
  const handlers = new Map<TOutboxKind, TOutboxHandler>(opts.handlers.map((h) => [h.kind, h]));
  const rateOf = (dest: string) => {
    for (const h of handlers.values()) {
      const r = h.rateLimit?.(dest);
      if (r) return r;
    }
    return undefined;
  };
  const limiter = createSharedPace(opts.db, rateOf);
  const inFlight = new Set<string>();
  let heartbeat: NodeJS.Timeout | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  async function claim(): Promise<OutboxItem[]> {
    const t = now();
    const { busy, ready } = await limiter.state(t.getTime());
    return claimDueItems(opts.db, {
      busy,
      ready,
      capOf: (dest) => rateOf(dest)?.burst,
      kinds: [...handlers.keys()],
      now: t,
      owner,
      leaseMs,
      limit: batchSize,
      admit: (item) => limiter.take(item.destination, t.getTime()),
      onClaimed: (ids) => ids.forEach((id) => inFlight.add(id)),
    });
  }

  function itemOf(row: OutboxItem): TOutboxItem {
    return {
      id: row.id,
      kind: row.kind as TOutboxKind,
      destination: row.destination,
      payload: JSON.parse(row.payload) as Record<string, unknown>,
      idempotencyKey: row.idempotencyKey,
      attempts: row.attempts,
      maxAttempts: row.maxAttempts,
      caseId: row.caseId,
      coalesceKey: row.coalesceKey,
      // Claimed rows are read before the claim's update: in_flight here means another owner's lease lapsed.
      resumed: row.status === 'in_flight',
      mayHaveLanded: row.mayHaveLanded,
    };
  }

  const doneData = (t: Date, result: unknown) => ({ status: 'done', attempts: { increment: 1 }, result: JSON.stringify(result ?? null), doneAt: t, updatedAt: t, lockedBy: null, lockedUntil: null, lastError: null });

  /**
   * Local items (handler.local: no outside call) settled together: each decided first, then every result recorded in
   * one transaction — one write for the batch instead of one per item. If that transaction fails, each goes alone.
   */
  async function deliverLocal(rows: OutboxItem[]): Promise<void> {
    const decided: { row: OutboxItem; item: TOutboxItem; handler: TOutboxHandler; result: unknown }[] = [];
    for (const row of rows) {
      const handler = handlers.get(row.kind as TOutboxKind)!;
      const item = itemOf(row);
      try {
        decided.push({ row, item, handler, result: await handler.send(item) });
      } catch (err) {
        await fail(handler, item, err instanceof Error ? err : new Error(String(err)));
      }
    }
    if (decided.length === 0) return;
    try {
      await transact(opts.db, async (tx) => {
        const t = now();
        const won = await markDone(tx, decided, t);
        const byHandler = new Map<TOutboxHandler, typeof decided>();
        for (const d of decided) if (won.has(d.item.id)) byHandler.set(d.handler, [...(byHandler.get(d.handler) ?? []), d]);
        for (const [handler, list] of byHandler) {
          if (handler.onSuccessBatch) await handler.onSuccessBatch(tx, list, t);
          else for (const d of list) await handler.onSuccess?.(tx, d.item, d.result, t);
        }
      });
    } catch (err) {
      opts.log.warn('outbox batch settle failed; settling one by one', { items: decided.length, error: err instanceof Error ? err.message : String(err) });
      for (const d of decided) await deliver(d.row);
      return;
    }
    const t = now().getTime();
    for (const d of decided) opts.metrics?.attempt(d.item, 'delivered', 0, (t - d.row.createdAt.getTime()) / 1000);
  }

  /** Marks a batch done in one statement (each with its own result); returns the ids this owner still held. */
  async function markDone(tx: TTx, decided: readonly { item: TOutboxItem; result: unknown }[], t: Date): Promise<Set<string>> {
    const ids = decided.map((d) => d.item.id);
    const won = await sqlOf(tx, providerOf(opts.db)).query<{ id: string }>(
      `UPDATE "OutboxItem" SET "status" = 'done', "attempts" = "attempts" + 1, "result" = CASE "id" ${decided.map(() => 'WHEN ? THEN CAST(? AS TEXT)').join(' ')} END,
         "doneAt" = ?, "updatedAt" = ?, "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = NULL
       WHERE "id" IN (${ids.map(() => '?').join(', ')}) AND "lockedBy" = ? AND "status" = 'in_flight' RETURNING "id"`,
      [...decided.flatMap((d) => [d.item.id, JSON.stringify(d.result ?? null)]), t, t, ...ids, owner],
    );
    return new Set(won.map((r) => r.id));
  }

  async function deliver(row: OutboxItem): Promise<void> {
    const handler = handlers.get(row.kind as TOutboxKind)!;
    const item = itemOf(row);
    let result: unknown;
    const started = performance.now();
    const observe = (outcome: TDeliveryOutcome) =>
      opts.metrics?.attempt(item, outcome, (performance.now() - started) / 1000, (now().getTime() - row.createdAt.getTime()) / 1000);
    try {
      result = await handler.send(item);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      observe(e instanceof PermanentError || item.attempts + 1 >= item.maxAttempts ? 'dead' : 'retry');
      await fail(handler, item, e);
      return;
    }
    observe('delivered');
    await transact(opts.db, async (tx) => {
      const t = now();
      const res = await tx.outboxItem.updateMany({
        where: { id: item.id, lockedBy: owner, status: 'in_flight' },
        data: doneData(t, result),
      });
      if (res.count !== 1) return;
      if (handler.onSuccess) await handler.onSuccess(tx, item, result, t);
      else await handler.onSuccessBatch?.(tx, [{ item, result }], t);
    });
  }

  async function fail(handler: TOutboxHandler, item: TOutboxItem, err: Error): Promise<void> {
    const t = now();
    const attempts = item.attempts + 1;
    const final = err instanceof PermanentError || attempts >= item.maxAttempts;
    const retryAfter = err instanceof RetryableError ? err.retryAfterMs : undefined;
    if (retryAfter !== undefined) await limiter.block(item.destination, t.getTime() + retryAfter);
    // Only a refusal the remote answered (a 429) proves nothing happened; a lost answer or a crash may have landed.
    const mayHaveLanded = item.mayHaveLanded || item.resumed || !(err instanceof RetryableError && err.refused);
    const delay = nextDelayMs(attempts, random, retryAfter);
    const lastError = `${err.name}: ${err.message}`.slice(0, MAX_ERROR);
    opts.log[final ? 'error' : 'warn'](final ? 'outbox item dead-lettered' : 'outbox delivery failed; will retry', {
      id: item.id,
      kind: item.kind,
      destination: item.destination,
      attempts,
      error: lastError,
      ...(!final && { retryInMs: Math.round(delay) }),
    });
    await transact(opts.db, async (tx) => {
      // A newer item showing the same thing waits already: it carries the latest state, so this one is dropped.
      const superseded = !final && item.coalesceKey !== null && (await tx.outboxItem.count({ where: { coalesceKey: item.coalesceKey, status: 'pending', id: { not: item.id } } })) > 0;
      const res = await tx.outboxItem.updateMany({
        where: { id: item.id, lockedBy: owner, status: 'in_flight' },
        data: {
          status: final ? 'dead' : superseded ? 'superseded' : 'pending',
          attempts,
          lastError,
          mayHaveLanded,
          nextAttemptAt: new Date(t.getTime() + (final ? 0 : delay)),
          updatedAt: t,
          lockedBy: null,
          lockedUntil: null,
        },
      });
      if (res.count === 1) await handler.onFailure?.(tx, item, err, final, t);
    });
  }

  /** The heartbeat: keeps the leases of items still being sent, so only a dead process's items lapse. */
  async function renewLeases(): Promise<void> {
    if (inFlight.size === 0) return;
    const t = now();
    try {
      await opts.db.outboxItem.updateMany({ where: { id: { in: [...inFlight] }, lockedBy: owner, status: 'in_flight' }, data: { lockedUntil: new Date(t.getTime() + leaseMs) } });
    } catch (err) {
      // The database is away: the next beat tries again; if the lease lapses meanwhile, the idempotency key covers it.
      opts.log.warn('outbox lease renewal failed', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  async function runOnce(): Promise<number> {
    const items = await claim();
    const isLocal = (i: OutboxItem) => handlers.get(i.kind as TOutboxKind)?.local === true;
    const local = items.filter(isLocal);
    // Items for one destination go in order, one at a time; different destinations proceed side by side.
    const byDestination = new Map<string, OutboxItem[]>();
    for (const i of items) if (!isLocal(i)) byDestination.set(i.destination, [...(byDestination.get(i.destination) ?? []), i]);
    const settleLocal = async () => {
      try {
        await deliverLocal(local);
      } catch (err) {
        opts.log.error('outbox bookkeeping failed', { items: local.length, error: err instanceof Error ? err.message : String(err) });
      } finally {
        for (const i of local) inFlight.delete(i.id);
      }
    };
    await Promise.all([
      ...(local.length ? [settleLocal()] : []),
      ...[...byDestination.values()].map(async (queue) => {
        for (const i of queue) {
          try {
            // An earlier item of this batch may have hit a 429: hand the rest back untried, attempts unspent.
            const t = now().getTime();
            const blocked = await limiter.blockedFor(i.destination, t);
            if (blocked > 0) {
              await opts.db.outboxItem.updateMany({
                where: { id: i.id, lockedBy: owner, status: 'in_flight' },
                data: { status: 'pending', nextAttemptAt: new Date(t + blocked), lockedBy: null, lockedUntil: null },
              });
              continue;
            }
            await deliver(i);
          } catch (err) {
            // A database failure while recording: the lease lapses and the item is retried.
            opts.log.error('outbox bookkeeping failed', { id: i.id, error: err instanceof Error ? err.message : String(err) });
          } finally {
            inFlight.delete(i.id);
          }
        }
      }),
    ]);
    return items.length;
  }

  function schedule(delay: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch((err: unknown) => {
          opts.log.error('outbox poll failed', { error: err instanceof Error ? err.message : String(err) });
          return 0;
        })
        .finally(() => {
          running = undefined;
        });
      // Anything delivered: look again at once (more may be due, or a channel's next slot); idle: wait for the poll.
      void running.then((n) => schedule(n > 0 ? 0 : (opts.pollMs ?? 1000)));
    }, delay);
    timer.unref?.();
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
      heartbeat = setInterval(() => void renewLeases(), Math.max(100, Math.floor(leaseMs / 3)));
      heartbeat.unref?.();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      if (heartbeat) clearInterval(heartbeat);
    },
  };
}
