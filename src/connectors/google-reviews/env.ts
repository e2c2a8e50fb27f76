import { z } from 'zod';
import { parseEnvGroup, zCron, zList } from '../env-group.js';

/** GOOGLE_REVIEWS_* variables. Set GOOGLE_REVIEWS_REFRESH_TOKEN (with the client, account, locations) to switch it on. */
export const ZGoogleReviewsEnv = z.object({
  /** My Business API v4 base; tests point it at a fake. */
  GOOGLE_REVIEWS_API_URL: z.string().url().default('https://mybusiness.googleapis.com/v4'),
  GOOGLE_REVIEWS_TOKEN_URL: z.string().url().default('https://oauth2.googleapis.com/token'),
  GOOGLE_REVIEWS_CLIENT_ID: z.string().regex(/\.apps\.googleusercontent\.com$/, 'must be an OAuth client id ending in .apps.googleusercontent.com'),
  GOOGLE_REVIEWS_CLIENT_SECRET: z.string().min(10, 'must be the OAuth client secret'),
  /** Refresh token of a profile owner or manager, granted scope https://www.googleapis.com/auth/business.manage. */
  GOOGLE_REVIEWS_REFRESH_TOKEN: z.string().min(20, 'must be an OAuth refresh token with the business.manage scope'),
  /** The account id (digits after accounts/). */
  GOOGLE_REVIEWS_ACCOUNT_ID: z.string().regex(/^\d+$/, 'must be the numeric account id (accounts/<id>)'),
  /** Location ids (digits after locations/), comma-separated: one poller each. */
  GOOGLE_REVIEWS_LOCATION_IDS: zList.pipe(z.array(z.string().regex(/^\d+$/, 'each location id must be numeric (locations/<id>)')).min(1, 'must list at least one location id')),
  /** Where staff open reviews (there is no public per-review link in the API). */
  GOOGLE_REVIEWS_LINK_URL: z.string().url().default('https://business.google.com/reviews'),
  GOOGLE_REVIEWS_POLL_CRON: zCron('*/10 * * * *'),
});
export type TGoogleReviewsEnv = z.infer<typeof ZGoogleReviewsEnv>;

/** The Google reviews env group, or null when the connector is off. @throws ConfigError */
export function loadGoogleReviewsEnv(env: NodeJS.ProcessEnv = process.env): TGoogleReviewsEnv | null {
  return parseEnvGroup('Google reviews', ZGoogleReviewsEnv, ['GOOGLE_REVIEWS_CLIENT_ID', 'GOOGLE_REVIEWS_REFRESH_TOKEN', 'GOOGLE_REVIEWS_ACCOUNT_ID', 'GOOGLE_REVIEWS_LOCATION_IDS'], env);
}
