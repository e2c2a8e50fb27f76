import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.js';
import { createDispatcher } from '../../src/outbox/dispatcher.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import { RetryableError } from '../../src/outbox/outbox-errors.js';
import type { TOutboxHandler } from '../../src/outbox/outbox-handler.js';
import { openDatabase, providerOf, type TDb } from '../../src/store/client.js';
import { manualClock } from '../helpers/clock.js';
import { createPgTestDb } from '../helpers/pg.js';

/** Stands in for the remote API: records every delivery, with a little latency so claims overlap. */
function recorder(fail: (key: string) => Error | undefined = () => undefined) {
  const sent: { key: string; by: string }[] = [];
  const handler = (by: string): TOutboxHandler => ({
    kind: 'escalation.notify',
    async send(item) {
      await new Promise((r) => setTimeout(r, 5));
      sent.push({ key: item.idempotencyKey, by });
      const err = fail(item.idempotencyKey);
      if (err) throw err;
      return { ok: true };
    },
  });
  return { sent, handler };
}

async function add(db: TDb, key: string, now: Date, destination = 'team:social-care') {
  await db.$transaction((tx) => enqueue(tx, { kind: 'escalation.notify', caseId: 'c1', team: 'social-care', reason: 'r' }, { destination, idempotencyKey: key, now }));
}

describe('outbox dispatcher on PostgreSQL', () => {
  it('delivers due items once and records the result', async () => {
    const { db } = await createPgTestDb();
    const clock = manualClock();
    const { sent, handler } = recorder();
    const d = createDispatcher({ db, handlers: [handler('w1')], log: createMemoryLogger(), now: clock.now, owner: 'w1' });
    await add(db, 'k1', clock.now());
    await add(db, 'k1', clock.now()); // same idempotency key: one item
    expect(await d.runOnce()).toBe(1);
    expect(await d.runOnce()).toBe(0);
    expect(sent.map((s) => s.key)).toEqual(['k1']);
    expect(await db.outboxItem.findFirstOrThrow()).toMatchObject({ status: 'done', attempts: 1, result: '{"ok":true}', lockedBy: null });
  });

  it('two dispatchers (two processes, two connection pools) never lease the same item', async () => {
    const { db, url } = await createPgTestDb();
    const other = await openDatabase(url);
    try {
      const clock = manualClock();
      // Distinct destinations: the in-memory rate limiter never holds an item back, so every item is contested.
      for (let i = 0; i < 40; i++) await add(db, `k${i}`, clock.now(), `team:t${i}`);
      const { sent, handler } = recorder();
      const log = createMemoryLogger();
      const a = createDispatcher({ db, handlers: [handler('a')], log, now: clock.now, owner: 'a', batchSize: 40 });
      const b = createDispatcher({ db: other, handlers: [handler('b')], log, now: clock.now, owner: 'b', batchSize: 40 });
      const [na, nb] = await Promise.all([a.runOnce(), b.runOnce()]);
      expect(na + nb).toBe(40);
      expect(sent).toHaveLength(40);
      expect(new Set(sent.map((s) => s.key)).size).toBe(40);
      expect(await db.outboxItem.count({ where: { status: 'done' } })).toBe(40);
    } finally {
      await other.$disconnect();
    }
  });

  it("retakes an item whose holder died once its lease lapses, and not before", async () => {
    const { db } = await createPgTestDb();
    const clock = manualClock();
    const { sent, handler } = recorder();
    const d = createDispatcher({ db, handlers: [handler('w1')], log: createMemoryLogger(), now: clock.now, owner: 'w1', leaseMs: 30_000 });
    await add(db, 'k', clock.now());
    await db.outboxItem.updateMany({ data: { status: 'in_flight', lockedBy: 'dead-process', lockedUntil: new Date(clock.now().getTime() + 30_000) } });
    expect(await d.runOnce()).toBe(0);
    clock.advance(30_001);
    expect(await d.runOnce()).toBe(1);
    expect(sent.map((s) => s.key)).toEqual(['k']);
    expect((await db.outboxItem.findFirstOrThrow()).status).toBe('done');
  });

  it('puts a failed item back with backoff, keeping the error', async () => {
    const { db } = await createPgTestDb();
    const clock = manualClock();
    const { handler } = recorder(() => new RetryableError('502 Bad Gateway'));
    const d = createDispatcher({ db, handlers: [handler('w1')], log: createMemoryLogger(), now: clock.now, owner: 'w1', random: () => 0.5 });
    await add(db, 'k', clock.now());
    await d.runOnce();
    const item = await db.outboxItem.findFirstOrThrow();
    expect(item).toMatchObject({ status: 'pending', attempts: 1, lastError: 'RetryableError: 502 Bad Gateway', lockedBy: null });
    expect(item.nextAttemptAt.getTime() - clock.now().getTime()).toBe(750);
  });
});

describe('outbox claim on PostgreSQL (FOR UPDATE SKIP LOCKED)', () => {
  it('skips rows another dispatcher is in the middle of claiming instead of waiting for them', async () => {
    const { db, url } = await createPgTestDb();
    const clock = manualClock();
    await add(db, 'held', clock.now(), 'team:a');
    await add(db, 'free', clock.now(), 'team:b');
    // Another process's claim transaction, still open, holding the row lock on "held".
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT id FROM "OutboxItem" WHERE "idempotencyKey" = 'held' FOR UPDATE`);
      const { sent, handler } = recorder();
      const d = createDispatcher({ db, handlers: [handler('w1')], log: createMemoryLogger(), now: clock.now, owner: 'w1' });
      // Without SKIP LOCKED this would block until the other transaction ends.
      const claimed = await Promise.race([d.runOnce(), new Promise<'blocked'>((r) => setTimeout(() => r('blocked'), 10_000))]);
      expect(claimed).toBe(1);
      expect(sent.map((s) => s.key)).toEqual(['free']);
      await other.query('ROLLBACK');
      expect(await d.runOnce()).toBe(1);
      expect(sent.map((s) => s.key)).toEqual(['free', 'held']);
    } finally {
      await other.end();
    }
  });

  it('reports the database provider it runs on, so the claim takes that path', async () => {
    const { db } = await createPgTestDb();
    expect(providerOf(db)).toBe('postgresql');
  });
});
