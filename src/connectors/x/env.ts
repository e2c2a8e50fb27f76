import { z } from 'zod';
import { parseEnvGroup, zCron, zOptional as envString } from '../env-group.js';

const requiredSecret = (what: string) => envString.pipe(z.string({ error: `is required (${what})` }).min(8, `must be ${what}`));

/**
 * The X connector's env group. Writes (replies, DMs) need OAuth 1.0a user context of the brand account; the
 * consumer secret also signs Account Activity webhooks. Reads use the app bearer token when given.
 */
export const ZXEnv = z.object({
  X_API_URL: envString.pipe(z.string().url().default('https://api.x.com')),
  /** The brand account's numeric user id: whose mentions to read, and whose own posts to skip. */
  X_USER_ID: envString.pipe(z.string({ error: 'is required (the brand account\'s numeric user id)' }).regex(/^\d{1,20}$/, 'must be the numeric user id of the brand account')),
  X_CONSUMER_KEY: requiredSecret('the app\'s API key (consumer key)'),
  X_CONSUMER_SECRET: requiredSecret('the app\'s API key secret (consumer secret)'),
  X_ACCESS_TOKEN: requiredSecret('the brand account\'s OAuth 1.0a access token'),
  X_ACCESS_TOKEN_SECRET: requiredSecret('the brand account\'s OAuth 1.0a access token secret'),
  /** App-only token for reads (mentions, search); without it reads use the user context too. */
  X_BEARER_TOKEN: envString,
  /** Brand-keyword search (X search syntax, e.g. `acme OR "acme broadband"`); unset: no search poller. */
  X_SEARCH_QUERY: envString.pipe(z.string().max(512, 'must be at most 512 characters (the recent-search query limit)').optional()),
  /** Poll the mentions timeline as well as (or instead of) the webhook. */
  X_POLL_MENTIONS: envString.pipe(z.enum(['true', 'false']).optional()).transform((v) => v !== 'false'),
  /** node-cron schedule for the pollers; the default stays inside the Basic tier's per-15-minute read limits. */
  X_POLL_CRON: zCron('*/2 * * * *'),
});
export type TXEnv = z.infer<typeof ZXEnv>;

/** Variables whose values must never be logged. */
export const X_SECRET_VARS = ['X_CONSUMER_KEY', 'X_CONSUMER_SECRET', 'X_ACCESS_TOKEN', 'X_ACCESS_TOKEN_SECRET', 'X_BEARER_TOKEN'] as const;

/** The X group, or null when X is off (none of its credentials set). */
export function loadXEnv(env: NodeJS.ProcessEnv = process.env): TXEnv | null {
  return parseEnvGroup('X', ZXEnv, ['X_USER_ID', ...X_SECRET_VARS], env);
}
