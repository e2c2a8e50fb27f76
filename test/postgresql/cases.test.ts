import { describe, expect, it } from 'vitest';
import { claimCase, releaseCase, replyToCase, resolveCase } from '../../src/cases/index.js';
import { AppError } from '../../src/errors.js';
import { manualClock } from '../helpers/clock.js';
import { exampleOrgChart } from '../helpers/org-chart.js';
import { createPgTestDb } from '../helpers/pg.js';
import { eventsOf, outboxOf, seedCase } from '../helpers/seed.js';

async function setup() {
  const { db } = await createPgTestDb();
  const clock = manualClock();
  return { db, clock, deps: { db, orgChart: exampleOrgChart(), now: clock.now } };
}

describe('case service on PostgreSQL', () => {
  it('claims a case: assignee, audit event and card refresh in one transaction', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db);
    const claimed = await claimCase(deps, { caseId: c.id, actorId: 'tom' });
    expect(claimed).toMatchObject({ assignee: 'tom', status: 'claimed', version: 2 });
    expect(claimed.claimedAt?.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    const events = await eventsOf(db, c.id);
    expect(events.map((e) => [e.actor, e.action])).toEqual([['tom', 'claimed']]);
    const updates = await outboxOf(db, 'card.update');
    // The refresh after a staff click goes in the staff lane, ahead of bulk card posts.
    expect(updates.map((u) => [JSON.parse(u.payload), u.rank])).toEqual([[{ caseId: c.id, eventId: events[0]!.id, staff: true }, 0]]);
  });

  it('of two simultaneous claims exactly one wins, on separate connections, every time', async () => {
    const { db, deps } = await setup();
    // Several rounds: a race that passes once by luck should not pass five times.
    for (let round = 0; round < 5; round++) {
      const c = await seedCase(db);
      const results = await Promise.allSettled([claimCase(deps, { caseId: c.id, actorId: 'tom' }), claimCase(deps, { caseId: c.id, actorId: 'lena' })]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const winner = (won[0] as PromiseFulfilledResult<{ assignee: string | null }>).value.assignee!;
      expect(lost[0]!.reason).toBeInstanceOf(AppError);
      expect(lost[0]!.reason).toMatchObject({ code: 'CONFLICT', details: { owner: winner } });
      expect((await db.case.findUniqueOrThrow({ where: { id: c.id } })).assignee).toBe(winner);
      expect((await eventsOf(db, c.id)).filter((e) => e.action === 'claimed')).toHaveLength(1);
    }
  });

  it('runs the lifecycle: claim, reply (queued for the outbox), release, resolve', async () => {
    const { db, deps, clock } = await setup();
    const c = await seedCase(db);
    await claimCase(deps, { caseId: c.id, actorId: 'tom' });
    clock.advance(60_000);
    const reply = await replyToCase(deps, { caseId: c.id, actorId: 'tom', text: 'Sorry about that! Could you DM us your account number?' });
    expect(reply).toMatchObject({ status: 'queued', text: 'Sorry about that! Could you DM us your account number?' });
    expect(await outboxOf(db, 'platform.reply')).toHaveLength(1);
    await releaseCase(deps, { caseId: c.id, actorId: 'tom' });
    await resolveCase(deps, { caseId: c.id, actorId: 'priya' });
    expect((await db.case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('resolved');
    expect((await eventsOf(db, c.id)).map((e) => e.action)).toEqual(['claimed', 'reply_queued', 'released', 'resolved']);
  });
});
