/**
 * A failure worth retrying (network error, 5xx, 429). `retryAfterMs` comes from the remote's Retry-After. `refused`
 * says the remote answered that it did nothing (a 429): the retry need not look for a trace of this attempt first.
 */
export class RetryableError extends Error {
  override readonly name = 'RetryableError';
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    readonly refused = false,
  ) {
    super(message);
  }
}

/** A failure no retry can fix (deleted post, revoked token, reply window closed): dead-letter at once. */
export class PermanentError extends Error {
  override readonly name = 'PermanentError';
}

/**
 * Parses an HTTP Retry-After header (seconds or an HTTP date) into milliseconds from `now`.
 * @example retryAfterMs('30', new Date()) // 30000
 */
export function retryAfterMs(header: string | null | undefined, now: Date): number | undefined {
  if (!header) return undefined;
  const secs = Number(header);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
