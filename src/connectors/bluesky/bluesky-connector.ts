import { z } from 'zod';
import { callWithToken } from '../access-token.js';
import type { TConnector, TPoller, TReplyTarget, TSentReply } from '../connector.js';
import type { TFetch } from '../platform-http.js';
import { collectNewestFirst } from '../poll-cursor.js';
import { createRateGate } from '../rate-gate.js';
import { measureText, textLimitProblem } from '../text-limits.js';
import { PermanentError } from '../../outbox/outbox-errors.js';
import { blueskyDialect, isExpiredToken } from './dialect.js';
import type { TBlueskyEnv } from './env.js';
import { normalisePost, rkeyOf, ZBlueskyPost, type TBlueskyPost, type TReach } from './normalise.js';
import { postFacets } from './facets.js';
import { blueskySession } from './session.js';

// A chat message may hold 1,000 graphemes (chat.bsky.convo.defs#messageInput).
const CHAT_MAX_GRAPHEMES = 1000;
// Ten pages of 50 notifications per poll; a larger burst inside one minute is read on the next poll.
const MAX_PAGES = 10;

export interface TConnectorDeps {
  fetch?: TFetch;
  now?: () => Date;
}

/**
 * The Bluesky connector: polls mention and reply notifications (and brand keyword searches), replies with a
 * threaded post (root + parent strong refs), follows up in a Bluesky chat.
 * @example createBlueskyConnector(loadBlueskyEnv()!, { fetch, now: () => new Date() })
 */
