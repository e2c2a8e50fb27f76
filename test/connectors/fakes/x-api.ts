import { oauthSignature, parseOAuthHeader } from '../../../src/connectors/x/oauth1.js';
import { xSignature } from '../../../src/connectors/x/signature.js';
import type { TFailure } from '../contract.js';
import { startJsonServer, type TFakeRequest, type TFakeResponse } from './json-http-server.js';

/**
 * A fake of X API v2 following docs.x.com: OAuth 1.0a user context on writes (signature checked), bearer on
 * reads, `POST /2/tweets`, `POST /2/dm_conversations/with/:id/messages`, `GET /2/users/:id/mentions`,
 * `GET /2/tweets/search/recent` (newest first, since_id / start_time / pagination tokens, author expansion),
 * RFC 7807 error bodies and `x-rate-limit-*` headers. Also builds signed Account Activity deliveries.
 */
export const X_CREDS = {
  consumerKey: 'xck-fake-consumer-key-123',
  consumerSecret: 'xcs-fake-consumer-secret-456',
  token: '1500-fake-access-token-789',
  tokenSecret: 'xats-fake-token-secret-012',
  bearer: 'AAAA-fake-bearer-token-345',
};
export const BRAND_ID = '1500';

export interface TFakeUser {
  id: string;
  username: string;
  name: string;
  followers: number;
  verified: boolean;
}
export interface TFakeTweet {
  id: string;
  text: string;
  author: TFakeUser;
  createdAt: Date;
  inReplyTo?: string;
  conversationId: string;
}

const problem = (status: number, title: string, detail = title): TFakeResponse => ({
  status,
  body: { title, detail, type: 'about:blank', status },
});

