import { describe, expect, it } from 'vitest';
import { replyToCase, reviewReply } from '../../src/cases/index.js';
import { createTestDb } from '../helpers/db.js';
import { manualClock } from '../helpers/clock.js';
import { exampleOrgChart } from '../helpers/org-chart.js';
import { eventsOf, outboxOf, seedCase } from '../helpers/seed.js';

async function setup() {
  const { db } = await createTestDb();
  const clock = manualClock();
  return { db, deps: { db, orgChart: exampleOrgChart(), now: clock.now }, clock };
}

describe('replyToCase', () => {
  it('stores the reply, queues it for the platform and claims the case for the replier', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db);
    const reply = await replyToCase(deps, { caseId: c.id, actorId: 'tom', text: '  Sorry Jane, we are on it. Please DM us.  ' });
    expect(reply).toMatchObject({ status: 'queued', text: 'Sorry Jane, we are on it. Please DM us.', author: 'tom', visibility: 'public' });
    const sends = await outboxOf(db, 'platform.reply');
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ destination: 'platform:x', idempotencyKey: `platform.reply:${reply.id}`, status: 'pending' });
    const after = await db.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(after.assignee).toBe('tom');
    expect(after.firstResponseAt).toBeNull(); // set only once the platform confirms
    expect((await eventsOf(db, c.id)).map((e) => e.action)).toEqual(['reply_queued']);
  });

  it('refuses a reply over the platform limit with the numbers, and stores nothing', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db);
    await expect(replyToCase(deps, { caseId: c.id, actorId: 'tom', text: 'x'.repeat(281) })).rejects.toMatchObject({
      code: 'TEXT_TOO_LONG',
      message: expect.stringMatching(/X allows 280 characters; this reply has 281/),
    });
    expect(await db.reply.count()).toBe(0);
    expect(await outboxOf(db)).toEqual([]);
  });

  it('counts Bluesky replies in graphemes, so emoji with modifiers count once', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db, { platform: 'bluesky' });
    const family = '👨‍👩‍👧‍👦';
    const reply = await replyToCase(deps, { caseId: c.id, actorId: 'tom', text: family.repeat(300) });
    expect(reply.status).toBe('queued');
  });

  it('refuses empty replies, viewers, and responders on a case someone else holds', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db, { assignee: 'tom' });
    await expect(replyToCase(deps, { caseId: c.id, actorId: 'tom', text: '   ' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(replyToCase(deps, { caseId: c.id, actorId: 'sam', text: 'hi' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(replyToCase(deps, { caseId: c.id, actorId: 'lena', text: 'hi' })).rejects.toMatchObject({ code: 'CONFLICT', details: { owner: 'tom' } });
    // A team lead may step in.
    expect((await replyToCase(deps, { caseId: c.id, actorId: 'priya', text: 'hi' })).status).toBe('queued');
  });
});

describe('approval flow', () => {
  it('holds a reply from a member who needs approval and asks the approvers', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db);
    const reply = await replyToCase(deps, { caseId: c.id, actorId: 'lena', text: 'Hi, sorry about that!' });
    expect(reply.status).toBe('pending_approval');
    expect(await outboxOf(db, 'platform.reply')).toEqual([]);
    const asks = await outboxOf(db, 'approval.request');
    expect(asks).toHaveLength(1);
    expect(JSON.parse(asks[0]!.payload)).toMatchObject({ replyId: reply.id, team: 'social-care' });
    expect((await eventsOf(db, c.id)).map((e) => e.action)).toEqual(['reply_submitted']);
  });

  it('approve sends the text as written', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db);
    const reply = await replyToCase(deps, { caseId: c.id, actorId: 'lena', text: 'Hi!' });
    const approved = await reviewReply(deps, { replyId: reply.id, actorId: 'priya', review: { verdict: 'approve' } });
    expect(approved).toMatchObject({ status: 'queued', approvedBy: 'priya', text: 'Hi!' });
    expect(await outboxOf(db, 'platform.reply')).toHaveLength(1);
  });

  it('edit sends the approver’s text and keeps both versions in the audit trail', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db);
    const reply = await replyToCase(deps, { caseId: c.id, actorId: 'lena', text: 'Hi!!!' });
    const edited = await reviewReply(deps, { replyId: reply.id, actorId: 'priya', review: { verdict: 'edit', text: 'Hi Jane, sorry.' } });
    expect(edited.text).toBe('Hi Jane, sorry.');
    const ev = (await eventsOf(db, c.id)).at(-1)!;
    expect(ev.action).toBe('reply_edited_and_approved');
    expect(JSON.parse(ev.payload)).toMatchObject({ before: 'Hi!!!', after: 'Hi Jane, sorry.' });
  });

  it('reject keeps the text, sends nothing and records the reason', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db);
    const reply = await replyToCase(deps, { caseId: c.id, actorId: 'lena', text: 'lol' });
    const rejected = await reviewReply(deps, { replyId: reply.id, actorId: 'priya', review: { verdict: 'reject', reason: 'tone' } });
    expect(rejected).toMatchObject({ status: 'rejected', text: 'lol', lastError: 'tone' });
    expect(await outboxOf(db, 'platform.reply')).toEqual([]);
  });

  it('only approvers review, never their own reply, and the first decision wins', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db);
    const reply = await replyToCase(deps, { caseId: c.id, actorId: 'lena', text: 'Hi' });
    await expect(reviewReply(deps, { replyId: reply.id, actorId: 'tom', review: { verdict: 'approve' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await reviewReply(deps, { replyId: reply.id, actorId: 'priya', review: { verdict: 'approve' } });
    await expect(reviewReply(deps, { replyId: reply.id, actorId: 'dev', review: { verdict: 'reject' } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Priya Shah'),
    });
    expect(await outboxOf(db, 'platform.reply')).toHaveLength(1);
  });
});
