import { describe, expect, it } from 'vitest';
import { loadEncoder } from '../../src/triage/encoder/index.js';
import { createHeadScorer, createRefiner } from '../../src/triage/tier2/index.js';
import { startSlackHarness } from '../bot/slack/harness.js';
import { mention } from '../helpers/mentions.js';
import { exampleOrgChart } from '../helpers/org-chart.js';
import { createPgTestDb } from '../helpers/pg.js';
import { cardOf, REFUND, slowScorer } from '../helpers/tier2.js';

// The second tier's refinement written on the real PostgreSQL (test/intake/refine-stage.test.ts runs the same on
// SQLite): the held card, the case update, the audit event and the released outbox item in one transaction there.
const scorer = loadEncoder().then((e) => createHeadScorer(e));
const orgChart = exampleOrgChart();

describe('the second tier beside the pipeline, on PostgreSQL', () => {
  it('holds the card, stores the refined decision with its audit event, and posts one card to the team it chose', async () => {
    const { db } = await createPgTestDb();
    const slow = slowScorer(await scorer);
    const h = await startSlackHarness({ db, tier2: { refiner: createRefiner({ orgChart, scorer: slow.scorer }), deadlineMs: 60_000 } });
    const r = await h.earshot.ingest(mention({ ...REFUND, author: { handle: 'refund-please' } }));
    expect(r).toMatchObject({ status: 'created', decision: { decision: 'monitor', team: 'social-care', tier: 'fast', complaint: false } });
    expect(await h.earshot.dispatcher.runOnce()).toBe(0);
    expect(cardOf(h, r.caseId!)).toBeUndefined();

    slow.open();
    await h.earshot.intake.drain();
    await h.drain();
    expect(await db.case.findUniqueOrThrow({ where: { id: r.caseId! } })).toMatchObject({ decision: 'respond_then_offline', team: 'billing', category: 'billing', status: 'new', complaint: true, version: 2 });
    const ev = await db.caseEvent.findFirstOrThrow({ where: { caseId: r.caseId!, action: 'triage_refined' } });
    expect(JSON.parse(ev.payload)).toMatchObject({ tier: 'full', changed: { decision: { from: 'monitor', to: 'respond_then_offline' }, team: { from: 'social-care', to: 'billing' } } });
    const cards = await db.outboxItem.findMany({ where: { caseId: r.caseId!, kind: 'card.post' } });
    expect(cards.map((c) => [c.destination, c.idempotencyKey, c.status])).toEqual([['team:billing', `card.post:${r.caseId}:billing`, 'done']]);
    expect(cardOf(h, r.caseId!)!.channel).toBe('C07BILLING1');
    // The author's counters follow the final decision, not the fast one.
    expect(await db.author.findFirstOrThrow({ where: { handle: 'refund-please' } })).toMatchObject({ complaintCount: 1 });
  }, 120_000);

  it('a model that answers after the deadline changes nothing: the card went out with the fast decision', async () => {
    const { db } = await createPgTestDb();
    const slow = slowScorer(await scorer);
    const h = await startSlackHarness({ db, tier2: { refiner: createRefiner({ orgChart, scorer: slow.scorer }), deadlineMs: 5_000 } });
    const r = await h.earshot.ingest(mention(REFUND));
    h.clock.advance(5_001);
    await h.drain();
    expect(h.cardText(cardOf(h, r.caseId!)!)).toMatch(/Confidence \*\d+%\* \(fast engine\)/);

    slow.open();
    await h.earshot.intake.drain();
    expect(await db.case.findUniqueOrThrow({ where: { id: r.caseId! } })).toMatchObject({ decision: 'monitor', team: 'social-care', version: 1 });
    expect(await db.caseEvent.count({ where: { caseId: r.caseId!, action: 'triage_refined' } })).toBe(0);
    expect(h.log.lines.some((l) => String(l.msg).includes('answered after the card went out'))).toBe(true);
  }, 120_000);
});
