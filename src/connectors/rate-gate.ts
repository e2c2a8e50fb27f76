import { RetryableError } from '../outbox/outbox-errors.js';
import type { TFetch } from './platform-http.js';

/** Reads a platform's headers on any response: milliseconds to hold off before the next call, if exhausted. */
export type TPauseReader = (headers: Headers, now: Date) => number | undefined;

/**
 * Backs off *before* a limit is hit: platforms announce exhaustion in headers of successful responses
 * (X `x-rate-limit-remaining: 0`, Meta usage at 100 %), so the next call waits instead of earning a 429.
 */
export interface TRateGate {
  /** Throws RetryableError with the remaining wait while the platform has asked us to hold off. */
  check(now: Date, what: string): void;
  /** A fetch that records each response's pause request. */
  wrap(fetch: TFetch, now: () => Date): TFetch;
}

export function createRateGate(platformName: string, readPause: TPauseReader): TRateGate {
  let until = 0;
  return {
    check(now, what) {
      const wait = until - now.getTime();
      if (wait > 0) throw new RetryableError(`${platformName} asked us to slow down; will ${what} in ${Math.ceil(wait / 1000)} s.`, wait);
    },
    wrap(fetch, now) {
      return async (input, init) => {
        const res = await fetch(input, init);
        const t = now();
        const pause = readPause(res.headers, t);
        if (pause !== undefined && pause > 0) until = Math.max(until, t.getTime() + pause);
        return res;
      };
    },
  };
}
