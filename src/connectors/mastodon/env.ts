import { z } from 'zod';
import { parseEnvGroup, zCron, zList } from '../env-group.js';

const HASHTAG = /^[\p{L}\p{N}_]+$/u;

/** MASTODON_* variables. Set MASTODON_ACCESS_TOKEN to switch the connector on. */
export const ZMastodonEnv = z.object({
  /** The instance the brand account lives on; also where tests point a fake. */
  MASTODON_INSTANCE_URL: z.string().url('must be the instance address, e.g. https://mastodon.social'),
  /** An access token of the brand account (scopes read:notifications read:statuses read:accounts write:statuses). */
  MASTODON_ACCESS_TOKEN: z.string().min(20, 'must be the account\'s access token (Preferences → Development → your application)'),
  /** The instance's status length limit (instance API: configuration.statuses.max_characters). */
  MASTODON_MAX_CHARACTERS: z.coerce.number().int().min(1).max(100_000).default(500),
  /** Brand hashtags to follow, without "#": "acme,acmesupport". */
  MASTODON_HASHTAGS: zList.pipe(z.array(z.string().regex(HASHTAG, 'each hashtag must be letters, digits or "_" (no "#")'))),
  MASTODON_POLL_CRON: zCron('* * * * *'),
  MASTODON_SEARCH_CRON: zCron('*/5 * * * *'),
});
export type TMastodonEnv = z.infer<typeof ZMastodonEnv>;

/** The Mastodon env group, or null when the connector is off. @throws ConfigError */
export function loadMastodonEnv(env: NodeJS.ProcessEnv = process.env): TMastodonEnv | null {
  return parseEnvGroup('Mastodon', ZMastodonEnv, ['MASTODON_ACCESS_TOKEN', 'MASTODON_INSTANCE_URL'], env);
}
