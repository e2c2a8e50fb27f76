import { describe, expect, it } from 'vitest';
import { loadXEnv, createXConnector } from '../../../src/connectors/x/index.js';
import { oauthSignature, signatureBaseString } from '../../../src/connectors/x/oauth1.js';
import { ConfigError } from '../../../src/config/config-error.js';
import { PermanentError, RetryableError } from '../../../src/outbox/outbox-errors.js';
import { targetFromMention } from '../fakes/reply-target.js';
import { BRAND_ID, startFakeX, X_CREDS } from '../fakes/x-api.js';
import { manualClock } from '../../helpers/clock.js';
import { user, xEnv } from './x-harness.js';

describe('X replies and direct messages', () => {
  it('threads a reply under the mention with the exact v2 call, signed as the brand', async () => {
    const fake = await startFakeX();
    const x = createXConnector(xEnv(fake.url), { fetch, now: () => new Date() });
    const t = fake.publish({ text: '@acme where is my refund?', author: user('jane_doe') });
    const [m] = await x.pollers![0]!.poll(null, { now: new Date() }).then((r) => r.mentions);
    const sent = await x.reply(targetFromMention(m!), 'Sorry Jane, we have sent you a DM.', { idempotencyKey: 'k' });
    const call = fake.requests.find((r) => r.method === 'POST')!;
    expect(call.path).toBe('/2/tweets');
    expect(call.json()).toEqual({ text: 'Sorry Jane, we have sent you a DM.', reply: { in_reply_to_tweet_id: t.id } });
    expect(call.headers.authorization).toMatch(/^OAuth .*oauth_signature_method="HMAC-SHA1"/);
    expect(sent).toEqual({ externalId: fake.posted[0]!.id, url: `https://x.com/i/web/status/${fake.posted[0]!.id}` });
    await fake.close();
  });

  it('refuses 281 characters with a clear sentence and no call, but counts emoji as one character', async () => {
    const fake = await startFakeX();
    const x = createXConnector(xEnv(fake.url), { fetch, now: () => new Date() });
    const t = fake.publish({ text: '@acme hi', author: user('ann') });
    const target = { platform: 'x' as const, inReplyTo: t.id, threadRoot: t.id, url: null, author: { handle: 'ann', externalId: t.author.id } };
    await expect(x.reply(target, 'a'.repeat(281), { idempotencyKey: 'k' })).rejects.toThrow(/X allows 280 characters; this reply has 281\. Shorten it by 1\./);
    expect(fake.requests).toHaveLength(0);
    await x.reply(target, '🙂'.repeat(280), { idempotencyKey: 'k' });
    expect(fake.posted).toHaveLength(1);
    await fake.close();
  });

  it('sends the private follow-up as a DM to the author\'s user id, and says so when the id is unknown', async () => {
    const fake = await startFakeX();
    const x = createXConnector(xEnv(fake.url), { fetch, now: () => new Date() });
    const target = { platform: 'x' as const, inReplyTo: '1', threadRoot: '1', url: null, author: { handle: 'jane_doe', externalId: '4242' } };
    const sent = await x.sendPrivate!(target, 'Could you share your account number here?', { idempotencyKey: 'k' });
    expect(fake.requests.at(-1)!.path).toBe('/2/dm_conversations/with/4242/messages');
    expect(fake.dms).toEqual([{ participantId: '4242', text: 'Could you share your account number here?', eventId: sent.externalId }]);
    await expect(x.sendPrivate!({ ...target, author: { handle: 'jane_doe', externalId: null } }, 'hi', { idempotencyKey: 'k' })).rejects.toThrow(PermanentError);
    await fake.close();
  });

  it('holds further calls until x-rate-limit-reset once X reports the window used up', async () => {
    const clock = manualClock();
    const fake = await startFakeX({ now: clock.now });
    const x = createXConnector(xEnv(fake.url), { fetch, now: clock.now });
    const t = fake.publish({ text: '@acme hi', author: user('ann') });
    const target = { platform: 'x' as const, inReplyTo: t.id, threadRoot: t.id, url: null, author: { handle: 'ann', externalId: t.author.id } };
    fake.failNextWrite('rate_limited');
    const first = (await x.reply(target, 'Hello', { idempotencyKey: 'k' }).catch((e: unknown) => e)) as RetryableError;
    expect(first).toBeInstanceOf(RetryableError);
    expect(first.retryAfterMs).toBe(900_000);
    const calls = fake.requests.length;
    clock.advance(60_000);
    const held = (await x.reply(target, 'Hello', { idempotencyKey: 'k' }).catch((e: unknown) => e)) as RetryableError;
    expect(held).toBeInstanceOf(RetryableError);
    expect(held.retryAfterMs).toBe(840_000);
    expect(fake.requests.length).toBe(calls);
    clock.advance(840_000);
    await expect(x.reply(target, 'Hello', { idempotencyKey: 'k' })).resolves.toMatchObject({ externalId: expect.any(String) });
    await fake.close();
  });
});

