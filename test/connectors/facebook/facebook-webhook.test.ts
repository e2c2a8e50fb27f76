import { describe, expect, it } from 'vitest';
import { createFacebookConnector, loadFacebookEnv } from '../../../src/connectors/facebook/index.js';
import { PermanentError, RetryableError } from '../../../src/outbox/outbox-errors.js';
import { targetFromMention } from '../fakes/reply-target.js';
import { META, metaDelivery, startFakeGraph } from '../fakes/meta-graph.js';
import { startWebhookServer } from '../webhook-route/serve-webhooks.js';
import { commentChange, facebookEnv, PAGE_POST, request } from './facebook-harness.js';

async function setup() {
  const fake = await startFakeGraph();
  fake.add({ id: PAGE_POST, kind: 'post', platform: 'facebook' });
  const fb = createFacebookConnector(facebookEnv(fake.url), { fetch, now: () => new Date() });
  const srv = await startWebhookServer({ facebook: fb.webhook! });
  // The answer comes once the delivery is in the inbox; the pipeline then stores it: wait for that too.
  const deliver = async (d: { body: string; headers: Record<string, string> }) => {
    const res = await fetch(`${srv.base}/webhooks/facebook`, { method: 'POST', headers: d.headers, body: d.body });
    await srv.intake.drain();
    return res;
  };
  return { fake, fb, ...srv, deliver };
}
const now = () => Math.floor(Date.now() / 1000);

