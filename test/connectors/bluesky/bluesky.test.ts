import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/config-error.js';
import { loadBlueskyEnv } from '../../../src/connectors/bluesky/env.js';
import { PermanentError, RetryableError } from '../../../src/outbox/outbox-errors.js';
import { runConnectorContract } from '../contract.js';
import { targetFromMention } from '../fakes/reply-target.js';
import { BLUESKY_APP_PASSWORD, blueskyHarness, blueskyWorld } from './harness.js';

runConnectorContract('bluesky', blueskyHarness);

describe('bluesky specifics', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });
  async function world(env: Record<string, string> = {}) {
    const w = await blueskyWorld(env);
    close = w.fake.close;
    return w;
  }
  const poll = (w: Awaited<ReturnType<typeof world>>, cursor: string | null = null, i = 0) => w.connector.pollers![i]!.poll(cursor, { now: w.clock.now() });
  const calls = (w: Awaited<ReturnType<typeof world>>, nsid: string) => w.fake.requests.filter((r) => r.path === `/xrpc/${nsid}`);

  it('normalises reach, thread refs, url and a forged createdAt', async () => {
    const w = await world();
    const root = w.fake.publish({ handle: 'ann.bsky.social', text: 'root @acme' });
    w.clock.advance(1000);
    const reply = w.fake.publish({ handle: 'jane.example.com', text: 'still broken', replyTo: root, followers: 12_345, verified: true, createdAt: '0001-01-01T00:00:00Z', langs: ['de'] });
    w.fake.publish({ handle: 'liker.bsky.social', text: 'n/a', reason: 'like' });
    const { mentions } = await poll(w);
    expect(mentions.map((m) => m.externalId)).toEqual([root.uri, reply.uri]);
    const m = mentions[1]!;
    expect(m).toMatchObject({
      text: 'still broken',
      lang: 'de',
      createdAt: reply.indexedAt,
      inReplyTo: root.uri,
      threadRoot: root.uri,
      url: `https://bsky.app/profile/jane.example.com/post/${reply.uri.split('/').pop()}`,
      author: { handle: 'jane.example.com', externalId: reply.author.did, followers: 12_345, verified: true },
    });
    expect(mentions[0]!.author).toMatchObject({ followers: 10, verified: undefined });
    expect(calls(w, 'app.bsky.notification.listNotifications')[0]!.query.getAll('reasons')).toEqual(['mention', 'reply']);
  });

  it('threads a reply to a reply under the original root', async () => {
    const w = await world();
    const root = w.fake.publish({ handle: 'ann.bsky.social', text: 'root @acme' });
    w.clock.advance(1000);
    const reply = w.fake.publish({ handle: 'bob.bsky.social', text: 'me too', replyTo: root });
    const m = (await poll(w)).mentions.find((x) => x.externalId === reply.uri)!;
    const sent = await w.connector.reply(targetFromMention(m), 'We are on it', { idempotencyKey: 'k' });
    const body = calls(w, 'com.atproto.repo.createRecord')[0]!.json();
    expect(body).toMatchObject({
      repo: w.fake.brand.did,
      collection: 'app.bsky.feed.post',
      record: { $type: 'app.bsky.feed.post', text: 'We are on it', createdAt: w.clock.now().toISOString(), reply: { root: { uri: root.uri, cid: root.cid }, parent: { uri: reply.uri, cid: reply.cid } } },
    });
    expect(sent.externalId).toMatch(/^at:\/\/did:plc:acmebrand/);
    expect(sent.url).toBe(`https://bsky.app/profile/acme.bsky.social/post/${sent.externalId.split('/').pop()}`);
  });

  it('makes links, @mentions and #hashtags clickable with facets at the right UTF-8 bytes, resolving handles through the PDS', async () => {
    const w = await world();
    const root = w.fake.publish({ handle: 'jane.example.com', text: 'still broken' });
    const m = (await poll(w)).mentions.find((x) => x.externalId === root.uri)!;
    const text = 'Désolé 😔 @jane.example.com — suivez https://status.acme.example/incidents/42 #PanneRéseau ; @ghost.bsky.social aussi';
    await w.connector.reply(targetFromMention(m), text, { idempotencyKey: 'f' });
    const record = calls(w, 'com.atproto.repo.createRecord')[0]!.json().record as { text: string; facets: { index: { byteStart: number; byteEnd: number }; features: Record<string, string>[] }[] };
    expect(record.text).toBe(text);
    // Each facet's byte range, cut from the UTF-8 text, is exactly what it makes clickable.
    const utf8 = Buffer.from(text);
    const spans = record.facets.map((f) => [utf8.subarray(f.index.byteStart, f.index.byteEnd).toString(), f.features]);
    expect(spans).toEqual([
      ['@jane.example.com', [{ $type: 'app.bsky.richtext.facet#mention', did: root.author.did }]],
      ['https://status.acme.example/incidents/42', [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://status.acme.example/incidents/42' }]],
      ['#PanneRéseau', [{ $type: 'app.bsky.richtext.facet#tag', tag: 'PanneRéseau' }]],
    ]);
    // A handle nobody has stays plain text rather than a mention with no DID; both were asked of the PDS.
    expect(calls(w, 'com.atproto.identity.resolveHandle').map((r) => r.query.get('handle'))).toEqual(['jane.example.com', 'ghost.bsky.social']);
  });

  it('sends text with nothing to link as it is, without facets or handle look-ups', async () => {
    const w = await world();
    const root = w.fake.publish({ handle: 'ann.bsky.social', text: 'hi' });
    const m = (await poll(w)).mentions.find((x) => x.externalId === root.uri)!;
    await w.connector.reply(targetFromMention(m), 'Thanks, fixed now.', { idempotencyKey: 'p' });
    expect(calls(w, 'com.atproto.repo.createRecord')[0]!.json().record).not.toHaveProperty('facets');
    expect(calls(w, 'com.atproto.identity.resolveHandle')).toHaveLength(0);
  });

  it('counts graphemes: 300 family emoji fit, 301 do not', async () => {
    const w = await world();
    w.fake.publish({ handle: 'ann.bsky.social', text: 'hi' });
    const [m] = (await poll(w)).mentions;
    const family = '👨‍👩‍👧‍👦';
    await expect(w.connector.reply(targetFromMention(m!), family.repeat(300), { idempotencyKey: 'a' })).resolves.toBeTruthy();
    const err = (await w.connector.reply(targetFromMention(m!), family.repeat(301), { idempotencyKey: 'b' }).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toBe('Bluesky allows 300 graphemes; this reply has 301. Shorten it by 1.');
  });

  it('renews an expired access token with refreshSession, and logs in again only when that is refused', async () => {
    const w = await world();
    w.fake.publish({ handle: 'ann.bsky.social', text: 'hi' });
    const [m] = (await poll(w)).mentions;
    w.clock.advance(3 * 3600_000); // past the 2-hour access token
    await w.connector.reply(targetFromMention(m!), 'one', { idempotencyKey: 'a' });
    expect(calls(w, 'com.atproto.server.createSession')).toHaveLength(1);
    expect(calls(w, 'com.atproto.server.refreshSession')).toHaveLength(1);
    // After 90 days the refresh token has expired too: refreshSession says ExpiredToken, so log in again.
    w.clock.advance(100 * 86400_000);
    await w.connector.reply(targetFromMention(m!), 'two', { idempotencyKey: 'b' });
    expect(calls(w, 'com.atproto.server.createSession')).toHaveLength(2);
    expect(w.fake.writes.map((x) => (x.kind === 'post' ? x.record.text : ''))).toEqual(['one', 'two']);
  });

  it('resumes after a restart across more than one page without repeats or gaps', async () => {
    const w = await world();
    w.fake.publish({ handle: 'ann.bsky.social', text: 'first' });
    const first = await poll(w);
    const uris: string[] = [];
    for (let i = 0; i < 120; i++) {
      if (i % 3 === 0) w.clock.advance(1000); // several notifications share an indexedAt
      uris.push(w.fake.publish({ handle: `u${i}.bsky.social`, text: `n${i}` }).uri);
    }
    const second = await w.make().pollers![0]!.poll(first.cursor, { now: w.clock.now() });
    expect(second.mentions.map((m) => m.externalId).sort()).toEqual([...uris].sort());
    w.clock.advance(1000);
    const late = w.fake.publish({ handle: 'late.bsky.social', text: 'late' });
    const third = await w.make().pollers![0]!.poll(second.cursor, { now: w.clock.now() });
    expect(third.mentions.map((m) => m.externalId)).toEqual([late.uri]);
  });

  it('reads ratelimit-reset (Unix seconds) on a 429', async () => {
    const w = await world();
    w.fake.publish({ handle: 'ann.bsky.social', text: 'hi' });
    const [m] = (await poll(w)).mentions;
    w.fake.failNextWrite('rate_limited');
    const err = (await w.connector.reply(targetFromMention(m!), 'x', { idempotencyKey: 'a' }).catch((e: unknown) => e)) as RetryableError;
    expect(err).toBeInstanceOf(RetryableError);
    expect(err.retryAfterMs).toBe(1800_000);
    expect(err.message).toContain('RateLimitExceeded');
  });

  it('refuses replies the author has gated, and replies to deleted posts', async () => {
    const w = await world();
    w.fake.publish({ handle: 'gated.bsky.social', text: 'no replies', replyDisabled: true });
    w.clock.advance(1000);
    const gone = w.fake.publish({ handle: 'gone.bsky.social', text: 'bye' });
    const [gated, deleted] = (await poll(w)).mentions;
    await expect(w.connector.reply(targetFromMention(gated!), 'x', { idempotencyKey: 'a' })).rejects.toThrow(/limits who can reply/);
    w.fake.deletePost(gone.uri);
    await expect(w.connector.reply(targetFromMention(deleted!), 'x', { idempotencyKey: 'b' })).rejects.toThrow(/deleted/);
    expect(w.fake.writes).toEqual([]);
  });

  it('sends chat through the chat proxy, and says so when the person does not accept messages', async () => {
    const w = await world();
    w.fake.publish({ handle: 'open.bsky.social', text: 'dm me' });
    w.clock.advance(1000);
    w.fake.publish({ handle: 'closed.bsky.social', text: 'no dms', chatDisabled: true });
    const [open, closed] = (await poll(w)).mentions;
    const sent = await w.connector.sendPrivate!(targetFromMention(open!), 'Order number?', { idempotencyKey: 'a' });
    expect(sent).toEqual({ externalId: expect.any(String), url: null });
    for (const r of [...calls(w, 'chat.bsky.convo.getConvoForMembers'), ...calls(w, 'chat.bsky.convo.sendMessage')]) {
      expect(r.headers['atproto-proxy']).toBe('did:web:api.bsky.chat#bsky_chat');
    }
    const err = (await w.connector.sendPrivate!(targetFromMention(closed!), 'Order number?', { idempotencyKey: 'b' }).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toContain('recipient has disabled incoming messages');
  });

  it('searches brand keywords, leaving out the brand\'s own posts', async () => {
    const w = await world({ BLUESKY_SEARCH_QUERIES: 'acme widgets' });
    expect(w.connector.pollers!.map((p) => [p.stream, p.schedule])).toEqual([
      ['notifications', '* * * * *'],
      ['search:acme widgets', '*/5 * * * *'],
    ]);
    w.fake.publishOwn('new acme widgets out now');
    w.fake.user('kim.bsky.social');
    w.clock.advance(1000);
    w.fake.publish({ handle: 'kim.bsky.social', text: 'my acme widgets broke', reason: 'like' });
    const { mentions } = await poll(w, null, 1);
    expect(mentions.map((m) => m.text)).toEqual(['my acme widgets broke']);
    expect(mentions[0]!.metrics).toEqual({ likes: 3, shares: 0, replies: 0 });
  });

  it('is off without its variables and rejects an account password', () => {
    expect(loadBlueskyEnv({})).toBeNull();
    const err = (() => {
      try {
        loadBlueskyEnv({ BLUESKY_HANDLE: 'acme.bsky.social', BLUESKY_APP_PASSWORD: 'hunter2-my-real-password' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.message).toContain('BLUESKY_APP_PASSWORD: must be an app password');
    expect(err!.message).not.toContain('hunter2');
    expect(loadBlueskyEnv({ BLUESKY_HANDLE: 'acme.bsky.social', BLUESKY_APP_PASSWORD })).toMatchObject({ BLUESKY_SERVICE_URL: 'https://bsky.social', BLUESKY_SEARCH_QUERIES: [] });
  });
});
