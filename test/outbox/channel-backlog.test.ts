import { describe, expect, it } from 'vitest';
import { BACKLOG_STATUS } from '../../src/outbox/channel-backlog.js';
import { STAFF_LANE } from '../../src/outbox/delivery-rank.js';
import { startSlackHarness } from '../bot/slack/harness.js';
import { devMentions } from '../helpers/dev-mentions.js';

/** Who acts on each team's cards (config/org-chart.example.yaml): responders who need no approval. */
const ACTOR: Record<string, string> = { C07SOCIAL01: 'U07TOM0001', C07NETOPS01: 'U07ANA0001', C07BILLING1: 'U07JO00001', C07SALES001: 'U07RAE0001' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('a channel with more new cases than Slack lets it post', () => {
  it('parks P3/P4 cases behind one backlog card, cards P1/P2 and escalations at once, releases most urgent first, loses none', async () => {
    // Ten seconds of Slack's pace (1/s, bursts of 3) before parking starts: the rule at a test's scale.
    const h = await startSlackHarness({ realClock: true, channelRate: { perSecond: 1, burst: 3 }, env: { CHANNEL_BACKLOG_SECONDS: '10', OUTBOX_POLL_MS: '100' } });
    const mentions = devMentions(90, { prefix: 'surge', start: new Date().toISOString() });
    for (const m of mentions) await h.earshot.ingest(m);
    h.earshot.dispatcher.start();
    try {
      const parked = () => h.db.outboxItem.findMany({ where: { status: BACKLOG_STATUS }, select: { destination: true, caseId: true, rank: true } });
      // The channel that got the most: its backlog card appears, counting the parked cases by priority and category.
      const busiest = await until('a parked card post', async () => {
        const p = await parked();
        if (!p.length) return undefined;
        const by = new Map<string, number>();
        for (const x of p) by.set(x.destination, (by.get(x.destination) ?? 0) + 1);
        return [...by].sort((a, b) => b[1] - a[1])[0]![0];
      }, 30_000);
      const channel = busiest.slice('slack:'.length);
      const backlogCard = () => h.slack.messages.find((m) => m.channel === channel && !m.thread_ts && m.blocks.some((b) => String(b.block_id) === `backlog:${channel}:head`));
      const card = await until('the backlog card', backlogCard, 30_000);
      expect(JSON.stringify(card.blocks)).toMatch(/\d+ more cases? waiting/);
      expect(JSON.stringify(card.blocks)).toMatch(/P[34] [a-z_]+ \d+/);
      expect(card.text).toMatch(/more cases waiting in /);

      // Never parked: P1/P2, escalations.
      const parkedCases = await h.db.case.findMany({ where: { id: { in: (await parked()).map((p) => p.caseId!) } }, select: { priority: true, escalated: true } });
      expect(parkedCases.filter((c) => c.priority === 'P1' || c.priority === 'P2' || c.escalated)).toEqual([]);
      // The channel's queue of cards that may wait stays at its limit (10 s of pace); P1/P2 and escalations come on top.
      const waiting = await h.db.outboxItem.count({ where: { destination: busiest, status: { in: ['pending', 'in_flight'] }, rank: { gte: 13, lte: 14 } } });
      expect(waiting).toBeLessThanOrEqual(10);

      // "Show next 5": the next five parked cases get cards now, ahead of the channel's other waiting cards.
      const next = await h.db.outboxItem.findMany({ where: { destination: busiest, status: BACKLOG_STATUS }, orderBy: [{ rank: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }], take: 5, select: { caseId: true } });
      expect(next).toHaveLength(5);
      const postedBefore = h.slack.messages.length;
      await h.click(ACTOR[channel]!, 'backlog.next', (await h.db.case.findUniqueOrThrow({ where: { id: next[0]!.caseId! } })).team, { channel, ts: card.ts });
      expect(h.slack.ephemerals.at(-1)?.text).toBe('Posting the next 5 waiting cases as cards now, most urgent first.');
      const cardOf = (caseId: string) => h.slack.messages.find((m) => m.channel === channel && !m.thread_ts && m.blocks.some((b) => String(b.block_id).startsWith(`case:${caseId}:`)));
      // The five the click released (the channel's own draining may have released the ones listed above meanwhile).
      const released = await h.db.outboxItem.findMany({ where: { destination: busiest, rank: STAFF_LANE, caseId: { not: null } }, select: { caseId: true } });
      expect(released).toHaveLength(5);
      next.splice(0, 5, ...released);
      await until('the five cards', () => (next.every((n) => cardOf(n.caseId!)) ? true : undefined), 60_000);
      // Ahead of the queue, whatever the machine's speed: between the click and the fifth card, at most the cards
      // already in flight (the channel's burst) went out for other cases.
      const lastOfFive = Math.max(...next.map((n) => h.slack.messages.indexOf(cardOf(n.caseId!)!)));
      const fiveIds = new Set(next.map((n) => `case:${n.caseId}:`));
      const others = h.slack.messages.slice(postedBefore, lastOfFive).filter((m) => m.channel === channel && !m.thread_ts && m.blocks.some((b) => String(b.block_id).startsWith('case:') && ![...fiveIds].some((id) => String(b.block_id).startsWith(id))));
      expect(others.length).toBeLessThanOrEqual(3);

      // Drained: every case that needs a card has exactly one; the backlog card says so; Slack never had to refuse.
      await until('the backlog to drain', async () => ((await parked()).length === 0 && (await h.db.outboxItem.count({ where: { status: { in: ['pending', 'in_flight'] } } })) === 0 ? true : undefined), 150_000);
      const carded = await h.db.case.findMany({ where: { decision: { not: 'ignore' }, incidentId: null }, select: { id: true } });
      const cards = h.slack.messages.filter((m) => !m.thread_ts && m.blocks.some((b) => String(b.block_id).startsWith('case:')));
      for (const c of carded) expect(cards.filter((m) => m.blocks.some((b) => String(b.block_id).startsWith(`case:${c.id}:`)))).toHaveLength(1);
      expect(JSON.stringify(backlogCard()!.blocks)).toContain('All caught up');
      expect(await h.db.backlogCard.count()).toBe(0);
      expect(await h.db.outboxItem.count({ where: { status: 'dead' } })).toBe(0);
    } finally {
      await h.earshot.dispatcher.stop();
    }
  }, 240_000);
});
