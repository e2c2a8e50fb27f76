import type { TPlatform } from '../../mention.js';
import { callPlatform, type TFetch } from '../platform-http.js';
import { createRateGate } from '../rate-gate.js';
import { graphDialect, graphFetch, metaPause } from './graph-errors.js';

export interface TGraphClient {
  /** A JSON POST to `{META_GRAPH_URL}/{path}` with the page/account token. */
  post<T>(path: string, body: Record<string, unknown>, purpose: string): Promise<T>;
}

/**
 * Graph API calls for one Page or Instagram account. The token travels in the Authorization header, never in
 * the URL, so it cannot leak through URL logs; usage headers hold calls back before Meta throttles them.
 */
export function createGraphClient(cfg: { platform: TPlatform; baseUrl: string; accessToken: string }, world: { fetch: TFetch; now: () => Date }): TGraphClient {
  const gate = createRateGate(cfg.platform === 'instagram' ? 'Instagram' : 'Facebook', metaPause);
  const fetch = gate.wrap(graphFetch(world.fetch), world.now);
  return {
    async post(path, body, purpose) {
      const now = world.now();
      gate.check(now, purpose);
      return callPlatform(
        { platform: cfg.platform, fetch, method: 'POST', url: `${cfg.baseUrl}/${path}`, body, headers: { authorization: `Bearer ${cfg.accessToken}` }, now, purpose },
        graphDialect,
      );
    },
  };
}
