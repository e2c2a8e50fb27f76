import { callPlatform, type TFetch, type TPlatformCall, type TPlatformDialect } from './platform-http.js';
import { PermanentError } from '../outbox/outbox-errors.js';

/** A bearer token a connector obtains from its platform (OAuth refresh, password grant, session). */
export interface TAccessToken {
  /** The cached token, fetched first if there is none or it is about to expire. */
  get(now: Date): Promise<string>;
  /** Drops the cached token and obtains a new one (after the platform said it is expired or invalid). */
  refresh(now: Date): Promise<string>;
}

// Renew a minute early so a token never expires between get() and the platform reading it.
const EARLY_MS = 60_000;

/**
 * Caches what `obtain` returns until shortly before it expires; concurrent callers share one request.
 * @example cachedAccessToken(async (now) => ({ token: 'abc', expiresAt: new Date(now.getTime() + 3600_000) }))
 */
export function cachedAccessToken(obtain: (now: Date, previous: string | null) => Promise<{ token: string; expiresAt: Date }>): TAccessToken {
  let current: { token: string; expiresAt: Date } | null = null;
  let pending: Promise<string> | null = null;
  const renew = (now: Date): Promise<string> => {
    pending ??= obtain(now, current?.token ?? null)
      .then((t) => {
        current = t;
        return t.token;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  };
  return {
    async get(now) {
      if (current && current.expiresAt.getTime() - EARLY_MS > now.getTime()) return current.token;
      return renew(now);
    },
    async refresh(now) {
      current = null;
      return renew(now);
    },
  };
}

/**
 * `callPlatform` with a bearer token: when the platform answers that the token is expired (401, or the
 * platform's own signal), the token is renewed once and the call repeated. If renewal is refused for good the
 * original answer stands, so the shared mapping reports a revoked token; tokens never reach error messages.
 */
export async function callWithToken<T = unknown>(
  call: TPlatformCall,
  dialect: TPlatformDialect,
  token: TAccessToken,
  isExpired: (res: Response) => Promise<boolean> = async (res) => res.status === 401,
): Promise<T> {
  let current = await token.get(call.now);
  const inner = call.fetch;
  const fetchWithRefresh: TFetch = async (input, init) => {
    const send = (t: string) => inner(input, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${t}` } });
    const res = await send(current);
    if (!(await isExpired(res.clone()))) return res;
    try {
      current = await token.refresh(call.now);
    } catch (err) {
      if (err instanceof PermanentError) return res;
      throw err;
    }
    return send(current);
  };
  return callPlatform<T>({ ...call, fetch: fetchWithRefresh }, dialect);
}
