export interface TBackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: TBackoffPolicy = { baseMs: 1_000, capMs: 15 * 60_000 };

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries from many items
 * spread out without any of them retrying almost immediately. A Retry-After from the remote is a floor.
 */
export function nextDelayMs(attempt: number, random: () => number, retryAfter?: number, policy = DEFAULT_BACKOFF): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exp / 2 + random() * (exp / 2);
  return Math.max(jittered, retryAfter ?? 0);
}
