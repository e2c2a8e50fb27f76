import { z } from 'zod';
import { callWithToken } from '../access-token.js';
import type { TConnector, TPoller, TReplyTarget } from '../connector.js';
import type { TFetch } from '../platform-http.js';
import { collectNewestFirst } from '../poll-cursor.js';
import { textLimitProblem } from '../text-limits.js';
import { PermanentError } from '../../outbox/outbox-errors.js';
import { quotaAwareFetch, youtubeDialect } from './dialect.js';
import type { TYouTubeEnv } from './env.js';
import { googleAccessToken } from './google-api.js';
import { commentUrl, normaliseComment, ZYouTubeComment, ZYouTubeThread, type TYouTubeComment, type TYouTubeThread } from './normalise.js';

// Five pages of 100 threads (5 units) bound one poll's quota; more within 5 minutes is read next time.
const MAX_PAGES = 5;

export interface TConnectorDeps {
  fetch?: TFetch;
  now?: () => Date;
}

/** Said to staff choosing "move offline" on a YouTube case. */
export const YOUTUBE_PRIVATE_UNSUPPORTED = 'YouTube has no private messages. Reply publicly asking the person to contact support (email or web form), or look them up in your CRM.';

/**
 * The YouTube connector: polls the channel's comment threads (commentThreads.list, allThreadsRelatedToChannelId,
 * newest first) and answers with comments.insert under the thread's top-level comment. Brand-keyword search
 * (search.list) is not used: 100 units a call would spend the 10,000-unit day in 100 polls.
 * @example createYouTubeConnector(loadYouTubeEnv()!, { fetch, now: () => new Date() })
 */
export function createYouTubeConnector(env: TYouTubeEnv, deps: TConnectorDeps = {}): TConnector {
  const nowFn = deps.now ?? (() => new Date());
  const fetch = quotaAwareFetch(deps.fetch ?? globalThis.fetch, nowFn);
  const api = env.YOUTUBE_API_URL.replace(/\/+$/, '');
  const token = googleAccessToken({ platform: 'youtube', tokenUrl: env.YOUTUBE_TOKEN_URL, clientId: env.YOUTUBE_CLIENT_ID, clientSecret: env.YOUTUBE_CLIENT_SECRET, refreshToken: env.YOUTUBE_REFRESH_TOKEN, fetch });
  const call = <T = unknown>(method: 'GET' | 'POST', path: string, now: Date, purpose: string, body?: unknown) =>
    callWithToken<T>({ platform: 'youtube', fetch, method, url: `${api}${path}`, body, now, purpose }, youtubeDialect, token);

  /** Subscriber counts of the commenters' channels (channels.list, 1 unit per 50); best effort. */
  async function subscribers(ids: string[], now: Date): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < ids.length; i += 50) {
      try {
        const q = new URLSearchParams({ part: 'statistics', id: ids.slice(i, i + 50).join(','), maxResults: '50' });
        const body = await call<{ items?: unknown[] }>('GET', `/channels?${q}`, now, 'read commenter channels');
        for (const item of body.items ?? []) {
          const c = z.object({ id: z.string(), statistics: z.object({ subscriberCount: z.coerce.number().int().optional(), hiddenSubscriberCount: z.boolean().optional() }).optional() }).safeParse(item);
          if (c.success && c.data.statistics?.subscriberCount !== undefined && !c.data.statistics.hiddenSubscriberCount) out.set(c.data.id, c.data.statistics.subscriberCount);
        }
      } catch {
        // Reach only ranks a mention; losing it must never lose the mention itself.
      }
    }
    return out;
  }

  const comments: TPoller = {
    stream: 'comment-threads',
    schedule: env.YOUTUBE_POLL_CRON,
    async poll(cursor, { now }) {
      const key = (c: TYouTubeComment) => ({ id: c.id, at: c.snippet.publishedAt });
      const { items, cursor: next } = await collectNewestFirst<TYouTubeThread>({
        cursor,
        now,
        maxPages: MAX_PAGES,
        // A thread carries its top-level comment and its latest replies; each is its own mention.
        keys: (t) => [t.snippet.topLevelComment, ...(t.replies?.comments ?? [])].map(key),
        orderKey: (t) => key(t.snippet.topLevelComment),
        fetchPage: async (pageToken) => {
          const q = new URLSearchParams({ part: 'snippet,replies', allThreadsRelatedToChannelId: env.YOUTUBE_CHANNEL_ID, order: 'time', textFormat: 'plainText', maxResults: '100' });
          if (pageToken) q.set('pageToken', pageToken);
          const body = await call<{ items?: unknown[]; nextPageToken?: string }>('GET', `/commentThreads?${q}`, now, 'read comment threads');
          const threads = (body.items ?? []).map((i) => ZYouTubeThread.safeParse(i)).filter((t) => t.success).map((t) => t.data!);
          return { items: threads, next: body.nextPageToken };
        },
      });
      const found = items
        .map(({ item, key: k }) => ({ thread: item, comment: [item.snippet.topLevelComment, ...(item.replies?.comments ?? [])].find((c) => c.id === k.id)! }))
        .filter(({ comment }) => comment.snippet.authorChannelId?.value !== env.YOUTUBE_CHANNEL_ID);
      const subs = found.length ? await subscribers([...new Set(found.map((f) => f.comment.snippet.authorChannelId?.value).filter((v): v is string => !!v))], now) : new Map<string, number>();
      return { mentions: found.map((f) => normaliseComment(f.thread, f.comment, subs.get(f.comment.snippet.authorChannelId?.value ?? ''))), cursor: next };
    },
  };

  return {
    id: 'youtube',
    // comments.insert costs 50 of 10,000 daily units: ~200 replies a day at most, shared with polling.
    rateLimit: { perSecond: 0.2, burst: 5 },
    pollers: [comments],
    privateUnsupported: YOUTUBE_PRIVATE_UNSUPPORTED,
    async reply(target, text) {
      const problem = textLimitProblem('youtube', text);
      if (problem) throw new PermanentError(problem);
      const raw = rawOf(target);
      if (raw.canReply === false) throw new PermanentError('YouTube: replies are turned off for this comment thread (comments disabled or the video is private), so the reply was not sent.');
      const body = await call('POST', '/comments?part=snippet', nowFn(), 'reply to the comment', { snippet: { parentId: raw.threadId, textOriginal: text } });
      const made = ZYouTubeComment.pick({ id: true }).parse(body);
      return { externalId: made.id, url: commentUrl(raw, made.id) };
    },
  };
}

function rawOf(target: TReplyTarget): { threadId: string; videoId?: string; channelId?: string; canReply?: boolean } {
  const parsed = z.object({ threadId: z.string(), videoId: z.string().optional(), channelId: z.string().optional(), canReply: z.boolean().optional() }).safeParse(target.raw);
  if (parsed.success) return parsed.data;
  // Without the payload the thread root is still known: it is the top-level comment id.
  if (target.threadRoot) return { threadId: target.threadRoot };
  throw new PermanentError('This case does not hold the YouTube comment thread to reply to. Reply on YouTube directly.');
}