describe('Facebook Page webhook through the server', () => {
  it('echoes hub.challenge for the right verify token and refuses a wrong one with 403', async () => {
    const { base, stored } = await setup();
    const ok = await fetch(`${base}/webhooks/facebook?hub.mode=subscribe&hub.verify_token=${META.verifyToken}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const bad = await fetch(`${base}/webhooks/facebook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444`);
    expect(bad.status).toBe(403);
    expect(await bad.text()).not.toContain('1158201444');
    expect(await stored()).toEqual({ mentions: 0, cases: 0, outbox: 0 });
  });

  it.each([
    ['missing', (h: Record<string, string>) => ({ 'content-type': h['content-type']! })],
    ['wrong', (h: Record<string, string>) => ({ ...h, 'x-hub-signature-256': 'sha256=' + '0'.repeat(64) })],
    ['sha1 only', (h: Record<string, string>) => ({ 'content-type': h['content-type']!, 'x-hub-signature': 'sha1=0000' })],
  ])('401 and nothing stored when X-Hub-Signature-256 is %s', async (_n, mutate) => {
    const { deliver, stored, log } = await setup();
    const d = metaDelivery('page', META.pageId, now(), [commentChange({ commentId: '900_1', text: 'Where is my parcel?', name: 'Jane Doe' })]);
    const res = await deliver({ body: d.body, headers: mutate(d.headers) });
    expect(res.status).toBe(401);
    expect(await stored()).toEqual({ mentions: 0, cases: 0, outbox: 0 });
    expect(JSON.stringify(log.lines)).not.toContain(META.appSecret);
  });

  it('stores comments by others with their parent and permalink; skips the Page\'s own comments, likes and edits', async () => {
    const { deliver, db } = await setup();
    const d = metaDelivery('page', META.pageId, now(), [
      commentChange({ commentId: '900000000000001_11', text: 'Your app logs me out every hour', name: 'Jane Doe', fromId: '6001' }),
      commentChange({ commentId: '900000000000001_12', text: 'Thanks for letting us know!', name: 'Acme', fromId: META.pageId }),
      { field: 'feed', value: { item: 'reaction', verb: 'add', reaction_type: 'like', from: { id: '6002', name: 'Sam' }, post_id: PAGE_POST, created_time: now() } },
      { ...commentChange({ commentId: '900000000000001_13', text: 'edited', name: 'Sam' }), value: { ...commentChange({ commentId: '900000000000001_13', text: 'edited', name: 'Sam' }).value, verb: 'edited' } },
    ]);
    const res = await deliver(d);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { received: number }).received).toBe(1);
    const m = await db.mention.findFirstOrThrow({ include: { author: true } });
    expect(m).toMatchObject({ platform: 'facebook', externalId: '900000000000001_11', inReplyTo: PAGE_POST, text: 'Your app logs me out every hour' });
    expect(m.url).toBe('https://www.facebook.com/acme/posts/pfbid0abc?comment_id=900000000000001_11');
    expect(m.author).toMatchObject({ handle: 'Jane Doe', externalId: '6001' });
  });

  it('400 naming the field for a signed change of the wrong shape', async () => {
    const { deliver, stored } = await setup();
    const res = await deliver(metaDelivery('page', META.pageId, now(), [{ field: 'feed', value: { verb: 'add' } }]));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^entry\[0\]\.changes\[0\]\.value: /);
    expect(await stored()).toEqual({ mentions: 0, cases: 0, outbox: 0 });
  });
});

describe('Facebook replies', () => {
  function mentionOf(fb: Awaited<ReturnType<typeof setup>>['fb'], change: ReturnType<typeof commentChange>) {
    return fb.webhook!.parse(request(metaDelivery('page', META.pageId, now(), [change])))[0]!;
  }

  it('answers a reply-to-a-comment under its top-level comment', async () => {
    const { fake, fb } = await setup();
    fake.add({ id: '900000000000001_20', kind: 'comment', platform: 'facebook', parentId: PAGE_POST });
    fake.add({ id: '900000000000001_21', kind: 'comment', platform: 'facebook', parentId: '900000000000001_20' });
    const m = mentionOf(fb, commentChange({ commentId: '900000000000001_21', parentId: '900000000000001_20', text: 'same problem here', name: 'Sam' }));
    const sent = await fb.reply(targetFromMention(m), 'Sam, we are looking into it.', { idempotencyKey: 'k' });
    expect(fake.requests.at(-1)!.path).toBe(`/${META.version}/900000000000001_20/comments`);
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${META.pageToken}`);
    expect(fake.requests.at(-1)!.path + fake.requests.at(-1)!.query.toString()).not.toContain(META.pageToken);
    expect(sent.externalId).toBe(fake.comments[0]!.id);
  });

  it('sends one private reply within 7 days; outside the window or a second time it is a clear permanent error', async () => {
    const { fake, fb } = await setup();
    fake.add({ id: '900000000000001_30', kind: 'comment', platform: 'facebook', parentId: PAGE_POST });
    const m = mentionOf(fb, commentChange({ commentId: '900000000000001_30', text: 'I was double charged', name: 'Jane Doe' }));
    await fb.sendPrivate!(targetFromMention(m), 'Could you send us your order number?', { idempotencyKey: 'k' });
    expect(fake.messages).toEqual([{ senderId: META.pageId, recipient: { comment_id: '900000000000001_30' }, text: 'Could you send us your order number?', id: expect.any(String) }]);
    const again = (await fb.sendPrivate!(targetFromMention(m), 'Hello again', { idempotencyKey: 'k2' }).catch((e: unknown) => e)) as Error;
    expect(again).toBeInstanceOf(PermanentError);
    expect(again.message).toMatch(/private reply window for this comment has closed/);

    const old = mentionOf(fb, commentChange({ commentId: '900000000000001_31', text: 'old', name: 'Old', createdTime: now() - 8 * 86_400 }));
    const calls = fake.requests.length;
    await expect(fb.sendPrivate!(targetFromMention(old), 'Hi', { idempotencyKey: 'k3' })).rejects.toThrow(/within 7 days/);
    expect(fake.requests.length).toBe(calls);
  });

  it('maps Graph throttling to a retry after Meta\'s estimate, and an expired token to a permanent error', async () => {
    const { fake, fb } = await setup();
    fake.add({ id: '900000000000001_40', kind: 'comment', platform: 'facebook', parentId: PAGE_POST });
    const m = mentionOf(fb, commentChange({ commentId: '900000000000001_40', text: 'hello', name: 'Jo' }));
    fake.failNextWrite('rate_limited');
    const limited = (await fb.reply(targetFromMention(m), 'Hi Jo', { idempotencyKey: 'k' }).catch((e: unknown) => e)) as RetryableError;
    expect(limited).toBeInstanceOf(RetryableError);
    expect(limited.retryAfterMs).toBe(5 * 60_000);
    const fb2 = createFacebookConnector(facebookEnv(fake.url), { fetch, now: () => new Date() });
    fake.failNextWrite('revoked_token');
    const revoked = (await fb2.reply(targetFromMention(m), 'Hi Jo', { idempotencyKey: 'k' }).catch((e: unknown) => e)) as Error;
    expect(revoked).toBeInstanceOf(PermanentError);
    expect(revoked.message).toMatch(/token may be revoked/);
    expect(revoked.message).not.toContain(META.pageToken);
  });
});

describe('Facebook configuration', () => {
  it('is off without FACEBOOK_* and names what is missing when half set', () => {
    expect(loadFacebookEnv({ META_APP_SECRET: 'shared-with-instagram' })).toBeNull();
    expect(() => loadFacebookEnv({ FACEBOOK_PAGE_ID: '123' })).toThrow(/META_APP_SECRET[\s\S]*META_VERIFY_TOKEN[\s\S]*FACEBOOK_PAGE_ACCESS_TOKEN/);
    const env = loadFacebookEnv({ FACEBOOK_PAGE_ID: '123', FACEBOOK_PAGE_ACCESS_TOKEN: META.pageToken, META_APP_SECRET: META.appSecret, META_VERIFY_TOKEN: META.verifyToken });
    expect(env?.META_GRAPH_URL).toBe('https://graph.facebook.com/v25.0');
  });
});
