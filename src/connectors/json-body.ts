import type { z } from 'zod';
import { formatPath } from '../config/config-error.js';
import { AppError } from '../errors.js';
import type { TInboundRequest } from './connector.js';
import { utf8Body } from './utf8-body.js';

/**
 * Parses a verified webhook body against the platform's payload schema.
 * @throws AppError('VALIDATION') naming the first offending field (never echoing the body), or for bytes that are not UTF-8.
 */
export function readJsonBody<T>(req: TInboundRequest, schema: z.ZodType<T>): T {
  const text = utf8Body(req.rawBody, 'VALIDATION');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new AppError('VALIDATION', `Body is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0]!;
  throw new AppError('VALIDATION', `${formatPath(first.path)}: ${first.message}`);
}
