import { createInstagramConnector, ZInstagramEnv } from '../../../src/connectors/instagram/index.js';
import type { TConnectorHarness } from '../contract.js';
import { request } from '../facebook/facebook-harness.js';
import { META, metaDelivery, startFakeGraph, type TFakeGraph } from '../fakes/meta-graph.js';
import { targetFromMention } from '../fakes/reply-target.js';

export const MEDIA_ID = '17900000000000077';

export function instagramEnv(graphUrl: string) {
  return ZInstagramEnv.parse({
    META_GRAPH_URL: graphUrl,
    META_APP_SECRET: META.appSecret,
    META_VERIFY_TOKEN: META.verifyToken,
    INSTAGRAM_ACCOUNT_ID: META.igId,
    INSTAGRAM_ACCESS_TOKEN: META.igToken,
  });
}

/** A `comments` change value as the Instagram webhook reference shows it. */
export function igComment(p: { id: string; text: string; username: string; fromId?: string; parentId?: string }) {
  return {
    field: 'comments',
    value: {
      from: { id: p.fromId ?? String(8_000_000 + p.username.length), username: p.username },
      media: { id: MEDIA_ID, media_product_type: 'FEED' },
      id: p.id,
      ...(p.parentId && { parent_id: p.parentId }),
      text: p.text,
    },
  };
}

export const igRequest = (d: { body: string; headers: Record<string, string> }) => request(d, '/webhooks/instagram');

export async function makeInstagramHarness(): Promise<TConnectorHarness & { fake: TFakeGraph }> {
  const fake = await startFakeGraph();
  const connector = createInstagramConnector(instagramEnv(fake.url), { fetch, now: () => new Date() });
  const ids = new Map<string, string>();
  let pending: ReturnType<typeof igComment>[] = [];
  let n = 0;
  return {
    fake,
    connector,
    intake: 'webhook',
    noUrlReason: 'the comments webhook carries no permalink, only media and comment ids',
    async publish(post) {
      const id = String(17_850_000_000_000_000 + ++n);
      fake.add({ id, kind: 'comment', platform: 'instagram' });
      ids.set(id, post.id);
      pending.push(igComment({ id, text: post.text, username: post.authorHandle }));
    },
    async receive() {
      const req = igRequest(metaDelivery('instagram', META.igId, Math.floor(Date.now() / 1000), pending));
      pending = [];
      const v = connector.webhook!.verify(req, new Date());
      if (v.kind !== 'accepted') throw new Error(`delivery not accepted: ${JSON.stringify(v)}`);
      return { mentions: connector.webhook!.parse(req), cursor: null };
    },
    tamperedRequest() {
      const d = metaDelivery('instagram', META.igId, 1, []);
      return igRequest({ body: d.body.replace('"instagram"', '"page"'), headers: d.headers });
    },
    targetFor: targetFromMention,
    platformReplies: () => [
      ...fake.comments.map((c) => ({ inReplyTo: ids.get(c.parentId) ?? c.parentId, text: c.message, private: false })),
      ...fake.messages.map((m) => ({ inReplyTo: ids.get(m.recipient.comment_id ?? '') ?? '?', text: m.text, private: true })),
    ],
    failNextWrite: (f) => fake.failNextWrite(f),
    secrets: [META.appSecret, META.verifyToken, META.igToken],
    close: fake.close,
  };
}
