import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.js';
import { createDispatcher } from '../../src/outbox/dispatcher.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import { RetryableError } from '../../src/outbox/outbox-errors.js';
import type { TOutboxHandler, TOutboxItem } from '../../src/outbox/outbox-handler.js';
import type { TChatNotice } from '../../src/outbox/outbox-kinds.js';
import type { TDb } from '../../src/store/client.js';
import { manualClock } from '../helpers/clock.js';
import { createTestDb } from '../helpers/db.js';
import { createPgTestDb } from '../helpers/pg.js';

/** A channel that takes one message a second, as Slack's chat.postMessage does; records what arrived, in order. */
function channel(fail: (n: TChatNotice) => Error | undefined = () => undefined) {
  const sent: TChatNotice[] = [];
  const handler: TOutboxHandler = {
    kind: 'chat.deliver',
    rateLimit: () => ({ perSecond: 1, burst: 1 }),
    async send(item: TOutboxItem) {
      const n = item.payload.message as TChatNotice;
      const err = fail(n);
      if (err) throw err;
      sent.push(n);
      return {};
    },
  };
  return { handler, sent };
}

for (const [name, make] of [['SQLite', createTestDb], ['PostgreSQL', createPgTestDb]] as const) {
  describe(`delivery order and coalescing on ${name}`, () => {
    async function setup(handler: TOutboxHandler) {
      const { db } = (await make()) as { db: TDb };
      const clock = manualClock();
      const dispatcher = createDispatcher({ db, handlers: [handler], log: createMemoryLogger(), now: clock.now, random: () => 0.5, owner: 'w1' });
      const add = (message: TChatNotice, key: string, coalesce?: { key: string; minIntervalMs: number }) =>
        db.$transaction((tx) => enqueue(tx, { kind: 'chat.deliver', surface: 'slack', caseId: null, message }, { destination: 'slack:C1', idempotencyKey: key, now: clock.now(), ...(coalesce && { coalesce }) }));
      /** Runs the dispatcher second by second, as its poll would. */
      const run = async (seconds: number) => {
        for (let i = 0; i < seconds; i++) {
          await dispatcher.runOnce();
          clock.advance(1000);
        }
      };
      return { db, clock, add, run };
    }

    it('a new case card goes before the card refreshes queued ahead of it in its channel, and P1 before P3', async () => {
      const { handler, sent } = channel();
      const { add, clock, run } = await setup(handler);
      for (let i = 0; i < 20; i++) await add({ kind: 'card.update', caseId: `old${i}` }, `u${i}`);
      clock.advance(500);
      await add({ kind: 'card.post', caseId: 'p3', team: 'network-ops', priority: 'P3' }, 'p3');
      await add({ kind: 'card.post', caseId: 'p1', team: 'network-ops', priority: 'P1' }, 'p1');
      await run(3);
      expect(sent.map((n) => n.kind === 'card.post' ? n.caseId : n.kind)).toEqual(['p1', 'p3', 'card.update']);
    }, 30_000);

    it('refreshes of one incident card coalesce: one waits at a time, a few a minute at most, and a failed stale one is dropped', async () => {
      let failing = true;
      const { handler, sent } = channel((n) => (failing && n.kind === 'incident.update' ? new RetryableError('502 Bad Gateway') : undefined));
      const { db, add, clock, run } = await setup(handler);
      const coalesce = { key: 'incident:i1:slack', minIntervalMs: 15_000 };
      await add({ kind: 'incident.update', incidentId: 'i1' }, 'a', coalesce);
      for (let i = 0; i < 50; i++) await add({ kind: 'incident.update', incidentId: 'i1' }, `b${i}`, coalesce);
      expect(await db.outboxItem.count()).toBe(1);
      await run(1); // the first attempt fails and waits for its retry
      failing = false;
      await add({ kind: 'incident.update', incidentId: 'i1' }, 'c', coalesce);
      expect(await db.outboxItem.count({ where: { status: 'pending' } })).toBe(1);
      for (let i = 0; i < 40 && sent.length === 0; i++) await run(1);
      expect(sent).toHaveLength(1);
      // A new one after the last went out waits out the interval.
      const last = await db.outboxItem.findFirstOrThrow({ where: { status: 'done' } });
      await add({ kind: 'incident.update', incidentId: 'i1' }, 'd', coalesce);
      const next = await db.outboxItem.findUniqueOrThrow({ where: { idempotencyKey: 'd' } });
      expect(next.nextAttemptAt.getTime() - last.updatedAt.getTime()).toBe(15_000);
      await run(10);
      expect(sent).toHaveLength(1);
      clock.advance(5000);
      await run(1);
      expect(sent).toHaveLength(2);
    }, 30_000);

    it('drops a failed refresh when a newer one for the same card is already waiting', async () => {
      let calls = 0;
      const { handler, sent } = channel((n) => (n.kind === 'incident.update' && ++calls === 1 ? new RetryableError('502 Bad Gateway') : undefined));
      const { db, add, run } = await setup(handler);
      const coalesce = { key: 'incident:i1:slack', minIntervalMs: 0 };
      await add({ kind: 'incident.update', incidentId: 'i1' }, 'a', coalesce);
      // While the first is in flight a newer one is added (the first is not pending then).
      await db.outboxItem.updateMany({ data: { status: 'in_flight', lockedBy: 'w1', lockedUntil: new Date(Date.now() + 60_000) } });
      await add({ kind: 'incident.update', incidentId: 'i1' }, 'b', coalesce);
      await db.outboxItem.updateMany({ where: { idempotencyKey: 'a' }, data: { status: 'pending', lockedBy: null, lockedUntil: null } });
      await run(3);
      expect(await db.outboxItem.findUniqueOrThrow({ where: { idempotencyKey: 'a' } })).toMatchObject({ status: 'superseded' });
      expect(sent).toHaveLength(1);
    }, 30_000);
  });
}
