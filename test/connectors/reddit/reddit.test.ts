import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/config-error.js';
import { loadRedditEnv } from '../../../src/connectors/reddit/env.js';
import { PermanentError, RetryableError } from '../../../src/outbox/outbox-errors.js';
import { runConnectorContract } from '../contract.js';
import { targetFromMention } from '../fakes/reply-target.js';
import { REDDIT_CREDS, redditHarness, redditWorld } from './harness.js';

runConnectorContract('reddit', redditHarness);

describe('reddit specifics', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });
  async function world(env: Record<string, string> = {}) {
    const w = await redditWorld(env);
    close = w.fake.close;
    return w;
  }
  const poll = (w: Awaited<ReturnType<typeof world>>, cursor: string | null = null, i = 0) => w.connector.pollers![i]!.poll(cursor, { now: w.clock.now() });

  it('normalises inbox comments: thread, parent, url, followers; skips the brand\'s own comments', async () => {
    const w = await world();
    const c = w.fake.publishComment({ author: 'jane', body: 'u/AcmeSupport my **order** &amp; refund', type: 'comment_reply', parentId: 't1_abc', followers: 321 });
    w.fake.publishComment({ author: 'AcmeSupport', body: 'our own' });
    const { mentions } = await poll(w);
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject({
      externalId: c.data.name,
      text: 'u/AcmeSupport my **order** &amp; refund',
      inReplyTo: 't1_abc',
      threadRoot: `t3_${/comments\/(\w+)\//.exec(c.data.context)![1]}`,
      url: `https://www.reddit.com${c.data.context}`,
      author: { handle: 'jane', followers: 321, profileUrl: 'https://www.reddit.com/user/jane' },
    });
    const inboxCall = w.fake.requests.find((r) => r.path === '/message/inbox')!;
    expect(inboxCall.headers['user-agent']).toBe('earshot/0.1 (by /u/AcmeSupport)');
    expect(inboxCall.query.get('raw_json')).toBe('1');
  });

  it('resumes after a restart across pages of 100, with many comments in the same second', async () => {
    const w = await world();
    w.fake.publishComment({ author: 'a', body: 'first' });
    const first = await poll(w);
    const names: string[] = [];
    for (let i = 0; i < 230; i++) {
      if (i % 50 === 0) w.clock.advance(1000);
      names.push(w.fake.publishComment({ author: `u${i}`, body: `n${i}` }).data.name);
    }
    const second = await w.make().pollers![0]!.poll(first.cursor, { now: w.clock.now() });
    expect(second.mentions.map((m) => m.externalId).sort()).toEqual([...names].sort());
    expect(w.fake.requests.filter((r) => r.path === '/message/inbox' && r.query.get('after')).length).toBeGreaterThanOrEqual(2);
    const third = await w.make().pollers![0]!.poll(second.cursor, { now: w.clock.now() });
    expect(third.mentions).toEqual([]);
  });

  it('replies with the thing id and api_type=json, and logs in again once when the token expires', async () => {
    const w = await world();
    w.fake.publishComment({ author: 'jane', body: 'help' });
    const [m] = (await poll(w)).mentions;
    w.clock.advance(2 * 3600_000);
    const sent = await w.connector.reply(targetFromMention(m!), 'On it', { idempotencyKey: 'k' });
    const post = w.fake.requests.filter((r) => r.path === '/api/comment');
    expect(post).toHaveLength(1);
    expect(Object.fromEntries(post[0]!.form())).toEqual({ api_type: 'json', thing_id: m!.externalId, text: 'On it' });
    expect(sent.url).toMatch(/^https:\/\/www\.reddit\.com\/r\/acme\/comments\//);
    expect(w.fake.requests.filter((r) => r.path === '/api/v1/access_token')).toHaveLength(2);
  });

  it('retries RATELIMIT refusals after the time Reddit names, and treats archived threads as permanent', async () => {
    const w = await world();
    w.fake.publishComment({ author: 'jane', body: 'help' });
    const [m] = (await poll(w)).mentions;
    w.fake.refuseNextWrite('RATELIMIT', 'you are doing that too much. try again in 9 minutes.');
    const err = (await w.connector.reply(targetFromMention(m!), 'x', { idempotencyKey: 'a' }).catch((e: unknown) => e)) as RetryableError;
    expect(err).toBeInstanceOf(RetryableError);
    expect(err.retryAfterMs).toBe(9 * 60_000);
    w.fake.refuseNextWrite('TOO_OLD', "that's a piece of history now; it's too late to reply to it");
    await expect(w.connector.reply(targetFromMention(m!), 'x', { idempotencyKey: 'b' })).rejects.toThrow(/archived/);
  });

  it('reads X-Ratelimit-Reset (seconds) on a 429', async () => {
    const w = await world();
    w.fake.publishComment({ author: 'jane', body: 'help' });
    const [m] = (await poll(w)).mentions;
    w.fake.failNextWrite('rate_limited');
    const err = (await w.connector.reply(targetFromMention(m!), 'x', { idempotencyKey: 'a' }).catch((e: unknown) => e)) as RetryableError;
    expect(err.retryAfterMs).toBe(600_000); // the clock sits on a 10-minute boundary
  });

  it('holds off before the next call once X-Ratelimit-Remaining reaches 0', async () => {
    const w = await world();
    w.fake.publishComment({ author: 'jane', body: 'help' });
    const [m] = (await poll(w)).mentions;
    w.fake.exhaust();
    await poll(w); // succeeds, and its headers say the budget is spent
    const before = w.fake.requests.length;
    const err = (await w.connector.reply(targetFromMention(m!), 'x', { idempotencyKey: 'a' }).catch((e: unknown) => e)) as RetryableError;
    expect(err).toBeInstanceOf(RetryableError);
    expect(err.retryAfterMs).toBe(600_000);
    expect(w.fake.requests.length).toBe(before);
  });

  it('sends a private message and finds its id in the sent box', async () => {
    const w = await world({ REDDIT_MESSAGE_SUBJECT: 'About your order' });
    w.fake.publishComment({ author: 'jane', body: 'help' });
    const [m] = (await poll(w)).mentions;
    const sent = await w.connector.sendPrivate!(targetFromMention(m!), 'Please send your order number', { idempotencyKey: 'k' });
    expect(w.fake.writes).toEqual([{ kind: 'message', to: 'jane', subject: 'About your order', text: 'Please send your order number', name: sent.externalId }]);
    expect(sent.externalId).toMatch(/^t4_/);
  });

  it('a wrong password is permanent and never echoed', async () => {
    const w = await world({ REDDIT_PASSWORD: 'wrong-password-123' });
    const err = (await poll(w).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toContain('invalid_grant');
    expect(err.message).not.toContain('wrong-password-123');
  });

  it('searches new posts for brand keywords', async () => {
    const w = await world({ REDDIT_SEARCH_QUERIES: 'acme widget' });
    expect(w.connector.pollers!.map((p) => [p.stream, p.schedule])).toEqual([
      ['inbox', '* * * * *'],
      ['search:acme widget', '*/5 * * * *'],
    ]);
    const p = w.fake.publishPost({ author: 'kim', title: 'Acme widget broke', selftext: 'after a day' });
    const { mentions } = await poll(w, null, 1);
    expect(mentions).toMatchObject([{ externalId: p.name, text: 'Acme widget broke\n\nafter a day', threadRoot: p.name, metrics: { replies: 2 } }]);
    await w.connector.reply(targetFromMention(mentions[0]!), 'Sorry!', { idempotencyKey: 'k' });
    expect(w.fake.writes[0]).toMatchObject({ kind: 'comment', thingId: p.name });
  });

  it('is off without its variables, and requires all credentials once on', () => {
    expect(loadRedditEnv({})).toBeNull();
    expect(() => loadRedditEnv({ REDDIT_CLIENT_ID: REDDIT_CREDS.clientId })).toThrow(ConfigError);
    try {
      loadRedditEnv({ REDDIT_CLIENT_ID: REDDIT_CREDS.clientId, REDDIT_CLIENT_SECRET: 'x' });
    } catch (e) {
      expect((e as Error).message).toMatch(/REDDIT_USERNAME[\s\S]*REDDIT_PASSWORD/);
    }
  });
});
