import type { TMention } from '../../mention.js';
import type { TPoller } from '../connector.js';
import { pageMentions, TWEET_FIELDS, ZTweetPage } from './tweets-v2.js';
import type { TXClient } from './x-client.js';

/** How far back the very first poll looks, so a fresh install picks up the last few minutes, not history. */
export const FIRST_POLL_LOOKBACK_MS = 15 * 60_000;
// X returns newest first; one run follows pages down to the cursor. 20 × 100 covers any realistic backlog.
const MAX_PAGES = 20;

interface TStreamSpec {
  stream: string;
  path: string;
  query: Record<string, string>;
  /** Name of the paging parameter: `pagination_token` for timelines, `next_token` for search. */
  pageParam: string;
  purpose: string;
}

/**
 * A since_id-cursored X stream. The cursor is the newest tweet id seen, so a restart resumes exactly after it;
 * ids are compared as numbers because X ids outgrow doubles.
 */
function sinceIdPoller(client: TXClient, brandUserId: string, schedule: string, spec: TStreamSpec): TPoller {
  return {
    stream: spec.stream,
    schedule,
    async poll(cursor, { now }) {
      const base: Record<string, string> = { ...spec.query, ...TWEET_FIELDS, max_results: '100' };
      if (cursor) base.since_id = cursor;
      else base.start_time = new Date(now.getTime() - FIRST_POLL_LOOKBACK_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const mentions: TMention[] = [];
      let newest = cursor;
      let token: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const raw = await client.get<unknown>(spec.path, token ? { ...base, [spec.pageParam]: token } : base, spec.purpose);
        const parsed = ZTweetPage.safeParse(raw);
        if (!parsed.success) throw new Error(`X sent an unexpected page while trying to ${spec.purpose}: ${parsed.error.issues[0]?.message}`);
        for (const t of parsed.data.data ?? []) if (!newest || BigInt(t.id) > BigInt(newest)) newest = t.id;
        mentions.push(...pageMentions(parsed.data, brandUserId));
        token = parsed.data.meta?.next_token;
        if (!token) break;
      }
      // Oldest first, so cases open in the order people wrote.
      mentions.sort((a, b) => (BigInt(a.externalId) < BigInt(b.externalId) ? -1 : 1));
      return { mentions, cursor: newest };
    },
  };
}

/** Mentions timeline of the brand account: the fallback when webhooks are unavailable or miss a delivery. */
export function xMentionsPoller(client: TXClient, brandUserId: string, schedule: string): TPoller {
  return sinceIdPoller(client, brandUserId, schedule, {
    stream: 'mentions',
    path: `/2/users/${brandUserId}/mentions`,
    query: {},
    pageParam: 'pagination_token',
    purpose: 'read the brand\'s mentions',
  });
}

/** Brand-keyword search over the last 7 days (recent search); retweets excluded in the query itself. */
export function xSearchPoller(client: TXClient, brandUserId: string, schedule: string, query: string): TPoller {
  return sinceIdPoller(client, brandUserId, schedule, {
    stream: 'search',
    path: '/2/tweets/search/recent',
    query: { query: `(${query}) -is:retweet` },
    pageParam: 'next_token',
    purpose: 'search for the brand\'s keywords',
  });
}
