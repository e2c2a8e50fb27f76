import type { TPlatform } from '../mention.js';
import { PermanentError, RetryableError, retryAfterMs } from '../outbox/outbox-errors.js';
import { platformName } from './text-limits.js';

export type TFetch = typeof fetch;

export interface TPlatformCall {
  platform: TPlatform;
  fetch: TFetch;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON; URLSearchParams as a form. */
  body?: unknown;
  now: Date;
  /** What the call does, for error messages staff read: "reply to the tweet". */
  purpose: string;
}

/** How a platform reports limits and errors; each connector supplies its own reading of its headers and bodies. */
export interface TPlatformDialect {
  /** Milliseconds until the limit resets, from the platform's own headers (x-rate-limit-reset, X-Ratelimit-Reset…). */
  resetAfterMs?(headers: Headers, now: Date): number | undefined;
  /** The platform's error message from its error body, if it has one. */
  errorMessage?(body: unknown): string | undefined;
  /** Statuses or bodies the platform uses for "gone for good" beyond 404/410 (e.g. Meta's error subcodes). */
  isPermanent?(status: number, body: unknown): boolean;
}

/**
 * One outbound platform call with the failure mapping every connector shares: 429 and 5xx are retried
 * (after the platform's own reset time when it gives one), 401/403 mean a revoked or under-scoped token,
 * 404/410 a deleted post, other 4xx a request no retry can fix. Never logs or echoes the token.
 */
export async function callPlatform<T = unknown>(call: TPlatformCall, dialect: TPlatformDialect = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
  let body: string | undefined;
  if (call.body instanceof URLSearchParams) {
    body = call.body.toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  } else if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers['content-type'] ??= 'application/json';
  }
  const name = platformName(call.platform);
  let res: Response;
  try {
    res = await call.fetch(call.url, { method: call.method, headers, body });
  } catch (err) {
    throw new RetryableError(`${name} could not be reached to ${call.purpose}: ${(err as Error).message}`);
  }
  const text = await res.text();
  const parsed = parseJson(text);
  if (res.ok) return parsed as T;
  const detail = dialect.errorMessage?.(parsed) ?? (text.slice(0, 300) || res.statusText);
  const message = `${name} refused to ${call.purpose} (HTTP ${res.status}): ${detail}`;
  if (res.status === 429) {
    throw new RetryableError(message, retryAfterMs(res.headers.get('retry-after'), call.now) ?? dialect.resetAfterMs?.(res.headers, call.now));
  }
  if (dialect.isPermanent?.(res.status, parsed)) throw new PermanentError(message);
  if (res.status >= 500) throw new RetryableError(message, retryAfterMs(res.headers.get('retry-after'), call.now));
  if (res.status === 401 || res.status === 403) {
    throw new PermanentError(`${message}. The ${name} token may be revoked or missing a permission; an admin must reconnect it.`);
  }
  if (res.status === 404 || res.status === 410) throw new PermanentError(`${message}. The post may have been deleted.`);
  throw new PermanentError(message);
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
