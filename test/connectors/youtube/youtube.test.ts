import { afterEach, describe, expect, it } from 'vitest';
import { loadYouTubeEnv } from '../../../src/connectors/youtube/env.js';
import { msUntilPacificMidnight } from '../../../src/connectors/youtube/google-api.js';
import { PermanentError, RetryableError } from '../../../src/outbox/outbox-errors.js';
import { runConnectorContract } from '../contract.js';
import { targetFromMention } from '../fakes/reply-target.js';
import { YT, youtubeHarness, youtubeWorld } from './harness.js';

runConnectorContract('youtube', youtubeHarness);

describe('youtube specifics', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });
  async function world(opts: { dailyQuota?: number } = {}) {
    const w = await youtubeWorld(opts);
    close = w.fake.close;
    return w;
  }
  const poll = (w: Awaited<ReturnType<typeof world>>, cursor: string | null = null) => w.connector.pollers![0]!.poll(cursor, { now: w.clock.now() });

  it('normalises top-level comments and replies with thread, parent, url and subscribers; skips the channel\'s own', async () => {
    const w = await world();
    const t = w.fake.publishComment({ author: 'jane', text: 'Broken on arrival <b>not html</b>', videoId: 'vid123', subscribers: 777 });
    w.clock.advance(1000);
    const r = w.fake.publishReply(t.id, { author: 'bob', text: 'same here' });
    w.fake.publishReply(t.id, { author: 'brand', text: 'our answer' });
    const { mentions } = await poll(w);
    expect(mentions.map((m) => m.externalId)).toEqual([t.id, r.id]);
    expect(mentions[0]).toMatchObject({ text: 'Broken on arrival <b>not html</b>', threadRoot: t.id, url: `https://www.youtube.com/watch?v=vid123&lc=${t.id}`, author: { handle: '@jane', followers: 777, profileUrl: 'http://www.youtube.com/@jane' }, metrics: { likes: 4, replies: 2 } });
    expect(mentions[0]!.inReplyTo).toBeUndefined();
    expect(mentions[1]).toMatchObject({ inReplyTo: t.id, threadRoot: t.id });
    const q = w.fake.requests.find((x) => x.path === '/commentThreads')!.query;
    expect(Object.fromEntries(q)).toMatchObject({ part: 'snippet,replies', allThreadsRelatedToChannelId: YT.channelId, order: 'time', textFormat: 'plainText', maxResults: '100' });
  });

  it('answers a reply under the thread\'s top-level comment', async () => {
    const w = await world();
    const t = w.fake.publishComment({ author: 'jane', text: 'help' });
    w.clock.advance(1000);
    w.fake.publishReply(t.id, { author: 'bob', text: 'me too' });
    const { mentions } = await poll(w);
    await w.connector.reply(targetFromMention(mentions[1]!), 'Sorry Bob', { idempotencyKey: 'k' });
    const call = w.fake.requests.find((x) => x.path === '/comments')!;
    expect(call.query.get('part')).toBe('snippet');
    expect(call.json()).toEqual({ snippet: { parentId: t.id, textOriginal: 'Sorry Bob' } });
  });

  it('resumes after a restart past a page of 100 threads, and stays inside the quota', async () => {
    const w = await world();
    w.fake.publishComment({ author: 'a', text: 'first' });
    const first = await poll(w);
    const ids: string[] = [];
    for (let i = 0; i < 150; i++) {
      if (i % 10 === 0) w.clock.advance(1000);
      ids.push(w.fake.publishComment({ author: `u${i}`, text: `n${i}` }).id);
    }
    const second = await w.make().pollers![0]!.poll(first.cursor, { now: w.clock.now() });
    expect(second.mentions.map((m) => m.externalId).sort()).toEqual([...ids].sort());
    const third = await w.make().pollers![0]!.poll(second.cursor, { now: w.clock.now() });
    expect(third.mentions).toEqual([]);
    // 1 + 2 + 1 list calls and 1 channels call per poll that found something: single units, not search's 100.
    expect(w.fake.units()).toBeLessThanOrEqual(8);
  });

  it('treats exhausted daily quota (403 quotaExceeded) as retryable at midnight Pacific', async () => {
    const w = await world({ dailyQuota: 1 });
    w.fake.publishComment({ author: 'jane', text: 'help' });
    const [m] = (await poll(w)).mentions; // spends the one unit; the channels lookup is refused and skipped
    const err = (await w.connector.reply(targetFromMention(m!), 'x', { idempotencyKey: 'k' }).catch((e: unknown) => e)) as RetryableError;
    expect(err).toBeInstanceOf(RetryableError);
    expect(err.message).toContain('quotaExceeded');
    expect(err.retryAfterMs).toBe(Math.ceil(msUntilPacificMidnight(w.clock.now()) / 1000) * 1000);
    expect(msUntilPacificMidnight(new Date('2026-11-23T07:00:00Z'))).toBe(3600_000); // 23:00 PST
    expect(msUntilPacificMidnight(new Date('2026-07-01T06:30:00Z'))).toBe(30 * 60_000); // 23:30 PDT
  });

  it('refuses to answer a thread with replies turned off, without spending 50 units', async () => {
    const w = await world();
    w.fake.publishComment({ author: 'jane', text: 'help', canReply: false });
    const [m] = (await poll(w)).mentions;
    await expect(w.connector.reply(targetFromMention(m!), 'x', { idempotencyKey: 'k' })).rejects.toThrow(/replies are turned off/);
    expect(w.fake.inserted).toEqual([]);
  });

  it('renews the access token from the refresh token once it expires; a revoked grant is permanent', async () => {
    const w = await world();
    w.fake.publishComment({ author: 'jane', text: 'help' });
    const [m] = (await poll(w)).mentions;
    w.clock.advance(2 * 3600_000);
    await w.connector.reply(targetFromMention(m!), 'ok', { idempotencyKey: 'k' });
    const tokenCalls = w.fake.requests.filter((r) => r.path === '/token');
    expect(tokenCalls).toHaveLength(2);
    expect(Object.fromEntries(tokenCalls[1]!.form())).toMatchObject({ grant_type: 'refresh_token', refresh_token: YT.refreshToken });
    w.fake.failNextWrite('revoked_token');
    const err = (await w.connector.reply(targetFromMention(m!), 'ok', { idempotencyKey: 'k2' }).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).not.toContain(YT.refreshToken);
  });

  it('has no private channel and says so', () => {
    expect(loadYouTubeEnv({})).toBeNull();
    expect(() => loadYouTubeEnv({ YOUTUBE_CHANNEL_ID: 'acme' })).toThrow(/YOUTUBE_CHANNEL_ID: must be a channel id/);
  });
});
