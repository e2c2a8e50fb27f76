import { describe, expect, it } from 'vitest';
import { createBotConnector } from '../../../src/bot/teams/bot-connector.js';
import { createTeamsSurface, TEAMS_THREAD_RATE } from '../../../src/bot/teams/teams-surface.js';
import { createMemoryLogger } from '../../../src/log.js';
import { enqueue } from '../../../src/outbox/enqueue.js';
import { PermanentError, RetryableError } from '../../../src/outbox/outbox-errors.js';
import type { TOutboxMessage } from '../../../src/outbox/outbox-kinds.js';
import { RateLimiter } from '../../../src/outbox/rate-limiter.js';
import { CHANNELS, startTeamsHarness, teamsOrgChart } from './harness.js';
import { startFakeBotConnector } from './fake-bot-connector.js';

const SERVICE = 'the engineer never turned up for my appointment, terrible service and nobody answers the phone';

async function withCase() {
  const h = await startTeamsHarness();
  await h.install();
  const c = await h.ingestCase({ text: SERVICE });
  const notify = async (m: TOutboxMessage, key: string) => {
    await h.db.$transaction((tx) => enqueue(tx, m, { destination: 'team:social-care', idempotencyKey: key, now: h.clock.now() }));
    await h.drain();
  };
  return { h, ...c, notify };
}

