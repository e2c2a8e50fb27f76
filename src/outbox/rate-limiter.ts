export interface TRate {
  /** Sustained calls per second. */
  perSecond: number;
  /** Calls allowed at once after a quiet spell. */
  burst: number;
}

interface TBucket {
  tokens: number;
  at: number;
  blockedUntil: number;
}

/**
 * Token buckets per destination (a Slack channel, a Teams thread, a platform account). A 429 blocks the whole
 * destination until its Retry-After, because the remote limits the destination, not the single call.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, TBucket>();

  constructor(private readonly rateFor: (destination: string) => TRate | undefined) {}

  /** 0 when a call may go now (and consumes a token), else the milliseconds to wait. */
  take(destination: string, nowMs: number): number {
    const rate = this.rateFor(destination);
    const b = this.bucket(destination, nowMs, rate);
    if (b.blockedUntil > nowMs) return b.blockedUntil - nowMs;
    if (!rate) return 0;
    b.tokens = Math.min(rate.burst, b.tokens + ((nowMs - b.at) / 1000) * rate.perSecond);
    b.at = nowMs;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - b.tokens) / rate.perSecond) * 1000);
  }

  /** Milliseconds until a 429'd destination may be called again (0 when it is not blocked). */
  blockedFor(destination: string, nowMs: number): number {
    const b = this.buckets.get(destination);
    return b && b.blockedUntil > nowMs ? b.blockedUntil - nowMs : 0;
  }

  block(destination: string, untilMs: number): void {
    const b = this.bucket(destination, untilMs, this.rateFor(destination));
    b.blockedUntil = Math.max(b.blockedUntil, untilMs);
  }

  private bucket(destination: string, nowMs: number, rate: TRate | undefined): TBucket {
    let b = this.buckets.get(destination);
    if (!b) {
      b = { tokens: rate?.burst ?? 1, at: nowMs, blockedUntil: 0 };
      this.buckets.set(destination, b);
    }
    return b;
  }
}
