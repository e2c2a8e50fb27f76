import { createHmac, timingSafeEqual } from 'node:crypto';

/** `X-Hub-Signature-256` value: `sha256=` + hex HMAC-SHA256 of the raw body with the app secret. */
export function signMetaBody(appSecret: string, body: Buffer | string): string {
  return 'sha256=' + createHmac('sha256', appSecret).update(body).digest('hex');
}

/** Constant-time check of `X-Hub-Signature-256` against the exact bytes received. */
export function verifyMetaSignature(appSecret: string, body: Buffer, header: string | undefined): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice(7), 'hex');
  const expected = createHmac('sha256', appSecret).update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
