import type { TInboundRequest } from '../../../src/connectors/connector.js';
import { createXConnector, ZXEnv } from '../../../src/connectors/x/index.js';
import type { TMention } from '../../../src/mention.js';
import type { TConnectorHarness } from '../contract.js';
import { accountActivityBody, BRAND_ID, deliveryHeaders, startFakeX, X_CREDS, type TFakeTweet, type TFakeUser } from '../fakes/x-api.js';
import { targetFromMention } from '../fakes/reply-target.js';

/** The X env group pointed at a fake. */
export function xEnv(apiUrl: string, extra: Record<string, string> = {}) {
  return ZXEnv.parse({
    X_API_URL: apiUrl,
    X_USER_ID: BRAND_ID,
    X_CONSUMER_KEY: X_CREDS.consumerKey,
    X_CONSUMER_SECRET: X_CREDS.consumerSecret,
    X_ACCESS_TOKEN: X_CREDS.token,
    X_ACCESS_TOKEN_SECRET: X_CREDS.tokenSecret,
    X_BEARER_TOKEN: X_CREDS.bearer,
    ...extra,
  });
}

export function user(handle: string, followers = 1200): TFakeUser {
  return { id: String(1000 + [...handle].reduce((a, c) => a + c.charCodeAt(0), 0)), username: handle, name: handle.replace('_', ' '), followers, verified: false };
}

/** A signed Account Activity POST as X delivers it. */
export function deliveryRequest(body: string, headers = deliveryHeaders(body)): TInboundRequest {
  const h = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: 'POST', url: new URL('https://earshot.example/webhooks/x'), header: (n) => h.get(n.toLowerCase()), rawBody: Buffer.from(body) };
}

/** Contract harness over the fake; `intake` picks the Account Activity webhook or the mentions poller. */
export async function makeXHarness(intake: 'webhook' | 'poll'): Promise<TConnectorHarness> {
  const fake = await startFakeX();
  const connector = createXConnector(xEnv(fake.url), { fetch, now: () => new Date() });
  const ids = new Map<string, string>(); // platform id → published id
  let pending: TFakeTweet[] = [];
  return {
    connector,
    intake,
    async publish(post) {
      const t = fake.publish({ text: post.text, author: user(post.authorHandle) });
      ids.set(t.id, post.id);
      pending.push(t);
    },
    async receive(cursor) {
      if (intake === 'poll') return connector.pollers![0]!.poll(cursor, { now: new Date() });
      const req = deliveryRequest(accountActivityBody(pending));
      pending = [];
      const v = connector.webhook!.verify(req, new Date());
      if (v.kind !== 'accepted') throw new Error(`delivery not accepted: ${JSON.stringify(v)}`);
      return { mentions: connector.webhook!.parse(req), cursor: null };
    },
    tamperedRequest() {
      const body = accountActivityBody([]);
      return deliveryRequest(body.replace(BRAND_ID, '1501'), deliveryHeaders(body));
    },
    targetFor: (m: TMention) => targetFromMention(m),
    platformReplies: () => [
      ...fake.posted.map((p) => ({ inReplyTo: ids.get(p.inReplyTo ?? '') ?? String(p.inReplyTo), text: p.text, private: false })),
      ...fake.dms.map((d) => ({ inReplyTo: d.participantId, text: d.text, private: true })),
    ],
    failNextWrite: (f) => fake.failNextWrite(f),
    secrets: Object.values(X_CREDS),
    close: fake.close,
  };
}
