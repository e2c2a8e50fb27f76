import type { TFailure } from '../contract.js';
import { fakeGoogleOAuth, googleError } from './google-oauth.js';
import { startJsonServer, type TFakeResponse } from './json-http-server.js';

type TStars = 'ONE' | 'TWO' | 'THREE' | 'FOUR' | 'FIVE';
interface TReview {
  name: string;
  reviewId: string;
  reviewer: { displayName?: string; profilePhotoUrl?: string; isAnonymous?: boolean };
  starRating: TStars;
  comment?: string;
  createTime: string;
  updateTime: string;
  reviewReply?: { comment: string; updateTime: string };
}

/**
 * A fake Google Business Profile reviews API (mybusiness v4 accounts.locations.reviews): list ordered by
 * `updateTime desc` with pageSize/nextPageToken, PUT …/reply returning the ReviewReply, Google error bodies,
 * and 429 RESOURCE_EXHAUSTED without Retry-After when the per-minute quota is spent.
 */
export async function startFakeGoogleReviews(opts: { clientId: string; clientSecret: string; refreshToken: string; accountId: string; now: () => Date }) {
  const oauth = fakeGoogleOAuth(opts);
  let seq = 0;
  const reviews: TReview[] = [];
  const replies: { name: string; comment: string }[] = [];
  let failNext: TFailure | null = null;
  const notFound = () => googleError(404, 'NOT_FOUND', 'Requested entity was not found.', 'notFound');

  const server = await startJsonServer((req) => {
    if (req.path === '/token') return oauth.tokenEndpoint(req);
    const denied = oauth.check(req);
    if (denied) return denied;
    const list = /^\/v4\/accounts\/(\d+)\/locations\/(\d+)\/reviews$/.exec(req.path);
    if (req.method === 'GET' && list) {
      if (list[1] !== opts.accountId) return googleError(403, 'PERMISSION_DENIED', 'The caller does not have permission', 'forbidden');
      const size = Math.min(Number(req.query.get('pageSize') ?? 50), 50);
      const start = Number(req.query.get('pageToken') ?? 0);
      const mine = reviews.filter((r) => r.name.startsWith(`accounts/${list[1]}/locations/${list[2]}/`)).sort((a, b) => b.updateTime.localeCompare(a.updateTime));
      const page = mine.slice(start, start + size);
      const avg = mine.length ? mine.reduce((s, r) => s + ['ONE', 'TWO', 'THREE', 'FOUR', 'FIVE'].indexOf(r.starRating) + 1, 0) / mine.length : 0;
      return { status: 200, body: { reviews: page, averageRating: avg, totalReviewCount: mine.length, ...(start + size < mine.length ? { nextPageToken: String(start + size) } : {}) } };
    }
    const reply = /^\/v4\/(accounts\/\d+\/locations\/\d+\/reviews\/[\w-]+)\/reply$/.exec(req.path);
    if (req.method === 'PUT' && reply) {
      if (failNext) {
        const f = failNext;
        failNext = null;
        const failures: Record<TFailure, () => TFakeResponse> = {
          rate_limited: () => googleError(429, 'RESOURCE_EXHAUSTED', "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute' of service 'mybusiness.googleapis.com'.", 'rateLimitExceeded'),
          server_error: () => googleError(500, 'INTERNAL', 'Internal error encountered.', 'backendError'),
          revoked_token: () => (oauth.revoke(), oauth.check(req)!),
          deleted_post: notFound,
        };
        return failures[f]();
      }
      const review = reviews.find((r) => r.name === reply[1]);
      if (!review) return notFound();
      const comment = req.json()?.comment;
      if (typeof comment !== 'string' || !comment) return googleError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', 'badRequest');
      review.reviewReply = { comment, updateTime: opts.now().toISOString() };
      replies.push({ name: review.name, comment });
      return { status: 200, body: review.reviewReply };
    }
    return notFound();
  });

  return {
    url: `${server.url}/v4`,
    tokenUrl: `${server.url}/token`,
    requests: server.requests,
    replies,
    publishReview(p: { location: string; reviewer: string | null; stars: TStars; comment?: string }) {
      const id = `AbFvOq${(++seq).toString(36).padStart(6, '0')}`;
      const t = opts.now().toISOString();
      const r: TReview = {
        name: `accounts/${opts.accountId}/locations/${p.location}/reviews/${id}`,
        reviewId: id,
        reviewer: p.reviewer ? { displayName: p.reviewer, profilePhotoUrl: 'https://lh3.googleusercontent.com/a/x' } : { isAnonymous: true },
        starRating: p.stars,
        ...(p.comment !== undefined ? { comment: p.comment } : {}),
        createTime: t,
        updateTime: t,
      };
      reviews.push(r);
      return r;
    },
    /** The reviewer edits their review. */
    editReview(name: string, comment: string, stars: TStars) {
      const r = reviews.find((x) => x.name === name)!;
      Object.assign(r, { comment, starRating: stars, updateTime: opts.now().toISOString() });
      return r;
    },
    failNextWrite(f: TFailure) {
      failNext = f;
    },
    close: server.close,
  };
}
