import { z } from 'zod';
import { cachedAccessToken, callWithToken } from '../access-token.js';
import type { TConnector, TPoller, TReplyTarget, TSentReply } from '../connector.js';
import { callPlatform, type TFetch } from '../platform-http.js';
import { collectNewestFirst } from '../poll-cursor.js';
import { createRateGate } from '../rate-gate.js';
import { textLimitProblem } from '../text-limits.js';
import { PermanentError } from '../../outbox/outbox-errors.js';
import { redditDialect, throwOnJsonErrors } from './dialect.js';
import type { TRedditEnv } from './env.js';
import { createdAt, normaliseThing, ZRedditThing, type TRedditThing } from './normalise.js';

// Five pages of 100 per poll; a bigger burst within one minute is read on the next poll.
const MAX_PAGES = 5;
const REACH_LOOKUPS = 20;
const ZListing = z.object({ data: z.object({ after: z.string().nullish(), children: z.array(z.unknown()) }) });

export interface TConnectorDeps {
  fetch?: TFetch;
  now?: () => Date;
}

/**
 * The Reddit connector: polls the brand account's inbox (username mentions, comment and post replies) and
 * brand keyword searches, replies with /api/comment, follows up with a private message.
 * @example createRedditConnector(loadRedditEnv()!, { fetch, now: () => new Date() })
 */
