import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.js';
import { createDispatcher } from '../../src/outbox/dispatcher.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import { RetryableError } from '../../src/outbox/outbox-errors.js';
import type { TOutboxHandler } from '../../src/outbox/outbox-handler.js';
import { openDatabase, type TDb } from '../../src/store/client.js';
import { manualClock } from '../helpers/clock.js';
import { createTestDb } from '../helpers/db.js';
import { createPgTestDb } from '../helpers/pg.js';

const CHANNEL = 'slack:C07SOCIAL01';
const RATE = { perSecond: 1, burst: 3 };

/** Stands in for Slack's chat.postMessage: records when each call reached it, and can answer one with a 429. */
function channelApi(clock: { now: () => Date }) {
  const sent: { key: string; by: string; at: number }[] = [];
  let refuseNext: number | undefined;
  const handler = (by: string): TOutboxHandler => ({
    kind: 'escalation.notify',
    rateLimit: (d) => (d.startsWith('slack:') ? RATE : undefined),
    async send(item) {
      if (refuseNext !== undefined) {
        const ms = refuseNext;
        refuseNext = undefined;
        throw new RetryableError('Slack rate-limited post the case card', ms, true);
      }
      sent.push({ key: item.idempotencyKey, by, at: clock.now().getTime() });
      return { ok: true };
    },
  });
  return { sent, handler, refuseWith429: (ms: number) => (refuseNext = ms) };
}

/** Two replicas: each its own dispatcher on its own connection (pool) to the one database. */
async function twoReplicas(make: () => Promise<{ db: TDb; url: string }>) {
  const { db, url } = await make();
  const other = await openDatabase(url);
  const clock = manualClock();
  const api = channelApi(clock);
  const log = createMemoryLogger();
  const a = createDispatcher({ db, handlers: [api.handler('a')], log, now: clock.now, owner: 'a', random: () => 0.5 });
  const b = createDispatcher({ db: other, handlers: [api.handler('b')], log, now: clock.now, owner: 'b', random: () => 0.5 });
  const add = async (n: number, destination = CHANNEL) => {
    for (let i = 0; i < n; i++) {
      await db.$transaction((tx) => enqueue(tx, { kind: 'escalation.notify', caseId: 'c1', team: 'social-care', reason: 'r' }, { destination, idempotencyKey: `${destination}-${i}`, now: clock.now() }));
    }
  };
  /** Both replicas poll side by side every `stepMs` for `ms`. */
  const run = async (ms: number, stepMs = 250) => {
    for (let t = 0; t <= ms; t += stepMs) {
      // Replicas poll at their own phases: each goes first every other second — the channel's pace frees one slot a
      // second, so alternating per step would hand every freed slot to the same replica.
      await Promise.all(Math.floor(t / 1000) % 2 ? [b.runOnce(), a.runOnce()] : [a.runOnce(), b.runOnce()]);
      clock.advance(stepMs);
    }
  };
  return { db, other, clock, api, add, run, start: clock.now().getTime() };
}

for (const [name, make] of [
  ['SQLite', () => createTestDb()],
  ['PostgreSQL', () => createPgTestDb()],
] as const) {
  describe(`destination rate limits shared across replicas (${name})`, () => {
    it('two replicas together keep one channel to its burst and then one post a second', async () => {
      const r = await twoReplicas(make);
      try {
        await r.add(12);
        await r.add(2, 'team:social-care'); // no declared rate: goes at once, no bucket row
        await r.run(5_000);
        const posts = r.api.sent.filter((s) => s.key.startsWith(CHANNEL));
        // Each replica alone would have allowed its own burst and pace: 12 posts in 5 s. Together: 3 + 1 a second.
        const byTime = (ms: number) => posts.filter((p) => p.at - r.start <= ms).length;
        expect([0, 999, 1000, 2000, 3000, 4000, 5000].map(byTime)).toEqual([3, 3, 4, 5, 6, 7, 8]);
        expect(new Set(posts.map((p) => p.by))).toEqual(new Set(['a', 'b']));
        expect(new Set(posts.map((p) => p.key)).size).toBe(posts.length);
        expect(r.api.sent.filter((s) => s.key.startsWith('team:'))).toHaveLength(2);
        expect(await r.db.rateBucket.findMany({ select: { destination: true } })).toEqual([{ destination: CHANNEL }]);
        // Nothing was lost: held-back items wait, attempts unspent.
        expect(await r.db.outboxItem.count({ where: { status: 'pending', attempts: 0 } })).toBe(4);
      } finally {
        await r.other.$disconnect();
      }
    });

    it("a 429 one replica got holds the channel for the other until Retry-After", async () => {
      const r = await twoReplicas(make);
      try {
        await r.add(4);
        r.api.refuseWith429(4_000);
        await r.run(3_750);
        // Only the refused call reached the API: neither replica tried the channel during Retry-After.
        expect(r.api.sent).toEqual([]);
        await r.run(1_000);
        expect(r.api.sent.length).toBeGreaterThan(0);
        expect(Math.min(...r.api.sent.map((s) => s.at)) - r.start).toBeGreaterThanOrEqual(4_000);
        // The refused item spent one attempt, but a 429 proves it was not posted.
        expect(await r.db.outboxItem.findMany({ where: { attempts: { gt: 0 } }, select: { mayHaveLanded: true } })).not.toContainEqual({ mayHaveLanded: true });
      } finally {
        await r.other.$disconnect();
      }
    });
  });
}
