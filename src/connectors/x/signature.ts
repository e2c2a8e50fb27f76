import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `sha256=` + base64 HMAC-SHA256 with the consumer secret: the CRC `response_token` over the `crc_token`, and
 * the `x-twitter-webhooks-signature` over a delivery's raw body.
 */
export function xSignature(consumerSecret: string, data: Buffer | string): string {
  return 'sha256=' + createHmac('sha256', consumerSecret).update(data).digest('base64');
}

/** Constant-time check of `x-twitter-webhooks-signature` against the raw body. */
export function verifyXSignature(consumerSecret: string, body: Buffer, header: string | undefined): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(xSignature(consumerSecret, body));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