describe('Teams alerts and digests through the outbox', () => {
  it('SLA warning and breach mention the owner; the escalation stage mentions the managers', async () => {
    const { h, caseId, card, notify } = await withCase();
    await h.execute('tom', 'case.claim', { caseId }, card);
    await notify({ kind: 'sla.alert', caseId, team: 'social-care', stage: 'warning' }, 'w');
    await notify({ kind: 'sla.alert', caseId, team: 'social-care', stage: 'breached' }, 'b');
    await notify({ kind: 'sla.alert', caseId, team: 'social-care', stage: 'escalated' }, 'e');
    const alerts = h.threadOf(card).slice(1).map((m) => h.cardJson(m));
    expect(alerts[0]).toContain('<at>Tom Okafor</at>');
    expect(alerts[0]).toContain('response target is');
    expect(alerts[1]).toContain('passed');
    expect(alerts[2]).toContain('<at>Priya Shah</at>');
  });

  it('a follow-up reminder mentions its owner; an escalation notice quotes the reason literally', async () => {
    const { h, caseId, card, notify } = await withCase();
    await notify({ kind: 'followup.remind', caseId, assignee: 'lena', dueAt: '2026-11-24T10:00:00.000Z' }, 'f');
    expect(h.cardJson(h.threadOf(card).at(-1)!)).toContain('<at>Lena Berg</at> The offline follow-up is due');
    await notify({ kind: 'escalation.notify', caseId, team: 'social-care', reason: 'see [this](https://evil.example) <at>Tom Okafor</at>' }, 'x');
    const alert = h.connector.cardOf(h.threadOf(card).at(-1)!);
    expect(alert.msteams.entities.map((e: { text: string }) => e.text)).toEqual(['<at>Priya Shah</at>']);
    expect(JSON.stringify(alert.body)).toContain('see [this](https://evil.example) <\u200Bat>Tom Okafor');
  });

  it('the same notice enqueued twice is posted once', async () => {
    const { h, caseId, card, notify } = await withCase();
    await notify({ kind: 'sla.alert', caseId, team: 'social-care', stage: 'warning' }, 'same');
    await notify({ kind: 'sla.alert', caseId, team: 'social-care', stage: 'warning' }, 'same');
    expect(h.threadOf(card)).toHaveLength(1);
  });

  it('429 waits for Retry-After, 412/502/504 retry with backoff, and each card is posted once', async () => {
    const h = await startTeamsHarness();
    await h.install();
    h.connector.failNext({ status: 429, code: 'TooManyRequests', retryAfter: '7', method: 'POST' });
    h.connector.failNext({ status: 412, code: 'PreconditionFailed', method: 'POST' });
    h.connector.failNext({ status: 502, code: 'BadGateway', method: 'POST' });
    h.connector.failNext({ status: 504, code: 'GatewayTimeout', method: 'POST' });
    const start = h.clock.now().getTime();
    const { caseId } = await h.ingestCase({ text: SERVICE });
    expect(h.connector.posts(CHANNELS.socialCare).filter((m) => JSON.stringify(m.activity).includes(caseId))).toHaveLength(1);
    const warned = h.log.lines.filter((l) => l.msg === 'outbox delivery failed; will retry').map((l) => String(l.error));
    expect(warned).toEqual([expect.stringContaining('HTTP 429'), expect.stringContaining('HTTP 412'), expect.stringContaining('HTTP 502'), expect.stringContaining('HTTP 504')]);
    expect(h.clock.now().getTime() - start).toBeGreaterThanOrEqual(7000);
    expect(await h.db.chatMessage.count({ where: { surface: 'teams', kind: 'card', caseId } })).toBe(1);
  });

  it('403 (bot removed from the team) dead-letters with a sentence an admin can act on', async () => {
    const h = await startTeamsHarness();
    await h.install();
    h.connector.failNext({ status: 403, code: 'BotNotInConversationRoster', method: 'POST' });
    await h.ingestCase({ text: SERVICE });
    const dead = await h.db.outboxItem.findFirstOrThrow({ where: { status: 'dead' } });
    expect(dead.lastError).toContain('Teams answered HTTP 403 (BotNotInConversationRoster) to post a message: Earshot was removed from this team or chat');
    expect(dead.attempts).toBe(1);
  });

  it('without any installation the card dead-letters and says to add the app', async () => {
    const h = await startTeamsHarness();
    await h.ingestCase({ text: SERVICE });
    const dead = await h.db.outboxItem.findFirstOrThrow({ where: { status: 'dead' } });
    expect(dead.lastError).toContain('Earshot has not been added to any team in Teams');
  });

  it('a card deleted in Teams (404 on update) does not stop the thread notice', async () => {
    const { h, caseId, card } = await withCase();
    h.connector.messages.splice(h.connector.messages.indexOf(card), 1);
    await h.execute('tom', 'case.claim', { caseId }, card);
    expect(await h.db.outboxItem.count({ where: { status: 'dead' } })).toBe(0);
    expect(h.connector.messages.filter((m) => m.replyToId === card.id).map((m) => JSON.stringify(m.activity))).toEqual([expect.stringContaining('claimed the case')]);
  });

  it('digests go to a manager’s 1:1 chat; managers without one are skipped', async () => {
    const h = await startTeamsHarness();
    await h.install();
    const digest = async (memberId: string, key: string) => {
      await h.db.$transaction((tx) => enqueue(tx, { kind: 'digest.send', memberId, date: '2026-11-23' }, { destination: `digest:${memberId}`, idempotencyKey: key, now: h.clock.now() }));
      await h.drain();
    };
    await digest('dev', 'd1');
    expect(await h.db.outboxItem.count({ where: { status: 'dead' } })).toBe(0);
    expect(h.log.lines.some((l) => l.msg === 'teams notice skipped' && String(l.reason).includes('dev has no 1:1 chat'))).toBe(true);
    // Priya opened Earshot's personal app: her digest lands in that 1:1 chat.
    await h.install('a:1on1-priya', 'priya');
    await digest('priya', 'd2');
    expect(await h.db.outboxItem.count({ where: { status: 'dead' } })).toBe(0);
    const sent = h.connector.messages.filter((m) => m.channel === 'a:1on1-priya').map((m) => JSON.stringify(m.activity));
    expect(sent).toContainEqual(expect.stringContaining('Daily digest'));
    // The chart travels with the card as an inline image (a data: URI), drawn at 1× so the message stays small.
    const activity = h.connector.messages.find((m) => m.channel === 'a:1on1-priya' && JSON.stringify(m.activity).includes('Daily digest'))!.activity as { attachments: { contentType: string; contentUrl?: string }[] };
    const image = activity.attachments.find((a) => a.contentType === 'image/png');
    const png = Buffer.from(image!.contentUrl!.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThan(800); // the chart's layout width in pixels, not a placeholder
    expect(Buffer.byteLength(JSON.stringify(activity))).toBeLessThan(80 * 1024);
  });
});

describe('Teams surface pieces', () => {
  it('a composed digest is posted as a card into the manager’s 1:1 chat', async () => {
    const h = await startTeamsHarness();
    await h.install('a:1on1-priya', 'priya');
    const log = createMemoryLogger();
    const surface = createTeamsSurface({
      db: h.db,
      orgChart: teamsOrgChart(),
      connector: createBotConnector({ token: async () => null, now: h.clock.now, requireHttps: false }),
      log,
      now: h.clock.now,
      digest: { compose: async (memberId, date) => ({ view: { title: `Digest for ${memberId}`, subtitle: date, sections: [{ heading: 'Yesterday', facts: [{ label: 'New cases', value: '12' }] }] }, picture: async () => Buffer.alloc(120_000) }) },
    });
    expect(await surface.destination({ kind: 'digest.send', memberId: 'priya', date: '2026-11-23' })).toBe('teams:dm:priya');
    await surface.deliver({ kind: 'digest.send', memberId: 'priya', date: '2026-11-23' }, { mayHaveHappened: false });
    const sent = h.connector.messages.filter((m) => m.channel === 'a:1on1-priya').at(-1)!;
    expect(JSON.stringify(sent.activity)).toContain('Digest for priya');
    expect(JSON.stringify(sent.activity)).toContain('New cases');
    // A picture that would push the message past Teams' size limit is left out; the digest itself still goes.
    expect(JSON.stringify(sent.activity)).not.toContain('image/png');
    expect(log.lines.some((l) => String(l.msg).includes('without its chart'))).toBe(true);
  });

  it('the per-thread bucket keeps within 7/1 s, 8/2 s and 60/30 s', () => {
    const limiter = new RateLimiter(() => TEAMS_THREAD_RATE);
    const sentAt: number[] = [];
    for (let t = 0; t < 120_000; t += 10) if (limiter.take('teams:c', t) === 0) sentAt.push(t);
    const most = (windowMs: number) => Math.max(...sentAt.map((s) => sentAt.filter((x) => x >= s && x < s + windowMs).length));
    expect(most(1000)).toBeLessThanOrEqual(7);
    expect(most(2000)).toBeLessThanOrEqual(8);
    expect(most(30_000)).toBeLessThanOrEqual(60);
  });

  it('the connector client sends our token, honours Retry-After and maps statuses', async () => {
    const fake = await startFakeBotConnector();
    try {
      const now = () => new Date('2026-11-23T10:00:00Z');
      const client = createBotConnector({ token: async () => 'tok-123', now, requireHttps: false });
      const ref = { serviceUrl: fake.url, conversation: { id: '19:c@thread.tacv2', tenantId: 't' }, bot: { id: '28:b' } };
      const { id } = await client.send(ref, '19:c@thread.tacv2', { type: 'message', text: 'hi' });
      expect(fake.requests.at(-1)).toEqual({ method: 'POST', path: '/v3/conversations/19%3Ac%40thread.tacv2/activities', authorization: 'Bearer tok-123' });
      await client.update(ref, '19:c@thread.tacv2', id, { type: 'message', text: 'edited' });
      expect(fake.messages[0]).toMatchObject({ updates: 1, activity: { text: 'edited', id } });
      fake.failNext({ status: 429, code: 'TooManyRequests', retryAfter: '12' });
      const throttled = await client.reply(ref, '19:c@thread.tacv2', id, { type: 'message', text: 'x' }).catch((e: unknown) => e);
      expect(throttled).toBeInstanceOf(RetryableError);
      expect((throttled as RetryableError).retryAfterMs).toBe(12_000);
      const missing = await client.update(ref, '19:c@thread.tacv2', '999', { type: 'message', text: 'x' }).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(PermanentError);
      expect((missing as Error).message).toContain('HTTP 404 (ActivityNotFound)');
      const big = await client.send(ref, '19:c@thread.tacv2', { type: 'message', text: 'x'.repeat(120_000) }).catch((e: unknown) => e);
      expect((big as Error).message).toContain('413 (MessageSizeTooBig)');
      // With real credentials the token never goes to a plain-http service URL.
      const strict = createBotConnector({ token: async () => 'tok', now, requireHttps: true });
      await expect(strict.send(ref, 'c', { type: 'message' })).rejects.toThrow(/non-https service URL/);
      const down = createBotConnector({ token: async () => null, now, requireHttps: false, fetch: async () => { throw new TypeError('fetch failed'); } });
      await expect(down.send(ref, 'c', { type: 'message' })).rejects.toBeInstanceOf(RetryableError);
    } finally {
      await fake.close();
    }
  });
});
