import type { TFailure } from '../contract.js';
import { startJsonServer, type TFakeRequest, type TFakeResponse } from './json-http-server.js';

interface TAccount {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  url: string;
  followers_count: number;
  following_count: number;
  statuses_count: number;
  bot: boolean;
}

interface TStatus {
  id: string;
  uri: string;
  url: string;
  created_at: string;
  content: string;
  spoiler_text: string;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  sensitive: boolean;
  language: string | null;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  account: TAccount;
  mentions: { id: string; username: string; acct: string; url: string }[];
  tags: { name: string; url: string }[];
}

/** A status the brand posted through the API, as the fake stored it. */
export interface TPostedStatus {
  id: string;
  status: string;
  in_reply_to_id: string | null;
  visibility: string;
  idempotencyKey: string | undefined;
}

const WINDOW_MS = 5 * 60 * 1000;

/**
 * A fake Mastodon instance following docs.joinmastodon.org: Bearer auth, notifications and tag timelines
 * paged by max_id/since_id/min_id with Link headers, POST /api/v1/statuses with Idempotency-Key, `{"error"}`
 * bodies, and X-RateLimit-Limit/Remaining/Reset (ISO 8601) on every response.
 */
export async function startFakeMastodon(opts: { token: string; now: () => Date; maxCharacters?: number }) {
  let seq = 110_000_000_000_000_000n;
  const nextId = () => String((seq += 1000n));
  const host = { base: '' };
  const accounts = new Map<string, TAccount>();
  const statuses = new Map<string, TStatus>();
  const notifications: { id: string; type: string; created_at: string; account: TAccount; status: TStatus }[] = [];
  const posted: TPostedStatus[] = [];
  const byKey = new Map<string, TStatus>();
  let failNext: TFailure | null = null;
  let remaining = 300;
  const brand = account('acme', 1200);

  function account(username: string, followers = 10): TAccount {
    const existing = accounts.get(username);
    if (existing) return existing;
    const a: TAccount = {
      id: String(accounts.size + 1),
      username: username.split('@')[0]!,
      acct: username,
      display_name: username.toUpperCase(),
      url: username.includes('@') ? `https://${username.split('@')[1]}/@${username.split('@')[0]}` : `https://social.example/@${username}`,
      followers_count: followers,
      following_count: 3,
      statuses_count: 42,
      bot: false,
    };
    accounts.set(username, a);
    return a;
  }

  function makeStatus(a: TAccount, content: string, extra: Partial<TStatus> = {}): TStatus {
    const id = nextId();
    const s: TStatus = {
      id,
      uri: `https://social.example/users/${a.username}/statuses/${id}`,
      url: `https://social.example/@${a.username}/${id}`,
      created_at: opts.now().toISOString(),
      content,
      spoiler_text: '',
      visibility: 'public',
      sensitive: false,
      language: 'en',
      in_reply_to_id: null,
      in_reply_to_account_id: null,
      replies_count: 0,
      reblogs_count: 0,
      favourites_count: 0,
      account: a,
      mentions: [],
      tags: [],
      ...extra,
    };
    statuses.set(id, s);
    return s;
  }

  function rateHeaders(): Record<string, string> {
    const reset = new Date(Math.floor(opts.now().getTime() / WINDOW_MS) * WINDOW_MS + WINDOW_MS);
    return { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': String(Math.max(0, remaining)), 'x-ratelimit-reset': reset.toISOString() };
  }

  /** Newest-first page of `items` by the Mastodon paging parameters, with its Link header. */
  function page<T extends { id: string }>(req: TFakeRequest, items: T[]): TFakeResponse {
    const cmp = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
    const q = req.query;
    const limit = Math.min(Number(q.get('limit') ?? 20), 40);
    let list = [...items].sort((a, b) => cmp(b.id, a.id));
    const max = q.get('max_id');
    const since = q.get('since_id');
    const min = q.get('min_id');
    if (max) list = list.filter((i) => cmp(i.id, max) < 0);
    if (since) list = list.filter((i) => cmp(i.id, since) > 0);
    if (min) list = list.filter((i) => cmp(i.id, min) > 0).slice(-limit);
    else list = list.slice(0, limit);
    const headers = rateHeaders();
    if (list.length) {
      const self = `${host.base}${req.path}`;
      headers.link = `<${self}?max_id=${list[list.length - 1]!.id}>; rel="next", <${self}?min_id=${list[0]!.id}>; rel="prev"`;
    }
    return { status: 200, headers, body: list };
  }

  function writeFailure(f: TFailure): TFakeResponse {
    switch (f) {
      case 'rate_limited':
        remaining = 0;
        return { status: 429, headers: rateHeaders(), body: { error: 'Too many requests' } };
      case 'server_error':
        return { status: 503, headers: rateHeaders(), body: { error: 'Service Unavailable' } };
      case 'revoked_token':
        return { status: 401, body: { error: 'The access token was revoked' } };
      case 'deleted_post':
        return { status: 404, headers: rateHeaders(), body: { error: 'Record not found' } };
    }
  }

  const server = await startJsonServer((req) => {
    if (req.headers.authorization !== `Bearer ${opts.token}`) return { status: 401, body: { error: 'The access token is invalid' } };
    remaining--;
    if (req.method === 'GET' && req.path === '/api/v1/notifications') {
      const types = req.query.getAll('types[]');
      return page(req, notifications.filter((n) => !types.length || types.includes(n.type)));
    }
    const tag = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(req.path);
    if (req.method === 'GET' && tag) {
      const name = decodeURIComponent(tag[1]!).toLowerCase();
      return page(req, [...statuses.values()].filter((s) => s.visibility === 'public' && s.tags.some((t) => t.name === name)));
    }
    if (req.method === 'GET' && req.path === '/api/v1/accounts/verify_credentials') return { status: 200, headers: rateHeaders(), body: brand };
    if (req.method === 'POST' && req.path === '/api/v1/statuses') {
      if (failNext) {
        const f = failNext;
        failNext = null;
        return writeFailure(f);
      }
      const key = req.headers['idempotency-key'] as string | undefined;
      if (key && byKey.has(key)) return { status: 200, headers: rateHeaders(), body: byKey.get(key) };
      const b = String(req.headers['content-type']).includes('json') ? req.json() : Object.fromEntries(req.form());
      const text = String(b.status ?? '');
      if (countLikeMastodon(text) > (opts.maxCharacters ?? 500)) {
        return { status: 422, headers: rateHeaders(), body: { error: `Validation failed: Text character limit of ${opts.maxCharacters ?? 500} exceeded` } };
      }
      const parent = b.in_reply_to_id ? statuses.get(String(b.in_reply_to_id)) : undefined;
      if (b.in_reply_to_id && !parent) return { status: 404, headers: rateHeaders(), body: { error: 'Record not found' } };
      const s = makeStatus(brand, `<p>${text}</p>`, { visibility: b.visibility ?? 'public', in_reply_to_id: parent?.id ?? null, in_reply_to_account_id: parent?.account.id ?? null });
      posted.push({ id: s.id, status: text, in_reply_to_id: s.in_reply_to_id, visibility: s.visibility, idempotencyKey: key });
      if (key) byKey.set(key, s);
      return { status: 200, headers: rateHeaders(), body: s };
    }
    return { status: 404, body: { error: 'Record not found' } };
  });
  host.base = server.url;

  return {
    url: server.url,
    requests: server.requests,
    brand,
    posted,
    /** Someone mentions the brand: stores the status and a `mention` notification. */
    publishMention(p: { acct: string; content: string; followers?: number; inReplyToId?: string; visibility?: TStatus['visibility']; spoiler?: string }) {
      const a = account(p.acct, p.followers);
      const parent = p.inReplyToId ? statuses.get(p.inReplyToId) : undefined;
      const s = makeStatus(a, p.content, {
        visibility: p.visibility ?? 'public',
        spoiler_text: p.spoiler ?? '',
        in_reply_to_id: parent?.id ?? null,
        in_reply_to_account_id: parent?.account.id ?? null,
        mentions: [{ id: brand.id, username: brand.username, acct: brand.acct, url: brand.url }],
      });
      notifications.push({ id: nextId(), type: 'mention', created_at: s.created_at, account: a, status: s });
      return s;
    },
    /** A public status carrying a hashtag (no notification: the brand is not mentioned). */
    publishTagged(p: { acct: string; content: string; tag: string; asBrand?: boolean }) {
      return makeStatus(p.asBrand ? brand : account(p.acct), p.content, { tags: [{ name: p.tag.toLowerCase(), url: `https://social.example/tags/${p.tag}` }] });
    },
    /** A notification that is not a mention (the poller asks for mentions only). */
    publishFavourite(acct: string) {
      const a = account(acct);
      const s = makeStatus(brand, '<p>our post</p>');
      notifications.push({ id: nextId(), type: 'favourite', created_at: opts.now().toISOString(), account: a, status: s });
    },
    /** The 5-minute budget is spent: the next response reports X-RateLimit-Remaining 0. */
    exhaust() {
      remaining = 1;
    },
    failNextWrite(f: TFailure) {
      failNext = f;
    },
    close: server.close,
  };
}

/** Mastodon's counter (app/validators/status_length_validator.rb): URLs weigh 23, mentions their local part. */
function countLikeMastodon(text: string): number {
  return [...text.replace(/https?:\/\/\S+/g, '#'.repeat(23)).replace(/@(\w+)@[\w.-]+/g, '@$1')].length;
}
