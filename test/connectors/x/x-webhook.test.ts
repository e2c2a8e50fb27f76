import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createXConnector } from '../../../src/connectors/x/index.js';
import { accountActivityBody, BRAND_ID, deliveryHeaders, startFakeX, X_CREDS } from '../fakes/x-api.js';
import { startWebhookServer } from '../webhook-route/serve-webhooks.js';
import { user, xEnv } from './x-harness.js';

async function setup() {
  const fake = await startFakeX();
  const x = createXConnector(xEnv(fake.url), { fetch, now: () => new Date() });
  const srv = await startWebhookServer({ x: x.webhook! });
  // The answer comes once the delivery is in the inbox; the pipeline then stores it: wait for that too.
  const deliver = async (body: string, headers: Record<string, string> = deliveryHeaders(body)) => {
    const res = await fetch(`${srv.base}/webhooks/x`, { method: 'POST', headers, body });
    await srv.intake.drain();
    return res;
  };
  return { fake, x, ...srv, deliver };
}

describe('X Account Activity webhook through the server', () => {
  it('answers the CRC check with the base64 HMAC of crc_token under the consumer secret', async () => {
    const { base, stored } = await setup();
    const res = await fetch(`${base}/webhooks/x?crc_token=${encodeURIComponent('9b4507b3-8c4c-4b1e-a1d0-1c3f5f0c0a5e')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const expected = 'sha256=' + createHmac('sha256', X_CREDS.consumerSecret).update('9b4507b3-8c4c-4b1e-a1d0-1c3f5f0c0a5e').digest('base64');
    expect(await res.json()).toEqual({ response_token: expected });
    expect(await stored()).toEqual({ mentions: 0, cases: 0, outbox: 0 });
  });

  it.each([
    ['missing', undefined],
    ['signed with another secret', 'another-consumer-secret'],
    ['over a different body', 'tamper'],
  ])('401 and nothing stored when the signature is %s', async (_n, variant) => {
    const { fake, deliver, stored, log } = await setup();
    const body = accountActivityBody([fake.publish({ text: '@acme my bill doubled', author: user('jane_doe') })]);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (variant === 'tamper') headers['x-twitter-webhooks-signature'] = deliveryHeaders(body.replace('doubled', 'tripled'))['x-twitter-webhooks-signature']!;
    else if (variant) headers['x-twitter-webhooks-signature'] = deliveryHeaders(body, variant)['x-twitter-webhooks-signature']!;
    const res = await deliver(body, headers);
    expect(res.status).toBe(401);
    expect(await stored()).toEqual({ mentions: 0, cases: 0, outbox: 0 });
    expect(JSON.stringify(log.lines)).not.toContain(X_CREDS.consumerSecret);
    expect(JSON.stringify(log.lines)).not.toContain('my bill doubled');
  });

  it('stores a customer mention with author reach and parent, and skips the brand\'s own posts and retweets', async () => {
    const { fake, deliver, db } = await setup();
    const brandPost = fake.publish({ text: 'Our new plans are live!', author: { ...user('acme'), id: BRAND_ID } });
    const complaint = fake.publish({ text: '@acme my internet has been down all day, nobody answers', author: { ...user('jane_doe', 48_200), verified: true }, inReplyTo: brandPost.id });
    const body = JSON.parse(accountActivityBody([brandPost, complaint])) as { tweet_create_events: Record<string, unknown>[] };
    body.tweet_create_events.push({ ...body.tweet_create_events[1], id_str: '1900000000000000001', retweeted_status: { id_str: complaint.id } });
    const raw = JSON.stringify(body);
    const res = await deliver(raw);
    expect(res.status).toBe(200);
    const json = (await res.json()) as { received: number; results: { externalId: string; status: string }[] };
    expect(json.results).toEqual([{ externalId: complaint.id, status: 'accepted' }]);
    const m = await db.mention.findFirstOrThrow({ include: { author: true } });
    expect(m).toMatchObject({ platform: 'x', externalId: complaint.id, inReplyTo: brandPost.id, url: `https://x.com/jane_doe/status/${complaint.id}` });
    expect(m.author).toMatchObject({ handle: 'jane_doe', followers: 48_200, verified: true, externalId: complaint.author.id });
    expect(JSON.parse(m.raw!)).toMatchObject({ id_str: complaint.id });
  });

  it('reads the full text of an extended post and ignores other event kinds', async () => {
    const { deliver, db } = await setup();
    const long = '@acme ' + 'the outage is still going on and I work from home. '.repeat(5);
    const body = JSON.stringify({
      for_user_id: BRAND_ID,
      favorite_events: [{ id: 'a7ba59eab0bfcba386f7acedac279542', created_at: 'Mon Mar 26 16:33:26 +0000 2018', favorited_status: {} }],
      tweet_create_events: [
        {
          created_at: 'Mon Nov 23 09:12:00 +0000 2026',
          id_str: '1860000000000000042',
          text: long.slice(0, 140) + '…',
          truncated: true,
          extended_tweet: { full_text: long },
          in_reply_to_status_id_str: null,
          user: { id_str: '777', screen_name: 'remote_worker', name: 'Remote Worker', followers_count: 12, verified: false },
          lang: 'en',
        },
      ],
    });
    expect((await deliver(body)).status).toBe(200);
    const m = await db.mention.findFirstOrThrow();
    expect(m.text).toBe(long);
    expect(m.postedAt.toISOString()).toBe('2026-11-23T09:12:00.000Z');
  });

  it('400 naming the field for a signed delivery of the wrong shape', async () => {
    const { deliver, stored } = await setup();
    const body = JSON.stringify({ tweet_create_events: [] });
    const res = await deliver(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^for_user_id: /);
    expect(await stored()).toEqual({ mentions: 0, cases: 0, outbox: 0 });
  });
});