describe('X pollers', () => {
  it('resumes from the stored cursor across a restart: nothing missed, nothing repeated, pages followed', async () => {
    const fake = await startFakeX();
    const env = xEnv(fake.url);
    let x = createXConnector(env, { fetch, now: () => new Date() });
    for (let i = 0; i < 3; i++) fake.publish({ text: `@acme first batch ${i}`, author: user(`u${i}`) });
    const one = await x.pollers![0]!.poll(null, { now: new Date() });
    expect(one.mentions.map((m) => m.text)).toEqual(['@acme first batch 0', '@acme first batch 1', '@acme first batch 2']);
    // A restart: a new connector instance with only the stored cursor.
    x = createXConnector(env, { fetch, now: () => new Date() });
    for (let i = 0; i < 130; i++) fake.publish({ text: `@acme second batch ${i}`, author: user(`v${i % 7}`, 10 + i) });
    const two = await x.pollers![0]!.poll(one.cursor, { now: new Date() });
    expect(two.mentions).toHaveLength(130);
    expect(two.mentions[0]!.text).toBe('@acme second batch 0');
    expect(two.cursor).toBe(fake.tweets.at(-1)!.id);
    const pages = fake.requests.filter((r) => r.path.endsWith('/mentions'));
    expect(pages.at(-1)!.query.get('pagination_token')).toBe('page-100');
    expect(pages.at(-2)!.query.get('since_id')).toBe(one.cursor);
    const three = await x.pollers![0]!.poll(two.cursor, { now: new Date() });
    expect(three).toEqual({ mentions: [], cursor: two.cursor });
    await fake.close();
  });

  it('starts a first run from the last 15 minutes rather than replaying history', async () => {
    const fake = await startFakeX();
    const x = createXConnector(xEnv(fake.url), { fetch, now: () => new Date() });
    fake.publish({ text: '@acme from last year', author: user('old'), createdAt: new Date(Date.now() - 365 * 86_400_000) });
    fake.publish({ text: '@acme just now', author: user('new') });
    const r = await x.pollers![0]!.poll(null, { now: new Date() });
    expect(r.mentions.map((m) => m.text)).toEqual(['@acme just now']);
    expect(fake.requests[0]!.query.get('expansions')).toBe('author_id');
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${X_CREDS.bearer}`);
    await fake.close();
  });

  it('normalises author reach from the expansion and skips the brand\'s own posts', async () => {
    const fake = await startFakeX();
    const x = createXConnector(xEnv(fake.url), { fetch, now: () => new Date() });
    fake.publish({ text: '@acme thanks all', author: { ...user('acme'), id: BRAND_ID } });
    fake.publish({ text: '@acme great service', author: { ...user('big_fan', 250_000), verified: true } });
    const r = await x.pollers![0]!.poll(null, { now: new Date() });
    expect(r.mentions).toHaveLength(1);
    expect(r.mentions[0]!.author).toMatchObject({ handle: 'big_fan', followers: 250_000, verified: true });
    expect(r.mentions[0]!.metrics).toEqual({ likes: 1, shares: 0, replies: 0 });
    await fake.close();
  });

  it('searches brand keywords when X_SEARCH_QUERY is set, excluding retweets in the query', async () => {
    const fake = await startFakeX();
    const x = createXConnector(xEnv(fake.url, { X_SEARCH_QUERY: 'acmebroadband', X_POLL_MENTIONS: 'false' }), { fetch, now: () => new Date() });
    expect(x.pollers!.map((p) => p.stream)).toEqual(['search']);
    fake.publish({ text: 'is AcmeBroadband down for anyone else?', author: user('someone') });
    fake.publish({ text: 'unrelated chatter', author: user('other') });
    const r = await x.pollers![0]!.poll(null, { now: new Date() });
    expect(r.mentions.map((m) => m.text)).toEqual(['is AcmeBroadband down for anyone else?']);
    expect(fake.requests[0]!.query.get('query')).toBe('(acmebroadband) -is:retweet');
    await fake.close();
  });
});

describe('X configuration and signing', () => {
  it('is off when no X variable is set, and names every missing one (never a value) when half set', () => {
    expect(loadXEnv({})).toBeNull();
    const err = (() => {
      try {
        loadXEnv({ X_CONSUMER_SECRET: 'super-secret-value-1' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.problems.map((p) => p.split(':')[0])).toEqual(['X_USER_ID', 'X_CONSUMER_KEY', 'X_ACCESS_TOKEN', 'X_ACCESS_TOKEN_SECRET']);
    expect(err!.message).not.toContain('super-secret-value-1');
    expect(() => loadXEnv({ ...fullEnv(), X_POLL_CRON: 'every minute' })).toThrow(/X_POLL_CRON/);
    expect(loadXEnv(fullEnv())).toMatchObject({ X_API_URL: 'https://api.x.com', X_POLL_MENTIONS: true, X_POLL_CRON: '*/2 * * * *' });
  });

  it('builds the signature base string of RFC 5849 §3.4.1.1: repeated names sorted by value, encoded names, empty values', () => {
    // POST /request?b5=%3D%253D&a3=a&c%40=&a2=r%20b with body c2&a3=2+q, as in the RFC.
    const base = signatureBaseString('POST', 'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b', [
      ['oauth_consumer_key', '9djdj82h48djs9d2'],
      ['oauth_token', 'kkk9d7dh3k39sjv7'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131201'],
      ['oauth_nonce', '7d8f3e4a'],
      ['c2', ''],
      ['a3', '2 q'],
    ]);
    expect(base).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
  });

  it('signs the RFC 5849 §1.2 photos request with its published signature', () => {
    const sig = oauthSignature(
      'GET',
      'http://photos.example.net/photos?file=vacation.jpg&size=original',
      [
        ['oauth_consumer_key', 'dpf43f3p2l4k3l03'],
        ['oauth_token', 'nnch734d00sl2jdk'],
        ['oauth_signature_method', 'HMAC-SHA1'],
        ['oauth_timestamp', '137131202'],
        ['oauth_nonce', 'chapoH'],
      ],
      'kd94hf93k423kf44',
      'pfkkdhi9sl3r4s00',
    );
    expect(sig).toBe('MdpQcU8iPSUjWoN/UDMsK2sui9I=');
  });

  it('signs OAuth 1.0a exactly as the official "Creating a signature" example', () => {
    const sig = oauthSignature(
      'POST',
      'https://api.twitter.com/1.1/statuses/update.json?include_entities=true',
      [
        ['status', 'Hello Ladies + Gentlemen, a signed OAuth request!'],
        ['oauth_consumer_key', 'xvz1evFS4wEEPTGEFPHBog'],
        ['oauth_nonce', 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg'],
        ['oauth_signature_method', 'HMAC-SHA1'],
        ['oauth_timestamp', '1318622958'],
        ['oauth_token', '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb'],
        ['oauth_version', '1.0'],
      ],
      'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
      'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
    );
    expect(sig).toBe('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
  });
});

function fullEnv() {
  return { X_USER_ID: BRAND_ID, X_CONSUMER_KEY: X_CREDS.consumerKey, X_CONSUMER_SECRET: X_CREDS.consumerSecret, X_ACCESS_TOKEN: X_CREDS.token, X_ACCESS_TOKEN_SECRET: X_CREDS.tokenSecret };
}
