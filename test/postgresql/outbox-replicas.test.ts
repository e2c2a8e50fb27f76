import { describe, expect, it } from 'vitest';
import { FAKE_BOT_TOKEN, startFakeSlack } from '../bot/slack/fake-slack-api.js';
import { SIGNING_SECRET } from '../bot/slack/harness.js';
import { postMention, startEarshotProcess } from '../helpers/earshot-process.js';
import { createPgTestDb } from '../helpers/pg.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** Different customers with different billing complaints: one case (and one card) each. */
// Ten different customers with ten different billing problems: one team's channel, but no cluster, so no incident
// card speaks for them and each case gets its own card.
const PROBLEMS = [
  'I was double charged on my bill this month and nobody answers',
  'my direct debit was taken twice after I cancelled the contract',
  'the late payment fee on my invoice is wrong, I paid on the due date',
  'I was promised a loyalty discount and the new invoice ignores it',
  'my final bill still charges the router rental after I returned it',
  'the refund for my overpayment never arrived after six weeks',
  'I was charged twice for the same month on my card, please refund it',
  'my account shows an unpaid balance from a billing error last year',
  'I was billed for a phone line I never ordered and want the charge removed',
  'the early termination charge on my bill is three times the quoted amount',
];
const complaints = (tag: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    platform: 'x',
    externalId: `${tag}-${i}`,
    text: `@acmebroadband ${PROBLEMS[i % PROBLEMS.length]} (ref ${1000 + i})`,
    createdAt: new Date(Date.now() - 60_000 + i * 1000).toISOString(),
    author: { handle: `${tag}_customer_${i}` },
  }));

const slackEnv = (apiUrl: string) => ({ SLACK_BOT_TOKEN: FAKE_BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: apiUrl });

describe('outbox across real Earshot processes on one PostgreSQL database', () => {
  it("two replicas together keep to Slack's per-channel pace: no 429s, every card once", { timeout: 180_000 }, async () => {
    const { db, url } = await createPgTestDb();
    // Slack's ~1 post/s per channel; one post of slack over Earshot's own burst absorbs network jitter, not a replica.
    const slack = await startFakeSlack({ channelRate: { perSecond: 1, burst: 4 } });
    try {
      const [a, b] = await Promise.all([startEarshotProcess(url, slackEnv(slack.apiUrl)), startEarshotProcess(url, slackEnv(slack.apiUrl))]);
      const tag = `pace${Date.now()}`;
      const batch = complaints(tag, 10);
      await Promise.all(batch.map((m, i) => postMention((i % 2 ? a : b).base, m)));
      const cases = await until('10 cases', async () => ((await db.case.count()) === 10 ? true : undefined), 60_000);
      expect(cases).toBe(true);
      await until('every Slack delivery done', async () => ((await db.outboxItem.count({ where: { kind: 'chat.deliver', status: { not: 'done' } } })) === 0 && (await db.outboxItem.count({ where: { kind: 'chat.deliver' } })) >= 10 ? true : undefined), 90_000);
      const cards = slack.messages.filter((m) => !m.thread_ts);
      expect(cards).toHaveLength(10);
      expect(new Set(cards.map((c) => c.channel)).size).toBe(1);
      // Both replicas sent (the queue was shared), yet Slack never had to refuse one.
      const senders = await db.outboxItem.findMany({ where: { kind: 'chat.deliver' }, select: { attempts: true } });
      expect(senders.every((s) => s.attempts === 1)).toBe(true);
      expect(Object.fromEntries(slack.rateLimited)).toEqual({});
      const at = slack.posts.map((p) => p.at).sort((x, y) => x - y);
      // Burst of 3, then about one a second: the 10th card no sooner than ~7 s after the first.
      expect(at.at(-1)! - at[0]!).toBeGreaterThanOrEqual(6_500);
      expect(a.stderr() + b.stderr()).not.toContain('"level":"error"');
    } finally {
      await slack.close();
    }
  });

  it('after kill -9, card posts in flight resume within 10 s on the other replica; a live holder keeps its leases', { timeout: 180_000 }, async () => {
    const { db, url } = await createPgTestDb();
    const slack = await startFakeSlack();
    try {
      const replicas = await Promise.all([startEarshotProcess(url, slackEnv(slack.apiUrl)), startEarshotProcess(url, slackEnv(slack.apiUrl))]);
      slack.stallPosts(true);
      const tag = `lease${Date.now()}`;
      for (const m of complaints(tag, 3)) expect((await postMention(replicas[0].base, m)).status).toBe(202);
      // All three are claimed (by one replica or split between both): each holder has one call hanging at Slack.
      const held = await until(
        'three card posts in flight',
        async () => {
          const rows = await db.outboxItem.findMany({ where: { kind: 'chat.deliver', status: 'in_flight' }, select: { id: true, lockedBy: true }, orderBy: { id: 'asc' } });
          return rows.length === 3 && slack.stalled.length === new Set(rows.map((r) => r.lockedBy)).size ? rows : undefined;
        },
        60_000,
      );
      // Longer than a lease: the heartbeat keeps every item with its live holder; nobody posts a second time.
      await sleep(8_000);
      expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(slack.stalled.length);
      expect(await db.outboxItem.findMany({ where: { kind: 'chat.deliver', status: 'in_flight' }, select: { id: true, lockedBy: true }, orderBy: { id: 'asc' } })).toEqual(held);

      const victim = replicas.find((p) => held[0]!.lockedBy!.startsWith(`earshot-${p.pid}-`))!;
      const survivor = replicas.find((p) => p !== victim)!;
      slack.stallPosts(false);
      const killedAt = Date.now();
      await victim.kill9();
      // The survivor's own hanging call (if any) loses its connection: it retries; the victim's items wait out the lease.
      slack.dropStalled();
      await until('three cards in Slack', () => (slack.messages.filter((m) => !m.thread_ts).length >= 3 ? true : undefined), 30_000);
      const resumedIn = Date.now() - killedAt;
      expect(resumedIn).toBeLessThanOrEqual(10_000);
      await until('deliveries recorded', async () => ((await db.outboxItem.count({ where: { kind: 'chat.deliver', status: 'done' } })) === 3 ? true : undefined), 10_000);
      await sleep(1_500);
      expect(slack.messages.filter((m) => !m.thread_ts)).toHaveLength(3);
      expect(survivor.stderr()).not.toContain('"level":"error"');
    } finally {
      await slack.close();
    }
  });
});
