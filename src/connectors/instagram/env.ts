import { z } from 'zod';
import { parseEnvGroup } from '../env-group.js';
import { META_COMMON, metaId, metaSecret } from '../meta/meta-env.js';

/**
 * The Instagram group (Instagram API with Facebook Login, on graph.facebook.com): the shared Meta app settings
 * plus the professional account id and the access token of the Page it is linked to.
 */
export const ZInstagramEnv = z.object({
  ...META_COMMON,
  INSTAGRAM_ACCOUNT_ID: metaId('the Instagram professional account id (Graph `{page-id}?fields=instagram_business_account`)'),
  INSTAGRAM_ACCESS_TOKEN: metaSecret('a long-lived token with instagram_basic, instagram_manage_comments, instagram_manage_messages, pages_show_list'),
});
export type TInstagramEnv = z.infer<typeof ZInstagramEnv>;

export const INSTAGRAM_SECRET_VARS = ['META_APP_SECRET', 'META_VERIFY_TOKEN', 'INSTAGRAM_ACCESS_TOKEN'] as const;

/** The Instagram group, or null when Instagram is off (no INSTAGRAM_* variable set). */
export function loadInstagramEnv(env: NodeJS.ProcessEnv = process.env): TInstagramEnv | null {
  return parseEnvGroup('Instagram', ZInstagramEnv, ['INSTAGRAM_ACCOUNT_ID', 'INSTAGRAM_ACCESS_TOKEN'], env);
}
