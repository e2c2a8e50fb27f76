import { describe, expect, it } from 'vitest';
import { createInstagramConnector, loadInstagramEnv } from '../../../src/connectors/instagram/index.js';
import { PermanentError } from '../../../src/outbox/outbox-errors.js';
import { META, metaDelivery, startFakeGraph } from '../fakes/meta-graph.js';
import { targetFromMention } from '../fakes/reply-target.js';
import { startWebhookServer } from '../webhook-route/serve-webhooks.js';
import { igComment, igRequest, instagramEnv, MEDIA_ID } from './instagram-harness.js';

async function setup() {
  const fake = await startFakeGraph();
  const ig = createInstagramConnector(instagramEnv(fake.url), { fetch, now: () => new Date() });
  const srv = await startWebhookServer({ instagram: ig.webhook! });
  // The answer comes once the delivery is in the inbox; the pipeline then stores it: wait for that too.
  const deliver = async (d: { body: string; headers: Record<string, string> }) => {
    const res = await fetch(`${srv.base}/webhooks/instagram`, { method: 'POST', headers: d.headers, body: d.body });
    await srv.intake.drain();
    return res;
  };
  return { fake, ig, ...srv, deliver };
}
const nowSec = () => Math.floor(Date.now() / 1000);

describe('Instagram comments webhook through the server', () => {
  it('answers the hub.challenge handshake', async () => {
    const { base } = await setup();
    const res = await fetch(`${base}/webhooks/instagram?hub.mode=subscribe&hub.challenge=987654321&hub.verify_token=${META.verifyToken}`);
    expect(await res.text()).toBe('987654321');
    expect((await fetch(`${base}/webhooks/instagram?hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=${META.verifyToken}`)).status).toBe(400);
  });

  it('401 and nothing stored for a bad signature', async () => {
    const { deliver, stored } = await setup();
    const d = metaDelivery('instagram', META.igId, nowSec(), [igComment({ id: '17850000000000101', text: 'scam!!', username: 'angry_al' })]);
    const res = await deliver({ body: d.body, headers: { ...d.headers, 'x-hub-signature-256': d.headers['x-hub-signature-256']!.replace(/.$/, (c) => (c === '0' ? '1' : '0')) } });
    expect(res.status).toBe(401);
    expect(await stored()).toEqual({ mentions: 0, cases: 0, outbox: 0 });
  });

  it('stores comments by others threaded on their media or parent comment, skipping the account\'s own', async () => {
    const { deliver, db } = await setup();
    const d = metaDelivery('instagram', META.igId, nowSec(), [
      igComment({ id: '17850000000000201', text: 'my order arrived broken', username: 'jane_doe' }),
      igComment({ id: '17850000000000202', text: 'so sorry, DM us!', username: 'acme', fromId: META.igId, parentId: '17850000000000201' }),
      igComment({ id: '17850000000000203', text: 'still waiting for an answer', username: 'jane_doe', parentId: '17850000000000201' }),
    ]);
    const res = await deliver(d);
    const json = (await res.json()) as { results: { externalId: string; status: string; caseId: string }[] };
    expect(json.results.map((r) => [r.externalId, r.status])).toEqual([
      ['17850000000000201', 'accepted'],
      ['17850000000000203', 'accepted'],
    ]);
    const top = await db.mention.findFirstOrThrow({ where: { externalId: '17850000000000201' }, include: { author: true } });
    // The follow-up joined the case the first comment opened.
    const follow = await db.mention.findFirstOrThrow({ where: { externalId: '17850000000000203' } });
    expect(follow.caseId).toBe(top.caseId);
    expect((await db.caseEvent.findMany({ where: { caseId: top.caseId! }, orderBy: { at: 'asc' } })).map((e) => e.action)).toEqual(['created', 'mention_joined']);
    expect(top).toMatchObject({ inReplyTo: MEDIA_ID, url: null });
    expect(top.author).toMatchObject({ handle: 'jane_doe', profileUrl: 'https://www.instagram.com/jane_doe/' });
  });
});

describe('Instagram replies', () => {
  it('replies to a top-level comment directly and to a reply via its top-level parent', async () => {
    const { fake, ig } = await setup();
    fake.add({ id: '17850000000000301', kind: 'comment', platform: 'instagram' });
    fake.add({ id: '17850000000000302', kind: 'comment', platform: 'instagram', parentId: '17850000000000301' });
    const [top, reply] = ig.webhook!.parse(igRequest(metaDelivery('instagram', META.igId, nowSec(), [
      igComment({ id: '17850000000000301', text: 'hello?', username: 'ann' }),
      igComment({ id: '17850000000000302', text: 'me too', username: 'bob', parentId: '17850000000000301' }),
    ])));
    await ig.reply(targetFromMention(top!), 'Hi Ann!', { idempotencyKey: 'a' });
    await ig.reply(targetFromMention(reply!), 'Hi Bob!', { idempotencyKey: 'b' });
    expect(fake.requests.map((r) => r.path)).toEqual([`/${META.version}/17850000000000301/replies`, `/${META.version}/17850000000000301/replies`]);
    expect(fake.comments.map((c) => c.message)).toEqual(['Hi Ann!', 'Hi Bob!']);
  });

  it('refuses text over 2,200 characters before calling Instagram', async () => {
    const { fake, ig } = await setup();
    const target = { platform: 'instagram' as const, inReplyTo: '1', threadRoot: '1', url: null, author: { handle: 'ann', externalId: null } };
    await expect(ig.reply(target, 'x'.repeat(2201), { idempotencyKey: 'a' })).rejects.toThrow(/Instagram allows 2200 characters/);
    expect(fake.requests).toHaveLength(0);
  });

  it('sends the private reply to the comment within 7 days and refuses after it with a clear sentence', async () => {
    const { fake, ig } = await setup();
    fake.add({ id: '17850000000000401', kind: 'comment', platform: 'instagram' });
    const [fresh] = ig.webhook!.parse(igRequest(metaDelivery('instagram', META.igId, nowSec(), [igComment({ id: '17850000000000401', text: 'refund?', username: 'ann' })])));
    await ig.sendPrivate!(targetFromMention(fresh!), 'We have sent the details here.', { idempotencyKey: 'a' });
    expect(fake.requests.at(-1)!.path).toBe(`/${META.version}/${META.igId}/messages`);
    expect(fake.requests.at(-1)!.json()).toEqual({ recipient: { comment_id: '17850000000000401' }, message: { text: 'We have sent the details here.' } });
    const [old] = ig.webhook!.parse(igRequest(metaDelivery('instagram', META.igId, nowSec() - 8 * 86_400, [igComment({ id: '17850000000000402', text: 'old', username: 'bob' })])));
    const err = (await ig.sendPrivate!(targetFromMention(old!), 'Hi', { idempotencyKey: 'b' }).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toMatch(/private reply window for this comment has closed/);
  });
});

describe('Instagram configuration', () => {
  it('is off without INSTAGRAM_* and validates the account id', () => {
    expect(loadInstagramEnv({})).toBeNull();
    expect(() => loadInstagramEnv({ INSTAGRAM_ACCOUNT_ID: 'acme', INSTAGRAM_ACCESS_TOKEN: META.igToken, META_APP_SECRET: META.appSecret, META_VERIFY_TOKEN: META.verifyToken })).toThrow(/INSTAGRAM_ACCOUNT_ID: must be/);
  });
});