export function createRedditConnector(env: TRedditEnv, deps: TConnectorDeps = {}): TConnector {
  const nowFn = deps.now ?? (() => new Date());
  // X-Ratelimit-Remaining reaching 0 on a successful call: hold off until X-Ratelimit-Reset instead of earning a 429.
  const gate = createRateGate('Reddit', (h) => (h.has('x-ratelimit-remaining') && Number(h.get('x-ratelimit-remaining')) < 1 ? redditDialect.resetAfterMs!(h, new Date()) : undefined));
  const fetch = gate.wrap(deps.fetch ?? globalThis.fetch, nowFn);
  const api = env.REDDIT_API_URL.replace(/\/+$/, '');
  const userAgent = env.REDDIT_USER_AGENT ?? `earshot/0.1 (by /u/${env.REDDIT_USERNAME})`;

  const token = cachedAccessToken(async (now) => {
    const basic = Buffer.from(`${env.REDDIT_CLIENT_ID}:${env.REDDIT_CLIENT_SECRET}`).toString('base64');
    const body = await callPlatform<{ access_token?: string; expires_in?: number; error?: string }>(
      {
        platform: 'reddit',
        fetch,
        method: 'POST',
        url: env.REDDIT_TOKEN_URL,
        headers: { authorization: `Basic ${basic}`, 'user-agent': userAgent },
        body: new URLSearchParams({ grant_type: 'password', username: env.REDDIT_USERNAME, password: env.REDDIT_PASSWORD }),
        now,
        purpose: 'log in the brand account',
      },
      redditDialect,
    );
    // A wrong password is HTTP 200 with {"error": "invalid_grant"}.
    if (!body?.access_token) throw new PermanentError(`Reddit refused to log in the brand account (${body?.error ?? 'no token'}). Check REDDIT_USERNAME and REDDIT_PASSWORD.`);
    return { token: body.access_token, expiresAt: new Date(now.getTime() + (body.expires_in ?? 3600) * 1000) };
  });

  const call = <T = unknown>(method: 'GET' | 'POST', path: string, now: Date, purpose: string, form?: Record<string, string>) => {
    gate.check(now, purpose);
    return callWithToken<T>({ platform: 'reddit', fetch, method, url: `${api}${path}`, headers: { 'user-agent': userAgent }, body: form && new URLSearchParams(form), now, purpose }, redditDialect, token);
  };

  async function listing(path: string, params: Record<string, string>, cursor: string | null, now: Date, purpose: string) {
    return collectNewestFirst<unknown>({
      cursor,
      now,
      maxPages: MAX_PAGES,
      keys: (c) => {
        const t = ZRedditThing.safeParse(c);
        return t.success ? [{ id: t.data.data.name, at: createdAt(t.data) }] : [];
      },
      orderKey: (c) => {
        const t = ZRedditThing.safeParse(c);
        return t.success ? { id: t.data.data.name, at: createdAt(t.data) } : { id: '', at: new Date(0).toISOString() };
      },
      fetchPage: async (after) => {
        const q = new URLSearchParams({ ...params, limit: '100', raw_json: '1' });
        if (after) q.set('after', after);
        const body = ZListing.parse(await call('GET', `${path}?${q}`, now, purpose));
        return { items: body.data.children, next: body.data.after ?? undefined };
      },
    });
  }

  /**
   * Followers of each author's profile (its user subreddit's subscribers): one call per author, so at most
   * REACH_LOOKUPS a poll to leave the 100-a-minute budget for replies; best effort, stops at the first failure.
   */
  async function toMentions(things: TRedditThing[], now: Date) {
    const followers = new Map<string, number | undefined>();
    for (const author of [...new Set(things.map((t) => t.data.author))].slice(0, REACH_LOOKUPS)) {
      try {
        const about = await call<{ data?: { subreddit?: { subscribers?: number } } }>('GET', `/user/${encodeURIComponent(author)}/about?raw_json=1`, now, 'read the author profile');
        followers.set(author, about?.data?.subreddit?.subscribers);
      } catch {
        // Reach only ranks a mention; losing it must never lose the mention itself.
        break;
      }
    }
    return things.map((t) => normaliseThing(t, env.REDDIT_WEB_URL, followers.get(t.data.author)));
  }

  const self = env.REDDIT_USERNAME.toLowerCase();
  const parse = (items: { item: unknown }[]) =>
    items.map((i) => ZRedditThing.safeParse(i.item)).filter((t) => t.success && t.data.data.author.toLowerCase() !== self).map((t) => t.data!);

  const inbox: TPoller = {
    stream: 'inbox',
    schedule: env.REDDIT_POLL_CRON,
    async poll(cursor, { now }) {
      const { items, cursor: next } = await listing('/message/inbox', {}, cursor, now, 'read the inbox');
      // Comments only: username mentions, comment replies, post replies. Private messages (t4) stay in Reddit.
      return { mentions: await toMentions(parse(items).filter((t) => t.kind === 't1'), now), cursor: next };
    },
  };
  const searches: TPoller[] = env.REDDIT_SEARCH_QUERIES.map((q) => ({
    stream: `search:${q.toLowerCase()}`,
    schedule: env.REDDIT_SEARCH_CRON,
    async poll(cursor, { now }) {
      const { items, cursor: next } = await listing('/search', { q, sort: 'new', type: 'link' }, cursor, now, `search for "${q}"`);
      return { mentions: await toMentions(parse(items), now), cursor: next };
    },
  }));

  return {
    id: 'reddit',
    // 100 queries a minute per OAuth client, shared with polling: keep replies well under it.
    rateLimit: { perSecond: 0.5, burst: 5 },
    pollers: [inbox, ...searches],
    async reply(target, text) {
      const problem = textLimitProblem('reddit', text);
      if (problem) throw new PermanentError(problem);
      const body = await call('POST', '/api/comment', nowFn(), 'reply to the comment', { api_type: 'json', thing_id: fullnameOf(target), text });
      throwOnJsonErrors(body, 'reply to the comment');
      const things = z.object({ json: z.object({ data: z.object({ things: z.array(z.object({ data: z.object({ name: z.string(), permalink: z.string().optional() }) })).min(1) }) }) }).parse(body);
      const made = things.json.data.things[0]!.data;
      return { externalId: made.name, url: made.permalink ? `${env.REDDIT_WEB_URL.replace(/\/+$/, '')}${made.permalink}` : null };
    },
    async sendPrivate(target, text, { idempotencyKey }): Promise<TSentReply> {
      const problem = textLimitProblem('reddit', text);
      if (problem) throw new PermanentError(problem);
      const to = target.author.handle.replace(/^\/?u\//, '');
      const now = nowFn();
      const body = await call('POST', '/api/compose', now, 'send a private message', { api_type: 'json', to, subject: env.REDDIT_MESSAGE_SUBJECT, text });
      throwOnJsonErrors(body, 'send a private message');
      // /api/compose returns no id; the newest matching message in the sent box is the one just sent.
      const sent = ZListing.safeParse(await call('GET', '/message/sent?limit=10&raw_json=1', now, 'read the sent messages').catch(() => null));
      const match = sent.success
        ? sent.data.data.children.map((c) => (c as { data?: { name?: string; dest?: string; body?: string } }).data).find((d) => d?.dest?.toLowerCase() === to.toLowerCase() && d?.body === text)
        : undefined;
      return { externalId: match?.name ?? `compose:${idempotencyKey}`, url: null };
    },
  };
}

/** The fullname to answer: the comment itself (t1_…) or, for a search hit, the post (t3_…). */
function fullnameOf(target: TReplyTarget): string {
  const raw = ZRedditThing.safeParse(target.raw);
  const name = raw.success ? raw.data.data.name : target.inReplyTo;
  if (!/^t[13]_[a-z0-9]+$/i.test(name)) throw new PermanentError('This case does not hold a Reddit comment or post id to reply to. Reply on Reddit directly.');
  return name;
}