export async function startFakeX(opts: { now?: () => Date } = {}) {
  const now = opts.now ?? (() => new Date());
  let seq = 1_800_000_000_000_000_000n;
  const nextId = () => String(++seq);
  const tweets: TFakeTweet[] = [];
  const posted: { id: string; text: string; inReplyTo: string | null }[] = [];
  const dms: { participantId: string; text: string; eventId: string }[] = [];
  let failNext: TFailure | null = null;
  const limitHeaders = (remaining = 99) => ({
    'x-rate-limit-limit': '100',
    'x-rate-limit-remaining': String(remaining),
    'x-rate-limit-reset': String(Math.floor(now().getTime() / 1000) + 900),
  });

  function checkUserContext(req: TFakeRequest, url: string): boolean {
    const h = req.headers.authorization;
    if (!h?.startsWith('OAuth ')) return false;
    const p = parseOAuthHeader(h);
    if (p.get('oauth_consumer_key') !== X_CREDS.consumerKey || p.get('oauth_token') !== X_CREDS.token) return false;
    const params = [...p.entries()].filter(([k]) => k !== 'oauth_signature');
    return oauthSignature(req.method, url, params, X_CREDS.consumerSecret, X_CREDS.tokenSecret) === p.get('oauth_signature');
  }

  function failure(): TFakeResponse | null {
    const f = failNext;
    failNext = null;
    if (f === 'rate_limited') return { ...problem(429, 'Too Many Requests'), headers: limitHeaders(0) };
    if (f === 'server_error') return problem(503, 'Service Unavailable');
    if (f === 'revoked_token') return problem(401, 'Unauthorized');
    if (f === 'deleted_post') return problem(403, 'Forbidden', 'You attempted to reply to a Tweet that is deleted or not visible to you.');
    return null;
  }

  function page(req: TFakeRequest, match: (t: TFakeTweet) => boolean): TFakeResponse {
    if (req.headers.authorization !== `Bearer ${X_CREDS.bearer}`) return problem(401, 'Unauthorized');
    const q = req.query;
    const since = q.get('since_id');
    const start = q.get('start_time');
    const max = Number(q.get('max_results') ?? 10);
    if (max < 5 || max > 100) return { status: 400, body: { errors: [{ message: 'The `max_results` query parameter value is not between 5 and 100' }], title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.twitter.com/2/problems/invalid-request' } };
    const all = tweets
      .filter((t) => match(t) && (!since || BigInt(t.id) > BigInt(since)) && (!start || t.createdAt >= new Date(start)))
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const token = q.get('pagination_token') ?? q.get('next_token');
    const from = token ? Number(token.replace('page-', '')) : 0;
    const slice = all.slice(from, from + max);
    if (slice.length === 0) return { status: 200, headers: limitHeaders(), body: { meta: { result_count: 0 } } };
    const users = [...new Map(slice.map((t) => [t.author.id, t.author])).values()];
    return {
      status: 200,
      headers: limitHeaders(),
      body: {
        data: slice.map((t) => ({
          id: t.id,
          text: t.text,
          author_id: t.author.id,
          created_at: t.createdAt.toISOString(),
          conversation_id: t.conversationId,
          edit_history_tweet_ids: [t.id],
          lang: 'en',
          ...(t.inReplyTo && { referenced_tweets: [{ type: 'replied_to', id: t.inReplyTo }] }),
          public_metrics: { retweet_count: 0, reply_count: 0, like_count: 1, quote_count: 0 },
        })),
        includes: { users: users.map((u) => ({ id: u.id, username: u.username, name: u.name, verified: u.verified, public_metrics: { followers_count: u.followers, following_count: 10, tweet_count: 100, listed_count: 0 } })) },
        meta: { result_count: slice.length, newest_id: slice[0]!.id, oldest_id: slice.at(-1)!.id, ...(from + max < all.length && { next_token: `page-${from + max}` }) },
      },
    };
  }

  const server = await startJsonServer((req) => {
    const url = `${server.url}${req.path}`;
    if (req.method === 'POST' && (req.path === '/2/tweets' || req.path.startsWith('/2/dm_conversations/with/'))) {
      if (!checkUserContext(req, url)) return problem(401, 'Unauthorized');
      const f = failure();
      if (f) return f;
      const body = req.json() as { text?: string; reply?: { in_reply_to_tweet_id?: string } };
      if (!body.text) return { status: 400, body: { errors: [{ message: '$.text: is missing but it is required' }], title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.twitter.com/2/problems/invalid-request' } };
      if (req.path === '/2/tweets') {
        const parent = body.reply?.in_reply_to_tweet_id;
        if (parent && !tweets.some((t) => t.id === parent)) return problem(403, 'Forbidden', 'You attempted to reply to a Tweet that is deleted or not visible to you.');
        if ([...body.text].length > 280) return problem(403, 'Forbidden', 'Your Tweet text is too long.');
        const id = nextId();
        posted.push({ id, text: body.text, inReplyTo: parent ?? null });
        return { status: 201, headers: { ...limitHeaders(), 'x-user-limit-24hour-limit': '100', 'x-user-limit-24hour-remaining': '90', 'x-user-limit-24hour-reset': String(Math.floor(now().getTime() / 1000) + 86_400) }, body: { data: { id, text: body.text, edit_history_tweet_ids: [id] } } };
      }
      const participantId = req.path.split('/')[4]!;
      const eventId = nextId();
      dms.push({ participantId, text: body.text, eventId });
      return { status: 201, headers: limitHeaders(), body: { data: { dm_conversation_id: `${BRAND_ID}-${participantId}`, dm_event_id: eventId } } };
    }
    if (req.method === 'GET' && req.path === `/2/users/${BRAND_ID}/mentions`) return page(req, (t) => t.text.includes('@acme'));
    if (req.method === 'GET' && req.path === '/2/tweets/search/recent') {
      const word = /\(([^)\s]+)/.exec(req.query.get('query') ?? '')?.[1] ?? '';
      return page(req, (t) => t.text.toLowerCase().includes(word.toLowerCase()));
    }
    return problem(404, 'Not Found Error', `Could not find ${req.method} ${req.path}`);
  });

  return {
    url: server.url,
    requests: server.requests,
    tweets,
    posted,
    dms,
    close: server.close,
    failNextWrite(f: TFailure) {
      failNext = f;
    },
    /** A post by someone else, visible to reads from now on. */
    publish(p: { text: string; author: TFakeUser; inReplyTo?: string; createdAt?: Date }): TFakeTweet {
      const id = nextId();
      const parent = p.inReplyTo ? tweets.find((t) => t.id === p.inReplyTo) : undefined;
      const t: TFakeTweet = { id, text: p.text, author: p.author, createdAt: p.createdAt ?? now(), conversationId: parent?.conversationId ?? id, ...(p.inReplyTo && { inReplyTo: p.inReplyTo }) };
      tweets.push(t);
      return t;
    },
  };
}
export type TFakeX = Awaited<ReturnType<typeof startFakeX>>;

/** An Account Activity delivery for new posts, as X sends it: v1.1 Tweet objects under `tweet_create_events`. */
export function accountActivityBody(list: TFakeTweet[], forUserId = BRAND_ID): string {
  return JSON.stringify({
    for_user_id: forUserId,
    tweet_create_events: list.map((t) => ({
      created_at: twitterDate(t.createdAt),
      id: Number(t.id),
      id_str: t.id,
      text: t.text,
      truncated: false,
      in_reply_to_status_id: t.inReplyTo ? Number(t.inReplyTo) : null,
      in_reply_to_status_id_str: t.inReplyTo ?? null,
      user: { id: Number(t.author.id), id_str: t.author.id, name: t.author.name, screen_name: t.author.username, followers_count: t.author.followers, verified: t.author.verified },
      quote_count: 0,
      reply_count: 0,
      retweet_count: 0,
      favorite_count: 0,
      entities: { hashtags: [], urls: [], user_mentions: [{ screen_name: 'acme', id_str: BRAND_ID }] },
      lang: 'en',
      timestamp_ms: String(t.createdAt.getTime()),
    })),
  });
}

/** Headers X puts on a delivery: the body signed with the consumer secret. */
export function deliveryHeaders(body: string, secret = X_CREDS.consumerSecret): Record<string, string> {
  return { 'content-type': 'application/json', 'x-twitter-webhooks-signature': xSignature(secret, body) };
}

/** v1.1's `created_at` format: "Wed Oct 10 20:19:24 +0000 2018". */
function twitterDate(d: Date): string {
  const [wd, day, mon, year, time] = d.toUTCString().replace(',', '').split(' ') as [string, string, string, string, string];
  return `${wd} ${mon} ${day} ${time} +0000 ${year}`;
}
