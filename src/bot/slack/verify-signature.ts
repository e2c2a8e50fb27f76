import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack rejects requests older than this; so do we, which stops replays of captured requests. */
export const MAX_SKEW_SECONDS = 5 * 60;

export type TSlackVerification = { ok: true } | { ok: false; reason: string };

/**
 * Checks `X-Slack-Signature` (`v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`) in constant time.
 * Pure: the clock is passed in.
 */
export function verifySlackSignature(
  signingSecret: string,
  rawBody: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  nowMs: number,
): TSlackVerification {
  if (!headers.signature || !headers.timestamp) return { ok: false, reason: 'missing X-Slack-Signature or X-Slack-Request-Timestamp' };
  const ts = Number(headers.timestamp);
  if (!Number.isInteger(ts)) return { ok: false, reason: 'X-Slack-Request-Timestamp is not a number' };
  if (Math.abs(nowMs / 1000 - ts) > MAX_SKEW_SECONDS) return { ok: false, reason: 'request timestamp is more than 5 minutes from now' };
  const expected = Buffer.from(`v0=${createHmac('sha256', signingSecret).update(`v0:${ts}:${rawBody}`).digest('hex')}`);
  const given = Buffer.from(headers.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature does not match' };
  return { ok: true };
}
