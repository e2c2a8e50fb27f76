import type { TConnector, TPoller, TReplyTarget, TSentReply } from '../connector.js';
import { callPlatform, type TFetch, type TPlatformDialect } from '../platform-http.js';
import { createRateGate } from '../rate-gate.js';
import { PermanentError } from '../../outbox/outbox-errors.js';
import type { TMastodonEnv } from './env.js';
import { normaliseStatus, ZMastodonNotification, ZMastodonStatus, type TMastodonNotification, type TMastodonRaw, type TMastodonStatus } from './normalise.js';
import { readForward } from './paging.js';
import { mastodonLengthProblem } from './status-length.js';
import { z } from 'zod';

/** How Mastodon reports limits and errors: X-RateLimit-Reset is an ISO-8601 time; bodies are `{"error": "…"}`. */
export const mastodonDialect: TPlatformDialect = {
  resetAfterMs(headers, now) {
    const at = Date.parse(headers.get('x-ratelimit-reset') ?? '');
    return Number.isNaN(at) ? undefined : Math.max(1000, at - now.getTime());
  },
  errorMessage(body) {
    const e = (body as { error?: unknown } | null)?.error;
    return typeof e === 'string' ? e.slice(0, 300) : undefined;
  },
};

export interface TConnectorDeps {
  fetch?: TFetch;
  now?: () => Date;
}

/**
 * The Mastodon connector: polls the brand account's mention notifications (and brand hashtags), replies with
 * a status in the thread, follows up privately with a `direct` status.
 * @example createMastodonConnector(loadMastodonEnv()!, { fetch, now: () => new Date() })
 */
export function createMastodonConnector(env: TMastodonEnv, deps: TConnectorDeps = {}): TConnector {
  const nowFn = deps.now ?? (() => new Date());
  // X-RateLimit-Remaining reaching 0: hold off until X-RateLimit-Reset instead of earning a 429.
  const gate = createRateGate('Mastodon', (h, now) => (h.get('x-ratelimit-remaining') === '0' ? mastodonDialect.resetAfterMs!(h, now) : undefined));
  const fetch = gate.wrap(deps.fetch ?? globalThis.fetch, nowFn);
  const base = env.MASTODON_INSTANCE_URL.replace(/\/+$/, '');
  const host = new URL(base).host;
  const auth = { authorization: `Bearer ${env.MASTODON_ACCESS_TOKEN}` };

  async function get(path: string, params: URLSearchParams, now: Date, purpose: string) {
    gate.check(now, purpose);
    let link: string | null = null;
    const recordLink: TFetch = async (input, init) => {
      const res = await fetch(input, init);
      link = res.headers.get('link');
      return res;
    };
    const body = await callPlatform({ platform: 'mastodon', fetch: recordLink, method: 'GET', url: `${base}${path}?${params}`, headers: auth, now, purpose }, mastodonDialect);
    return { body, link: link as string | null };
  }

  const notifications: TPoller = {
    stream: 'notifications',
    schedule: env.MASTODON_POLL_CRON,
    async poll(cursor, { now }) {
      const { items, cursor: next } = await readForward<TMastodonNotification>({
        cursor,
        now,
        id: (n) => n.id,
        createdAt: (n) => n.created_at,
        fetchPage: async (params) => {
          params.append('types[]', 'mention');
          const { body, link } = await get('/api/v1/notifications', params, now, 'read mention notifications');
          return { items: z.array(ZMastodonNotification).parse(body), link };
        },
      });
      const mentions = items.filter((n) => n.type === 'mention' && n.status).map((n) => normaliseStatus(n.status!, host, n));
      return { mentions, cursor: next };
    },
  };

  const hashtagPollers: TPoller[] = env.MASTODON_HASHTAGS.map((tag) => ({
    stream: `tag:${tag.toLowerCase()}`,
    schedule: env.MASTODON_SEARCH_CRON,
    async poll(cursor, { now }) {
      const { items, cursor: next } = await readForward<TMastodonStatus>({
        cursor,
        now,
        id: (s) => s.id,
        createdAt: (s) => s.created_at,
        fetchPage: async (params) => {
          const { body, link } = await get(`/api/v1/timelines/tag/${encodeURIComponent(tag)}`, params, now, `read the #${tag} timeline`);
          return { items: z.array(ZMastodonStatus).parse(body), link };
        },
      });
      const self = await ownAccountId(now);
      return { mentions: items.filter((s) => s.account.id !== self).map((s) => normaliseStatus(s, host)), cursor: next };
    },
  }));

  let selfId: string | null = null;
  async function ownAccountId(now: Date): Promise<string> {
    if (selfId) return selfId;
    const { body } = await get('/api/v1/accounts/verify_credentials', new URLSearchParams(), now, 'read the brand account');
    selfId = z.object({ id: z.string() }).parse(body).id;
    return selfId;
  }

  async function postStatus(fields: Record<string, string>, key: string, purpose: string): Promise<TSentReply> {
    gate.check(nowFn(), purpose);
    const body = await callPlatform(
      { platform: 'mastodon', fetch, method: 'POST', url: `${base}/api/v1/statuses`, headers: { ...auth, 'idempotency-key': key }, body: fields, now: nowFn(), purpose },
      mastodonDialect,
    );
    const s = z.object({ id: z.string(), url: z.string().nullish(), uri: z.string() }).parse(body);
    return { externalId: s.id, url: s.url ?? s.uri };
  }

  return {
    id: 'mastodon',
    // Mastodon allows 300 new statuses per 3 hours per account (and 300 API calls per 5 minutes).
    rateLimit: { perSecond: 300 / (3 * 3600), burst: 20 },
    pollers: [notifications, ...hashtagPollers],
    async reply(target, text, { idempotencyKey }) {
      const { status: original } = rawOf(target);
      const { status, added } = withMention(text, original.account.acct);
      const problem = mastodonLengthProblem(status, env.MASTODON_MAX_CHARACTERS, added);
      if (problem) throw new PermanentError(problem);
      // A reply is never more public than what it answers: a direct or followers-only mention stays so.
      return postStatus({ status, in_reply_to_id: original.id, visibility: original.visibility }, idempotencyKey, 'reply to the post');
    },
    async sendPrivate(target, text, { idempotencyKey }) {
      const acct = rawOf(target).status.account.acct;
      const { status, added } = withMention(text, acct);
      const problem = mastodonLengthProblem(status, env.MASTODON_MAX_CHARACTERS, added);
      if (problem) throw new PermanentError(problem);
      return postStatus({ status, visibility: 'direct' }, idempotencyKey, 'send a direct message');
    },
  };
}

/** Mastodon notifies only the accounts a status mentions, so a reply starts with the author's @acct. */
function withMention(text: string, acct: string): { status: string; added: boolean } {
  const mention = `@${acct}`;
  const already = text.toLowerCase().split(/\s+/).includes(mention.toLowerCase());
  return already ? { status: text, added: false } : { status: `${mention} ${text}`, added: true };
}

function rawOf(target: TReplyTarget): { status: TMastodonStatus } {
  const parsed = z.object({ status: ZMastodonStatus }).safeParse(target.raw);
  if (!parsed.success) {
    throw new PermanentError('The original Mastodon post is no longer stored with this case, so Earshot cannot tell which status to answer. Reply on Mastodon directly.');
  }
  return parsed.data as TMastodonRaw;
}
