import type { TPlatformDialect } from '../platform-http.js';
import { PermanentError, RetryableError } from '../../outbox/outbox-errors.js';

/** Reddit: X-Ratelimit-Reset is seconds until the window resets; error bodies are `{"message","error"}`. */
export const redditDialect: TPlatformDialect = {
  resetAfterMs(headers) {
    const s = Number(headers.get('x-ratelimit-reset'));
    return Number.isFinite(s) && s > 0 ? s * 1000 : undefined;
  },
  errorMessage(body) {
    const b = body as { message?: unknown; error?: unknown } | null;
    if (typeof b?.message === 'string') return b.message.slice(0, 300);
    return typeof b?.error === 'string' ? b.error : undefined;
  },
};

// Error codes Reddit puts in a 200 `json.errors` that no retry can fix (r2/errors.py).
const GONE: Record<string, string> = {
  DELETED_COMMENT: 'the comment was deleted',
  DELETED_LINK: 'the post was deleted',
  THREAD_LOCKED: 'the thread is locked',
  TOO_OLD: 'the post is archived; Reddit no longer accepts replies',
  USER_BLOCKED: 'the author has blocked the brand account',
  NOT_WHITELISTED_BY_USER_MESSAGE: 'the person accepts messages only from people they approved',
  USER_DOESNT_EXIST: 'the account no longer exists',
};

/**
 * Reddit answers many refusals with HTTP 200 and `{"json":{"errors":[[code, message, field]]}}`: RATELIMIT
 * ("try again in 5 minutes") is retried after that time, everything else is permanent.
 */
export function throwOnJsonErrors(body: unknown, purpose: string): void {
  const errors = (body as { json?: { errors?: unknown } } | null)?.json?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return;
  const [code, message] = (errors[0] as unknown[]).map(String);
  if (code === 'RATELIMIT') {
    const m = /(\d+)\s*(second|minute|hour)/i.exec(message ?? '');
    const unit = { second: 1000, minute: 60_000, hour: 3_600_000 }[(m?.[2] ?? 'minute').toLowerCase() as 'second'];
    throw new RetryableError(`Reddit refused to ${purpose}: ${message}`, m ? Number(m[1]) * unit : 60_000);
  }
  const why = GONE[code ?? ''];
  throw new PermanentError(`Reddit refused to ${purpose} (${code}): ${why ?? message ?? 'unknown error'}.`);
}
