import { z } from 'zod';
import type { TAccessToken } from '../access-token.js';
import { callPlatform, type TFetch } from '../platform-http.js';
import { PermanentError } from '../../outbox/outbox-errors.js';
import { blueskyDialect } from './dialect.js';
import type { TBlueskyEnv } from './env.js';

const ZSession = z.object({ accessJwt: z.string(), refreshJwt: z.string(), did: z.string(), handle: z.string() });
type TSession = z.infer<typeof ZSession>;

/** The brand account's atproto session: its tokens plus who it is (DID, handle). */
export interface TBlueskySession extends TAccessToken {
  account(now: Date): Promise<{ did: string; handle: string }>;
}

/**
 * Logs in with the app password (com.atproto.server.createSession) and keeps the session fresh: an expired
 * access token is renewed with com.atproto.server.refreshSession, and only if that is refused does it log in
 * again. Tokens expire when their JWT `exp` says (two hours on bsky.social).
 */
export function blueskySession(env: TBlueskyEnv, fetch: TFetch): TBlueskySession {
  const base = env.BLUESKY_SERVICE_URL.replace(/\/+$/, '');
  let session: TSession | null = null;
  let pending: Promise<TSession> | null = null;

  const call = (method: string, now: Date, init: { body?: unknown; bearer?: string }) =>
    callPlatform(
      {
        platform: 'bluesky',
        fetch,
        method: 'POST',
        url: `${base}/xrpc/${method}`,
        headers: init.bearer ? { authorization: `Bearer ${init.bearer}` } : {},
        body: init.body,
        now,
        purpose: method === 'com.atproto.server.createSession' ? 'log in with the app password' : 'renew the session',
      },
      blueskyDialect,
    ).then((b) => ZSession.parse(b));

  const once = (make: () => Promise<TSession>) => {
    pending ??= make()
      .then((s) => (session = s))
      .finally(() => {
        pending = null;
      });
    return pending;
  };
  const login = (now: Date) => call('com.atproto.server.createSession', now, { body: { identifier: env.BLUESKY_HANDLE, password: env.BLUESKY_APP_PASSWORD } });

  return {
    async get(now) {
      if (session && jwtExpiry(session.accessJwt) - 60_000 > now.getTime()) return session.accessJwt;
      return (await once(() => (session ? renew(session, now) : login(now)))).accessJwt;
    },
    async refresh(now) {
      const old = session;
      session = null;
      return (await once(() => (old ? renew(old, now) : login(now)))).accessJwt;
    },
    async account(now) {
      await this.get(now);
      return { did: session!.did, handle: session!.handle };
    },
  };

  async function renew(old: TSession, now: Date): Promise<TSession> {
    try {
      return await call('com.atproto.server.refreshSession', now, { bearer: old.refreshJwt });
    } catch (err) {
      if (!(err instanceof PermanentError)) throw err;
      return login(now);
    }
  }
}

/** The `exp` of a JWT in ms; 0 (expired) when unreadable, so an odd token is renewed rather than trusted. */
function jwtExpiry(jwt: string): number {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : 0;
  } catch {
    return 0;
  }
}
