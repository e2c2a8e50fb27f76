import type { TInboundRequest } from '../../../src/connectors/connector.js';
import { createFacebookConnector, ZFacebookEnv } from '../../../src/connectors/facebook/index.js';
import type { TConnectorHarness } from '../contract.js';
import { META, metaDelivery, startFakeGraph, type TFakeGraph } from '../fakes/meta-graph.js';
import { targetFromMention } from '../fakes/reply-target.js';

export const PAGE_POST = `${META.pageId}_900000000000001`;

export function facebookEnv(graphUrl: string) {
  return ZFacebookEnv.parse({
    META_GRAPH_URL: graphUrl,
    META_APP_SECRET: META.appSecret,
    META_VERIFY_TOKEN: META.verifyToken,
    FACEBOOK_PAGE_ID: META.pageId,
    FACEBOOK_PAGE_ACCESS_TOKEN: META.pageToken,
  });
}

/** A `feed` change value as the Page webhook reference shows it for a new comment. */
export function commentChange(p: { commentId: string; text: string; name: string; fromId?: string; parentId?: string; createdTime?: number }) {
  return {
    field: 'feed',
    value: {
      from: { id: p.fromId ?? String(5_000_000 + p.name.length), name: p.name },
      post: { status_type: 'added_photos', is_published: true, updated_time: '2026-11-23T10:00:00+0000', permalink_url: `https://www.facebook.com/acme/posts/pfbid0abc`, promotion_status: 'inactive', id: PAGE_POST },
      message: p.text,
      post_id: PAGE_POST,
      comment_id: p.commentId,
      created_time: p.createdTime ?? Math.floor(Date.now() / 1000),
      item: 'comment',
      parent_id: p.parentId ?? PAGE_POST,
      verb: 'add',
    },
  };
}

export function request(d: { body: string; headers: Record<string, string> }, path = '/webhooks/facebook'): TInboundRequest {
  const h = new Map(Object.entries(d.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: 'POST', url: new URL(`https://earshot.example${path}`), header: (n) => h.get(n.toLowerCase()), rawBody: Buffer.from(d.body) };
}

export async function makeFacebookHarness(): Promise<TConnectorHarness & { fake: TFakeGraph }> {
  const fake = await startFakeGraph();
  fake.add({ id: PAGE_POST, kind: 'post', platform: 'facebook' });
  const connector = createFacebookConnector(facebookEnv(fake.url), { fetch, now: () => new Date() });
  const ids = new Map<string, string>();
  let pending: ReturnType<typeof commentChange>[] = [];
  let n = 0;
  return {
    fake,
    connector,
    intake: 'webhook',
    async publish(post) {
      const commentId = `900000000000001_${7000 + ++n}`;
      fake.add({ id: commentId, kind: 'comment', platform: 'facebook', parentId: PAGE_POST });
      ids.set(commentId, post.id);
      pending.push(commentChange({ commentId, text: post.text, name: post.authorHandle }));
    },
    async receive() {
      const req = request(metaDelivery('page', META.pageId, Math.floor(Date.now() / 1000), pending));
      pending = [];
      const v = connector.webhook!.verify(req, new Date());
      if (v.kind !== 'accepted') throw new Error(`delivery not accepted: ${JSON.stringify(v)}`);
      return { mentions: connector.webhook!.parse(req), cursor: null };
    },
    tamperedRequest() {
      const d = metaDelivery('page', META.pageId, 1, []);
      return request({ body: d.body.replace('"time":1', '"time":2'), headers: d.headers });
    },
    targetFor: targetFromMention,
    platformReplies: () => [
      ...fake.comments.map((c) => ({ inReplyTo: ids.get(c.parentId) ?? c.parentId, text: c.message, private: false })),
      ...fake.messages.map((m) => ({ inReplyTo: ids.get(m.recipient.comment_id ?? '') ?? '?', text: m.text, private: true })),
    ],
    failNextWrite: (f) => fake.failNextWrite(f),
    secrets: [META.appSecret, META.verifyToken, META.pageToken],
    close: fake.close,
  };
}
