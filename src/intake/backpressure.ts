import type { Context } from 'hono';

/**
 * Why the inbox will not take a mention right now. Never a loss: nothing was stored, and the sender is told when to
 * come back (`Retry-After`), which every webhook platform and the generic bridge's senders honour by retrying.
 */
export class IntakeRefused extends Error {
  override readonly name = 'IntakeRefused';
  constructor(
    readonly code: 'INBOX_FULL' | 'DATABASE_UNAVAILABLE',
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }

  /** 429 for a full inbox (slow down), 503 for a database the inbox cannot write to (come back later). */
  get status(): 429 | 503 {
    return this.code === 'INBOX_FULL' ? 429 : 503;
  }
}

/** Retry-After for a full inbox: how long the pipeline needs to work off the excess, between 1 s and a minute. */
export function retryAfterFor(depth: number, highWater: number, ratePerSecond: number): number {
  const excess = Math.max(1, depth - highWater * 0.9);
  return Math.min(60, Math.max(1, Math.ceil(excess / Math.max(ratePerSecond, 50))));
}

/** The HTTP answer for a refusal: the usual error body, plus Retry-After. */
export function refusalResponse(c: Context, err: IntakeRefused): Response {
  return c.json({ error: { code: err.code, message: err.message } }, err.status, { 'Retry-After': String(err.retryAfterSeconds) });
}
