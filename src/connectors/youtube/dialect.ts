import type { TPlatformDialect, TFetch } from '../platform-http.js';
import { googleErrorMessage, googleReason, msToNextMinute, msUntilPacificMidnight } from './google-api.js';

const DAILY_QUOTA = new Set(['quotaExceeded', 'dailyLimitExceeded']);
const PER_MINUTE = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);
// 403 reasons about the comment, not the token: permanent, without "reconnect the token" advice.
const COMMENT_REFUSALS = new Set(['commentsDisabled', 'parentCommentIsPrivate', 'operationNotSupported', 'ineligibleAccount', 'processingFailure']);

export const youtubeDialect: TPlatformDialect = {
  resetAfterMs: (_headers, now) => msToNextMinute(now),
  errorMessage: googleErrorMessage,
  isPermanent: (status, body) => status === 400 || (status === 403 && COMMENT_REFUSALS.has(googleReason(body) ?? '')),
};

/**
 * YouTube signals exhausted quota with 403 (quotaExceeded: the daily 10,000 units; rateLimitExceeded: too
 * fast). Neither is permanent, so such answers are presented to the shared mapping as the 429 they mean,
 * with Retry-After at midnight Pacific (daily quota reset) or the next minute.
 */
export function quotaAwareFetch(fetch: TFetch, now: () => Date): TFetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    if (res.status !== 403) return res;
    const text = await res.text();
    let reason: string | undefined;
    try {
      reason = googleReason(JSON.parse(text));
    } catch {
      reason = undefined;
    }
    const wait = DAILY_QUOTA.has(reason ?? '') ? msUntilPacificMidnight(now()) : PER_MINUTE.has(reason ?? '') ? msToNextMinute(now()) : undefined;
    if (wait === undefined) return new Response(text, { status: 403, headers: res.headers });
    const headers = new Headers(res.headers);
    headers.set('retry-after', String(Math.ceil(wait / 1000)));
    return new Response(text, { status: 429, statusText: 'Quota exceeded (YouTube answered 403)', headers });
  };
}