export function createBlueskyConnector(env: TBlueskyEnv, deps: TConnectorDeps = {}): TConnector {
  const nowFn = deps.now ?? (() => new Date());
  // ratelimit-remaining reaching 0: hold off until ratelimit-reset instead of earning a 429.
  const gate = createRateGate('Bluesky', (h, now) => (h.get('ratelimit-remaining') === '0' ? blueskyDialect.resetAfterMs!(h, now) : undefined));
  const fetch = gate.wrap(deps.fetch ?? globalThis.fetch, nowFn);
  const base = env.BLUESKY_SERVICE_URL.replace(/\/+$/, '');
  const session = blueskySession(env, fetch);

  function xrpc<T = unknown>(method: 'GET' | 'POST', nsid: string, opts: { now: Date; purpose: string; query?: URLSearchParams; body?: unknown; chat?: boolean }) {
    gate.check(opts.now, opts.purpose);
    return callWithToken<T>(
      {
        platform: 'bluesky',
        fetch,
        method,
        url: `${base}/xrpc/${nsid}${opts.query ? `?${opts.query}` : ''}`,
        headers: opts.chat ? { 'atproto-proxy': env.BLUESKY_CHAT_PROXY } : {},
        body: opts.body,
        now: opts.now,
        purpose: opts.purpose,
      },
      blueskyDialect,
      session,
      isExpiredToken,
    );
  }

  /** A handle's DID, for a mention facet; through our own XRPC calls, so rate limits and tests see it. */
  async function resolveHandle(handle: string, now: Date): Promise<string> {
    const body = await xrpc<{ did?: unknown }>('GET', 'com.atproto.identity.resolveHandle', { now, query: new URLSearchParams({ handle }), purpose: `resolve @${handle}` });
    return typeof body?.did === 'string' ? body.did : '';
  }

  /** Followers and verification for the authors (getProfiles takes 25 actors a call); best effort. */
  async function reachOf(posts: TBlueskyPost[], now: Date): Promise<TReach> {
    const reach: TReach = new Map();
    const dids = [...new Set(posts.map((p) => p.author.did))];
    for (let i = 0; i < dids.length; i += 25) {
      const query = new URLSearchParams(dids.slice(i, i + 25).map((d): [string, string] => ['actors', d]));
      try {
        const body = await xrpc<{ profiles?: unknown }>('GET', 'app.bsky.actor.getProfiles', { now, query, purpose: 'read author profiles' });
        const profiles = z.array(z.object({ did: z.string(), followersCount: z.number().int().nonnegative().optional(), verification: z.object({ verifiedStatus: z.string() }).optional() })).parse(body.profiles ?? []);
        for (const p of profiles) reach.set(p.did, { followers: p.followersCount, verified: p.verification ? p.verification.verifiedStatus === 'valid' : undefined });
      } catch {
        // Reach only ranks a mention; losing it must never lose the mention itself.
      }
    }
    return reach;
  }

  async function toMentions(posts: TBlueskyPost[], now: Date) {
    const { did } = await session.account(now);
    const theirs = posts.filter((p) => p.author.did !== did);
    const reach = await reachOf(theirs, now);
    return theirs.map((p) => normalisePost(p, env.BLUESKY_APP_URL, reach));
  }

  const notifications: TPoller = {
    stream: 'notifications',
    schedule: env.BLUESKY_POLL_CRON,
    async poll(cursor, { now }) {
      const { items, cursor: next } = await collectNewestFirst<unknown>({
        cursor,
        now,
        maxPages: MAX_PAGES,
        keys: (n) => [{ id: String((n as TBlueskyPost).uri), at: String((n as TBlueskyPost).indexedAt) }],
        fetchPage: async (page) => {
          const query = new URLSearchParams([['limit', '50'], ['reasons', 'mention'], ['reasons', 'reply']]);
          if (page) query.set('cursor', page);
          const body = await xrpc<{ notifications?: unknown[]; cursor?: string }>('GET', 'app.bsky.notification.listNotifications', { now, query, purpose: 'read notifications' });
          return { items: body.notifications ?? [], next: body.cursor };
        },
      });
      const posts = items
        .map((i) => ZBlueskyPost.safeParse(i.item))
        .filter((p) => p.success && (p.data.reason === 'mention' || p.data.reason === 'reply'))
        .map((p) => p.data!);
      return { mentions: await toMentions(posts, now), cursor: next };
    },
  };

  const searches: TPoller[] = env.BLUESKY_SEARCH_QUERIES.map((q) => ({
    stream: `search:${q.toLowerCase()}`,
    schedule: env.BLUESKY_SEARCH_CRON,
    async poll(cursor, { now }) {
      const { items, cursor: next } = await collectNewestFirst<unknown>({
        cursor,
        now,
        maxPages: MAX_PAGES,
        keys: (p) => [{ id: String((p as TBlueskyPost).uri), at: String((p as TBlueskyPost).indexedAt) }],
        fetchPage: async (page) => {
          const query = new URLSearchParams({ q, sort: 'latest', limit: '50' });
          if (page) query.set('cursor', page);
          const body = await xrpc<{ posts?: unknown[]; cursor?: string }>('GET', 'app.bsky.feed.searchPosts', { now, query, purpose: `search posts for "${q}"` });
          return { items: body.posts ?? [], next: body.cursor };
        },
      });
      const posts = items.map((i) => ZBlueskyPost.safeParse(i.item)).filter((p) => p.success).map((p) => p.data!);
      return { mentions: await toMentions(posts, now), cursor: next };
    },
  }));

  return {
    id: 'bluesky',
    // 5,000 write points an hour per account, 3 per created record: about 1,666 posts an hour.
    rateLimit: { perSecond: 0.4, burst: 10 },
    pollers: [notifications, ...searches],
    async reply(target, text) {
      const problem = textLimitProblem('bluesky', text);
      if (problem) throw new PermanentError(problem);
      const post = postOf(target);
      const now = nowFn();
      await assertReplyable(post, now);
      const parent = { uri: post.uri, cid: post.cid };
      const root = post.record.reply?.root ?? parent;
      const { did, handle } = await session.account(now);
      const facets = await postFacets(text, (h) => resolveHandle(h, now));
      const record = { $type: 'app.bsky.feed.post', text, ...(facets && { facets }), createdAt: now.toISOString(), reply: { root, parent } };
      const body = await xrpc('POST', 'com.atproto.repo.createRecord', { now, purpose: 'reply to the post', body: { repo: did, collection: 'app.bsky.feed.post', record } });
      const created = z.object({ uri: z.string(), cid: z.string() }).parse(body);
      return { externalId: created.uri, url: `${env.BLUESKY_APP_URL.replace(/\/+$/, '')}/profile/${handle}/post/${rkeyOf(created.uri)}` };
    },
    async sendPrivate(target, text): Promise<TSentReply> {
      const len = measureText(text, 'graphemes');
      if (len > CHAT_MAX_GRAPHEMES) throw new PermanentError(`Bluesky chat allows ${CHAT_MAX_GRAPHEMES} graphemes; this message has ${len}. Shorten it by ${len - CHAT_MAX_GRAPHEMES}.`);
      const member = target.author.externalId ?? postOf(target).author.did;
      const now = nowFn();
      const convo = await xrpc('GET', 'chat.bsky.convo.getConvoForMembers', { now, chat: true, query: new URLSearchParams({ members: member }), purpose: 'open a chat with the author' });
      const convoId = z.object({ convo: z.object({ id: z.string() }) }).parse(convo).convo.id;
      const facets = await postFacets(text, (h) => resolveHandle(h, now));
      const sent = await xrpc('POST', 'chat.bsky.convo.sendMessage', { now, chat: true, body: { convoId, message: { text, ...(facets && { facets }) } }, purpose: 'send a chat message' });
      return { externalId: z.object({ id: z.string() }).parse(sent).id, url: null };
    },
  };

  /** The PDS accepts replies to deleted or reply-gated posts; the AppView knows better, so ask it first. */
  async function assertReplyable(post: TBlueskyPost, now: Date) {
    const body = await xrpc('GET', 'app.bsky.feed.getPosts', { now, query: new URLSearchParams({ uris: post.uri }), purpose: 'check the post still exists' });
    const views = z.object({ posts: z.array(z.object({ uri: z.string(), viewer: z.object({ replyDisabled: z.boolean().optional() }).optional() })) }).parse(body).posts;
    const view = views.find((v) => v.uri === post.uri);
    if (!view) throw new PermanentError('Bluesky: the post was deleted, so the reply was not sent.');
    if (view.viewer?.replyDisabled) throw new PermanentError('Bluesky: the author limits who can reply to this post, so the reply was not sent. Consider a chat message instead.');
  }
}

function postOf(target: TReplyTarget): TBlueskyPost {
  const parsed = ZBlueskyPost.safeParse(target.raw);
  if (!parsed.success) {
    throw new PermanentError('The original Bluesky post is no longer stored with this case (its uri and cid are needed to thread a reply). Reply on Bluesky directly.');
  }
  return parsed.data;
}
