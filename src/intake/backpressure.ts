import type { Context } from 'hono';
import { isDatabaseUnavailable } from '../store/database-unavailable.js';

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

/** Seconds a sender is asked to wait when the database is down: a restart or fail-over takes a few. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * The refusal an inbound endpoint answers with for `err`, if it is one: a refusal already, or the database being
 * unreachable (503, whatever the endpoint was doing with it). Anything else is the caller's to handle.
 */
export function refusalFor(err: unknown): IntakeRefused | undefined {
  if (err instanceof IntakeRefused) return err;
  if (isDatabaseUnavailable(err)) return new IntakeRefused('DATABASE_UNAVAILABLE', 'The database is unavailable right now; nothing was changed, please retry later.', DATABASE_RETRY_AFTER_SECONDS);
  return undefined;
}

/** The HTTP answer for a refusal: the usual error body, plus Retry-After. */
export function refusalResponse(c: Context, err: IntakeRefused): Response {
  return c.json({ error: { code: err.code, message: err.message } }, err.status, { 'Retry-After': String(err.retryAfterSeconds) });
}

/**
 * Runs an inbound handler, answering a refusal with its status and Retry-After, and times the answer for /metrics
 * (`earshot_intake_ack_seconds{route}`), whatever it is.
 */
export async function answerInbound(c: Context, route: string, observe: (route: string, seconds: number) => void, handle: () => Promise<Response>): Promise<Response> {
  const started = performance.now();
  try {
    return await handle();
  } catch (err) {
    const refused = refusalFor(err);
    if (refused) return refusalResponse(c, refused);
    throw err;
  } finally {
    observe(route, (performance.now() - started) / 1000);
  }
}
