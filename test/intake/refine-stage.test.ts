import { describe, expect, it } from 'vitest';
import { loadEncoder } from '../../src/triage/encoder/index.js';
import { createHeadScorer, createRefiner } from '../../src/triage/tier2/index.js';
import { startSlackHarness } from '../bot/slack/harness.js';
import { devMentions } from '../helpers/dev-mentions.js';
import { mention } from '../helpers/mentions.js';
import { exampleOrgChart } from '../helpers/org-chart.js';
import { cardOf, REFUND, slowScorer } from '../helpers/tier2.js';

// The real sentence encoder, loaded once for the file (seconds, ~250 MB); every refiner below scores with it in this
// thread, except the one whose workers cannot load.
const scorer = loadEncoder().then((e) => createHeadScorer(e));
const orgChart = exampleOrgChart();

describe('the second tier beside the pipeline', () => {
  it('holds a new case\'s card until the second tier has decided it, then posts its decision to the team it chose', async () => {
    const slow = slowScorer(await scorer);
    const h = await startSlackHarness({ tier2: { refiner: createRefiner({ orgChart, scorer: slow.scorer }), deadlineMs: 60_000 } });
    const r = await h.earshot.ingest(mention(REFUND));
    expect(r).toMatchObject({ status: 'created', decision: { decision: 'monitor', team: 'social-care', tier: 'fast' } });
    // Stored at once with the fast decision; the card is held, so the dispatcher has nothing to send.
    expect(await h.earshot.dispatcher.runOnce()).toBe(0);
    expect(cardOf(h, r.caseId!)).toBeUndefined();

    slow.open();
    await h.earshot.intake.drain();
    await h.drain();
    const c = await h.db.case.findUniqueOrThrow({ where: { id: r.caseId! } });
    expect(c).toMatchObject({ decision: 'respond_then_offline', team: 'billing', category: 'billing', status: 'new' });
    const card = cardOf(h, r.caseId!)!;
    expect(card.channel).toBe('C07BILLING1');
    expect(h.cardText(card)).toMatch(/Confidence \*\d+%\* \(sentence encoder and fast engine\)/);
    expect(h.cardText(card)).toMatch(/The fast engine alone said monitor; the sentence encoder changed it/);
    // Audited: what the second tier changed, by whom and when.
    const ev = await h.db.caseEvent.findFirstOrThrow({ where: { caseId: r.caseId!, action: 'triage_refined' } });
    expect(ev.actor).toBe('earshot');
    expect(JSON.parse(ev.payload)).toMatchObject({ tier: 'full', changed: { decision: { from: 'monitor', to: 'respond_then_offline' }, team: { from: 'social-care', to: 'billing' } } });
    // Exactly one card for the case, in the final team's channel.
    expect(await h.db.outboxItem.count({ where: { caseId: r.caseId!, kind: 'card.post' } })).toBe(1);
  }, 120_000);

  it('a surge refined together: every case a person will see gets one refined decision, one audit event and one card, none left held', async () => {
    const h = await startSlackHarness({ tier2: { refiner: createRefiner({ orgChart, scorer: await scorer }), deadlineMs: 60_000 } });
    // Varied dev data in two requests: more refined cases than one write group (16 per transaction).
    const ms = devMentions(80, { prefix: 'refine-surge' });
    for (const part of [ms.slice(0, 40), ms.slice(40)]) expect((await h.earshot.intake.accept(part, 'test')).every((r) => r.status === 'accepted')).toBe(true);
    await h.earshot.intake.drain();
    await h.drain();
    const refined = await h.db.caseEvent.groupBy({ by: ['caseId'], where: { action: 'triage_refined' }, _count: { _all: true } });
    expect(refined.length).toBeGreaterThan(16);
    expect(refined.every((r) => r._count._all === 1)).toBe(true);
    const cards = await h.db.outboxItem.groupBy({ by: ['caseId'], where: { kind: 'card.post' }, _count: { _all: true } });
    expect(cards.every((c) => c._count._all === 1)).toBe(true);
    // Every held card was released and sent: nothing waits for its deadline.
    expect(await h.db.outboxItem.count({ where: { kind: 'card.post', status: { not: 'done' } } })).toBe(0);
    for (const r of refined) expect(cards.some((c) => c.caseId === r.caseId)).toBe(true);
  }, 120_000);

  it('a model that does not answer holds the card only until the deadline; its late answer changes nothing', async () => {
    const slow = slowScorer(await scorer);
    const h = await startSlackHarness({ tier2: { refiner: createRefiner({ orgChart, scorer: slow.scorer }), deadlineMs: 5_000 } });
    const r = await h.earshot.ingest(mention(REFUND));
    h.clock.advance(4_000);
    expect(await h.earshot.dispatcher.runOnce()).toBe(0);
    h.clock.advance(1_001);
    await h.drain();
    const card = cardOf(h, r.caseId!)!;
    expect(card).toBeDefined();
    expect(h.cardText(card)).toMatch(/Confidence \*\d+%\* \(fast engine\)/);

    slow.open();
    await h.earshot.intake.drain();
    const c = await h.db.case.findUniqueOrThrow({ where: { id: r.caseId! } });
    expect(c).toMatchObject({ decision: 'monitor', team: 'social-care' });
    expect(await h.db.caseEvent.count({ where: { caseId: r.caseId!, action: 'triage_refined' } })).toBe(0);
    expect(h.log.lines.some((l) => String(l.msg).includes('answered after the card went out'))).toBe(true);
  }, 120_000);

  it('when the model cannot load, the fast decision stands and the card says so', async () => {
    const refiner = createRefiner({ orgChart, workerUrl: new URL('./no-such-worker.js', import.meta.url) });
    const h = await startSlackHarness({ tier2: { refiner, deadlineMs: 60_000 } });
    const r = await h.earshot.ingest(mention({ text: '@acmebroadband I was double charged on my bill this month' }));
    await h.earshot.intake.drain();
    await h.drain();
    await refiner.close();
    const card = cardOf(h, r.caseId!)!;
    expect(card.channel).toBe('C07BILLING1');
    expect(h.cardText(card)).toMatch(/Second tier unavailable.*decided by the fast engine alone/);
  }, 60_000);

  it('a joke the fast engine would thank goes to monitoring; spam is neither held nor carded', async () => {
    const h = await startSlackHarness({ tier2: { refiner: createRefiner({ orgChart, scorer: await scorer }), deadlineMs: 60_000 } });
    const spam = await h.earshot.ingest(mention({ text: 'Buy 10k real followers cheap, DM me, link in bio https://spam.example' }));
    expect(spam).toMatchObject({ status: 'created', decision: { decision: 'ignore' } });
    const joke = await h.earshot.ingest(mention({ text: 'lol @acmebroadband the router lights are brighter than my future 😂', author: { handle: 'joker' } }));
    await h.earshot.intake.drain();
    await h.drain();
    expect(await h.db.case.findUniqueOrThrow({ where: { id: joke.caseId! } })).toMatchObject({ decision: 'monitor', status: 'monitoring' });
    expect(await h.db.outboxItem.count({ where: { caseId: spam.caseId! } })).toBe(0);
    expect(await h.db.outboxItem.count({ where: { status: 'pending' } })).toBe(0);
  }, 120_000);
});
