import { describe, expect, it } from 'vitest';
import { authorTags } from '../../src/ingest/author-tags.js';
import { ingestMention } from '../../src/ingest/ingest-mention.js';
import { triage } from '../../src/triage/index.js';
import type { TTriageFn } from '../../src/triage/types.js';
import { manualClock } from '../helpers/clock.js';
import { createTestDb } from '../helpers/db.js';
import { mention } from '../helpers/mentions.js';
import { exampleOrgChart } from '../helpers/org-chart.js';

async function setup(engine: TTriageFn = triage) {
  const { db } = await createTestDb();
  const clock = manualClock();
  return { db, clock, deps: { db, orgChart: exampleOrgChart(), triage: engine, now: clock.now } };
}

describe('ingestMention', () => {
  it('keeps the author profile current and counts mentions, complaints and praise', async () => {
    const { db, deps, clock } = await setup();
    await ingestMention(deps, mention({ author: { handle: 'lee', followers: 10 } }));
    clock.advance(60_000);
    await ingestMention(deps, mention({ text: 'Thank you @acmebroadband, the engineer was brilliant and fixed it fast! Love you guys', author: { handle: 'lee', followers: 25, verified: true, tier: 'premium' } }));
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
    const { deps } = await setup(spy);
    await ingestMention(deps, mention({ author: { handle: 'kai' } }));
    await ingestMention(deps, mention({ author: { handle: 'kai' } }));
    expect(seen[0]).toBeUndefined();
    expect(seen[1]).toMatchObject({ mentions: 1, complaints: 1 });
  });

  it('a reply to our own reply joins the case it answers', async () => {
    const { db, deps } = await setup();
    const first = await ingestMention(deps, mention({ externalId: 'root', author: { handle: 'ola' } }));
    await db.reply.create({
      data: { caseId: first.caseId!, text: 'Sorry! Is it still down?', author: 'tom', status: 'sent', platformReplyId: 'our-reply-1', createdAt: new Date(), updatedAt: new Date() },
    });
    const follow = await ingestMention(deps, mention({ externalId: 'answer', inReplyTo: 'our-reply-1', text: 'yes still down', author: { handle: 'ola' } }));
    expect(follow).toMatchObject({ status: 'joined', caseId: first.caseId });
  });

  it('a follow-up after the case was resolved opens a new case', async () => {
    const { db, deps } = await setup();
    const first = await ingestMention(deps, mention({ externalId: 'r1', author: { handle: 'pat' } }));
    await db.case.update({ where: { id: first.caseId! }, data: { status: 'resolved' } });
    const again = await ingestMention(deps, mention({ externalId: 'r2', inReplyTo: 'r1', author: { handle: 'pat' } }));
    expect(again.status).toBe('created');
    expect(again.caseId).not.toBe(first.caseId);
  });

  it('writes nothing when any part fails: the transaction is all or nothing', async () => {
    const { db, deps } = await setup();
    const broken: TTriageFn = () => {
      throw new Error('engine crashed');
    };
    await expect(ingestMention({ ...deps, triage: broken }, mention())).rejects.toThrow('engine crashed');
    expect(await db.mention.count()).toBe(0);
    expect(await db.author.count()).toBe(0);
    expect(await db.outboxItem.count()).toBe(0);
  });

  it('escalates risk keywords straight to managers', async () => {
    const { db, deps } = await setup();
    const r = await ingestMention(deps, mention({ text: '@acmebroadband your engineer left a live cable and my son was injured. Speaking to my solicitor about a lawsuit.' }));
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
