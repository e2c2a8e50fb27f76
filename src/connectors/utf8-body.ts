import { AppError } from '../errors.js';

/**
 * A request body as text, refusing bytes that are not UTF-8 (JSON must be UTF-8, RFC 8259 §8.1). Decoding them with
 * replacement characters instead would store something other than what was sent, without saying so.
 * @throws AppError (`code`, 400) naming the offset of the first invalid byte; the bytes themselves are not echoed.
 * @example const text = utf8Body(Buffer.from('{"a":1}'), 'INVALID_JSON');
 */
export function utf8Body(raw: Buffer, code: 'INVALID_JSON' | 'VALIDATION'): string {
  const text = raw.toString('utf8');
  // Valid sequences re-encode to the same bytes, so the first difference is the first invalid byte.
  const again = Buffer.from(text, 'utf8');
  if (again.equals(raw)) return text;
  let at = 0;
  while (at < raw.length && raw[at] === again[at]) at++;
  throw new AppError(code, `Body is not valid UTF-8 (first invalid byte at offset ${at}); send JSON encoded as UTF-8.`);
}
