import { z } from 'zod';
import { callWithToken } from '../access-token.js';
import type { TConnector, TPoller, TReplyTarget } from '../connector.js';
import type { TFetch, TPlatformDialect } from '../platform-http.js';
import { collectNewestFirst } from '../poll-cursor.js';
import { textLimitProblem } from '../text-limits.js';
import { PermanentError } from '../../outbox/outbox-errors.js';
import { googleAccessToken, googleErrorMessage, msToNextMinute } from '../youtube/google-api.js';
import type { TGoogleReviewsEnv } from './env.js';
import { normaliseReview, ZReview, type TReview } from './normalise.js';

// Ten pages of 50 reviews per location per poll.
const MAX_PAGES = 10;

/** Business Profile quotas are per minute (300 QPM) and 429 carries no Retry-After: wait for the next minute. */
export const googleReviewsDialect: TPlatformDialect = { resetAfterMs: (_h, now) => msToNextMinute(now), errorMessage: googleErrorMessage };

/** Said to staff choosing "move offline" on a review. */
export const GOOGLE_REVIEWS_PRIVATE_UNSUPPORTED =
  'Google reviews have no private messages. Reply publicly with a way to reach support (phone or email), or contact the customer through your CRM.';

export interface TConnectorDeps {
  fetch?: TFetch;
  now?: () => Date;
}

/**
 * The Google Business Profile reviews connector: polls each location's reviews (newest updateTime first) and
 * answers with the owner reply (PUT …/reviews/{id}/reply, which also replaces an earlier reply).
 * @example createGoogleReviewsConnector(loadGoogleReviewsEnv()!, { fetch, now: () => new Date() })
 */
export function createGoogleReviewsConnector(env: TGoogleReviewsEnv, deps: TConnectorDeps = {}): TConnector {
  const fetch = deps.fetch ?? globalThis.fetch;
  const nowFn = deps.now ?? (() => new Date());
  const api = env.GOOGLE_REVIEWS_API_URL.replace(/\/+$/, '');
  const token = googleAccessToken({
    platform: 'google_reviews',
    tokenUrl: env.GOOGLE_REVIEWS_TOKEN_URL,
    clientId: env.GOOGLE_REVIEWS_CLIENT_ID,
    clientSecret: env.GOOGLE_REVIEWS_CLIENT_SECRET,
    refreshToken: env.GOOGLE_REVIEWS_REFRESH_TOKEN,
    fetch,
  });
  const call = <T = unknown>(method: 'GET' | 'PUT', path: string, now: Date, purpose: string, body?: unknown) =>
    callWithToken<T>({ platform: 'google_reviews', fetch, method, url: `${api}/${path}`, body, now, purpose }, googleReviewsDialect, token);

  const pollers: TPoller[] = env.GOOGLE_REVIEWS_LOCATION_IDS.map((location) => ({
    stream: `reviews:${location}`,
    schedule: env.GOOGLE_REVIEWS_POLL_CRON,
    async poll(cursor, { now }) {
      const { items, cursor: next } = await collectNewestFirst<TReview>({
        cursor,
        now,
        maxPages: MAX_PAGES,
        // Keyed by version, so an edited review (new updateTime) comes round again as a follow-up.
        keys: (r) => [{ id: `${r.reviewId}@${r.updateTime}`, at: r.updateTime }],
        fetchPage: async (pageToken) => {
          const q = new URLSearchParams({ pageSize: '50', orderBy: 'updateTime desc' });
          if (pageToken) q.set('pageToken', pageToken);
          const body = await call<{ reviews?: unknown[]; nextPageToken?: string }>('GET', `accounts/${env.GOOGLE_REVIEWS_ACCOUNT_ID}/locations/${location}/reviews?${q}`, now, 'read reviews');
          const reviews = (body.reviews ?? []).map((r) => ZReview.safeParse(r)).filter((r) => r.success).map((r) => r.data!);
          return { items: reviews, next: body.nextPageToken };
        },
      });
      return { mentions: items.map((i) => normaliseReview(i.item, env.GOOGLE_REVIEWS_LINK_URL)), cursor: next };
    },
  }));

  return {
    id: 'google_reviews',
    // 300 requests a minute per project, shared with polling.
    rateLimit: { perSecond: 1, burst: 5 },
    pollers,
    privateUnsupported: GOOGLE_REVIEWS_PRIVATE_UNSUPPORTED,
    async reply(target, text) {
      const problem = textLimitProblem('google_reviews', text);
      if (problem) throw new PermanentError(problem);
      const name = reviewName(target);
      const body = await call('PUT', `${name}/reply`, nowFn(), 'reply to the review', { comment: text });
      z.object({ comment: z.string(), updateTime: z.string() }).parse(body);
      return { externalId: `${name}/reply`, url: env.GOOGLE_REVIEWS_LINK_URL };
    },
  };
}

function reviewName(target: TReplyTarget): string {
  const parsed = ZReview.safeParse(target.raw);
  if (!parsed.success) throw new PermanentError('This case does not hold the Google review to answer. Reply in Google Business Profile directly.');
  return parsed.data.name;
}
