import { describe, expect, it } from 'vitest';
import type { TTriageFn } from '../../src/triage/index.js';
import { manualClock } from '../helpers/clock.js';
import { mention } from '../helpers/mentions.js';
import { createTestIntake } from '../helpers/intake.js';
import { createPgTestDb } from '../helpers/pg.js';

async function setup(engine?: TTriageFn) {
  const { db } = await createPgTestDb();
  const clock = manualClock();
  const intake = createTestIntake(db, { now: clock.now, ...(engine && { triage: engine }) });
  return { db, clock, ingest: intake.ingest };
}

describe('ingest on PostgreSQL', () => {
  it('stores the mention, its author and a triaged case with its audit event and outbox item', async () => {
    const { db, ingest } = await setup();
    const m = mention({ externalId: 'tw-1', author: { handle: 'lee', followers: 10 }, raw: { id: 'tw-1', nested: { emoji: '📶' } } });
    const r = await ingest(m);
    expect(r.status).toBe('created');
    const stored = await db.mention.findUniqueOrThrow({ where: { platform_externalId: { platform: 'x', externalId: 'tw-1' } }, include: { author: true, case: true } });
    expect(stored.author).toMatchObject({ handle: 'lee', followers: 10, mentionCount: 1, complaintCount: 1 });
    expect(stored.case).toMatchObject({ id: r.caseId, platform: 'x', complaint: true, status: 'new' });
    expect(stored.postedAt.toISOString()).toBe('2026-11-23T09:55:00.000Z');
    expect(JSON.parse(stored.raw!)).toEqual({ id: 'tw-1', nested: { emoji: '📶' } });
    expect(await db.caseEvent.count({ where: { caseId: r.caseId! } })).toBeGreaterThanOrEqual(1);
    expect(await db.outboxItem.count({ where: { caseId: r.caseId! } })).toBeGreaterThanOrEqual(1);
  });

  it('stores a redelivered mention once', async () => {
    const { db, ingest } = await setup();
    const m = mention({ externalId: 'tw-dup' });
    const first = await ingest(m);
    const again = await ingest(m);
    expect(again).toEqual({ status: 'duplicate', mentionId: first.mentionId, caseId: first.caseId });
    expect(await db.mention.count()).toBe(1);
    expect(await db.case.count()).toBe(1);
  });

  it('takes the same mention delivered twice at the same moment (webhook and poll) as one created, one duplicate', async () => {
    const { db, ingest } = await setup();
    for (let round = 0; round < 5; round++) {
      const m = mention({ externalId: `race-${round}`, author: { handle: `racer${round}` } });
      const results = await Promise.all([ingest(m), ingest(m)]);
      expect(results.map((r) => r.status).sort()).toEqual(['created', 'duplicate']);
      expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
    }
    expect(await db.mention.count()).toBe(5);
    expect(await db.case.count()).toBe(5);
  });

  it('stores two posts of a new author arriving at the same moment, with one profile counting both', async () => {
    const { db, ingest } = await setup();
    const results = await Promise.all([
      ingest(mention({ externalId: 'twin-1', author: { handle: 'newcomer' } })),
      ingest(mention({ externalId: 'twin-2', threadRoot: 'other-thread', author: { handle: 'newcomer' } })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['created', 'created']);
    const authors = await db.author.findMany({ where: { handle: 'newcomer' } });
    expect(authors).toHaveLength(1);
    expect(authors[0]!.mentionCount).toBe(2);
  });

  it('joins a follow-up in the same thread to the open case, and opens a new one after it is resolved', async () => {
    const { db, ingest, clock } = await setup();
    const first = await ingest(mention({ externalId: 'root', author: { handle: 'ola' } }));
    clock.advance(60_000);
    const follow = await ingest(mention({ externalId: 'r1', inReplyTo: 'root', text: 'still down!!', author: { handle: 'ola' } }));
    expect(follow).toMatchObject({ status: 'joined', caseId: first.caseId });
    await db.case.update({ where: { id: first.caseId! }, data: { status: 'resolved' } });
    const later = await ingest(mention({ externalId: 'r2', inReplyTo: 'root', author: { handle: 'ola' } }));
    expect(later.status).toBe('created');
    expect(later.caseId).not.toBe(first.caseId);
  });

  it('writes nothing when any part fails: the transaction is all or nothing', async () => {
    const broken = () => {
      throw new Error('engine crashed');
    };
    const { db, ingest } = await setup(broken);
    await expect(ingest(mention())).rejects.toThrow('engine crashed');
    expect(await db.mention.count()).toBe(0);
    expect(await db.author.count()).toBe(0);
    expect(await db.outboxItem.count()).toBe(0);
  });
});
