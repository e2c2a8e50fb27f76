import { callPlatform, type TFetch } from '../platform-http.js';
import { createRateGate } from '../rate-gate.js';
import type { TXEnv } from './env.js';
import { oauth1Header } from './oauth1.js';
import { xDialect, xPause } from './x-dialect.js';

export interface TXClient {
  /** App-only (bearer) read when a bearer token is configured, else user context. */
  get<T>(path: string, query: Record<string, string>, purpose: string): Promise<T>;
  /** User-context JSON write as the brand account. */
  post<T>(path: string, body: unknown, purpose: string): Promise<T>;
}

/** Signed calls to X API v2, held back while X has announced an exhausted window. */
export function createXClient(env: TXEnv, world: { fetch: TFetch; now: () => Date }): TXClient {
  const gate = createRateGate('X', xPause);
  const fetch = gate.wrap(world.fetch, world.now);
  const creds = { consumerKey: env.X_CONSUMER_KEY, consumerSecret: env.X_CONSUMER_SECRET, token: env.X_ACCESS_TOKEN, tokenSecret: env.X_ACCESS_TOKEN_SECRET };
  const base = env.X_API_URL.replace(/\/+$/, '');
  return {
    async get(path, query, purpose) {
      const now = world.now();
      gate.check(now, purpose);
      const url = `${base}${path}?${new URLSearchParams(query).toString().replace(/\+/g, '%20')}`;
      const authorization = env.X_BEARER_TOKEN ? `Bearer ${env.X_BEARER_TOKEN}` : oauth1Header(creds, 'GET', url, now);
      return callPlatform({ platform: 'x', fetch, method: 'GET', url, headers: { authorization }, now, purpose }, xDialect);
    },
    async post(path, body, purpose) {
      const now = world.now();
      gate.check(now, purpose);
      const url = `${base}${path}`;
      return callPlatform({ platform: 'x', fetch, method: 'POST', url, body, headers: { authorization: oauth1Header(creds, 'POST', url, now) }, now, purpose }, xDialect);
    },
  };
}
