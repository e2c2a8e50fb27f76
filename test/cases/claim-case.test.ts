import { describe, expect, it } from 'vitest';
import { claimCase, releaseCase } from '../../src/cases/index.js';
import { memberName } from '../../src/config/org-chart-queries.js';
import { AppError } from '../../src/errors.js';
import { manualClock } from '../helpers/clock.js';
import { createTestDb } from '../helpers/db.js';
import { exampleOrgChart } from '../helpers/org-chart.js';
import { eventsOf, outboxOf, seedCase } from '../helpers/seed.js';

async function setup() {
  const { db } = await createTestDb();
  const clock = manualClock();
  return { db, deps: { db, orgChart: exampleOrgChart(), now: clock.now }, clock };
}

describe('claimCase', () => {
  it('assigns the case, records who and when, audits it and queues the card refresh', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db);
    const claimed = await claimCase(deps, { caseId: c.id, actorId: 'tom' });
    expect(claimed.assignee).toBe('tom');
    expect(claimed.status).toBe('claimed');
    expect(claimed.claimedAt?.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    const events = await eventsOf(db, c.id);
    expect(events.map((e) => [e.actor, e.action])).toEqual([['tom', 'claimed']]);
    const updates = await outboxOf(db, 'card.update');
    expect(updates).toHaveLength(1);
    expect(JSON.parse(updates[0]!.payload)).toMatchObject({ caseId: c.id, eventId: events[0]!.id });
  });

  it('of two simultaneous claims exactly one wins; the other is told who owns it', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db);
    const results = await Promise.allSettled([claimCase(deps, { caseId: c.id, actorId: 'tom' }), claimCase(deps, { caseId: c.id, actorId: 'lena' })]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<{ assignee: string | null }>).value.assignee;
    const err = lost[0]!.reason as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('CONFLICT');
    expect(err.details.owner).toBe(winner);
    // Staff read the colleague's name, not an org-chart id.
    expect(err.message).toContain(memberName(exampleOrgChart(), winner!));
    expect((await eventsOf(db, c.id)).filter((e) => e.action === 'claimed')).toHaveLength(1);
  });

  it('lets the owner claim again without error or a second claim event', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db, { assignee: 'tom' });
    const again = await claimCase(deps, { caseId: c.id, actorId: 'tom' });
    expect(again.assignee).toBe('tom');
    expect((await eventsOf(db, c.id)).map((e) => e.action)).toEqual(['claim_repeated']);
  });

  it('refuses viewers, strangers and people outside the team', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db);
    await expect(claimCase(deps, { caseId: c.id, actorId: 'sam' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(claimCase(deps, { caseId: c.id, actorId: 'nobody' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(claimCase(deps, { caseId: c.id, actorId: 'jo' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await eventsOf(db, c.id)).toEqual([]);
    expect(await outboxOf(db)).toEqual([]);
  });

  it('refuses closed and unknown cases', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db, { status: 'resolved' });
    await expect(claimCase(deps, { caseId: c.id, actorId: 'tom' })).rejects.toMatchObject({ code: 'CASE_CLOSED' });
    await expect(claimCase(deps, { caseId: 'nope', actorId: 'tom' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('releaseCase', () => {
  it('returns the case to the queue when its owner lets go', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db, { assignee: 'tom' });
    const r = await releaseCase(deps, { caseId: c.id, actorId: 'tom' });
    expect(r.assignee).toBeNull();
    expect(r.status).toBe('new');
    expect((await eventsOf(db, c.id)).map((e) => e.action)).toEqual(['released']);
  });

  it('lets an approver release someone else’s case but not a fellow responder', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db, { assignee: 'tom' });
    await expect(releaseCase(deps, { caseId: c.id, actorId: 'lena' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const r = await releaseCase(deps, { caseId: c.id, actorId: 'priya' });
    expect(r.assignee).toBeNull();
  });

  it('says so when nobody holds the case', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db);
    await expect(releaseCase(deps, { caseId: c.id, actorId: 'tom' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });
});
