import { describe, expect, it } from 'vitest';
import { replyToCase } from '../../src/cases/index.js';
import type { TOutboundConnector } from '../../src/connectors/connector.js';
import { createMemoryLogger } from '../../src/log.js';
import { createDispatcher } from '../../src/outbox/dispatcher.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import { PermanentError, RetryableError, retryAfterMs } from '../../src/outbox/outbox-errors.js';
import type { TOutboxHandler, TOutboxItem } from '../../src/outbox/outbox-handler.js';
import { platformReplyHandler } from '../../src/outbox/handlers/platform-reply.js';
import { manualClock } from '../helpers/clock.js';
import { createTestDb } from '../helpers/db.js';
import { exampleOrgChart } from '../helpers/org-chart.js';
import { eventsOf, seedCase } from '../helpers/seed.js';

/** A handler that records calls and fails as scripted; stands in for the remote API, not for our code. */
function scripted(outcomes: (Error | 'ok')[], extra: Partial<TOutboxHandler> = {}) {
  const calls: TOutboxItem[] = [];
  const handler: TOutboxHandler = {
    kind: 'escalation.notify',
    async send(item) {
      calls.push(item);
      const next = outcomes.shift() ?? 'ok';
      if (next !== 'ok') throw next;
      return { delivered: true };
    },
    ...extra,
  };
  return { handler, calls };
}

async function setup(handlers: TOutboxHandler[], opts: { owner?: string } = {}) {
  const { db, url } = await createTestDb();
  const clock = manualClock();
  const log = createMemoryLogger();
  const dispatcher = createDispatcher({ db, handlers, log, now: clock.now, random: () => 0.5, owner: opts.owner ?? 'w1', leaseMs: 30_000 });
  const add = (key: string, destination = 'team:social-care', maxAttempts?: number) =>
    db.$transaction((tx) =>
      enqueue(tx, { kind: 'escalation.notify', caseId: 'c1', team: 'social-care', reason: 'r' }, { destination, idempotencyKey: key, now: clock.now(), ...(maxAttempts && { maxAttempts }) }),
    );
  return { db, url, clock, log, dispatcher, add };
}

