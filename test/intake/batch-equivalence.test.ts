import { describe, expect, it } from 'vitest';
import type { TDb } from '../../src/store/client.js';
import { manualClock } from '../helpers/clock.js';
import { createTestDb } from '../helpers/db.js';
import { devMentions } from '../helpers/dev-mentions.js';
import { createTestIntake } from '../helpers/intake.js';

const N = 2000;

/** Everything the pipeline stored, without generated ids and processing times (which differ by design). */
async function snapshot(db: TDb) {
  // Whole tables, joined here: an `include` over thousands of rows would exceed SQLite's parameter limit.
  const mentions = await db.mention.findMany({ orderBy: { externalId: 'asc' } });
  const authors = new Map((await db.author.findMany()).map((a) => [a.id, a]));
  const allCases = new Map((await db.case.findMany()).map((c) => [c.id, c]));
  const events = new Map<string, { action: string; payload: string }[]>();
  for (const e of await db.caseEvent.findMany({ orderBy: [{ at: 'asc' }, { id: 'asc' }] })) events.set(e.caseId, [...(events.get(e.caseId) ?? []), e]);
  const cases = new Map<string, number>();
  return mentions.map((row) => {
    const m = { ...row, author: authors.get(row.authorId)! };
    const c = { ...allCases.get(row.caseId!)!, events: events.get(row.caseId!) ?? [] };
    // Cases compared by the first mention that opened them.
    if (!cases.has(c.id)) cases.set(c.id, cases.size);
    return {
      externalId: m.externalId, threadKey: m.threadKey, receivedAt: m.receivedAt.toISOString(), lang: m.lang, raw: m.raw,
      author: { handle: m.author.handle, mentions: m.author.mentionCount, complaints: m.author.complaintCount, praise: m.author.praiseCount, offensive: m.author.offensiveCount, tags: m.author.tags, tier: m.author.tier },
      case: {
        n: cases.get(c.id), status: c.status, sentiment: c.sentiment, score: c.sentimentScore, complaint: c.complaint, offensive: c.offensive, category: c.category,
        decision: c.decision, priority: c.priority, priorityScore: c.priorityScore, team: c.team, reasons: c.reasons, clusterId: c.clusterId,
        slaDueAt: c.slaDueAt?.toISOString() ?? null, createdAt: c.createdAt.toISOString(), version: c.version, events: c.events.map((e) => [e.action, e.payload]),
      },
    };
  });
}

describe('batched processing decides exactly as one-by-one processing', () => {
  it(`${N.toLocaleString('en')} dev-data mentions: the same triage, threads, cases, authors and events`, { timeout: 400_000 }, async () => {
    const mentions = devMentions(N);
    const run = async (mode: 'one-by-one' | 'batched') => {
      const { db, url } = await createTestDb({ inMemoryFs: true });
      const clock = manualClock('2026-11-23T08:00:00.000Z');
      const intake = createTestIntake(db, {
        now: clock.now,
        // The reference: one mention per transaction, triage's window re-read from the database before each one.
        // Batched runs on the intake's direct SQLite connection (prepared statements, not Prisma), as `earshot start`
        // does: the same rows must come out, read back through the model API.
        ...(mode === 'one-by-one' ? { maxBatch: 1, windowFromDatabase: true } : { maxBatch: 200, databaseUrl: url }),
      });
      // Arrivals in groups of 10 sharing an accept (and so a received time), 2.5 s apart.
      for (let i = 0; i < N; i += 10) {
        clock.advance(2500);
        await intake.accept(mentions.slice(i, i + 10), 'webhook:generic');
        if (mode === 'one-by-one') await intake.drain();
      }
      await intake.drain();
      expect(await db.inboxItem.count()).toBe(0);
      return snapshot(db);
    };
    const reference = await run('one-by-one');
    const batched = await run('batched');
    expect(reference).toHaveLength(N);
    // The stream exercises what batching could get wrong: joins, clusters, repeat authors, escalations.
    expect(reference.filter((r) => r.case.events.length > 1).length).toBeGreaterThan(100);
    expect(new Set(reference.map((r) => r.case.clusterId)).size).toBeLessThan(N * 0.9);
    expect(reference.some((r) => r.case.decision === 'escalate')).toBe(true);
    expect(reference.some((r) => r.author.mentions > 1)).toBe(true);
    for (let i = 0; i < N; i++) expect(batched[i], reference[i]!.externalId).toEqual(reference[i]);
  });
});
