import { describe, expect, it } from 'vitest';
import { authorTags } from '../../src/intake/author-tags.js';
import { triage } from '../../src/triage/index.js';
import type { TTriageFn } from '../../src/triage/types.js';
import { manualClock } from '../helpers/clock.js';
import { createTestDb } from '../helpers/db.js';
import { mention } from '../helpers/mentions.js';
import { createTestIntake } from '../helpers/intake.js';

async function setup(engine: TTriageFn = triage) {
  const { db } = await createTestDb();
  const clock = manualClock();
  const intake = createTestIntake(db, { triage: engine, now: clock.now });
  return { db, clock, intake, ingest: intake.ingest };
}

describe('ingest through the inbox and the pipeline', () => {
  it('keeps the author profile current and counts mentions, complaints and praise', async () => {
    const { db, ingest, clock } = await setup();
    await ingest(mention({ author: { handle: 'lee', followers: 10 } }));
    clock.advance(60_000);
    await ingest(mention({ text: 'Thank you @acmebroadband, the engineer was brilliant and fixed it fast! Love you guys', author: { handle: 'lee', followers: 25, verified: true, tier: 'premium' } }));
    const a = await db.author.findUniqueOrThrow({ where: { platform_handle: { platform: 'x', handle: 'lee' } } });
    expect(a).toMatchObject({ followers: 25, verified: true, tier: 'premium', mentionCount: 2, complaintCount: 1, praiseCount: 1 });
    expect(a.lastSeenAt.toISOString()).toBe(clock.now().toISOString());
  });

  it('hands triage the author history before this mention', async () => {
    const seen: unknown[] = [];
    const spy: TTriageFn = (m, ctx) => {
      seen.push(ctx.author);
      return triage(m, ctx);
    };
    const { ingest } = await setup(spy);
    await ingest(mention({ author: { handle: 'kai' } }));
    await ingest(mention({ author: { handle: 'kai' } }));
    expect(seen[0]).toBeUndefined();
    expect(seen[1]).toMatchObject({ mentions: 1, complaints: 1 });
  });

  it('a reply to our own reply joins the case it answers', async () => {
    const { db, ingest } = await setup();
    const first = await ingest(mention({ externalId: 'root', author: { handle: 'ola' } }));
    await db.reply.create({
      data: { caseId: first.caseId!, text: 'Sorry! Is it still down?', author: 'tom', status: 'sent', platformReplyId: 'our-reply-1', createdAt: new Date(), updatedAt: new Date() },
    });
    const follow = await ingest(mention({ externalId: 'answer', inReplyTo: 'our-reply-1', text: 'yes still down', author: { handle: 'ola' } }));
    expect(follow).toMatchObject({ status: 'joined', caseId: first.caseId });
  });

  it('a follow-up after the case was resolved opens a new case', async () => {
    const { db, ingest } = await setup();
    const first = await ingest(mention({ externalId: 'r1', author: { handle: 'pat' } }));
    await db.case.update({ where: { id: first.caseId! }, data: { status: 'resolved' } });
    const again = await ingest(mention({ externalId: 'r2', inReplyTo: 'r1', author: { handle: 'pat' } }));
    expect(again.status).toBe('created');
    expect(again.caseId).not.toBe(first.caseId);
  });

  it('writes nothing when any part fails, and keeps the mention in the inbox with the error', async () => {
    const broken: TTriageFn = () => {
      throw new Error('engine crashed');
    };
    const { db, ingest, intake } = await setup(broken);
    await expect(ingest(mention({ externalId: 'poison' }))).rejects.toThrow('engine crashed');
    expect(await db.mention.count()).toBe(0);
    expect(await db.author.count()).toBe(0);
    expect(await db.outboxItem.count()).toBe(0);
    expect(await db.inboxItem.findMany({ select: { externalId: true, status: true, lastError: true } })).toEqual([{ externalId: 'poison', status: 'failed', lastError: 'engine crashed' }]);
    expect(intake.log.lines).toContainEqual(expect.objectContaining({ level: 'error', msg: 'intake: mention set aside', externalId: 'poison' }));
  });

  it('escalates risk keywords straight to managers', async () => {
    const { db, ingest } = await setup();
    const r = await ingest(mention({ text: '@acmebroadband your engineer left a live cable and my son was injured. Speaking to my solicitor about a lawsuit.' }));
    const c = await db.case.findUniqueOrThrow({ where: { id: r.caseId! } });
    expect(c).toMatchObject({ decision: 'escalate', escalated: true });
    expect(await db.outboxItem.count({ where: { kind: 'escalation.notify' } })).toBe(1);
  });
});

describe('authorTags', () => {
  it('derives advocate, frequent, repeat-complainer and troll from counters', () => {
    expect(authorTags({ mentionCount: 1, complaintCount: 0, praiseCount: 0, offensiveCount: 0 })).toEqual([]);
    expect(authorTags({ mentionCount: 5, complaintCount: 0, praiseCount: 3, offensiveCount: 0 })).toEqual(['advocate', 'frequent']);
    expect(authorTags({ mentionCount: 4, complaintCount: 3, praiseCount: 0, offensiveCount: 0 })).toEqual(['repeat-complainer']);
    expect(authorTags({ mentionCount: 3, complaintCount: 0, praiseCount: 0, offensiveCount: 2 })).toEqual(['troll']);
  });
});
