/**
 * Slack's per-channel posting limit (about one message a second, short bursts tolerated) as a token bucket per
 * channel. `take` answers 0 when the post may go, else the whole seconds to put in Retry-After.
 */
export class ChannelRateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly opts: { perSecond: number; burst: number; now: () => number }) {}

  take(channel: string): number {
    const now = this.opts.now();
    const b = this.buckets.get(channel) ?? { tokens: this.opts.burst, at: now };
    b.tokens = Math.min(this.opts.burst, b.tokens + ((now - b.at) / 1000) * this.opts.perSecond);
    b.at = now;
    this.buckets.set(channel, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.opts.perSecond));
  }
}
