import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.js';
import { createDispatcher } from '../../src/outbox/dispatcher.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import type { TOutboxHandler, TOutboxItem } from '../../src/outbox/outbox-handler.js';
import type { TChatNotice } from '../../src/outbox/outbox-kinds.js';
import type { TDb } from '../../src/store/client.js';
import { transact } from '../../src/store/transaction-retry.js';
import { startSlackHarness } from '../bot/slack/harness.js';
import { manualClock } from '../helpers/clock.js';
import { createTestDb } from '../helpers/db.js';
import { mention } from '../helpers/mentions.js';
import { createPgTestDb } from '../helpers/pg.js';

for (const [name, make] of [['SQLite', createTestDb], ['PostgreSQL', createPgTestDb]] as const) {
  describe(`case card refreshes coalesce on ${name}`, () => {
    it('one pipeline refresh waits per case and surface; staff refreshes all go; one asked for after the claim is queued', async () => {
      const { db } = (await make()) as { db: TDb };
      const clock = manualClock();
      const sent: TChatNotice[] = [];
      const handler: TOutboxHandler = { kind: 'chat.deliver', rateLimit: () => ({ perSecond: 1, burst: 1 }), async send(item: TOutboxItem) { sent.push(item.payload.message as TChatNotice); return {}; } };
      const dispatcher = createDispatcher({ db, handlers: [handler], log: createMemoryLogger(), now: clock.now, random: () => 0.5, owner: 'w1' });
      let n = 0;
      const refresh = (caseId: string, o: { staff?: boolean; surface?: 'slack' | 'teams'; sla?: boolean } = {}) =>
        transact(db, (tx) =>
          enqueue(tx, { kind: 'chat.deliver', surface: o.surface ?? 'slack', caseId, message: { kind: 'card.update', caseId, eventId: `ev${++n}`, ...(o.staff ? { staff: true } : !o.sla && { followUp: true }) } }, { destination: 'slack:C1', idempotencyKey: `card.update:ev${n}`, now: clock.now() }),
        );
      // Two writers at once, as two processes' pipelines would be: the unique pending key lets one row in.
      await Promise.all([refresh('A'), refresh('A'), refresh('A'), refresh('A')]);
      await refresh('A');
      await refresh('A', { surface: 'teams' });
      await refresh('B');
      await refresh('A', { staff: true });
      await refresh('A', { staff: true });
      // An SLA escalation's refresh has a thread line of its own to post: never merged.
      await refresh('A', { sla: true });
      const waiting = await db.outboxItem.findMany({ where: { status: 'pending' }, select: { payload: true, rank: true } });
      expect(waiting.map((w) => `${JSON.parse(w.payload).surface}:${JSON.parse(w.payload).message.caseId}:${w.rank}`).sort()).toEqual(['slack:A:0', 'slack:A:0', 'slack:A:40', 'slack:A:40', 'slack:B:40', 'teams:A:40']);

      for (let i = 0; i < 6; i++) {
        await dispatcher.runOnce();
        clock.advance(1000);
      }
      expect(sent.filter((s) => s.kind === 'card.update' && s.caseId === 'A' && s.followUp)).toHaveLength(2); // slack and teams
      expect(sent.filter((s) => s.kind === 'card.update' && !s.followUp && !s.staff)).toHaveLength(1);
      expect(sent.filter((s) => s.kind === 'card.update' && s.staff)).toHaveLength(2);

      // Claimed and sent: the next change gets a refresh of its own, which goes out too.
      await refresh('A');
      await refresh('A');
      await dispatcher.runOnce();
      expect(sent.filter((s) => s.kind === 'card.update' && s.caseId === 'A' && s.followUp)).toHaveLength(3);
      expect(await db.outboxItem.count({ where: { status: { in: ['pending', 'in_flight'] } } })).toBe(0);
    });

    it('a burst of follow-ups to one case queues one refresh, and the card shows the last of them', async () => {
      const h = await startSlackHarness({ db: (await make()).db as TDb });
      const first = mention({ externalId: `root-${name}` });
      const { caseId, card } = await h.ingestCase(first);
      const texts = [1, 2, 3, 4, 5, 6].map((i) => `@acmebroadband still down, hour ${i}, follow-up number ${i}`);
      for (const [i, text] of texts.entries()) {
        const r = await h.earshot.ingest(mention({ externalId: `follow-${name}-${i}`, inReplyTo: first.externalId, threadRoot: first.externalId, text }));
        expect(r.caseId).toBe(caseId);
      }
      const refreshes = await h.db.outboxItem.findMany({ where: { kind: 'card.update', caseId, status: 'pending' } });
      expect(refreshes).toHaveLength(1);
      expect(await h.db.caseEvent.count({ where: { caseId, action: 'mention_joined' } })).toBe(6);

      const updatesBefore = h.slack.calls.filter((c) => c.method === 'chat.update').length;
      await h.drain();
      const updates = h.slack.calls.filter((c) => c.method === 'chat.update').slice(updatesBefore);
      expect(updates.length).toBeGreaterThanOrEqual(1);
      expect(updates.length).toBeLessThanOrEqual(2);
      const latest = h.slack.messages.find((m) => m.ts === card.ts)!;
      expect(h.cardText(latest)).toContain('7 mentions in this conversation');
      // The thread says a follow-up joined (one line for the lot, not six).
      expect(h.threadOf(card).filter((m) => /added a follow-up mention/.test(m.text ?? '')).length).toBe(updates.length);
    });
  });
}
