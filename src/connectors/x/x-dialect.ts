import type { TPlatformDialect } from '../platform-http.js';
import type { TPauseReader } from '../rate-gate.js';

function resetIn(headers: Headers, name: string, now: Date): number | undefined {
  const epoch = Number(headers.get(name));
  return headers.get(name) && Number.isFinite(epoch) ? Math.max(1000, epoch * 1000 - now.getTime()) : undefined;
}

/** The 24-hour per-user cap on posting outlasts the 15-minute window; whichever is exhausted decides. */
function exhaustedReset(headers: Headers, now: Date): number | undefined {
  if (headers.get('x-user-limit-24hour-remaining') === '0') return resetIn(headers, 'x-user-limit-24hour-reset', now);
  if (headers.get('x-rate-limit-remaining') === '0') return resetIn(headers, 'x-rate-limit-reset', now);
  return undefined;
}

// 403s that are about the post or the person, not the token: no reconnecting fixes them.
const CONTENT_REFUSAL = /deleted|not visible|cannot send messages|not allowed to create a (tweet|post) with duplicate|protected/i;

/** How X API v2 reports limits (`x-rate-limit-*`, epoch-second resets) and errors (RFC 7807 problem bodies). */
export const xDialect: TPlatformDialect = {
  resetAfterMs: (headers, now) => exhaustedReset(headers, now) ?? resetIn(headers, 'x-rate-limit-reset', now),
  errorMessage(body) {
    if (!body || typeof body !== 'object') return undefined;
    const b = body as { detail?: unknown; title?: unknown; errors?: { message?: unknown }[] };
    const first = b.errors?.[0]?.message;
    if (typeof b.detail === 'string' && b.detail !== b.title) return b.detail;
    if (typeof first === 'string') return first;
    return typeof b.detail === 'string' ? b.detail : undefined;
  },
  isPermanent(status, body) {
    return status === 403 && CONTENT_REFUSAL.test(xDialect.errorMessage!(body) ?? '');
  },
};

/** Pause before the next call once a window is used up (read from successful responses too). */
export const xPause: TPauseReader = exhaustedReset;