describe('outbox dispatcher', () => {
  it('delivers due items once and records the result', async () => {
    const { handler, calls } = scripted(['ok']);
    const { db, dispatcher, add } = await setup([handler]);
    await add('k1');
    await add('k1'); // same idempotency key: one item
    expect(await dispatcher.runOnce()).toBe(1);
    expect(await dispatcher.runOnce()).toBe(0);
    expect(calls).toHaveLength(1);
    const item = await db.outboxItem.findFirstOrThrow();
    expect(item).toMatchObject({ status: 'done', attempts: 1, result: '{"delivered":true}' });
  });

  it('retries with exponential backoff and jitter, then succeeds', async () => {
    const { handler, calls } = scripted([new RetryableError('502'), new RetryableError('502'), 'ok']);
    const { db, dispatcher, add, clock } = await setup([handler]);
    await add('k1');
    await dispatcher.runOnce();
    let item = await db.outboxItem.findFirstOrThrow();
    // attempt 1: base 1 s, equal jitter with random 0.5 → 750 ms
    expect(item).toMatchObject({ status: 'pending', attempts: 1, lastError: 'RetryableError: 502' });
    expect(item.nextAttemptAt.getTime() - clock.now().getTime()).toBe(750);
    expect(await dispatcher.runOnce()).toBe(0); // not due yet
    clock.advance(750);
    await dispatcher.runOnce();
    item = await db.outboxItem.findFirstOrThrow();
    expect(item.nextAttemptAt.getTime() - clock.now().getTime()).toBe(1500); // doubled
    clock.advance(1500);
    await dispatcher.runOnce();
    expect(calls).toHaveLength(3);
    expect((await db.outboxItem.findFirstOrThrow()).status).toBe('done');
  });

  it('honours Retry-After and pauses the whole destination', async () => {
    const { handler, calls } = scripted([new RetryableError('429 ratelimited', 30_000), 'ok', 'ok']);
    const { db, dispatcher, add, clock } = await setup([handler]);
    await add('a');
    await add('b');
    await dispatcher.runOnce();
    // The first got 429; the second, same destination, must not be tried inside the Retry-After window.
    expect(calls.map((c) => c.idempotencyKey)).toEqual(['a']);
    const a = await db.outboxItem.findUniqueOrThrow({ where: { idempotencyKey: 'a' } });
    expect(a.nextAttemptAt.getTime() - clock.now().getTime()).toBe(30_000);
    clock.advance(29_000);
    await dispatcher.runOnce();
    expect(calls).toHaveLength(1);
    clock.advance(1_000);
    await dispatcher.runOnce();
    await dispatcher.runOnce();
    expect(calls.map((c) => c.idempotencyKey).sort()).toEqual(['a', 'a', 'b']);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Mon, 23 Nov 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });

  it('applies per-destination rate limits without spending attempts', async () => {
    const { handler, calls } = scripted([], { rateLimit: (d) => (d.startsWith('slack:') ? { perSecond: 1, burst: 1 } : undefined) });
    const { db, dispatcher, add, clock } = await setup([handler]);
    for (const k of ['s1', 's2', 's3']) await add(k, 'slack:C1');
    await add('other', 'slack:C2');
    await dispatcher.runOnce();
    expect(calls.map((c) => c.idempotencyKey).sort()).toEqual(['other', 's1']);
    const waiting = await db.outboxItem.findMany({ where: { status: 'pending' } });
    expect(waiting.every((w) => w.attempts === 0)).toBe(true);
    clock.advance(1000);
    await dispatcher.runOnce();
    expect(calls).toHaveLength(3);
    clock.advance(1000);
    await dispatcher.runOnce();
    expect(calls).toHaveLength(4);
  });

  it('dead-letters after max attempts keeping the last error, and at once on a permanent error', async () => {
    const { handler } = scripted([new RetryableError('timeout 1'), new RetryableError('timeout 2'), new PermanentError('token revoked')]);
    const { db, dispatcher, add, clock, log } = await setup([handler]);
    await add('a', 'team:x', 2);
    await dispatcher.runOnce();
    clock.advance(60_000);
    await dispatcher.runOnce();
    expect(await db.outboxItem.findUniqueOrThrow({ where: { idempotencyKey: 'a' } })).toMatchObject({ status: 'dead', attempts: 2, lastError: 'RetryableError: timeout 2' });
    await add('b');
    await dispatcher.runOnce();
    expect(await db.outboxItem.findUniqueOrThrow({ where: { idempotencyKey: 'b' } })).toMatchObject({ status: 'dead', attempts: 1, lastError: 'PermanentError: token revoked' });
    expect(log.lines.filter((l) => l.msg === 'outbox item dead-lettered')).toHaveLength(2);
  });

  it('re-takes items a crashed process left in flight once their lease lapses', async () => {
    const { handler, calls } = scripted([]);
    const { db, url, dispatcher, add, clock } = await setup([handler]);
    await add('k');
    // Another process claimed it and died mid-call.
    await db.outboxItem.updateMany({ data: { status: 'in_flight', lockedBy: 'dead-process', lockedUntil: new Date(clock.now().getTime() + 30_000) } });
    expect(await dispatcher.runOnce()).toBe(0);
    clock.advance(30_001);
    expect(await dispatcher.runOnce()).toBe(1);
    expect(calls[0]!.idempotencyKey).toBe('k');
    expect((await db.outboxItem.findFirstOrThrow()).status).toBe('done');
    void url;
  });

  it('never sends a reply twice, even when its item is retried after a crash', async () => {
    const sent: string[] = [];
    const x: TOutboundConnector = {
      id: 'x',
      async reply(_t, text) {
        sent.push(text);
        return { externalId: `tw-${sent.length}`, url: `https://x.com/acme/status/tw-${sent.length}` };
      },
    };
    const { db } = await createTestDb();
    const clock = manualClock();
    const deps = { db, orgChart: exampleOrgChart(), now: clock.now };
    const c = await seedCase(db);
    const reply = await replyToCase(deps, { caseId: c.id, actorId: 'tom', text: 'Sorry! DM us.' });
    const dispatcher = createDispatcher({ db, handlers: [platformReplyHandler(db, new Map([['x', x]]))], log: createMemoryLogger(), now: clock.now, owner: 'w1' });
    await dispatcher.runOnce();
    expect(await db.reply.findUniqueOrThrow({ where: { id: reply.id } })).toMatchObject({ status: 'sent', platformReplyId: 'tw-1', url: 'https://x.com/acme/status/tw-1' });
    expect((await db.case.findUniqueOrThrow({ where: { id: c.id } })).firstResponseAt?.toISOString()).toBe(clock.now().toISOString());
    // Simulate a crash after the send but before the item was marked done: the item comes back in flight.
    await db.outboxItem.updateMany({ where: { kind: 'platform.reply' }, data: { status: 'in_flight', lockedBy: 'gone', lockedUntil: new Date(0) } });
    await dispatcher.runOnce();
    expect(sent).toEqual(['Sorry! DM us.']);
    expect((await eventsOf(db, c.id)).map((e) => e.action)).toEqual(['reply_queued', 'reply_sent']);
  });

  it('keeps the reply text and tells the thread when a reply finally fails', async () => {
    const x: TOutboundConnector = {
      id: 'x',
      async reply() {
        throw new PermanentError('403 You cannot reply to a deleted Tweet');
      },
    };
    const { db } = await createTestDb();
    const clock = manualClock();
    const c = await seedCase(db);
    const reply = await replyToCase({ db, orgChart: exampleOrgChart(), now: clock.now }, { caseId: c.id, actorId: 'tom', text: 'Hi there' });
    const dispatcher = createDispatcher({ db, handlers: [platformReplyHandler(db, new Map([['x', x]]))], log: createMemoryLogger(), now: clock.now });
    await dispatcher.runOnce();
    expect(await db.reply.findUniqueOrThrow({ where: { id: reply.id } })).toMatchObject({ status: 'failed', text: 'Hi there', attempts: 1, lastError: '403 You cannot reply to a deleted Tweet' });
    const failed = (await eventsOf(db, c.id)).at(-1)!;
    expect(failed.action).toBe('reply_failed');
    expect(JSON.parse(failed.payload)).toMatchObject({ author: 'tom', text: 'Hi there', error: expect.stringContaining('deleted') });
    // The card refresh that carries the notice into the thread is queued.
    expect(await db.outboxItem.count({ where: { kind: 'card.update', payload: { contains: failed.id } } })).toBe(1);
  });

  it('fails a reply for a platform that is not connected, with a sentence staff understand', async () => {
    const { db } = await createTestDb();
    const clock = manualClock();
    const c = await seedCase(db, { platform: 'reddit' });
    const reply = await replyToCase({ db, orgChart: exampleOrgChart(), now: clock.now }, { caseId: c.id, actorId: 'tom', text: 'Hi' });
    await createDispatcher({ db, handlers: [platformReplyHandler(db, new Map())], log: createMemoryLogger(), now: clock.now }).runOnce();
    expect((await db.reply.findUniqueOrThrow({ where: { id: reply.id } })).lastError).toMatch(/Reddit is not connected in Earshot/);
  });

  it('leaves items of kinds nobody can deliver pending, for /metrics to show', async () => {
    const { db, dispatcher, add } = await setup([{ kind: 'card.post', send: async () => ({}) }]);
    await add('k');
    expect(await dispatcher.runOnce()).toBe(0);
    expect((await db.outboxItem.findFirstOrThrow()).status).toBe('pending');
  });
});
