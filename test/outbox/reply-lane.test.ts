import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.js';
import { createDispatcher } from '../../src/outbox/dispatcher.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import type { TOutboxHandler, TOutboxItem } from '../../src/outbox/outbox-handler.js';
import type { TChatNotice, TOutboxMessage } from '../../src/outbox/outbox-kinds.js';
import type { TDb } from '../../src/store/client.js';
import { manualClock } from '../helpers/clock.js';
import { createTestDb } from '../helpers/db.js';
import { createPgTestDb } from '../helpers/pg.js';

const BACKLOG = 2000;

for (const [name, make] of [['SQLite', createTestDb], ['PostgreSQL', createPgTestDb]] as const) {
  describe(`the staff lane on ${name}`, () => {
    it(`with ${BACKLOG} card posts waiting in a channel, a staff reply, its approval request and the card refresh after a click go out within seconds`, async () => {
      const { db } = (await make()) as { db: TDb };
      const clock = manualClock();
      const sent: { at: number; what: string }[] = [];
      const record = (what: string) => sent.push({ at: clock.now().getTime(), what });
      // Slack's chat.postMessage pace, ~1 message/s per channel; the platform takes replies as they come.
      const chat: TOutboxHandler = {
        kind: 'chat.deliver',
        rateLimit: (d) => (d.startsWith('slack:') ? { perSecond: 1, burst: 1 } : undefined),
        async send(item: TOutboxItem) {
          const n = item.payload.message as TChatNotice;
          record(n.kind === 'card.post' ? 'card.post' : `${n.kind}:${'caseId' in n ? n.caseId : ''}`);
          return {};
        },
      };
      const platform: TOutboxHandler = { kind: 'platform.reply', send: async (item) => (record(`platform.reply:${String(item.payload.replyId)}`), {}) };
      const dispatcher = createDispatcher({ db, handlers: [chat, platform], log: createMemoryLogger(), now: clock.now, random: () => 0.5, owner: 'w1' });
      const toChannel = (message: TChatNotice, key: string) => ({ kind: 'chat.deliver', surface: 'slack', caseId: null, message, key }) as const;
      const add = (tx: Parameters<Parameters<TDb['$transaction']>[0]>[0], m: TOutboxMessage, destination: string, key: string) => enqueue(tx, m, { destination, idempotencyKey: key, now: clock.now() });

      await db.$transaction(async (tx) => {
        for (let i = 0; i < BACKLOG; i++) {
          const { key, ...m } = toChannel({ kind: 'card.post', caseId: `c${i}`, team: 'billing', priority: i % 2 ? 'P3' : 'P4' }, `post:${i}`);
          await add(tx, m, 'slack:C1', key);
        }
      }, { timeout: 120_000 });
      clock.advance(60_000); // the surge has waited a minute already
      await db.$transaction(async (tx) => {
        await add(tx, { kind: 'platform.reply', caseId: 'mine', replyId: 'r1' }, 'platform:x', 'reply:r1');
        await add(tx, { kind: 'chat.deliver', surface: 'slack', caseId: 'mine', message: { kind: 'card.update', caseId: 'mine', eventId: 'e1', staff: true } }, 'slack:C1', 'update:e1');
        await add(tx, { kind: 'chat.deliver', surface: 'slack', caseId: 'mine', message: { kind: 'approval.request', caseId: 'mine', replyId: 'r2', team: 'billing' } }, 'slack:C1', 'approval:r2');
        // A pipeline refresh (a follow-up mention joined a case) stays behind new cards: it is not the staff lane.
        await add(tx, { kind: 'chat.deliver', surface: 'slack', caseId: 'other', message: { kind: 'card.update', caseId: 'other', eventId: 'e2' } }, 'slack:C1', 'update:e2');
      });
      const askedAt = clock.now().getTime();
      for (let s = 0; s < 5; s++) {
        await dispatcher.runOnce();
        clock.advance(1000);
      }
      const when = (what: string) => sent.find((x) => x.what === what)?.at;
      expect(when('platform.reply:r1')).toBe(askedAt);
      // The channel's one message a second goes to the staff lane first: the click's refresh and the approval request.
      expect(when('card.update:mine')! - askedAt).toBeLessThanOrEqual(2000);
      expect(when('approval.request:mine')! - askedAt).toBeLessThanOrEqual(2000);
      expect(when('card.update:other')).toBeUndefined();
      expect(sent.filter((x) => x.what === 'card.post').length).toBeGreaterThan(0);
      expect(await db.outboxItem.count({ where: { status: 'pending' } })).toBe(BACKLOG + 1 - sent.filter((x) => x.what === 'card.post').length);
    }, 180_000);
  });
}
