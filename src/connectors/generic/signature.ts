import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';

/** The value a sender puts in X-Earshot-Signature: `sha256=` + hex HMAC-SHA256 of the raw body. */
export function signGenericBody(secret: string, body: Buffer | string): string {
  return PREFIX + createHmac('sha256', secret).update(body).digest('hex');
}

/** Constant-time check of X-Earshot-Signature against the raw body. */
export function verifyGenericSignature(secret: string, body: Buffer, header: string | undefined | null): boolean {
  if (!header || !header.startsWith(PREFIX)) return false;
  const given = Buffer.from(header.slice(PREFIX.length), 'hex');
  const expected = createHmac('sha256', secret).update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
