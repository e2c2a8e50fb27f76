import { z } from 'zod';
import { zOptional } from '../env-group.js';

const secret = (what: string) => zOptional.pipe(z.string({ error: `is required (${what})` }).min(8, `must be ${what}`));

/** Variables the Facebook and Instagram groups share: one Meta app signs both subscriptions. */
export const META_COMMON = {
  /** Graph API base including its version; Meta supports each version for about two years. */
  META_GRAPH_URL: zOptional.pipe(z.string().url().optional()).transform((v) => (v ?? 'https://graph.facebook.com/v25.0').replace(/\/+$/, '')),
  META_APP_SECRET: secret('the Meta app secret (App settings → Basic), which signs webhook deliveries'),
  META_VERIFY_TOKEN: secret('the verify token you type into the webhook setup, 8+ random characters'),
};

export const metaSecret = secret;

/** A required numeric Graph id. */
export const metaId = (what: string) => zOptional.pipe(z.string({ error: `is required (${what})` }).regex(/^\d+$/, `must be ${what}, digits only`));
