import type { TPlatformDialect } from '../platform-http.js';

/**
 * How Bluesky (atproto XRPC) reports limits and errors: `ratelimit-reset` is a Unix time in seconds; error
 * bodies are `{"error": "<Name>", "message": "…"}`.
 */
export const blueskyDialect: TPlatformDialect = {
  resetAfterMs(headers, now) {
    const at = Number(headers.get('ratelimit-reset'));
    return Number.isFinite(at) && at > 0 ? Math.max(1000, at * 1000 - now.getTime()) : undefined;
  },
  errorMessage(body) {
    const b = body as { error?: unknown; message?: unknown } | null;
    if (typeof b?.error !== 'string') return undefined;
    return typeof b.message === 'string' ? `${b.error}: ${b.message.slice(0, 300)}` : b.error;
  },
};

/** XRPC says an access token has expired with 400 ExpiredToken (or 401 for an invalid one). */
export async function isExpiredToken(res: Response): Promise<boolean> {
  if (res.status === 401) return true;
  if (res.status !== 400) return false;
  const body = (await res.json().catch(() => null)) as { error?: string } | null;
  return body?.error === 'ExpiredToken' || body?.error === 'InvalidToken';
}
