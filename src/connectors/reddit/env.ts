import { z } from 'zod';
import { parseEnvGroup, zCron, zList, zOptional } from '../env-group.js';

/** REDDIT_* variables (a "script" app of the brand account). Set REDDIT_CLIENT_ID to switch the connector on. */
export const ZRedditEnv = z.object({
  /** OAuth API host; tests point it at a fake. */
  REDDIT_API_URL: z.string().url().default('https://oauth.reddit.com'),
  /** Token endpoint (password grant for script apps). */
  REDDIT_TOKEN_URL: z.string().url().default('https://www.reddit.com/api/v1/access_token'),
  /** Public site, for links staff open. */
  REDDIT_WEB_URL: z.string().url().default('https://www.reddit.com'),
  REDDIT_CLIENT_ID: z.string().min(10, 'must be the app\'s client id (under the app name at reddit.com/prefs/apps)'),
  REDDIT_CLIENT_SECRET: z.string().min(10, 'must be the app\'s secret'),
  REDDIT_USERNAME: z.string().regex(/^[\w-]{3,20}$/, 'must be the brand account\'s username, without /u/'),
  REDDIT_PASSWORD: z.string().min(1, 'must be the brand account\'s password'),
  /** Reddit requires a unique, descriptive User-Agent; defaults to "earshot/0.1 (by /u/<username>)". */
  REDDIT_USER_AGENT: zOptional,
  /** Subject of private follow-up messages. */
  REDDIT_MESSAGE_SUBJECT: z.string().min(1).max(100).default('Following up on your comment'),
  /** Brand keyword searches over new posts, comma-separated. */
  REDDIT_SEARCH_QUERIES: zList.pipe(z.array(z.string().max(512, 'each search query must be at most 512 characters'))),
  REDDIT_POLL_CRON: zCron('* * * * *'),
  REDDIT_SEARCH_CRON: zCron('*/5 * * * *'),
});
export type TRedditEnv = z.infer<typeof ZRedditEnv>;

/** The Reddit env group, or null when the connector is off. @throws ConfigError */
export function loadRedditEnv(env: NodeJS.ProcessEnv = process.env): TRedditEnv | null {
  return parseEnvGroup('Reddit', ZRedditEnv, ['REDDIT_CLIENT_ID', 'REDDIT_CLIENT_SECRET', 'REDDIT_USERNAME', 'REDDIT_PASSWORD'], env);
}
