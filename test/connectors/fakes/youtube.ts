import type { TFailure } from '../contract.js';
import { fakeGoogleOAuth, googleError } from './google-oauth.js';
import { startJsonServer, type TFakeResponse } from './json-http-server.js';

interface TComment {
  kind: 'youtube#comment';
  etag: string;
  id: string;
  snippet: Record<string, unknown> & { publishedAt: string; textDisplay: string; textOriginal: string; authorChannelId: { value: string }; parentId?: string };
}
interface TThread {
  kind: 'youtube#commentThread';
  etag: string;
  id: string;
  snippet: { channelId: string; videoId: string; topLevelComment: TComment; canReply: boolean; totalReplyCount: number; isPublic: boolean };
  replies?: { comments: TComment[] };
}

const COST: Record<string, number> = { 'GET /commentThreads': 1, 'GET /channels': 1, 'POST /comments': 50 };

/**
 * A fake YouTube Data API v3 following developers.google.com/youtube/v3: commentThreads.list newest first
 * with nextPageToken, comments.insert (part=snippet, parentId must be a top-level comment), channels.list
 * statistics, Google error bodies with `errors[].reason`, and the daily quota (10,000 units; 403 quotaExceeded).
 */
export async function startFakeYouTube(opts: { clientId: string; clientSecret: string; refreshToken: string; channelId: string; now: () => Date; dailyQuota?: number }) {
  const oauth = fakeGoogleOAuth({ ...opts });
  let seq = 0;
  const id = (p: string) => `${p}${(++seq).toString(36).padStart(8, 'x')}`;
  const threads: TThread[] = [];
  const subscribers = new Map<string, number>();
  const inserted: { parentId: string; text: string; id: string }[] = [];
  let failNext: TFailure | null = null;
  let unitsUsed = 0;

  const comment = (author: string, text: string, videoId: string, parentId?: string): TComment => ({
    kind: 'youtube#comment',
    etag: id('etag'),
    id: parentId ? `${parentId}.${id('r')}` : id('Ugz'),
    snippet: {
      channelId: opts.channelId,
      videoId,
      textDisplay: text,
      textOriginal: text,
      authorDisplayName: `@${author}`,
      authorProfileImageUrl: 'https://yt3.ggpht.com/a.jpg',
      authorChannelUrl: `http://www.youtube.com/@${author}`,
      authorChannelId: { value: author === 'brand' ? opts.channelId : `UC${author.padEnd(22, '0').slice(0, 22)}` },
      canRate: true,
      viewerRating: 'none',
      likeCount: 4,
      publishedAt: opts.now().toISOString(),
      updatedAt: opts.now().toISOString(),
      ...(parentId ? { parentId } : {}),
    },
  });

  const server = await startJsonServer((req) => {
    if (req.path === '/token') return oauth.tokenEndpoint(req);
    const denied = oauth.check(req);
    if (denied) return denied;
    const op = `${req.method} ${req.path}`;
    const cost = COST[op] ?? 0;
    if (unitsUsed + cost > (opts.dailyQuota ?? 10_000)) {
      return googleError(403, 'PERMISSION_DENIED', 'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.', 'quotaExceeded', 'youtube.quota');
    }
    unitsUsed += cost;
    if (op === 'GET /commentThreads') {
      if (req.query.get('allThreadsRelatedToChannelId') !== opts.channelId) return googleError(404, 'NOT_FOUND', 'The channel could not be found.', 'channelNotFound', 'youtube.commentThread');
      const max = Math.min(Number(req.query.get('maxResults') ?? 20), 100);
      const start = Number(req.query.get('pageToken') ?? 0);
      const sorted = [...threads].sort((a, b) => b.snippet.topLevelComment.snippet.publishedAt.localeCompare(a.snippet.topLevelComment.snippet.publishedAt));
      const items = sorted.slice(start, start + max).map((t) => ({ ...t, replies: t.replies && { comments: t.replies.comments.slice(-5) } }));
      return { status: 200, body: { kind: 'youtube#commentThreadListResponse', etag: id('etag'), ...(start + max < sorted.length ? { nextPageToken: String(start + max) } : {}), pageInfo: { totalResults: sorted.length, resultsPerPage: max }, items } };
    }
    if (op === 'GET /channels') {
      const ids = String(req.query.get('id') ?? '').split(',');
      return { status: 200, body: { kind: 'youtube#channelListResponse', items: ids.filter((i) => subscribers.has(i)).map((i) => ({ kind: 'youtube#channel', id: i, statistics: { viewCount: '10', subscriberCount: String(subscribers.get(i)), hiddenSubscriberCount: false, videoCount: '1' } })) } };
    }
    if (op === 'POST /comments') {
      if (req.query.get('part') !== 'snippet') return googleError(400, 'INVALID_ARGUMENT', "'part' is required", 'required');
      if (failNext) {
        const f = failNext;
        failNext = null;
        const failures: Record<TFailure, () => TFakeResponse> = {
          rate_limited: () => googleError(403, 'PERMISSION_DENIED', 'The request cannot be completed because you have exceeded your quota.', 'quotaExceeded', 'youtube.quota'),
          server_error: () => googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.', 'backendError'),
          revoked_token: () => (oauth.revoke(), oauth.check(req)!),
          deleted_post: () => googleError(404, 'NOT_FOUND', 'The parent comment could not be found.', 'parentCommentNotFound', 'youtube.comment'),
        };
        return failures[f]();
      }
      const b = req.json();
      const parentId = String(b?.snippet?.parentId ?? '');
      const thread = threads.find((t) => t.id === parentId);
      if (!thread) return googleError(404, 'NOT_FOUND', 'The parent comment could not be found.', 'parentCommentNotFound', 'youtube.comment');
      if (!thread.snippet.canReply) return googleError(403, 'PERMISSION_DENIED', 'Comments are disabled.', 'commentsDisabled', 'youtube.commentThread');
      const text = String(b?.snippet?.textOriginal ?? '');
      if (text.length > 10_000) return googleError(400, 'INVALID_ARGUMENT', 'The comment is too long.', 'commentTextTooLong', 'youtube.comment');
      const c = comment('brand', text, thread.snippet.videoId, parentId);
      thread.replies = { comments: [...(thread.replies?.comments ?? []), c] };
      thread.snippet.totalReplyCount++;
      inserted.push({ parentId, text, id: c.id });
      return { status: 200, body: c };
    }
    return googleError(404, 'NOT_FOUND', 'Not Found', 'notFound');
  });

  return {
    url: server.url,
    tokenUrl: `${server.url}/token`,
    requests: server.requests,
    inserted,
    units: () => unitsUsed,
    /** A new top-level comment on a channel video. */
    publishComment(p: { author: string; text: string; videoId?: string; subscribers?: number; canReply?: boolean }) {
      const c = comment(p.author, p.text, p.videoId ?? 'dQw4w9WgXcQ');
      if (p.subscribers !== undefined) subscribers.set(c.snippet.authorChannelId.value, p.subscribers);
      const t: TThread = { kind: 'youtube#commentThread', etag: id('etag'), id: c.id, snippet: { channelId: opts.channelId, videoId: c.snippet.videoId as string, topLevelComment: c, canReply: p.canReply ?? true, totalReplyCount: 0, isPublic: true } };
      threads.push(t);
      return t;
    },
    /** A reply inside an existing thread. */
    publishReply(threadId: string, p: { author: string; text: string }) {
      const t = threads.find((x) => x.id === threadId)!;
      const c = comment(p.author, p.text, t.snippet.videoId, threadId);
      t.replies = { comments: [...(t.replies?.comments ?? []), c] };
      t.snippet.totalReplyCount++;
      return c;
    },
    failNextWrite(f: TFailure) {
      failNext = f;
    },
    close: server.close,
  };
}
