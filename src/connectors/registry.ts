import { ConfigError } from '../config/config-error.js';
import type { TConnector } from './connector.js';
import type { TFetch } from './platform-http.js';
import { createBlueskyConnector } from './bluesky/bluesky-connector.js';
import { loadBlueskyEnv } from './bluesky/env.js';
import { createFacebookConnector, loadFacebookEnv } from './facebook/index.js';
import { createGenericOutbound, loadGenericOutboundEnv } from './generic/generic-outbound.js';
import { createInstagramConnector, loadInstagramEnv } from './instagram/index.js';
import { loadMastodonEnv } from './mastodon/env.js';
import { createMastodonConnector } from './mastodon/mastodon-connector.js';
import { createXConnector, loadXEnv } from './x/index.js';
import { loadRedditEnv } from './reddit/env.js';
import { createRedditConnector } from './reddit/reddit-connector.js';
import { loadYouTubeEnv } from './youtube/env.js';
import { createYouTubeConnector } from './youtube/youtube-connector.js';
import { loadGoogleReviewsEnv } from './google-reviews/env.js';
import { createGoogleReviewsConnector } from './google-reviews/google-reviews-connector.js';

export interface TConnectorWorld {
  fetch: TFetch;
  now: () => Date;
}

/** Each platform: read its env group (null = off) and build the connector. */
const FACTORIES: ((env: NodeJS.ProcessEnv, world: TConnectorWorld) => TConnector | null)[] = [
  (env, w) => mapOrNull(loadXEnv(env), (e) => createXConnector(e, w)),
  (env, w) => mapOrNull(loadFacebookEnv(env), (e) => createFacebookConnector(e, w)),
  (env, w) => mapOrNull(loadInstagramEnv(env), (e) => createInstagramConnector(e, w)),
  (env, w) => mapOrNull(loadRedditEnv(env), (e) => createRedditConnector(e, w)),
  (env, w) => mapOrNull(loadYouTubeEnv(env), (e) => createYouTubeConnector(e, w)),
  (env, w) => mapOrNull(loadGoogleReviewsEnv(env), (e) => createGoogleReviewsConnector(e, w)),
  (env, w) => mapOrNull(loadBlueskyEnv(env), (e) => createBlueskyConnector(e, w)),
  (env, w) => mapOrNull(loadMastodonEnv(env), (e) => createMastodonConnector(e, w)),
  (env, w) => mapOrNull(loadGenericOutboundEnv(env), (e) => createGenericOutbound(e, w)),
];

const mapOrNull = <E, R>(v: E | null, f: (v: E) => R): R | null => (v === null ? null : f(v));

/**
 * The connectors switched on by the environment. A platform whose variables are all unset is never constructed,
 * so it costs nothing; one that is half-configured stops start-up with a ConfigError naming the variables.
 */
export function loadConnectors(env: NodeJS.ProcessEnv, world: TConnectorWorld): TConnector[] {
  return FACTORIES.map((make) => make(env, world)).filter((c): c is TConnector => c !== null);
}

/** Every half-configured connector group at once (for `earshot check-config`), rather than the first one only. */
export function connectorConfigErrors(env: NodeJS.ProcessEnv, world: TConnectorWorld): ConfigError[] {
  const errors: ConfigError[] = [];
  for (const make of FACTORIES) {
    try {
      make(env, world);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      errors.push(err);
    }
  }
  return errors;
}
