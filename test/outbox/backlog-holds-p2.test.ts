import { describe, expect, it } from 'vitest';
import { BACKLOG_STATUS, planParking, releaseParked } from '../../src/outbox/channel-backlog.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import type { TDb } from '../../src/store/client.js';
import { transact } from '../../src/store/transaction-retry.js';
import { createTestDb } from '../helpers/db.js';
import { createPgTestDb } from '../helpers/pg.js';
import { seedCase } from '../helpers/seed.js';

const now = new Date('2026-11-23T10:00:00Z');
const CHANNEL = 'slack:C07BILLING1';
const LIMIT = 3;

for (const [name, make] of [['SQLite', createTestDb], ['PostgreSQL', createPgTestDb]] as const) {
  describe(`a channel whose P1/P2 cards alone overflow, on ${name}`, () => {
    async function setup() {
      const { db } = (await make()) as { db: TDb };
      const newCase = async (priority: string, o: { escalated?: boolean } = {}) => {
        const c = await seedCase(db, { priority, now });
        if (o.escalated) await db.case.update({ where: { id: c.id }, data: { escalated: true } });
        return c.id;
      };
      /** Queues (or parks, as the fan-out would) a card post for each case, in order. */
      const post = async (ids: string[], incidentId?: string) =>
        transact(db, async (tx) => {
          const priorities = new Map((await tx.case.findMany({ where: { id: { in: ids } } })).map((c) => [c.id, c.priority]));
          const parked = await planParking(tx, { destination: CHANNEL, limit: LIMIT, posts: ids.map((caseId) => ({ caseId, ...(incidentId && { incidentId }) })) });
          for (const [i, caseId] of ids.entries()) {
            await enqueue(tx, { kind: 'chat.deliver', surface: 'slack', caseId, message: { kind: 'card.post', caseId, team: 'billing', priority: priorities.get(caseId)!, ...(incidentId && { incidentId }) } }, { destination: CHANNEL, idempotencyKey: `card.post:${caseId}`, now, ...(parked[i] && { status: BACKLOG_STATUS }) });
          }
          return parked;
        });
      return { db, newCase, post };
    }

    it('holds P2 cases once P1/P2 cards fill the channel, never P1, escalations or incident members, and releases P2 before P3', async () => {
      const { db, newCase, post } = await setup();
      // Two P1s and a P3 waiting: the channel is full, but not with P1/P2 alone, so a P2 still gets its card.
      expect(await post([await newCase('P1'), await newCase('P1'), await newCase('P3')])).toEqual([false, false, false]);
      expect(await post([await newCase('P2'), await newCase('P4')])).toEqual([false, true]);
      // Now three P1/P2 wait: further P2s are held; P1, an escalated P2 and an incident member are not.
      const [p2, p1, escalated, p3] = [await newCase('P2'), await newCase('P1'), await newCase('P2', { escalated: true }), await newCase('P3')];
      expect(await post([p2, p1, escalated, p3])).toEqual([true, false, false, true]);
      expect(await post([await newCase('P2')], 'incident-1')).toEqual([false]);

      const parked = await db.outboxItem.findMany({ where: { destination: CHANNEL, status: BACKLOG_STATUS } });
      expect(parked).toHaveLength(3);
      // Released most urgent first: the held P2 before the P3/P4 parked earlier.
      expect(await transact(db, (tx) => releaseParked(tx, { destination: CHANNEL, n: 1, now }))).toBe(1);
      const released = await db.outboxItem.findMany({ where: { destination: CHANNEL, status: 'pending', caseId: p2 } });
      expect(released).toHaveLength(1);
      expect(await db.outboxItem.count({ where: { destination: CHANNEL, status: BACKLOG_STATUS } })).toBe(2);
    });
  });
}
